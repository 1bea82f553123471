/**
 * What « Installer / mettre à niveau le classeur » must do, computed from the header rows alone,
 * without touching data: which tabs to create, which model columns to append at the right of each
 * tab (existing columns are never moved, renamed or removed), and where every model column ends up.
 */
import { isBlank } from './cells';
import { type ColumnDef, headers, TAB_NAMES, TABS, type TabName } from './model';
import { matchHeaders } from './read-table';

export interface TabPlan {
  tab: TabName;
  /** The tab exists in the workbook. */
  exists: boolean;
  /** The header row once the plan is applied: existing cells unchanged, missing columns appended. */
  header: string[];
  /** Width of the existing header row (last non-blank cell), 0 for a new tab. */
  existingWidth: number;
  /** Model columns appended at the right, in model order. */
  appended: ColumnDef[];
  /** Model column key -> 0-based index once the plan is applied. */
  columnIndex: Record<string, number>;
  /** Headers Maillage does not know (kept as they are). */
  unknownColumns: string[];
  /** Headers present twice (only the first is read). */
  duplicates: string[];
}

function trimmedHeader(row: readonly unknown[]): string[] {
  const out = row.map((c) => (isBlank(c) ? '' : String(c)));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * The plan of one tab from its current header row (null or undefined: the tab does not exist).
 * `lastColumn` is the last column holding anything in the sheet (1-based): missing columns go after
 * it, so that a column of data without a header is never adopted as a Maillage column.
 */
export function planTab(
  tab: TabName,
  headerRow: readonly unknown[] | null | undefined,
  lastColumn = 0,
): TabPlan {
  if (headerRow === null || headerRow === undefined) {
    const header = headers(tab);
    return {
      tab,
      exists: false,
      header,
      existingWidth: 0,
      appended: [...TABS[tab].columns],
      columnIndex: Object.fromEntries(TABS[tab].columns.map((c, i) => [c.key, i])),
      unknownColumns: [],
      duplicates: [],
    };
  }
  const existing = trimmedHeader(headerRow);
  const { columnIndex, unknownColumns, duplicates, missing } = matchHeaders(tab, existing);
  const header = [...existing];
  const index: Record<string, number> = {};
  for (const [key, i] of Object.entries(columnIndex)) if (i !== undefined) index[key] = i;
  if (missing.length > 0) while (header.length < lastColumn) header.push('');
  for (const col of missing) {
    index[col.key] = header.length;
    header.push(col.header);
  }
  return {
    tab,
    exists: true,
    header,
    existingWidth: existing.length,
    appended: missing,
    columnIndex: index,
    unknownColumns,
    duplicates,
  };
}

/** The plan of every tab of the model, in model order. */
export function planInstall(
  headerRows: Partial<Record<TabName, readonly unknown[] | null>>,
  lastColumns: Partial<Record<TabName, number>> = {},
): TabPlan[] {
  return TAB_NAMES.map((tab) => planTab(tab, headerRows[tab], lastColumns[tab]));
}

/** Whether applying the plan changes the structure of the workbook (new tabs or columns). */
export function changesStructure(plans: readonly TabPlan[]): boolean {
  return plans.some((p) => !p.exists || p.appended.length > 0);
}

/** The plan in plain French, one line per change (empty when the structure is up to date). */
export function describePlan(plans: readonly TabPlan[]): string[] {
  const lines: string[] = [];
  for (const p of plans) {
    if (!p.exists) lines.push(`Créer l’onglet « ${p.tab} » (${TABS[p.tab].description})`);
    else if (p.appended.length > 0) {
      const names = p.appended.map((c) => `« ${c.header} »`).join(', ');
      lines.push(
        `Onglet « ${p.tab} » : ajouter ${p.appended.length > 1 ? 'les colonnes' : 'la colonne'} ${names} à droite`,
      );
    }
  }
  return lines;
}

/** Columns Maillage fills (computed ones, and the stable id): protected with a warning, never stamped. */
export function isToolColumn(col: ColumnDef): boolean {
  return col.computed || (col.type === 'id' && col.key === 'id');
}
