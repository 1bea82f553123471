/**
 * « Vérifier tout le classeur »: every row of every tab through the core, each row's État and
 * Problèmes written, a note on each faulty cell, missing ids given, then a summary.
 *
 * Service calls do not depend on the number of rows: per tab, one read, one write of the status
 * columns, one read and one write of the notes (and one write of the id column when ids are given).
 */

import { runs } from '../../core/a1';
import { isBlank, toText } from '../../core/cells';
import { newIds } from '../../core/ids';
import { TAB_NAMES, TABS, type TabDef, type TabName } from '../../core/model';
import { formatProblem, type Problem } from '../../core/problems';
import type { Spreadsheet } from '../adapters/spreadsheet';
import { SETUP_HINT } from '../messages';
import { readTabs, validate } from './book';
import { hasContent, layoutOf } from './rows';
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

export function verifyWorkbook(ss: Spreadsheet, now: Date = new Date(), random?: () => number): VerifyReport {
  const book = readTabs(ss, TAB_NAMES);
  const reports: TabReport[] = [];
  const idsGiven = new Map<TabName, number[]>();

  // Ids first, so that the checks see them.
  for (const tab of TAB_NAMES) {
    const data = book[tab];
    const def: TabDef = TABS[tab];
    if (!data?.sheet || !def.editable || !def.idPrefix || data.cells.length < 2) continue;
    const layout = layoutOf(tab, data.cells[0] ?? []);
    const idCol = layout.index.id;
    if (idCol === undefined) continue;
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

  const result = validate(book, now);

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
    // the snapshot keeps what they typed (compare-and-write), only cells still empty get their id.
    const given = idsGiven.get(tab);
    const idCol = layout.index.id;
    if (given && idCol !== undefined) {
      const idRange = sheet.getRange(2, idCol + 1, last - 1, 1);
      const now = idRange.getValues();
      const drawn = new Set(given);
      idRange.setValues(
        cells.slice(1).map((row, i) => {
          const current = now[i]?.[0] ?? '';
          return [drawn.has(i + 1) && isBlank(current) ? (row[idCol] ?? '') : current];
        }),
      );
    }

    // État and Problèmes: one write per run of adjacent columns, only when something changes.
    const statusCols = [etatCol, problemesCol].filter((c): c is number => c !== undefined);
    const statusOf = (sheetRow: number) => {
      const r = byRow.get(sheetRow);
      return r ? rowStatus(r.problems) : BLANK_STATUS;
    };
    for (const run of runs(statusCols.map((c) => c + 1))) {
      let changed = false;
      const values = cells.slice(1).map((row, i) => {
        const status = statusOf(i + 2);
        return run.map((col) => {
          const value = col - 1 === etatCol ? status.etat : status.problemes;
          if (toText(row[col - 1]) !== value) changed = true;
          return value;
        });
      });
      if (changed) sheet.getRange(2, run[0]!, last - 1, run.length).setValues(values);
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
