/**
 * The functions dialogs and sidebars call through google.script.run. This one list drives the
 * globals of Code.js (main.ts exports exactly these, checked by the type checker) and the typed
 * client proxy (html.ts).
 */
export const SERVER_CALL_NAMES = [
  'ficheCharger',
  'ficheVerifier',
  'ficheEnregistrer',
  'horairesDecrire',
  'planifierApercu',
  'planifierAjouter',
  'allerALaLigne',
] as const;

export type ServerCallName = (typeof SERVER_CALL_NAMES)[number];
