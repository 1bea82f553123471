/**
 * « Vérifier tout le classeur »: every row of every tab through the core, each row's État and
 * Problèmes written, a note on each faulty cell, missing ids given, then a summary.
 *
 * Two phases, so that nothing typed while it runs is lost:
 * 1. `checkWorkbook`, without the lock: every tab read and checked (partners typing meanwhile are
 *    handled by their own onEdit, which is not kept waiting);
 * 2. `writeVerification`, under the lock onEdit also takes (no other Maillage write in between):
 *    each editable tab read again; if anything changed since phase 1, the checks run again on what
 *    the sheet holds now, and a row a person changed whose stamp did not move (its onEdit is still
 *    waiting for the lock, or gave up) is stamped here (« Modifié par » emptied: Vérifier does not
 *    know who typed). Every write then starts from that second read: the id column is read again
 *    just before it is written and only cells still empty get an id; the tracking block
 *    (État, Problèmes, Dernière modification, Modifié par) is written over the rows and columns that
 *    change only, read again just before (what Vérifier does not change is written back as it is
 *    then); notes are read just before they are written, and only Maillage's paragraph of a note
 *    changes.
 * An edit landing after the second read: its onEdit waits for the lock and runs after Vérifier,
 * restamping the row and rewriting its État and Problèmes (the cell's note is refreshed by the next
 * Vérifier).
 *
 * Service calls do not depend on the number of rows: per tab, one read (two for an editable tab),
 * at most one read and one write of the tracking block, one read and at most one write of the notes (and one
 * read and one write of the id column when ids are given).
 */
import { isBlank, toText } from '../../core/cells';
import { newIds } from '../../core/ids';
import { TAB_NAMES, TABS, type TabDef, type TabName } from '../../core/model';
import { formatProblem, type Problem } from '../../core/problems';
import type { WorkbookResult } from '../../core/workbook';
import { readAll, type Spreadsheet, safeText } from '../adapters/spreadsheet';
import { SETUP_HINT } from '../messages';
import { type Book, readTabs, validate } from './book';
import { hasContent, type Layout, layoutOf, trackingWrites } from './rows';
import { BLANK_STATUS, mergeNote, rowStatus } from './status';

export interface TabReport {
  tab: TabName;
  /** Rows with content. */
  rows: number;
  ok: number;
  toFix: number;
  /** Rows valid but with something to check (warnings only). */
  toCheck: number;
  idsGiven: number;
  /** Problems of the tab itself (missing columns, missing tab). */
  tabProblems: string[];
  /** The first faulty rows: sheet row and what is wrong. */
  firstProblems: { row: number; text: string }[];
}

export interface VerifyReport {
  tabs: TabReport[];
  rows: number;
  toFix: number;
}

const FIRST_PROBLEMS = 15;

/** The workbook as read, and what the checks make of it. */
export interface CheckedWorkbook {
  /** The cells as read (never changed). */
  read: Book;
  /** The cells with the drawn ids and Vérifier's stamps. */
  book: Book;
  /** Per tab, the indexes (in cells) of the rows given an id. */
  idsGiven: Map<TabName, number[]>;
  /** Per tab, the indexes (in cells) of the rows Vérifier stamps. */
  stamped: Map<TabName, Set<number>>;
  result: WorkbookResult;
}

function copyBook(book: Book): Book {
  const out: Book = {};
  for (const [tab, data] of Object.entries(book) as [TabName, NonNullable<Book[TabName]>][]) {
    out[tab] = { sheet: data.sheet, cells: data.cells.map((row) => [...row]) };
  }
  return out;
}

/** Draws the missing ids, applies the stamps, runs the checks: no service call. */
function check(
  read: Book,
  now: Date,
  random: (() => number) | undefined,
  stamped: Map<TabName, Set<number>> = new Map(),
  stampTime: Date = now,
): CheckedWorkbook {
  const book = copyBook(read);
  const idsGiven = new Map<TabName, number[]>();
  for (const tab of TAB_NAMES) {
    const data = book[tab];
    const def: TabDef = TABS[tab];
    if (!data?.sheet || !def.editable || data.cells.length < 2) continue;
    const layout = layoutOf(tab, data.cells[0] ?? []);
    for (const r of stamped.get(tab) ?? []) stampRow(layout, data.cells[r]!, stampTime);
    const idCol = layout.index.id;
    if (idCol === undefined || !def.idPrefix) continue;
    const needing: number[] = [];
    for (let r = 1; r < data.cells.length; r++) {
      const row = data.cells[r]!;
      if (isBlank(row[idCol]) && hasContent(layout, row)) needing.push(r);
    }
    if (needing.length === 0) continue;
    const ids = newIds(
      def.idPrefix,
      needing.length,
      data.cells.slice(1).map((row) => toText(row[idCol])),
      random,
    );
    needing.forEach((r, k) => {
      data.cells[r]![idCol] = ids[k];
    });
    idsGiven.set(tab, needing);
  }
  // Ids and stamps first, so that the checks see them.
  return { read, book, idsGiven, stamped, result: validate(book, now) };
}

/** « Dernière modification » now, « Modifié par » emptied (who typed is not known here). */
function stampRow(layout: Layout, row: unknown[], now: Date): void {
  const le = layout.index.modifie_le;
  const par = layout.index.modifie_par;
  while (row.length < layout.width) row.push('');
  if (le !== undefined) row[le] = now;
  if (par !== undefined) row[par] = '';
}

function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? '') === (b ?? '');
}

function sameCells(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!;
    const y = b[r]!;
    const width = Math.max(x.length, y.length);
    for (let c = 0; c < width; c++) if (!sameCell(x[c], y[c])) return false;
  }
  return true;
}

/**
 * Rows of `after` a person changed since `before` whose « Dernière modification » did not move: no
 * onEdit has stamped them yet. A row is compared with the row of `before` holding the same id (rows
 * deleted or inserted meanwhile shift the others), else with the row at the same place.
 */
function unstampedEdits(
  layout: Layout,
  before: readonly unknown[][],
  after: readonly unknown[][],
): Set<number> {
  const out = new Set<number>();
  const idCol = layout.index.id;
  const stampCol = layout.index.modifie_le;
  const byId = new Map<string, number>();
  if (idCol !== undefined) {
    before.forEach((row, r) => {
      const id = toText(row[idCol]);
      if (r > 0 && id) byId.set(id, r);
    });
  }
  for (let r = 1; r < after.length; r++) {
    const row = after[r]!;
    if (!hasContent(layout, row)) continue;
    const id = idCol === undefined ? '' : toText(row[idCol]);
    const old = before[(id && byId.get(id)) || r] ?? [];
    if (stampCol !== undefined && !sameCell(old[stampCol], row[stampCol])) continue;
    const width = Math.max(layout.width, row.length, old.length);
    for (let c = 0; c < width; c++) {
      if (!layout.toolColumns.has(c) && !sameCell(old[c], row[c])) {
        out.add(r);
        break;
      }
    }
  }
  return out;
}

/** Phase 1, without the lock: every tab read (getSheetByName and one read each) and checked. */
export function checkWorkbook(
  ss: Spreadsheet,
  now: Date = new Date(),
  random?: () => number,
): CheckedWorkbook {
  return check(readTabs(ss, TAB_NAMES), now, random);
}

/**
 * Phase 2, to call under the lock: read the editable tabs again, check again if needed, write. `now`
 * is the checks' day; the rows stamped here get the time of this second read.
 */
export function writeVerification(
  first: CheckedWorkbook,
  now: Date = new Date(),
  random?: () => number,
): VerifyReport {
  const fresh: Book = { ...first.read };
  const stamped = new Map<TabName, Set<number>>();
  let changed = false;
  for (const tab of TAB_NAMES) {
    const data = first.read[tab];
    if (!data?.sheet || !TABS[tab].editable) continue;
    const cells = readAll(data.sheet);
    if (sameCells(data.cells, cells)) continue;
    changed = true;
    fresh[tab] = { sheet: data.sheet, cells };
    const edits = unstampedEdits(layoutOf(tab, cells[0] ?? []), data.cells, cells);
    if (edits.size > 0) stamped.set(tab, edits);
  }
  const checked = changed ? check(fresh, now, random, stamped, new Date()) : first;
  return writeChecked(checked);
}

function writeChecked(checked: CheckedWorkbook): VerifyReport {
  const { book, read, idsGiven, stamped, result } = checked;
  const reports: TabReport[] = [];
  for (const tab of TAB_NAMES) {
    const data = book[tab];
    const table = result.tables[tab];
    const def = TABS[tab];
    const report: TabReport = {
      tab,
      rows: 0,
      ok: 0,
      toFix: 0,
      toCheck: 0,
      idsGiven: idsGiven.get(tab)?.length ?? 0,
      tabProblems: table.problems.filter((p) => p.row === 1).map((p) => p.message),
      firstProblems: [],
    };
    reports.push(report);
    if (!data?.sheet || !def.editable || data.cells.length === 0) continue;
    const sheet = data.sheet;
    const cells = data.cells;
    const asRead = read[tab]?.cells ?? [];
    const header = cells[0] ?? [];
    const layout = layoutOf(tab, header);
    const last = cells.length; // last sheet row with content
    const byRow = new Map(table.rows.map((r) => [r.row, r]));

    for (const r of table.rows) {
      report.rows++;
      if (!r.valid) {
        report.toFix++;
        if (report.firstProblems.length < FIRST_PROBLEMS) {
          const first = r.problems.find((p) => p.severity === 'erreur') ?? r.problems[0]!;
          report.firstProblems.push({ row: r.row, text: formatProblem(first) });
        }
      } else if (r.problems.length > 0) report.toCheck++;
      else report.ok++;
    }

    if (last < 2 || layout.missingRequired.length > 0) continue;
    const etatCol = layout.index.etat;
    const problemesCol = layout.index.problemes;
    if (etatCol === undefined || problemesCol === undefined) {
      report.tabProblems.push(
        `Colonnes « État » et « Problèmes » absentes : ${SETUP_HINT} pour y voir l’état de chaque ligne.`,
      );
    }

    // Ids given: the whole id column, once, read again just before: a cell that someone filled since
    // the read keeps what they typed (compare-and-write), only cells still empty get their id.
    const given = idsGiven.get(tab);
    const idCol = layout.index.id;
    if (given && idCol !== undefined) {
      const idRange = sheet.getRange(2, idCol + 1, last - 1, 1);
      const current = idRange.getValues();
      const drawn = new Set(given);
      idRange.setValues(
        cells.slice(1).map((row, i) => {
          const value = current[i]?.[0] ?? '';
          return [drawn.has(i + 1) && isBlank(value) ? (row[idCol] ?? '') : value];
        }),
      );
    }

    // The tracking block: État and Problèmes of every row, the stamps of the rows stamped here; one
    // write per run of adjacent tracking columns, over the rows and columns that change.
    const rowsStamped = stamped.get(tab) ?? new Set<number>();
    const changes = cells.slice(1).map((row, i) => {
      const m = new Map<number, unknown>();
      const r = byRow.get(i + 2);
      const status = r ? rowStatus(r.problems) : BLANK_STATUS;
      const old = asRead[i + 1] ?? [];
      if (etatCol !== undefined && toText(old[etatCol]) !== status.etat) m.set(etatCol, status.etat);
      if (problemesCol !== undefined && toText(old[problemesCol]) !== status.problemes) {
        m.set(problemesCol, status.problemes);
      }
      if (rowsStamped.has(i + 1)) {
        for (const key of ['modifie_le', 'modifie_par'] as const) {
          const c = layout.index[key];
          if (c !== undefined) m.set(c, row[c]);
        }
      }
      return m;
    });
    // Each block is read again just before it is written (compare-and-write): a cell Vérifier does not
    // change is written back as it stands then, so a save of the form (the partners' project, which
    // cannot take this project's lock) landing meanwhile keeps its stamps.
    for (const w of trackingWrites(layout, asRead.slice(1), changes, 2, safeText)) {
      const range = sheet.getRange(w.row, w.column, w.values.length, w.values[0]!.length);
      const current = range.getValues();
      range.setValues(
        w.values.map((line, r) =>
          line.map((value, k) =>
            changes[w.row - 2 + r]?.has(w.column - 1 + k) ? value : safeText(current[r]?.[k] ?? ''),
          ),
        ),
      );
    }

    // Notes on faulty cells; other notes are kept, Maillage's stale ones removed.
    const width = header.length;
    if (width === 0) continue;
    const notesRange = sheet.getRange(2, 1, last - 1, width);
    const notes = notesRange.getNotes();
    let notesChanged = false;
    const cellMessages = new Map<string, string[]>();
    for (const r of table.rows) {
      for (const p of r.problems) {
        const col = p.field === undefined ? undefined : layout.index[p.field];
        if (col === undefined || r.row < 2 || r.row > last) continue;
        const key = `${r.row}:${col}`;
        const list = cellMessages.get(key) ?? [];
        list.push(noteLine(p));
        cellMessages.set(key, list);
      }
    }
    const next = notes.map((row, i) =>
      row.map((note, c) => {
        const merged = mergeNote(note, cellMessages.get(`${i + 2}:${c}`) ?? []);
        if (merged !== note) notesChanged = true;
        return merged;
      }),
    );
    if (notesChanged) notesRange.setNotes(next);
  }

  const rows = reports.reduce((n, r) => n + (TABS[r.tab].editable ? r.rows : 0), 0);
  const toFix = reports.reduce((n, r) => n + r.toFix, 0);
  return { tabs: reports, rows, toFix };
}

function noteLine(p: Problem): string {
  return p.severity === 'avertissement' ? `à vérifier : ${p.message}` : p.message;
}

/** One line per tab, for the journal. */
export function reportLines(report: VerifyReport): string[] {
  return report.tabs
    .filter((t) => TABS[t.tab].editable)
    .map(
      (t) =>
        `${t.tab} : ${t.rows} ligne${t.rows > 1 ? 's' : ''}, ${t.toFix} à corriger, ${t.toCheck} à vérifier${t.idsGiven ? `, ${t.idsGiven} identifiant${t.idsGiven > 1 ? 's' : ''} attribué${t.idsGiven > 1 ? 's' : ''}` : ''}`,
    );
}
