import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { instantOfWallClock } from '../../../src/core/calendar/wall-clock';
import { SourceError, xlsxFileSource } from '../../../src/node/sources/index.js';

let root: string;
let file: string;

/** A wall clock as .xlsx files hold it: no zone, encoded in the UTC fields. */
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi));

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maillage-xlsx-'));
  file = join(root, 'maillage.xlsx');
  // Shaped like Google Sheets' File > Download > .xlsx: one sheet per tab, dates with a date format.
  await writeXlsxFile([
    {
      sheet: 'Lieux',
      data: [
        ['id', 'nom', 'note', 'actif', 'code_insee'],
        ['L1', 'Médiathèque', 3.5, true, '87085'],
        ['L2', null, 12, false, null],
      ],
    },
    {
      sheet: 'Permanences',
      data: [
        ['lieu', 'début', 'jour', 'heure'],
        [
          'L1',
          { value: wall(2026, 3, 29, 10), format: 'dd/mm/yyyy hh:mm' },
          { value: wall(2026, 3, 29), format: 'dd/mm/yyyy' },
          { value: wall(1899, 12, 30, 14, 30), format: 'hh:mm' },
        ],
      ],
    },
    { sheet: "Relais d'été", data: [['id'], ['R1']] },
  ]).toFile(file);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('xlsxFileSource', () => {
  it('reads one sheet per tab; strings, numbers and booleans pass through, empty cells become ""', async () => {
    const src = xlsxFileSource(file);
    expect(src.label).toBe(`fichier ${file}`);
    const { workbook, requests } = await src.read(['Lieux', 'Permanences', "Relais d'été", 'Journal']);
    expect(requests).toBe(0);
    expect(Object.keys(workbook)).toEqual(['Lieux', 'Permanences', "Relais d'été"]);
    expect(workbook.Lieux).toEqual([
      ['id', 'nom', 'note', 'actif', 'code_insee'],
      ['L1', 'Médiathèque', 3.5, true, '87085'],
      ['L2', '', 12, false, ''],
    ]);
    expect(workbook["Relais d'été"]).toEqual([['id'], ['R1']]);
  });

  it('gives date cells as the instant their wall clock shows in Europe/Paris, as Apps Script does', async () => {
    const { workbook } = await xlsxFileSource(file).read(['Permanences']);
    const [, [, start, day, time]] = workbook.Permanences as [unknown[], unknown[]];
    expect(start).toBeInstanceOf(Date);
    // 2026-03-29 is the spring change: 10:00 is CEST (UTC+2).
    expect((start as Date).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // Midnight of the same day is still CET (UTC+1).
    expect((day as Date).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const paris = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(paris.format(time as Date)).toBe('14:30');
  });

  it('says when the file is missing or not an .xlsx workbook', async () => {
    const missing = join(root, 'absent.xlsx');
    let err = await sourceError(xlsxFileSource(missing).read(['Lieux']));
    expect(err.message).toContain(`Le fichier ${missing} est introuvable`);
    expect(err.exitCode).toBe(2);
    const text = join(root, 'faux.xlsx');
    writeFileSync(text, 'id,nom\nL1,Médiathèque\n');
    err = await sourceError(xlsxFileSource(text).read(['Lieux']));
    expect(err.message).toContain("n'est pas un classeur .xlsx lisible");
    expect(err.message).toContain('Fichier > Télécharger > Microsoft Excel (.xlsx)');
  });
});

describe('instantOfWallClock', () => {
  it('resolves daylight-saving gaps forward and overlaps to the first instant', () => {
    const tz = 'Europe/Paris';
    expect(instantOfWallClock(wall(2026, 1, 15, 9), tz).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(instantOfWallClock(wall(2026, 7, 15, 9), tz).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    // 02:30 does not exist on 2026-03-29: moved forward by the hour skipped (03:30 CEST).
    expect(instantOfWallClock(wall(2026, 3, 29, 2, 30), tz).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: the first one (CEST).
    expect(instantOfWallClock(wall(2026, 10, 25, 2, 30), tz).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
