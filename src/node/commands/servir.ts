import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type Environment, EXIT, UsageError } from '../environment';
import type { Command } from './command';

export const DEFAULT_PORT = 8087;

/** Content types of what `publier` writes and of the map's files. */
export const CONTENT_TYPES: Record<string, string> = {
  '.geojson': 'application/geo+json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/(geo\+)?json|application\/javascript|image\/svg\+xml)/;

interface Representation {
  body: Buffer;
  etag: string;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  type: string;
  identity: Representation;
  gzip?: Representation;
}

function etagOf(body: Buffer, suffix = ''): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}${suffix}"`;
}

/** If-None-Match matches (weak comparison, RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip' && coding?.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * A static server for the output folder, answering as a production host should: right content
 * types, CORS for any site, strong ETags with 304, five minutes of cache, gzip. Dotfiles (the
 * publisher's lock and temporary folders) and anything outside the folder are never served.
 */
export function createStaticServer(root: string): Server {
  const base = resolve(root);
  const cache = new Map<string, CachedFile>();

  async function load(path: string): Promise<CachedFile | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      return null;
    }
    if (info.isDirectory()) return load(join(path, 'index.html'));
    if (!info.isFile()) return null;
    const real = await realpath(path);
    const realBase = await realpath(base).catch(() => base);
    if (real !== realBase && !real.startsWith(realBase + sep)) return null;
    const hit = cache.get(real);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(real);
    const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    const entry: CachedFile = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      type,
      identity: { body, etag: etagOf(body) },
    };
    if (COMPRESSIBLE.test(type) && body.length > 256) {
      const gz = gzipSync(body);
      entry.gzip = { body: gz, etag: etagOf(body, '-gz') };
    }
    cache.set(real, entry);
    return entry;
  }

  function resolvePath(url: string | undefined): string | null {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
    } catch {
      return null;
    }
    if (pathname.includes('\0') || pathname.includes('\\')) return null;
    const parts = pathname.split('/').filter((p) => p !== '');
    if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
    const full = resolve(base, ...parts);
    return full === base || full.startsWith(base + sep) ? full : null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'If-None-Match',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD, OPTIONS', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Méthode non permise.\n');
      return;
    }
    const path = resolvePath(req.url);
    // A folder asked without its final slash (`/carte`): its page's relative links would point one
    // level up (a blank map), so the browser is sent to `/carte/`, as static hosts do.
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (path && path !== base && !url.pathname.endsWith('/')) {
      const info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        res.writeHead(301, {
          Location: `${url.pathname}/${url.search}`,
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'public, max-age=300',
        });
        res.end(req.method === 'HEAD' ? undefined : `Déplacé vers ${url.pathname}/\n`);
        return;
      }
    }
    const file = path ? await load(path) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : 'Introuvable.\n');
      return;
    }
    const gzip = file.gzip && acceptsGzip(req.headers['accept-encoding']) ? file.gzip : undefined;
    const rep = gzip ?? file.identity;
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      ETag: rep.etag,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    };
    if (file.gzip) headers.Vary = 'Accept-Encoding';
    if (gzip) headers['Content-Encoding'] = 'gzip';
    if (matches(req.headers['if-none-match'], rep.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['Content-Length'] = String(rep.body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : rep.body);
  }

  return createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Erreur du serveur.\n');
    });
  });
}

function waitForStop(environment: Environment): Promise<void> {
  if (environment.stopSignal) return environment.stopSignal;
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const servir: Command = {
  help: `Usage : maillage servir [--port N] [--sortie <dossier>]

Sert le dossier publié par « maillage publier » sur http://127.0.0.1:N/ avec les en-têtes d'un
hébergement de production : Content-Type application/geo+json (text/calendar pour le calendrier,
text/csv pour le fichier national), Access-Control-Allow-Origin: *, ETag fort et réponse 304,
Cache-Control: public, max-age=300, compression gzip. Ctrl+C pour arrêter.

Options :
  --port N             port d'écoute (défaut : ${DEFAULT_PORT} ; 0 pour un port libre)
  --sortie <dossier>   dossier à servir (défaut : public/)`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, sortie: { type: 'string' } },
      strict: true,
    });
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port « ${values.port} » : indiquez un numéro de port entre 0 et 65535.`);
    }
    const root = resolve(environment.cwd, values.sortie ?? 'public');
    try {
      if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new UsageError(
        `Le dossier ${root} n'existe pas : lancez d'abord « maillage publier » (ou indiquez --sortie).`,
      );
    }
    const server = createStaticServer(root);
    try {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => ok());
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'EADDRINUSE'
          ? `Le port ${port} est déjà utilisé : choisissez-en un autre avec --port.`
          : `Impossible d'écouter sur le port ${port} (${code ?? (error as Error).message}).`,
      );
    }
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const hasMap = await stat(join(root, 'carte')).then(
      (s) => s.isDirectory(),
      () => false,
    );
    environment.out(`Dossier ${root} servi sur ${url}`);
    if (hasMap) environment.out(`Carte : ${url}carte/`);
    else
      environment.out(
        'Pas de carte dans ce dossier (construisez-la avec « npm run build » puis relancez « maillage publier »).',
      );
    environment.out(
      `Flux : ${url}lieux.geojson · ${url}permanences.ics · ${url}lieux-de-mediation-numerique.csv`,
    );
    environment.out('Ctrl+C pour arrêter.');
    await waitForStop(environment);
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
    return EXIT.ok;
  },
};
