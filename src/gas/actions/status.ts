/**
 * What Maillage writes about a row: its État (OK / À corriger), its Problèmes (one line per problem,
 * naming the column between « »: the conditional formatting looks for it), and cell notes.
 */
import type { Problem } from '../../core/problems';

export const ETAT_OK = 'OK';
export const ETAT_KO = 'À corriger';

/** Notes written by « Vérifier tout le classeur » start with this; the rest of a note is the user's. */
export const NOTE_PREFIX = 'Maillage : ';
/** Notes written by « Compléter les coordonnées ». */
export const GEOCODE_NOTE_PREFIX = 'Maillage (coordonnées) : ';

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

/**
 * The note of a cell once Maillage has said what is wrong with it (or that nothing is): Maillage's own
 * paragraph first, then whatever else the note held, which is never removed.
 */
export function mergeNote(existing: string, messages: readonly string[]): string {
  let rest = existing ?? '';
  if (rest.startsWith(NOTE_PREFIX)) {
    const cut = rest.indexOf('\n\n');
    rest = cut < 0 ? '' : rest.slice(cut + 2);
  }
  if (messages.length === 0) return rest;
  const ours = `${NOTE_PREFIX}${messages.join('\n')}`;
  return rest ? `${ours}\n\n${rest}` : ours;
}
