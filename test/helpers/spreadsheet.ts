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

/** Windows-1252 as Python's codec defines it, byte -> text: the 0x80-0x9F block differs from Latin-1. */
const HIGH_1252 = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';

/** `text` in Windows-1252, a character it lacks written `?` (as Excel does). */
export function windows1252(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const high = HIGH_1252.indexOf(ch);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else if (high >= 0 && ch !== '\u0000') out.push(0x80 + high);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

/**
 * Rows as French Excel saves them: `;` between cells, CRLF, quotes only where needed, dates as
 * JJ/MM/AAAA and decimal commas; « CSV (séparateur : point-virgule) » is Windows-1252, « CSV UTF-8 »
 * starts with a BOM.
 */
export function frenchExcelCsv(
  rows: readonly (readonly unknown[])[],
  kind: 'windows-1252' | 'utf-8',
): Buffer {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (date) text = `${date[3]}/${date[2]}/${date[1]}`;
    else if (/^-?\d+\.\d+$/.test(text)) text = text.replace('.', ',');
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = `${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
  return kind === 'utf-8' ? Buffer.from(`\uFEFF${text}`, 'utf8') : windows1252(text);
}
