/** Workbooks for the meeting actions' tests: a tab of the sample grown to n rows (new ids and addresses). */
import { TABS, type TabName } from '../../src/core/model';

/**
 * The sample with `count` data rows in `tab`: the sample's rows repeated, each with a new id and, where
 * the tab has one, a distinct address.
 */
export function withRows(
  sheets: Record<string, unknown[][]>,
  tab: TabName,
  count: number,
): Record<string, unknown[][]> {
  const [header, ...rows] = sheets[tab]!;
  const at = (key: string) =>
    (header as string[]).indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
  const idCol = at('id');
  const mailCol = TABS[tab].columns.some((c) => c.key === 'courriel') ? at('courriel') : -1;
  const prefix = 'idPrefix' in TABS[tab] ? (TABS[tab] as { idPrefix: string }).idPrefix : 'row';
  const out: unknown[][] = [header!];
  for (let i = 0; i < count; i++) {
    const row = [...rows[i % rows.length]!];
    row[idCol] = `${prefix}-${String(i + 1).padStart(5, '0')}`;
    if (mailCol >= 0) row[mailCol] = `personne${i + 1}@structure${i % 97}.example`;
    out.push(row);
  }
  return { ...sheets, [tab]: out };
}

/** A row of `tab` in the model's column order, from values by column key. */
export function rowOf(tab: TabName, values: Record<string, unknown>): unknown[] {
  return TABS[tab].columns.map((c) => values[c.key] ?? '');
}

/** The model's header row of `tab`. */
export function headerOf(tab: TabName): string[] {
  return TABS[tab].columns.map((c) => c.header);
}

/** Index (0-based) of a column key in a tab laid out as the model. */
export function at(tab: TabName, key: string): number {
  return TABS[tab].columns.findIndex((c) => c.key === key);
}
