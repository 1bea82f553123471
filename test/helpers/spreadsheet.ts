/** How spreadsheets read the CSV files Maillage writes, to check that no cell runs as a formula. */
import { parse } from 'csv-parse/sync';

/**
 * The cells a spreadsheet sees in a CSV line, both ways it may read it: RFC 4180 on commas (Google
 * Sheets, LibreOffice), and French Excel's double-click, which splits on `;` and line breaks and
 * reads a quote as quoting only at the start of a cell.
 */
export function spreadsheetCells(csv: string): string[] {
  const rfc = (parse(csv, { relax_column_count: true }) as string[][]).flat();
  const semicolons = csv.split(/[;\r\n]/);
  return [...rfc, ...semicolons];
}

/** OWASP: a cell that starts, after blanks, tabs or quotes a spreadsheet skips, with = + - @. */
export function formulaCell(cell: string): boolean {
  if (/^[+-]?\d+(?:[.,]\d+)?$/.test(cell.trim())) return false;
  return /^[\s"]*[=+\-@]/.test(cell);
}
