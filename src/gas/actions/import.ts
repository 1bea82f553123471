/**
 * « Importer un fichier du standard national… »: the file chosen in the dialog is read by the core
 * (the same matching as `maillage importer`), previewed, then written under the lock. Service calls
 * do not depend on the file's size: one read of Lieux, then one write of the rectangle from the first
 * filled row to the last new row (its cells read again just before, values and formulas, so that
 * every cell the import does not fill is written back as it is).
 */
import { isBlank, toText } from '../../core/cells';
import {
  DECISIONS_TAB,
  type Decisions,
  type ImportCounts,
  type ImportPlan,
  importCounts,
  importLines,
  type MatchDecision,
  type NationalFile,
  type NationalInput,
  nationalKey,
  planImport,
  planWrites,
  positionLabel,
  readDecisions,
  readNationalFile,
  type UncertainPlace,
  withUncertainPairs,
} from '../../core/import';
import { headers } from '../../core/model';
import { matchHeaders, readTable } from '../../core/read-table';
import { asText, readAll, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { midnight, readContext, territory } from '../env';
import { MaillageError } from '../errors';
import { missingTabMessage, SETUP_HINT } from '../messages';
import { layoutOf, stampedNewRows, updateRows } from './rows';

export interface ImportPayload {
  /** The file's name, as chosen. */
  nom: string;
  /** Its text (UTF-8, read by the browser). */
  contenu: string;
  /** What the coordinator decided in the dialog about uncertain matches. */
  decisions: MatchDecision[];
}

/** A place of the file that looks like rows of Lieux: the dialog asks which, if any. */
export interface UncertainChoice {
  cle: string;
  /** The place as the file describes it. */
  lieu: string;
  candidates: { id: string; text: string }[];
}

export interface ImportPreview {
  nom: string;
  /** Why the file cannot be imported (French); empty when it can. */
  errors: string[];
  counts: ImportCounts | null;
  /** The preview, line by line (same as the command line's). */
  lines: string[];
  /** The uncertain matches still to decide (decisions kept in Rapprochements are followed). */
  uncertain: UncertainChoice[];
}

export interface ImportDone extends ImportPreview {
  written: boolean;
  /** Uncertain pairs listed in Rapprochements by this import, and decisions written there. */
  added?: number;
  decided?: number;
  /** Sheet rows of the added places. */
  firstRow: number | null;
  lastRow: number | null;
}

const EXPORT = 'Exportez les lieux au standard national (CSV UTF-8, JSON ou GeoJSON).';

export function payloadOf(payload: unknown): ImportPayload {
  const p = (payload ?? {}) as Partial<ImportPayload>;
  const decisions = (Array.isArray(p.decisions) ? p.decisions : []).filter(
    (d): d is MatchDecision =>
      typeof d?.cle === 'string' && typeof d.lieu === 'string' && typeof d.same === 'boolean',
  );
  return {
    nom: String(p.nom ?? 'fichier'),
    contenu: typeof p.contenu === 'string' ? p.contenu : '',
    decisions,
  };
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
  /** The plan with the decisions kept in Rapprochements and those given in the dialog. */
  plan: ImportPlan;
  /** The uncertain matches to list in Rapprochements (still uncertain, or decided in the dialog). */
  asked: UncertainPlace[];
  cells: unknown[][];
  /** The Rapprochements tab, as read ([] when absent or empty). */
  pairs: { sheet: Sheet | null; cells: unknown[][] };
}

export function lieuxSheet(ss: Spreadsheet): Sheet {
  const sheet = ss.getSheetByName('Lieux');
  if (!sheet) {
    throw new MaillageError(missingTabMessage('Lieux', false));
  }
  return sheet;
}

/**
 * The file read and planned against Lieux (and the decisions of Rapprochements), or why it cannot
 * be: what the import and the comparison both start from.
 */
export function prepare(
  ss: Spreadsheet,
  sheet: Sheet,
  payload: ImportPayload,
  now: Date,
): Prepared | string[] {
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
  const pairsSheet = ss.getSheetByName(DECISIONS_TAB);
  const pairsCells = pairsSheet ? readAll(pairsSheet) : [];
  const kept = readDecisions(pairsCells.length > 0 ? readTable(DECISIONS_TAB, pairsCells, ctx) : undefined);
  const options = { territory: territory(), cells };
  const before = planImport(file, lieux, { ...options, decisions: kept });
  const plan =
    payload.decisions.length === 0
      ? before
      : planImport(file, lieux, { ...options, decisions: withGiven(kept, payload.decisions) });
  // The pairs to list: those still uncertain (ids as this import writes them), and those just decided.
  const decidedNow = new Set(payload.decisions.map((d) => d.cle));
  const asked =
    plan === before
      ? plan.uncertain
      : [...plan.uncertain, ...before.uncertain.filter((u) => decidedNow.has(nationalKey(u.place.record)))];
  return { file, plan, asked, cells, pairs: { sheet: pairsSheet, cells: pairsCells } };
}

/** The decisions kept, with those given (a given one never replaces a kept one). */
function withGiven(kept: Decisions, given: readonly MatchDecision[]): Decisions {
  const out = new Map([...kept].map(([cle, m]) => [cle, new Map(m)]));
  for (const d of given) {
    const m = out.get(d.cle) ?? new Map<string, boolean>();
    const lieu = d.lieu.trim().toLowerCase();
    if (!m.has(lieu)) m.set(lieu, d.same);
    out.set(d.cle, m);
  }
  return out;
}

function choices(file: NationalFile, plan: ImportPlan): UncertainChoice[] {
  return plan.uncertain
    .filter((u) => u.candidates.some((c) => c.row !== undefined && c.id))
    .map((u) => ({
      cle: nationalKey(u.place.record),
      lieu: `${positionLabel(file.format, u.place.position)} — « ${u.place.record.nom ?? ''} »${u.place.record.adresse ? `, ${u.place.record.adresse}` : ''}${u.place.record.commune ? `, ${u.place.record.commune}` : ''}`,
      candidates: u.candidates
        .filter((c) => c.row !== undefined && c.id)
        .map((c) => ({ id: c.id!, text: `ligne ${c.row} « ${c.nom ?? ''} » (${c.reason})` })),
    }));
}

/** What importing the file would do; writes nothing. */
export function importPreview(ss: Spreadsheet, raw: unknown, now: Date): ImportPreview {
  const payload = payloadOf(raw);
  const prepared = prepare(ss, lieuxSheet(ss), payload, now);
  if (Array.isArray(prepared))
    return { nom: payload.nom, errors: prepared, counts: null, lines: [], uncertain: [] };
  return {
    nom: payload.nom,
    errors: [],
    counts: importCounts(prepared.plan),
    lines: importLines(prepared.file, prepared.plan),
    uncertain: choices(prepared.file, prepared.plan),
  };
}

/** Imports the file (call under the lock): the sheet is read again, so the preview is never stale. */
export function importApply(ss: Spreadsheet, raw: unknown, editor: string | null, now: Date): ImportDone {
  const payload = payloadOf(raw);
  const sheet = lieuxSheet(ss);
  const prepared = prepare(ss, sheet, payload, now);
  if (Array.isArray(prepared)) {
    return {
      nom: payload.nom,
      errors: prepared,
      counts: null,
      lines: [],
      uncertain: [],
      written: false,
      firstRow: null,
      lastRow: null,
    };
  }
  const { plan, cells, file } = prepared;
  const header = cells[0] ?? [];
  const layout = layoutOf('Lieux', header);
  const writes = planWrites(plan, layout.index, layout.width, midnight);
  const base = {
    nom: payload.nom,
    errors: [],
    counts: importCounts(plan),
    lines: importLines(file, plan),
    uncertain: choices(file, plan),
  };
  const pairs = writePairs(ss, prepared, payload.decisions, editor, now);
  const ctx = readContext(now);
  const stampOptions = { editor, now, ctx, dateCell: midnight, stampDateMaj: false } as const;

  // Rows whose blank cells are filled: the fills, then what Maillage fills on a changed row (État,
  // Problèmes, stamps; the file's date_maj is kept: the place was not updated today).
  const fills = new Map<number, Map<number, unknown>>();
  for (const f of writes.fills) {
    const row = fills.get(f.row) ?? new Map<number, unknown>();
    row.set(f.column, f.value);
    fills.set(f.row, row);
  }
  const own = new Map<number, Map<number, unknown>>();
  if (fills.size > 0) {
    const filledRows = [...fills.keys()].sort((a, b) => a - b);
    const top = filledRows[0]!;
    const block = cells.slice(top - 1).map((row, i) => {
      const copy = [...row];
      for (const [c, v] of fills.get(top + i) ?? []) copy[c] = v;
      return copy;
    });
    const idCol = layout.index.id;
    const { changes } = updateRows(layout, header, block, {
      ...stampOptions,
      firstRow: top,
      stamp: true,
      knownIds: idCol === undefined ? [] : cells.slice(1, top - 1).map((r) => toText(r[idCol])),
    });
    for (const r of filledRows) own.set(r, changes[r - top]!);
  }

  // New rows with their ids, stamps, État and Problèmes, below the last row as it stands now (asked
  // again: a row someone started at the bottom since the read is kept, and written back as it is).
  const newRows = stampedNewRows(layout, cells, writes.rows, stampOptions);
  if (fills.size === 0 && newRows.length === 0)
    return { ...base, written: false, firstRow: null, lastRow: null };
  const firstNew = Math.max(cells.length, newRows.length > 0 ? sheet.getLastRow() : 0) + 1;

  // One write: the rectangle from the first filled row (or the first new row) to the last row
  // written. Its cells are read again just before (values, formulas, formats) and every cell the
  // import does not fill is written back as it is then (formulas as formulas, text kept as text), so
  // a value typed meanwhile is kept, and a cell filled meanwhile is not filled.
  const lastNew = firstNew + newRows.length - 1;
  const filledRows = [...fills.keys()];
  const top = filledRows.length > 0 ? Math.min(...filledRows) : firstNew;
  const bottom = newRows.length > 0 ? lastNew : Math.max(...filledRows);
  let left = 0;
  let right = layout.width - 1;
  if (newRows.length === 0) {
    const columns = [...own.values(), ...fills.values()].flatMap((m) => [...m.keys()]);
    left = Math.min(...columns);
    right = Math.max(...columns);
  }
  const maxRows = sheet.getMaxRows();
  if (maxRows < bottom) sheet.insertRowsAfter(maxRows, bottom - maxRows);
  const range = sheet.getRange(top, left + 1, bottom - top + 1, right - left + 1);
  const current = range.getValues();
  const formulas = range.getFormulas();
  const formats = range.getNumberFormats();
  const block: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: unknown[] = [];
    if (r >= firstNew) {
      const row = newRows[r - firstNew]!;
      for (let c = left; c <= right; c++) line.push(asText(row[c] ?? '', formats[r - top]?.[c - left]));
    } else {
      const i = r - top;
      const filled = fills.get(r);
      const mine = own.get(r);
      for (let c = left; c <= right; c++) {
        const now = current[i]?.[c - left] ?? '';
        const formula = formulas[i]?.[c - left] ?? '';
        const format = formats[i]?.[c - left];
        if (formula) line.push(formula);
        else if (filled?.has(c) && isBlank(now)) line.push(asText(filled.get(c), format));
        else if (mine?.has(c) && !filled?.has(c)) line.push(asText(mine.get(c), format));
        else line.push(asText(now, format));
      }
    }
    block.push(line);
  }
  range.setValues(block);
  const firstRow = newRows.length > 0 ? firstNew : null;
  const lastRow = newRows.length > 0 ? lastNew : null;
  return { ...base, written: true, firstRow, lastRow, ...pairs };
}

/**
 * The uncertain pairs of the file listed in Rapprochements (the tab added when missing), with the
 * decisions given in the dialog: one write of the tab's rows, only when something changes.
 */
function writePairs(
  ss: Spreadsheet,
  prepared: Prepared,
  given: readonly MatchDecision[],
  editor: string | null,
  now: Date,
): { added: number; decided: number } {
  const { sheet, cells } = prepared.pairs;
  const header = cells[0]?.length ? cells[0] : headers(DECISIONS_TAB);
  const { columnIndex } = matchHeaders(DECISIONS_TAB, header);
  const result = withUncertainPairs(
    [header, ...cells.slice(1)],
    columnIndex,
    header.length,
    prepared.asked,
    given,
    {
      at: now,
      by: editor ?? '',
    },
  );
  if (result.added + result.decided === 0) return { added: 0, decided: 0 };
  const target = sheet ?? ss.insertSheet(DECISIONS_TAB);
  const from = cells.length > 0 ? 2 : 1;
  const rows = result.cells.slice(from - 1).map((row) => row.map((v) => asText(v)));
  target.getRange(from, 1, rows.length, header.length).setValues(rows);
  return { added: result.added, decided: result.decided };
}
