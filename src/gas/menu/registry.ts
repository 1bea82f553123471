/**
 * The « Réseau numérique » menu: every action, in menu order (null = separator). This one list makes
 * onOpen's menu, the global functions of Code.js (main.ts) and the list the tests run through.
 * A new action: one file in this folder, one line here, its test (see the README).
 */
import { startExecution } from '../env';
import { MENU_TITLE } from '../messages';
import { TRIGGER_GLOBALS, TRIGGER_HANDLERS } from '../triggers';
import { type MenuAction, requireCoordination, runAction, type ServerCall } from './action';
import { automatisations } from './automatisations';
import { comparerNational } from './comparer';
import { completerCoordonnees } from './coordonnees';
import { appliquerDroits } from './droits';
import { emargement } from './emargement';
import { modifierFiche } from './fiche';
import { creerFormulaire } from './formulaire';
import { importerNational } from './importer';
import { calculerIndicateurs } from './indicateurs';
import { installer } from './installer';
import { inviter } from './inviter';
import { envoyerLettre } from './lettre';
import { listesAttente } from './listes';
import { planifier } from './planifier';
import { purger } from './purger';
import { exporterReferents } from './referents';
import { relancer } from './relancer';
import { verifier } from './verifier';

export const MENU: readonly (MenuAction | null)[] = [
  installer,
  modifierFiche,
  verifier,
  null,
  completerCoordonnees,
  appliquerDroits,
  planifier,
  relancer,
  importerNational,
  comparerNational,
  null,
  creerFormulaire,
  inviter,
  emargement,
  listesAttente,
  envoyerLettre,
  exporterReferents,
  purger,
  null,
  calculerIndicateurs,
  automatisations,
];

export const ACTIONS: readonly MenuAction[] = MENU.filter((a): a is MenuAction => a !== null);

export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const action of MENU) {
    if (action === null) menu.addSeparator();
    else menu.addItem(action.caption, action.fn);
  }
  menu.addToUi();
}

/** Every global function of Code.js, by name: onOpen, the menu items, their server calls, the triggers. */
export function globalFunctions(): Record<string, ServerCall> {
  const globals: Record<string, ServerCall> = {};
  const add = (name: string, fn: ServerCall) => {
    if (Object.hasOwn(globals, name)) throw new Error(`Two global functions named ${name}`);
    globals[name] = (...args: unknown[]) => {
      startExecution();
      return fn(...args);
    };
  };
  add('onOpen', onOpen);
  for (const action of ACTIONS) {
    add(action.fn, () => runAction(action));
    for (const [name, call] of Object.entries(action.server ?? {})) {
      add(name, (...args: unknown[]) => {
        requireCoordination(action);
        return call(...args);
      });
    }
  }
  for (const [name, handler] of Object.entries(TRIGGER_GLOBALS)) add(name, handler);
  return globals;
}

/** What the tests read of the registry (from the built bundle): plain data. */
export function catalogue() {
  return {
    title: MENU_TITLE,
    menu: MENU.map((a) =>
      a === null
        ? null
        : {
            fn: a.fn,
            caption: a.caption,
            dialog: a.dialog ?? null,
            role: a.role ?? 'coordination',
            server: Object.keys(a.server ?? {}),
          },
    ),
    triggers: { ...TRIGGER_HANDLERS },
  };
}
