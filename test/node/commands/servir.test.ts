import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/node/cli';
import type { Environment } from '../../../src/node/environment';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function fetchRaw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw request line, so that `..` is not normalised away by the client. */
function rawPath(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = get({ hostname, port, path }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
  });
}

let root: string;
let base: string;
let stop: () => void;
let served: Promise<number>;
const out: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maillage-servir-'));
  const publicDir = join(root, 'public');
  const environment: Environment = {
    env: {},
    cwd: root,
    isTTY: false,
    now: () => new Date('2026-11-28T09:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => out.push(l),
  };
  const published = await main(['publier', '--sortie', 'public', '--date', '2026-11-28'], environment);
  expect(published).toBe(0);
  mkdirSync(join(publicDir, 'carte'), { recursive: true });
  writeFileSync(join(publicDir, 'carte/index.html'), '<!doctype html><title>Carte</title>');
  writeFileSync(join(publicDir, '.maillage.lock'), 'secret');
  writeFileSync(join(root, 'outside.txt'), 'hors du dossier');
  environment.stopSignal = new Promise<void>((resolve) => {
    stop = resolve;
  });
  out.length = 0;
  served = main(['servir', '--port', '0', '--sortie', 'public'], environment);
  for (let i = 0; i < 100 && !out.some((l) => l.includes('http://')); i++)
    await new Promise((r) => setTimeout(r, 20));
  base = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out.join('\n'))![1]!;
});

afterAll(async () => {
  stop();
  expect(await served).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe('maillage servir', () => {
  it('prints the map’s local URL and the feeds', () => {
    expect(out.join('\n')).toContain(`Carte : ${base}carte/`);
    expect(out.join('\n')).toContain(`${base}lieux.geojson`);
  });

  it('serves each output with its content type, CORS and cache headers', async () => {
    const types: Record<string, string> = {
      'lieux.geojson': 'application/geo+json; charset=utf-8',
      'permanences.ics': 'text/calendar; charset=utf-8',
      'lieux-de-mediation-numerique.csv': 'text/csv; charset=utf-8',
      'rapport.json': 'application/json; charset=utf-8',
      'carte/': 'text/html; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const r = await fetchRaw(`${base}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toBe(type);
      expect(r.headers['access-control-allow-origin']).toBe('*');
      expect(r.headers['cache-control']).toBe('public, max-age=300');
      expect(r.headers.etag).toMatch(/^"[^"]+"$/); // strong
    }
    const feed = await fetchRaw(`${base}lieux.geojson`);
    expect(feed.body.equals(readFileSync(join(root, 'public/lieux.geojson')))).toBe(true);
    expect(Number(feed.headers['content-length'])).toBe(feed.body.length);
  });

  it('sends a folder asked without its slash to the folder (the map’s relative links work)', async () => {
    const r = await fetchRaw(`${base}carte?flux=x`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/carte/?flux=x');
    expect((await fetchRaw(`${base}carte/`)).status).toBe(200);
    expect((await fetchRaw(`${base}absent`)).status).toBe(404);
    expect((await fetchRaw(`${base}lieux.geojson`)).status).toBe(200);
  });

  it('answers If-None-Match with 304 and a changed file with a new ETag', async () => {
    const first = await fetchRaw(`${base}permanences.ics`);
    const again = await fetchRaw(`${base}permanences.ics`, { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=300');
    const other = await fetchRaw(`${base}permanences.ics`, { 'If-None-Match': '"autre", W/"encore"' });
    expect(other.status).toBe(200);
    writeFileSync(join(root, 'public/rapport.json'), '{"change":true}\n');
    const r1 = await fetchRaw(`${base}rapport.json`);
    writeFileSync(join(root, 'public/rapport.json'), '{"change":"encore"}\n');
    const r2 = await fetchRaw(`${base}rapport.json`, { 'If-None-Match': r1.headers.etag! });
    expect(r2.status).toBe(200);
    expect(r2.headers.etag).not.toBe(r1.headers.etag);
  });

  it('compresses with gzip when the client accepts it, with its own ETag', async () => {
    const plain = await fetchRaw(`${base}lieux.geojson`);
    const gz = await fetchRaw(`${base}lieux.geojson`, { 'Accept-Encoding': 'br, gzip;q=0.8' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const notModified = await fetchRaw(`${base}lieux.geojson`, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': gz.headers.etag!,
    });
    expect(notModified.status).toBe(304);
    const refused = await fetchRaw(`${base}lieux.geojson`, { 'Accept-Encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD and CORS preflight, refuses other methods', async () => {
    const head = await fetchRaw(`${base}lieux.geojson`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await fetchRaw(`${base}lieux.geojson`, {}, 'OPTIONS')).status).toBe(204);
    expect((await fetchRaw(`${base}lieux.geojson`, {}, 'POST')).status).toBe(405);
  });

  it('serves nothing outside the folder and no dotfile', async () => {
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/carte/..%2f..%2foutside.txt',
      '/.maillage.lock',
      '/%2emaillage.lock',
      '/absent.json',
      '/..%5coutside.txt',
    ]) {
      expect(await rawPath(base, path), path).toBe(404);
    }
  });
});
