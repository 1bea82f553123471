/**
 * « Importer un fichier du standard national… »: the file chosen in the dialog is read by the core
 * (the same matching as `maillage importer`), previewed, then written under the lock. Service calls
 * do not depend on the file's size: one read of Lieux, the new rows in one write below the last
 * row, and, when blank cells of existing rows are filled, one read of their rectangle's formulas and
 * one write of it (every other cell of the rectangle written back as just read, formulas kept).
 */
import { isBlank } from '../../core/cells';
import {
  type ImportCounts,
  type ImportPlan,
  importCounts,
  importLines,
  type NationalFile,
  type NationalInput,
  planImport,
  planWrites,
  readNationalFile,
} from '../../core/import';
import { readTable } from '../../core/read-table';
import { readAll, type Sheet, type Spreadsheet, safeText } from '../adapters/spreadsheet';
import { midnight, readContext, territory } from '../env';
import { MaillageError } from '../errors';
import { missingTabMessage, SETUP_HINT } from '../messages';
import { layoutOf, stampedNewRows } from './rows';

export interface ImportPayload {
  /** The file's name, as chosen. */
  nom: string;
  /** Its text (UTF-8, read by the browser). */
  contenu: string;
}

export interface ImportPreview {
  nom: string;
  /** Why the file cannot be imported (French); empty when it can. */
  errors: string[];
  counts: ImportCounts | null;
  /** The preview, line by line (same as the command line's). */
  lines: string[];
}

export interface ImportDone extends ImportPreview {
  written: boolean;
  /** Sheet rows of the added places. */
  firstRow: number | null;
  lastRow: number | null;
}

const EXPORT = 'Exportez les lieux au standard national (CSV UTF-8, JSON ou GeoJSON).';

function payloadOf(payload: unknown): ImportPayload {
  const p = (payload ?? {}) as Partial<ImportPayload>;
  return { nom: String(p.nom ?? 'fichier'), contenu: typeof p.contenu === 'string' ? p.contenu : '' };
}

/** The file's text as the core reads it, or why it cannot be read. */
function nationalInput(text: string): NationalInput | string {
  const content = text.replace(/^\uFEFF/, '');
  const first = content.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return { json: JSON.parse(content) as unknown };
    } catch (error) {
      return `Le fichier n’est pas un JSON lisible (${(error as Error).message}). ${EXPORT}`;
    }
  }
  if (content.trim() === '') return `Le fichier est vide. ${EXPORT}`;
  const rows = Utilities.parseCsv(content.replace(/\r\n?/g, '\n'));
  if (rows[0]?.length === 1 && rows[0][0]?.includes(';')) {
    return `Le fichier utilise le point-virgule comme séparateur ; le standard demande des virgules. ${EXPORT}`;
  }
  return { rows };
}

interface Prepared {
  file: NationalFile;
  plan: ImportPlan;
  cells: unknown[][];
}

function lieuxSheet(ss: Spreadsheet): Sheet {
  const sheet = ss.getSheetByName('Lieux');
  if (!sheet) {
    throw new MaillageError(missingTabMessage('Lieux', false));
  }
  return sheet;
}

function prepare(sheet: Sheet, payload: ImportPayload, now: Date): Prepared | string[] {
  const input = nationalInput(payload.contenu);
  if (typeof input === 'string') return [input];
  const ctx = readContext(now);
  const file = readNationalFile(input, ctx);
  if (file.errors.length > 0) return file.errors;
  const cells = readAll(sheet);
  const layout = layoutOf('Lieux', cells[0] ?? []);
  if (layout.missingRequired.length > 0 || layout.width === 0) {
    return [`L’onglet « Lieux » n’a pas toutes ses colonnes : ${SETUP_HINT}.`];
  }
  const lieux = readTable('Lieux', cells, ctx);
  return { file, plan: planImport(file, lieux, { territory: territory(), cells }), cells };
}

/** What importing the file would do; writes nothing. */
export function importPreview(ss: Spreadsheet, raw: unknown, now: Date): ImportPreview {
  const payload = payloadOf(raw);
  const prepared = prepare(lieuxSheet(ss), payload, now);
  if (Array.isArray(prepared)) return { nom: payload.nom, errors: prepared, counts: null, lines: [] };
  return {
    nom: payload.nom,
    errors: [],
    counts: importCounts(prepared.plan),
    lines: importLines(prepared.file, prepared.plan),
  };
}

/** Imports the file (call under the lock): the sheet is read again, so the preview is never stale. */
export function importApply(ss: Spreadsheet, raw: unknown, editor: string | null, now: Date): ImportDone {
  const payload = payloadOf(raw);
  const sheet = lieuxSheet(ss);
  const prepared = prepare(sheet, payload, now);
  if (Array.isArray(prepared)) {
    return {
      nom: payload.nom,
      errors: prepared,
      counts: null,
      lines: [],
      written: false,
      firstRow: null,
      lastRow: null,
    };
  }
  const { plan, cells, file } = prepared;
  const header = cells[0] ?? [];
  const layout = layoutOf('Lieux', header);
  const writes = planWrites(plan, layout.index, layout.width, midnight);
  const base = { nom: payload.nom, errors: [], counts: importCounts(plan), lines: importLines(file, plan) };

  // Blank cells of existing rows: the rectangle around them, every other cell as just read.
  if (writes.fills.length > 0) {
    const rows = writes.fills.map((f) => f.row);
    const columns = writes.fills.map((f) => f.column);
    const top = Math.min(...rows);
    const left = Math.min(...columns);
    const height = Math.max(...rows) - top + 1;
    const width = Math.max(...columns) - left + 1;
    const range = sheet.getRange(top, left + 1, height, width);
    const formulas = range.getFormulas();
    const block: unknown[][] = formulas.map((line, r) =>
      line.map((formula, c): unknown => (formula ? formula : (cells[top - 1 + r]?.[left + c] ?? ''))),
    );
    for (const f of writes.fills) {
      const cell = block[f.row - top]!;
      // Filled only if still blank (never a partner's value).
      if (isBlank(cell[f.column - left])) cell[f.column - left] = safeText(f.value);
    }
    range.setValues(block);
  }

  let firstRow: number | null = null;
  let lastRow: number | null = null;
  if (writes.rows.length > 0) {
    firstRow = cells.length + 1;
    // The file's own date_maj is kept: the place was not updated today.
    const rows = stampedNewRows(
      layout,
      cells,
      writes.rows.map((row) => row.map((v) => safeText(v))),
      { stampDateMaj: false, editor, now, ctx: readContext(now), dateCell: midnight },
    );
    lastRow = firstRow + rows.length - 1;
    const maxRows = sheet.getMaxRows();
    if (maxRows < lastRow) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
    sheet.getRange(firstRow, 1, rows.length, layout.width).setValues(rows);
  }
  return { ...base, written: writes.fills.length + writes.rows.length > 0, firstRow, lastRow };
}
