/**
 * What Maillage writes about a row: its État (OK / À corriger), its Problèmes (one line per problem,
 * naming the column between « »: the conditional formatting looks for it), and cell notes.
 */
export {
  BLANK_STATUS,
  ETAT_KO,
  ETAT_OK,
  problemLine,
  type RowStatus,
  rowStatus,
} from '../../core/row-status';

/** Notes written by « Vérifier tout le classeur » start with this; the rest of a note is the user's. */
export const NOTE_PREFIX = 'Maillage : ';
/** Notes written by « Compléter les coordonnées ». */
export const GEOCODE_NOTE_PREFIX = 'Maillage (coordonnées) : ';

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
