import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_ROWS, MAX_AHEAD } from '../../../src/node/sources/csv-worker.js';
import { csvFolderSource, SourceError } from '../../../src/node/sources/index.js';
import { frenchExcelCsv, windows1252 } from '../../helpers/spreadsheet';

const TABS = ['Lieux', 'Permanences', 'Relais', 'Indicateurs', 'Communes', 'Journal'];
let root: string;

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  expect((err as SourceError).exitCode).toBe(2);
  return err as SourceError;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'maillage-csv-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('csvFolderSource', () => {
  it('reads one CSV per tab: BOM, CRLF, quoted multi-line cells, ragged rows; values stay strings', async () => {
    const dir = folder('exemple', {
      'Lieux.csv':
        '\uFEFFid,nom,horaires,note\r\nL1,"Médiathèque ""Le Phare""","lundi 9h-12h\r\nmardi 14h-18h",3.5\r\nL2,,,\r\nL3,Tiers-lieu\r\n',
      'Permanences.csv': 'lieu,début\n2026-03-29,10:00\n',
      'Journal.csv': '',
      'notes.txt': 'pas un onglet',
    });
    const src = csvFolderSource(dir);
    expect(src.label).toBe(`dossier ${dir}`);
    const { workbook, requests } = await src.read(TABS);
    expect(requests).toBe(0);
    expect(Object.keys(workbook).sort()).toEqual(['Journal', 'Lieux', 'Permanences']);
    expect(Array.from(workbook.Lieux!)).toEqual([
      ['id', 'nom', 'horaires', 'note'],
      ['L1', 'Médiathèque "Le Phare"', 'lundi 9h-12h\r\nmardi 14h-18h', '3.5'],
      ['L2', '', '', ''],
      ['L3', 'Tiers-lieu'],
    ]);
    expect(Array.from(workbook.Permanences!)).toEqual([
      ['lieu', 'début'],
      ['2026-03-29', '10:00'],
    ]);
    expect(Array.from(workbook.Journal!)).toEqual([]);
  });

  it('finds a file whose name is in another Unicode form or case', async () => {
    const dir = folder('formes', {
      [`${'Relais été'.normalize('NFD')}.csv`]: 'id\nR1\n',
      'communes.csv': 'code_insee\n87085\n',
    });
    const { workbook } = await csvFolderSource(dir).read(['Relais été', 'Communes']);
    expect(Array.from(workbook['Relais été']!)).toEqual([['id'], ['R1']]);
    expect(Array.from(workbook.Communes!)).toEqual([['code_insee'], ['87085']]);
  });

  it('says when the folder does not exist or is a file', async () => {
    const missing = join(root, 'absent');
    let err = await sourceError(csvFolderSource(missing).read(TABS));
    expect(err.message).toContain(`Le dossier ${missing} est introuvable`);
    expect(err.message).toContain('Lieux.csv');
    const file = join(folder('fichier', { 'Lieux.csv': 'id\n' }), 'Lieux.csv');
    err = await sourceError(csvFolderSource(file).read(TABS));
    expect(err.message).toContain("n'est pas un dossier");
  });

  it('hands rows over as they are parsed, each pass afresh', async () => {
    const dir = folder('passes', { 'Lieux.csv': 'id,nom\nL1,a\nL2,b\n' });
    const rows = (await csvFolderSource(dir).read(['Lieux'])).workbook.Lieux!;
    const iterator = rows[Symbol.iterator]();
    expect(iterator.next().value).toEqual(['id', 'nom']);
    expect(Array.from(rows)).toEqual([
      ['id', 'nom'],
      ['L1', 'a'],
      ['L2', 'b'],
    ]);
    expect(Array.from(rows)).toHaveLength(3);
  });

  it('reads files as French Excel saves them: semicolons, Windows-1252, BOM, CRLF, decimal commas', async () => {
    const readAll = async (dir: string) =>
      Array.from((await csvFolderSource(dir).read(['Lieux'])).workbook.Lieux!);
    const rows = [
      ['id', 'nom', 'latitude', 'note'],
      ['L1', 'Médiathèque « Œuvre » – l’été', '45.8336', 'a; b, "c"'],
      ['L2', '€ 5', '-1.25', ''],
    ];
    const expected = [
      ['id', 'nom', 'latitude', 'note'],
      ['L1', 'Médiathèque « Œuvre » – l’été', '45,8336', 'a; b, "c"'],
      ['L2', '€ 5', '-1,25', ''],
    ];
    const cp1252 = folder('excel-1252', { 'Lieux.csv': frenchExcelCsv(rows, 'windows-1252') });
    expect(await readAll(cp1252)).toEqual(expected);
    const utf8 = folder('excel-utf8', { 'Lieux.csv': frenchExcelCsv(rows, 'utf-8') });
    expect(await readAll(utf8)).toEqual(expected);
    // Comma-separated Windows-1252 (an older export) and a header with a comma in a quoted name.
    const commas = folder('virgules-1252', {
      'Lieux.csv': windows1252('id,"nom, usuel",note\r\nL1,Médiathèque,a;b\r\n'),
    });
    expect(await readAll(commas)).toEqual([
      ['id', 'nom, usuel', 'note'],
      ['L1', 'Médiathèque', 'a;b'],
    ]);
  });

  it('refuses a file in no encoding it can read, with the recipe, and a broken quote', async () => {
    const utf16 = folder('utf16', {
      'Lieux.csv': Buffer.from('\uFEFFid\tnom\r\nL1\tMédiathèque\r\n', 'utf16le'),
    });
    let err = await sourceError(csvFolderSource(utf16).read(['Lieux']));
    expect(err.message).toMatch(/n'est ni en UTF-8 ni en Windows-1252/);
    expect(err.message).toContain('Lieux.csv');
    expect(err.message).toContain('« CSV UTF-8 (délimité par des virgules) (*.csv) »');

    // Rows are parsed as they are read: the error comes when the reader reaches the faulty line.
    const readAll = async (dir: string) =>
      Array.from((await csvFolderSource(dir).read(['Lieux'])).workbook.Lieux!);

    const quote = folder('guillemet', { 'Lieux.csv': 'id,nom\nL1,ok\nL2,"pas fermé\n' });
    err = await sourceError(readAll(quote));
    expect(err.message).toMatch(
      /Lieux\.csv, ligne \d+ est illisible : un guillemet ouvert n'est jamais refermé/,
    );
  });
});

// The worker is the built one (npm test builds first), as the command line runs it.
const WORKER = new URL('../../../dist/node/csv-worker.js', import.meta.url);

/** The Lieux rows read with the worker (every file goes to it) and without it. */
async function bothWays(dir: string): Promise<[unknown[], unknown[]]> {
  const viaWorker = (await csvFolderSource(dir, { workerUrl: WORKER, workerMinBytes: 0 }).read(['Lieux']))
    .workbook.Lieux!;
  const inThread = (await csvFolderSource(dir, { workerMinBytes: Number.POSITIVE_INFINITY }).read(['Lieux']))
    .workbook.Lieux!;
  return [Array.from(viaWorker), Array.from(inThread)];
}

function failure(dir: string): Promise<SourceError> {
  return sourceError(
    csvFolderSource(dir, { workerUrl: WORKER, workerMinBytes: 0 })
      .read(['Lieux'])
      .then(({ workbook }) => Array.from(workbook.Lieux!)),
  );
}

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

  it('reports a broken quote with its line and a file in no readable encoding, like the in-thread parser', async () => {
    const lines = ['id,nom', ...Array.from({ length: 2500 }, (_, i) => `L${i},ok`), 'L9,"pas fermé', 'L10,x'];
    let err = await failure(folder('guillemet', { 'Lieux.csv': lines.join('\n') }));
    expect(err.message).toMatch(
      /Lieux\.csv, ligne 2502 est illisible : un guillemet ouvert n'est jamais refermé/,
    );
    err = await failure(folder('utf16', { 'Lieux.csv': Buffer.from('\uFEFFid\tnom\r\n', 'utf16le') }));
    expect(err.message).toMatch(/n'est ni en UTF-8 ni en Windows-1252/);
  });

  it('reads French Excel files (semicolons, Windows-1252) as the in-thread parser does', async () => {
    const rows = [['id', 'nom', 'latitude']];
    for (let i = 0; i < BATCH_ROWS + 5; i++) rows.push([`L${i}`, `Médiathèque n° ${i} – l’été`, `45.${i}`]);
    for (const kind of ['windows-1252', 'utf-8'] as const) {
      const [viaWorker, inThread] = await bothWays(
        folder(`excel-${kind}`, { 'Lieux.csv': frenchExcelCsv(rows, kind) }),
      );
      expect(viaWorker).toEqual(inThread);
      expect(viaWorker[1]).toEqual(['L0', 'Médiathèque n° 0 – l’été', '45,0']);
      expect(viaWorker).toHaveLength(rows.length);
    }
  });
});
