/**
 * A loopback HTTP server for the map's browser tests and bench: `/carte/` serves dist/web/carte (the
 * built map), everything else comes from what the test put there (feeds, communes.json, the
 * calendar, host pages). 127.0.0.1 only, on a free port.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createStaticServer } from '../../src/node/commands/servir';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DIST_WEB = join(ROOT, 'dist/web/carte');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface Route {
  status?: number;
  body: string | Buffer;
  type?: string;
  /** Milliseconds to wait before answering. */
  delay?: number;
}

export interface TestServer {
  url: string;
  /** The folder served under /carte/. */
  root: string;
  /** Serves `body` at `path` (replacing what was there). */
  set(path: string, route: Route | string): void;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

const BUILT = ['carte.js', 'carte.css', 'horaires-osm.js', 'index.html'];

/** Fails early, in French and English, when the map was not built. */
export function assertBuilt() {
  if (!BUILT.every((f) => existsSync(join(DIST_WEB, f)))) {
    throw new Error('dist/web/carte/ is missing: run `npm run build` first (la carte n’est pas construite).');
  }
}

/**
 * A private copy of dist/web/carte for one test file, so that a build running meanwhile (which empties
 * dist/web first) cannot pull the map from under the browser. Waits a little for such a build.
 */
export async function snapshotDist(): Promise<string> {
  for (let i = 0; i < 60 && !BUILT.every((f) => existsSync(join(DIST_WEB, f))); i++) {
    await new Promise((r) => setTimeout(r, 500));
  }
  assertBuilt();
  const copy = await mkdtemp(join(tmpdir(), 'maillage-carte-'));
  await cp(DIST_WEB, copy, { recursive: true });
  return copy;
}

export interface ServerOptions {
  /** Compress answers with gzip when the browser accepts it, as a web host does (the bench). */
  gzip?: boolean;
}

/** Serves a snapshot of dist/web/carte (or `root`) under /carte/. */
export async function startServer(root?: string, options: ServerOptions = {}): Promise<TestServer> {
  const served = root ?? (await snapshotDist());
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    requests.push(path);
    const route = routes.get(path);
    const gzip = options.gzip === true && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const send = (status: number, type: string, body: string | Buffer) => {
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      if (gzip && !type.startsWith('image/')) headers['content-encoding'] = 'gzip';
      res.writeHead(status, headers);
      res.end(headers['content-encoding'] ? gzipSync(body) : body);
    };
    if (route) {
      if (route.delay) await new Promise((r) => setTimeout(r, route.delay));
      send(
        route.status ?? 200,
        route.type ?? TYPES[extname(path)] ?? 'text/plain; charset=utf-8',
        route.body,
      );
      return;
    }
    if (path === '/carte' || path.startsWith('/carte/')) {
      let relative = path.slice('/carte'.length) || '/';
      if (relative.endsWith('/')) relative += 'index.html';
      const file = normalize(join(served, relative));
      if (file.startsWith(served) && existsSync(file)) {
        try {
          send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
          return;
        } catch {
          // fall through to 404
        }
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Introuvable');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    root: served,
    requests,
    set(path, route) {
      routes.set(path, typeof route === 'string' ? { body: route } : route);
    },
    close: async () => {
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      if (!root) await rm(served, { recursive: true, force: true });
    },
  };
}

/** A published folder served as `maillage servir` serves it, on a free loopback port. */
export async function servePublished(folder: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createStaticServer(folder);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
