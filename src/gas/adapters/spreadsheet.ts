/**
 * SpreadsheetApp behind a few small functions. Every read is one call for a whole range, every write
 * one call per range: the number of calls never depends on the number of rows.
 */
import { isBlank } from '../../core/cells';
import { TABS, type TabName } from '../../core/model';

export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Range = GoogleAppsScript.Spreadsheet.Range;
export type Cells = unknown[][];

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The model tab a sheet name designates (case and surrounding spaces ignored), if any. */
export function tabOfName(name: string): TabName | null {
  const wanted = name.trim().toLowerCase();
  return (Object.keys(TABS) as TabName[]).find((t) => t.toLowerCase() === wanted) ?? null;
}

export function sheetOf(ss: Spreadsheet, tab: TabName): Sheet | null {
  return ss.getSheetByName(tab);
}

/** Every value of a sheet, from A1 to the last row and column with content (one call); [] when empty. */
export function readAll(sheet: Sheet): Cells {
  try {
    return sheet.getSheetValues(1, 1, -1, -1) as Cells;
  } catch {
    // An empty sheet has no last row: there is nothing to read.
    return [];
  }
}

/** The header row up to the last column with content (one call); [] when the sheet is empty. */
export function readHeader(sheet: Sheet): unknown[] {
  try {
    return (sheet.getSheetValues(1, 1, 1, -1)[0] ?? []) as unknown[];
  } catch {
    return [];
  }
}

/** Writes a rectangle of values at (row, column), 1-based; nothing when empty. */
export function writeBlock(sheet: Sheet, row: number, column: number, values: Cells): void {
  if (values.length === 0 || (values[0]?.length ?? 0) === 0) return;
  sheet.getRange(row, column, values.length, values[0]!.length).setValues(values);
}

/**
 * Writes rows below the sheet's last row with content as it stands now, not as the caller read it:
 * the last row is asked again just before the write (2 calls, 3 when the grid must grow), so that a
 * row someone typed at the bottom since is never overwritten. Returns the first row written.
 */
export function appendRows(sheet: Sheet, lastRead: number, rows: Cells): number {
  const first = Math.max(lastRead, sheet.getLastRow()) + 1;
  const last = first + rows.length - 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < last) sheet.insertRowsAfter(maxRows, last - maxRows);
  writeBlock(sheet, first, 1, rows);
  return first;
}

/** Rows numbered from 1 (the header) with their cells, blank rows included. */
export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isBlank);
}

/**
 * A string Sheets would turn into a formula when written (a value typed as `'=…`, or text from a
 * form): kept as text with the leading quote Sheets uses for that.
 */
export function safeText(value: unknown): unknown {
  return typeof value === 'string' && value.startsWith('=') ? `'${value}` : value;
}

/**
 * Text written by a script as text: Sheets reads a written string as if typed (« 0555 » becomes a
 * number, « 2026-01-05 » a date, « =A1 » a formula), so a string it would read as something else
 * gets the apostrophe that keeps it as typed (not shown, not part of the value). A cell formatted
 * as plain text (`@`) keeps any string as it is, and would keep the apostrophe too: none there.
 */
export function asText(value: unknown, numberFormat = ''): unknown {
  if (typeof value !== 'string' || numberFormat === '@') return value;
  const t = value.trim();
  return /^['=+\-\d.,(]/.test(t) || /%$/.test(t) || /^(true|false|vrai|faux)$/i.test(t) ? `'${value}` : value;
}

/** Link to one row of a sheet. */
export function rowLink(ss: Spreadsheet, sheet: Sheet, row: number): string {
  return `${ss.getUrl()}#gid=${sheet.getSheetId()}&range=A${row}`;
}
