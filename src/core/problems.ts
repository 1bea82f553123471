import type { TabName } from './model';

export type Severity = 'erreur' | 'avertissement';

/** One thing wrong with the workbook: where it is and what to do, in French. */
export interface Problem {
  tab: TabName;
  /** Sheet row number (1 = header row). */
  row: number;
  /** Column header as shown in the sheet; '' for a whole row or tab. */
  column: string;
  /** Record key of the column, when the problem is about one column. */
  field?: string;
  message: string;
  /** An `erreur` keeps the row out of public outputs; an `avertissement` does not. */
  severity: Severity;
}

export function formatProblem(p: Problem): string {
  const where = p.column ? `${p.tab}, ligne ${p.row}, colonne « ${p.column} »` : `${p.tab}, ligne ${p.row}`;
  return `${where} : ${p.message}`;
}
