/**
 * Writing an import back into a local copy of the workbook: a folder of CSV files (only the tabs
 * that change are rewritten, each cell with the same text, the file's BOM and line ends kept) or
 * an .xlsx file (xlsx-patch.ts). Each file is replaced at once (written beside, then renamed): an
 * interrupted import leaves the previous file whole.
 */
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isBlank, toText } from '../core/cells';
import type { TabWrites } from '../core/import';
import { asUtf8, detectSeparator, WINDOWS_1252_HIGH } from './sources/csv';
import { findName } from './sources/names';
import { SourceError } from './sources/types';
import type { CellEdit } from './xlsx-patch';

/** Cells to write, by tab: the whole tab (row 0 = header). */
export type TabCells = Record<string, readonly (readonly unknown[])[]>;

function field(value: unknown, separator: string): string {
  const text = value instanceof Date || typeof value !== 'string' ? toText(value) : value;
  return text.includes('"') || text.includes(separator) || /[\r\n]/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

const WINDOWS_1252 = new Map<number, number>(
  WINDOWS_1252_HIGH.map((code, i) => [code, 0x80 + i] as [number, number]).filter(([code]) => code !== 0),
);

/** Text as Windows-1252 bytes; the first character it cannot hold when there is one. */
function encodeWindows1252(text: string): Buffer | string {
  const bytes = Buffer.alloc(text.length);
  let n = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : WINDOWS_1252.get(code);
    if (byte === undefined) return char;
    bytes[n++] = byte;
  }
  return bytes.subarray(0, n);
}

/** Replaces a file at once: written beside it, then renamed over it. */
export async function replaceFile(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.maillage-tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes tabs of a CSV folder (`Lieux.csv`…) as each file was written: its separator (`,` or `;`),
 * encoding (UTF-8, or Windows-1252 as French Excel saves), BOM and line ends; a tab without a file
 * gets one (UTF-8, comma, CRLF). Every file is encoded before any is written.
 */
export async function writeCsvTabs(dir: string, tabs: TabCells): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.csv'));
  const out: { path: string; content: string | Buffer }[] = [];
  for (const [tab, cells] of Object.entries(tabs)) {
    const name = findName(`${tab}.csv`, files) ?? `${tab}.csv`;
    const path = join(dir, name);
    let bom = '';
    let eol = '\r\n';
    let separator = ',';
    let windows1252 = false;
    if (files.includes(name)) {
      const bytes = await readFile(path);
      const decoded = asUtf8(bytes);
      if (!decoded)
        throw new SourceError(
          `Le fichier ${path} n'est ni en UTF-8 ni en Windows-1252 : rien n'a été écrit.`,
        );
      windows1252 = decoded.encoding === 'Windows-1252';
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = '\uFEFF';
      separator = String.fromCharCode(detectSeparator(decoded.bytes));
      const lf = bytes.indexOf(10);
      eol = lf > 0 && bytes[lf - 1] === 13 ? '\r\n' : lf >= 0 ? '\n' : eol;
    }
    const text = `${bom}${cells.map((row) => row.map((v) => field(v, separator)).join(separator)).join(eol)}${eol}`;
    if (!windows1252) {
      out.push({ path, content: text });
      continue;
    }
    const encoded = encodeWindows1252(text);
    if (typeof encoded === 'string') {
      throw new SourceError(
        `Le fichier ${path} est enregistré en Windows-1252, qui ne peut pas contenir « ${encoded} » : enregistrez-le en « CSV UTF-8 » puis relancez l'import. Rien n'a été écrit.`,
      );
    }
    out.push({ path, content: encoded });
  }
  for (const file of out) await replaceFile(file.path, file.content);
  return out.map((f) => f.path);
}

/**
 * The writes of an import as cell edits: fills where they are, new rows below the last row holding
 * anything (where applyWrites puts them).
 */
export function cellEdits(cells: readonly (readonly unknown[] | undefined)[], writes: TabWrites): CellEdit[] {
  const edits: CellEdit[] = writes.fills.map((f) => ({ row: f.row, column: f.column, value: f.value }));
  let last = cells.length;
  while (last > 1 && (cells[last - 1] ?? []).every(isBlank)) last--;
  writes.rows.forEach((row, k) => {
    row.forEach((value, column) => {
      if (!isBlank(value)) edits.push({ row: last + 1 + k, column, value });
    });
  });
  return edits;
}
