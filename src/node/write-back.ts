/**
 * Writing an import back into a local copy of the workbook: a folder of CSV files (only the tabs
 * that change are rewritten, each cell with the same text, the file's BOM and line ends kept) or
 * an .xlsx file (xlsx-patch.ts). Each file is replaced at once (written beside, then renamed): an
 * interrupted import leaves the previous file whole.
 */
import { isUtf8 } from 'node:buffer';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isBlank, toText } from '../core/cells';
import type { TabWrites } from '../core/import';
import { findName } from './sources/names';
import { SourceError } from './sources/types';
import type { CellEdit } from './xlsx-patch';

/** Cells to write, by tab: the whole tab (row 0 = header). */
export type TabCells = Record<string, readonly (readonly unknown[])[]>;

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: unknown): string {
  const text = value instanceof Date || typeof value !== 'string' ? toText(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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

/** Writes tabs of a CSV folder (`Lieux.csv`…); a tab without a file gets one (UTF-8, CRLF). */
export async function writeCsvTabs(dir: string, tabs: TabCells): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.csv'));
  const written: string[] = [];
  for (const [tab, cells] of Object.entries(tabs)) {
    const name = findName(`${tab}.csv`, files) ?? `${tab}.csv`;
    const path = join(dir, name);
    let bom = '';
    let eol = '\r\n';
    if (files.includes(name)) {
      const bytes = await readFile(path);
      if (!isUtf8(bytes))
        throw new SourceError(`Le fichier ${path} n'est pas encodé en UTF-8 : rien n'a été écrit.`);
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = '\uFEFF';
      const lf = bytes.indexOf(10);
      eol = lf > 0 && bytes[lf - 1] === 13 ? '\r\n' : lf >= 0 ? '\n' : eol;
    }
    const text = cells.map((row) => row.map(field).join(',')).join(eol);
    await replaceFile(path, `${bom}${text}${eol}`);
    written.push(path);
  }
  return written;
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
