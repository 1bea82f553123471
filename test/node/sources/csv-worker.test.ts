import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_ROWS, MAX_AHEAD } from '../../../src/node/sources/csv-worker.js';
import { csvFolderSource, SourceError } from '../../../src/node/sources/index.js';

// The worker is the built one (npm test builds first), as the command line runs it.
const WORKER = new URL('../../../dist/node/csv-worker.js', import.meta.url);
let root: string;

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** The Lieux rows read with the worker (every file goes to it) and without it. */
async function bothWays(dir: string): Promise<[unknown[], unknown[]]> {
  const viaWorker = (await csvFolderSource(dir, { workerUrl: WORKER, workerMinBytes: 0 }).read(['Lieux']))
    .workbook.Lieux!;
  const inThread = (await csvFolderSource(dir, { workerMinBytes: Number.POSITIVE_INFINITY }).read(['Lieux']))
    .workbook.Lieux!;
  return [Array.from(viaWorker), Array.from(inThread)];
}

async function failure(dir: string): Promise<SourceError> {
  const rows = (await csvFolderSource(dir, { workerUrl: WORKER, workerMinBytes: 0 }).read(['Lieux'])).workbook
    .Lieux!;
  let caught: unknown;
  try {
    Array.from(rows);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SourceError);
  return caught as SourceError;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'maillage-csv-worker-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('large CSV tabs parsed by a worker thread', () => {
  it('gives the same rows as the in-thread parser, across many batches and its flow control', async () => {
    const count = BATCH_ROWS * (MAX_AHEAD + 3) + 17;
    // Columns: unique (id), repeated (horaires), repeated at first then over 4,096 distinct texts
    // (commune): the worker sends repeated texts once, then by number; all must come back as is.
    const rows = [['id', 'nom', 'horaires', 'note', 'commune']];
    for (let i = 0; i < count; i++) {
      rows.push([
        `L${i}`,
        i % 7 === 0 ? `Médiathèque "${i}", 🚌` : `Lieu ${i}`,
        i % 5 === 0 ? 'Mo 09:00-12:00,14:00-17:00' : '',
        i % 3 === 0 ? 'ligne 1\nligne 2' : '',
        i < 2000 ? 'Aixe-sur-Vienne' : `Commune ${i}`,
      ]);
    }
    const dir = folder('grand', {
      'Lieux.csv': `\uFEFF${stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`,
    });
    const [viaWorker, inThread] = await bothWays(dir);
    expect(viaWorker).toHaveLength(count + 1);
    expect(viaWorker).toEqual(inThread);
    expect(viaWorker).toEqual(rows);
  });

  it('starts afresh on each pass and stops when the reader stops early', async () => {
    const dir = folder('passes', { 'Lieux.csv': 'id,nom\nL1,a\nL2,b\n' });
    const rows = (await csvFolderSource(dir, { workerUrl: WORKER, workerMinBytes: 0 }).read(['Lieux']))
      .workbook.Lieux!;
    const early = rows[Symbol.iterator]();
    expect(early.next().value).toEqual(['id', 'nom']);
    expect(early.return?.()).toEqual({ done: true, value: undefined });
    expect(early.next()).toEqual({ done: true, value: undefined });
    expect(Array.from(rows)).toEqual([
      ['id', 'nom'],
      ['L1', 'a'],
      ['L2', 'b'],
    ]);
    expect(Array.from(rows)).toHaveLength(3);
  });

  it('reports a broken quote with its line, a file not in UTF-8 and semicolons, like the in-thread parser', async () => {
    const lines = ['id,nom', ...Array.from({ length: 2500 }, (_, i) => `L${i},ok`), 'L9,"pas fermé', 'L10,x'];
    let err = await failure(folder('guillemet', { 'Lieux.csv': lines.join('\n') }));
    expect(err.message).toMatch(
      /Lieux\.csv, ligne 2502 est illisible : un guillemet ouvert n'est jamais refermé/,
    );
    err = await failure(folder('latin1', { 'Lieux.csv': Buffer.from('id,nom\nL1,Médiathèque\n', 'latin1') }));
    expect(err.message).toMatch(/n'est pas encodé en UTF-8/);
    err = await failure(folder('points-virgules', { 'Lieux.csv': 'id;nom\nL1;Médiathèque\n' }));
    expect(err.message).toMatch(/point-virgule/);
  });
});
