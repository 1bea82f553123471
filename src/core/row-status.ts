/**
 * What Maillage writes about a row in its « État » and « Problèmes » columns: OK or À corriger, and
 * one line per problem naming the column between « » (the sheet's conditional formatting looks for
 * it). The same for a row typed in the sheet, checked by « Vérifier », or imported by either program.
 */
import type { Problem } from './problems';

export const ETAT_OK = 'OK';
export const ETAT_KO = 'À corriger';

export function problemLine(p: Problem): string {
  const where = p.column ? `« ${p.column} » : ` : '';
  const warn = p.severity === 'avertissement' ? '(à vérifier) ' : '';
  return `${warn}${where}${p.message}`;
}

export interface RowStatus {
  etat: string;
  problemes: string;
}

export function rowStatus(problems: readonly Problem[]): RowStatus {
  const errors = problems.some((p) => p.severity === 'erreur');
  return { etat: errors ? ETAT_KO : ETAT_OK, problemes: problems.map(problemLine).join('\n') };
}

/** The status of a blank row: nothing. */
export const BLANK_STATUS: RowStatus = { etat: '', problemes: '' };
