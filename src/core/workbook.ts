/** The whole workbook: every tab read with readTable, plus checks across tabs. */
import { checkDiagnostic } from './diagnostic/content';
import { type RecordOf, TAB_NAMES, TABS, type TabName } from './model';
import type { Problem } from './problems';
import { type RawRows, type RawWorkbook, type ReadContext, setupHint } from './read-context';
import { problem, readTable, type TableResult } from './read-table';

export type WorkbookTables = { [N in TabName]: TableResult<N> };

export interface WorkbookResult {
  tables: WorkbookTables;
  /** Every problem, tab by tab, in row order. */
  problems: Problem[];
}

/** Tabs partners type in: a missing one is an error. Tool-written tabs are recreated by the installer. */
const REQUIRED_TABS: readonly TabName[] = ['Lieux', 'Permanences', 'Relais'];

function emptyTable<N extends TabName>(tab: N): TableResult<N> {
  return { tab, rows: [], problems: [], columnIndex: {}, missingColumns: [], unknownColumns: [] };
}

/** Finds a tab by name, tolerating case and surrounding spaces. */
export function findTab(raw: RawWorkbook, name: string): RawRows | undefined {
  if (raw[name]) return raw[name];
  const wanted = name.trim().toLowerCase();
  const key = Object.keys(raw).find((k) => k.trim().toLowerCase() === wanted);
  return key === undefined ? undefined : raw[key];
}

export function readWorkbook(raw: RawWorkbook, ctx: ReadContext): WorkbookResult {
  const tables = {} as Record<TabName, TableResult<TabName>>;
  for (const name of TAB_NAMES) {
    const cells = findTab(raw, name);
    if (cells === undefined) {
      const table = emptyTable(name);
      const required = REQUIRED_TABS.includes(name);
      table.problems.push(
        problem(
          name,
          1,
          null,
          `Onglet « ${name} » introuvable : créez-le ou ${setupHint(ctx)} (${TABS[name].description})`,
          required ? 'erreur' : 'avertissement',
        ),
      );
      tables[name] = table;
    } else {
      tables[name] = readTable(name, cells, ctx);
    }
  }
  const result = tables as WorkbookTables;
  checkPermanencesAgainstRelais(result);
  checkReference(result, 'Référents', 'lieux', 'Lieux');
  checkReference(result, 'Inscriptions', 'rencontre', 'Rencontres');
  checkReference(result, 'Inscriptions', 'lieu', 'Lieux');
  checkReference(result, 'Pass Numérique', 'lieu', 'Lieux');
  checkOverlaps(result);
  checkDiagnostic(result.Diagnostic);
  return { tables: result, problems: TAB_NAMES.flatMap((n) => result[n].problems) };
}

function addProblem<N extends TabName>(table: TableResult<N>, rowIndex: number, p: Problem) {
  const row = table.rows[rowIndex]!;
  row.problems.push(p);
  if (p.severity === 'erreur') row.valid = false;
  table.problems.push(p);
}

/** Ids typed in `field` of `tab` must name a row of `target` (one problem per row, listing the unknown ids). */
function checkReference(t: WorkbookTables, tab: TabName, field: string, target: TabName) {
  const known = new Set<unknown>(
    t[target].rows.map((r) => (r.record as { id?: unknown }).id).filter(Boolean),
  );
  const table = t[tab] as TableResult<TabName>;
  const column = TABS[tab].columns.find((c) => c.key === field)!;
  table.rows.forEach((row, i) => {
    const value = (row.record as Record<string, unknown>)[field];
    const ids = (Array.isArray(value) ? value : value ? [value] : []) as string[];
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length === 0) return;
    addProblem(table, i, {
      tab,
      row: row.row,
      column: column.header,
      field,
      message: `${unknown.map((id) => `« ${id} »`).join(', ')} n’existe pas dans l’onglet ${target} : indiquez l’identifiant d’une ligne existante (colonne Identifiant) ou videz la cellule.`,
      severity: 'erreur',
    });
  });
  sortProblems(table);
}

function checkPermanencesAgainstRelais(t: WorkbookTables) {
  const relais = new Set(t.Relais.rows.map((r) => r.record.id).filter(Boolean));
  const perms = t.Permanences;
  perms.rows.forEach((row, i) => {
    const id = row.record.relais;
    if (id && !relais.has(id)) {
      addProblem(perms, i, {
        tab: 'Permanences',
        row: row.row,
        column: 'Relais',
        field: 'relais',
        message: `Le relais « ${id} » n’existe pas dans l’onglet Relais : indiquez l’identifiant d’un relais existant ou videz la cellule.`,
        severity: 'erreur',
      });
    }
  });
  sortProblems(perms);
}

/** The bus cannot be in two places at once: a permanence overlapping an earlier row is an error. */
function checkOverlaps(t: WorkbookTables) {
  const perms = t.Permanences;
  const byDate = new Map<string, number[]>();
  perms.rows.forEach((row, i) => {
    const r = row.record;
    if (!r.date || !r.debut || !r.fin || r.statut === 'annulée' || r.fin <= r.debut) return;
    const list = byDate.get(r.date) ?? [];
    list.push(i);
    byDate.set(r.date, list);
  });
  for (const indexes of byDate.values()) {
    for (let a = 0; a < indexes.length; a++) {
      for (let b = a + 1; b < indexes.length; b++) {
        const first = perms.rows[indexes[a]!]!;
        const second = perms.rows[indexes[b]!]!;
        const x = first.record as RecordOf<'Permanences'>;
        const y = second.record as RecordOf<'Permanences'>;
        if (x.debut! < y.fin! && y.debut! < x.fin!) {
          addProblem(perms, indexes[b]!, {
            tab: 'Permanences',
            row: second.row,
            column: 'Début',
            field: 'debut',
            message: `Chevauche la permanence de la ligne ${first.row} (${x.debut}-${x.fin}, ${x.commune ?? x.code_insee}) : le bus ne peut pas être à deux endroits.`,
            severity: 'erreur',
          });
        }
      }
    }
  }
  sortProblems(perms);
}

function sortProblems<N extends TabName>(table: TableResult<N>) {
  table.problems.sort((a, b) => a.row - b.row);
}
