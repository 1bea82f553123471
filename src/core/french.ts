/** French words shared by the Apps Script dialogs, the map and the reports (no dependencies). */

/** French month names, January first (shared with the map's plain-French dates). */
export const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;
