/** Test helpers: the sample workbook as the different sources deliver it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import writeXlsxFile from 'write-excel-file/node';
import { isoDateToSerial, toIsoDate, toTime } from '../../src/core/cells';
import { TABS, type TabName } from '../../src/core/model';
import type { RawWorkbook } from '../../src/core/read-context';
import { matchHeaders } from '../../src/core/read-table';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SAMPLE_DIR = join(ROOT, 'sheets-templates/exemple');

export function readCsvFolder(dir: string): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.csv')) continue;
    out[file.slice(0, -4)] = parse(readFileSync(join(dir, file)), { bom: true, relax_column_count: true });
  }
  return out;
}

/**
 * The sample workbook as an .xlsx file (one sheet per tab, blank cells left empty), at `path`,
 * without the tabs named in `without`.
 */
export async function writeSampleXlsx(path: string, without: readonly string[] = []): Promise<void> {
  await writeXlsxFile(
    Object.entries(readCsvFolder(SAMPLE_DIR))
      .filter(([sheet]) => !without.includes(sheet))
      .map(([sheet, data]) => ({ sheet, data: data.map((row) => row.map((v) => (v === '' ? null : v))) })),
  ).toFile(path);
}

export function sampleWorkbook(): Record<string, string[][]> {
  return readCsvFolder(SAMPLE_DIR);
}

type CellMapper = (value: string, type: string, key: string) => unknown;

function mapCells(raw: Record<string, string[][]>, mapper: CellMapper): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const [tab, rows] of Object.entries(raw)) {
    const def = TABS[tab as TabName];
    const { columnIndex } = matchHeaders(tab as TabName, rows[0] ?? []);
    const types = new Map<number, [string, string]>();
    for (const col of def.columns) {
      const i = columnIndex[col.key];
      if (i !== undefined) types.set(i, [col.type, col.key]);
    }
    out[tab] = rows.map((row, r) =>
      r === 0 ? [...row] : row.map((v, i) => (types.has(i) ? mapper(v, ...types.get(i)!) : v)),
    );
  }
  return out;
}

/** What a number-typed cell becomes once Sheets has parsed it. */
function numeric(value: string, type: string): unknown {
  if (value === '') return value;
  if (type === 'phone' && /^0\d( ?\d\d){4}$/.test(value)) return Number(value.replace(/\s/g, ''));
  if ((type === 'postcode' || type === 'insee') && /^\d{5}$/.test(value)) return Number(value);
  if (type === 'pivot' && /^\d{14}$/.test(value)) return Number(value);
  if (['integer', 'number', 'latitude', 'longitude'].includes(type)) return Number(value);
  if (type === 'boolean') return value === 'oui';
  return value;
}

function midnight(iso: string): Date {
  // Local midnight in Europe/Paris as a Date (what Apps Script's getValues gives for a date cell).
  const utc = new Date(`${iso}T00:00:00Z`);
  for (const offset of [1, 2]) {
    const d = new Date(utc.getTime() - offset * 3_600_000);
    if (toIsoDate(d) === iso && toTime(d) === '00:00') return d;
  }
  throw new Error(`no Paris midnight for ${iso}`);
}

/** Cells as Apps Script's getValues() gives them: Date objects, numbers, booleans. */
export function asAppsScript(raw: Record<string, string[][]>): Record<string, unknown[][]> {
  return mapCells(raw, (value, type) => {
    if (value === '') return '';
    if (type === 'date') return midnight(toIsoDate(value)!);
    if (type === 'time') {
      const [h, m] = toTime(value)!.split(':').map(Number) as [number, number];
      // 1899-12-30 in Paris local mean time (+00:09:21).
      return new Date(Date.UTC(1899, 11, 30, h, m) - (9 * 60 + 21) * 1000);
    }
    return numeric(value, type);
  });
}

/** Cells as the Sheets API gives them with UNFORMATTED_VALUE + SERIAL_NUMBER: serials, ragged rows. */
export function asSheetsApi(raw: Record<string, string[][]>): Record<string, unknown[][]> {
  const mapped = mapCells(raw, (value, type) => {
    if (value === '') return '';
    if (type === 'date') return isoDateToSerial(toIsoDate(value)!);
    if (type === 'time') {
      const [h, m] = toTime(value)!.split(':').map(Number) as [number, number];
      return (h * 60 + m) / 1440;
    }
    return numeric(value, type);
  });
  for (const rows of Object.values(mapped)) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      while (row.length && row[row.length - 1] === '') row.pop();
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  }
  return mapped;
}

/** The same tab with its columns in reverse order and an unknown column added. */
export function reordered(raw: Record<string, string[][]>): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const [tab, rows] of Object.entries(raw)) {
    out[tab] = rows.map((row, r) => [r === 0 ? 'Colonne perso' : `note ${r}`, ...[...row].reverse()]);
  }
  return out;
}

export function asRaw(raw: Record<string, unknown[][]>): RawWorkbook {
  return raw;
}
