/**
 * French words shared by the menu actions, dialogs and triggers: said once here. An action's own
 * wording stays in its file (src/gas/menu/<action>.ts).
 */

/** The coordination's menu in the toolbar. */
export const MENU_TITLE = 'Réseau numérique';

/** The partners' menu (their own project: the form only). */
export const PARTNER_MENU_TITLE = 'Fiche du lieu';

/** The caption of the installer's menu item, quoted by every message that sends the user there. */
export const INSTALL_CAPTION = 'Installer / mettre à niveau le classeur';

/** What to do when a tab or a column is missing (the read context's hint, and messages below). */
export const SETUP_HINT = `lancez « ${INSTALL_CAPTION} »`;

export const BUSY_MESSAGE =
  'Le classeur est occupé : une autre action de Maillage est en cours (peut-être lancée par une autre personne). Rien n’a été modifié. Réessayez dans une minute.';

/** The polite refusal of a coordination action to a partner. */
export function coordinationOnlyMessage(caption: string): string {
  return `« ${caption} » est réservé à la coordination du réseau : rien n’a été modifié. Pour mettre à jour votre lieu, sélectionnez une case de sa ligne puis « ${PARTNER_MENU_TITLE} > Modifier la fiche sélectionnée », ou tapez directement dans vos lignes.`;
}

/** An unexpected failure, shown before it is rethrown (and logged by Apps Script). */
export function failedMessage(message: string): string {
  return `Maillage n’a pas pu terminer cette action : ${message}`;
}

/** « Onglet « Lieux » introuvable : lancez d’abord « Installer … ». » */
export function missingTabMessage(tab: string, first = true): string {
  return `Onglet « ${tab} » introuvable : lancez${first ? ' d’abord' : ''} « ${INSTALL_CAPTION} ».`;
}

/** « 3 lieux », « 1 lieu »: core/french/numbers, for the actions that import their words from here. */
export { plural } from '../core/french/numbers';

/** A list for an alert: at most `max` bullets, the rest counted and sent to the Journal. */
export function bullets(lines: readonly string[], max = 25): string {
  const shown = lines.slice(0, max).map((l) => `• ${l}`);
  if (lines.length > max) shown.push(`• … et ${lines.length - max} de plus (voir le Journal)`);
  return shown.join('\n');
}
