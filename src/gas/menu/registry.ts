/**
 * Every menu action, in menu order (null = separator). This one list makes each project's onOpen
 * menu, the global functions of each Code.js (main.ts, partenaires.ts) and the list the tests run
 * through.
 * A new action: one file in this folder, one line here, its test (see the README).
 */
import { startExecution } from '../env';
import { MENU_TITLE, PARTNER_MENU_TITLE } from '../messages';
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

/**
 * The two Apps Script projects bound to the workbook. Google asks every user who runs a function of a
 * project to accept ALL its scopes, and a project's scopes are the same for everyone: the partners'
 * form therefore lives in a project of its own whose manifest asks only for this workbook and the
 * dialogs (appsscript/partenaires/appsscript.json), while the coordination's actions, the simple
 * onEdit (it needs no consent and must share its lock with the bulk actions) and the time-driven
 * triggers live in the other (appsscript/appsscript.json). An action's role decides its project.
 */
export type ProjectName = 'coordination' | 'partenaires';

export const PROJECTS: Record<ProjectName, { menuTitle: string; triggers: boolean }> = {
  coordination: { menuTitle: MENU_TITLE, triggers: true },
  partenaires: { menuTitle: PARTNER_MENU_TITLE, triggers: false },
};

export function projectOf(action: MenuAction): ProjectName {
  return (action.role ?? 'coordination') === 'partenaire' ? 'partenaires' : 'coordination';
}

/** The menu of one project, in registry order, separators only between items. */
export function menuOf(project: ProjectName): (MenuAction | null)[] {
  const out: (MenuAction | null)[] = [];
  for (const entry of MENU) {
    if (entry === null) {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
    } else if (projectOf(entry) === project) out.push(entry);
  }
  if (out[out.length - 1] === null) out.pop();
  return out;
}

export function onOpenFor(project: ProjectName): () => void {
  return () => {
    const menu = SpreadsheetApp.getUi().createMenu(PROJECTS[project].menuTitle);
    for (const action of menuOf(project)) {
      if (action === null) menu.addSeparator();
      else menu.addItem(action.caption, action.fn);
    }
    menu.addToUi();
  };
}

/**
 * Every global function of one project's Code.js, by name: onOpen, its menu items, their server
 * calls, and (coordination) the triggers.
 */
export function globalFunctions(project: ProjectName): Record<string, ServerCall> {
  const globals: Record<string, ServerCall> = {};
  const add = (name: string, fn: ServerCall) => {
    if (Object.hasOwn(globals, name)) throw new Error(`Two global functions named ${name}`);
    globals[name] = (...args: unknown[]) => {
      startExecution();
      return fn(...args);
    };
  };
  add('onOpen', onOpenFor(project));
  for (const action of ACTIONS.filter((a) => projectOf(a) === project)) {
    add(action.fn, () => runAction(action));
    for (const [name, call] of Object.entries(action.server ?? {})) {
      add(name, (...args: unknown[]) => {
        requireCoordination(action);
        return call(...args);
      });
    }
  }
  if (PROJECTS[project].triggers) {
    for (const [name, handler] of Object.entries(TRIGGER_GLOBALS)) add(name, handler);
  }
  return globals;
}

/** What the tests and the build read of the registry (from a built bundle): plain data. */
export function catalogue(project: ProjectName) {
  return {
    project,
    title: PROJECTS[project].menuTitle,
    menu: menuOf(project).map((a) =>
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
    triggers: PROJECTS[project].triggers ? { ...TRIGGER_HANDLERS } : {},
  };
}
