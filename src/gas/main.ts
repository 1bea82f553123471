/**
 * The Apps Script surface: every export becomes a top-level function of Code.js (see scripts/build.ts).
 * Nothing else is global. Menu items and trigger handlers are named in menu.ts; the calls dialogs make
 * through google.script.run are named in server-names.ts.
 */

import { MENU_ITEMS, MENU_TITLE, type TRIGGER_HANDLERS } from './menu';
import {
  menuAppliquerDroits,
  menuAutomatisations,
  menuCalculerIndicateurs,
  menuCompleterCoordonnees,
  menuInstaller,
  menuModifierFiche,
  menuPlanifier,
  menuRelancer,
  menuVerifier,
  onEditInstalled,
  onEditSimple,
  triggerRollupHebdomadaire,
} from './menus';
import { SERVER_CALLS } from './server';
import type { ServerCallName } from './server-names';

export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(item.caption, item.fn);
  }
  menu.addToUi();
}

/** Simple trigger (AuthMode.LIMITED): validates and stamps the edited rows. */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  onEditSimple(e);
}

export {
  menuAppliquerDroits,
  menuAutomatisations,
  menuCalculerIndicateurs,
  menuCompleterCoordonnees,
  menuInstaller,
  menuModifierFiche,
  menuPlanifier,
  menuRelancer,
  menuVerifier,
  triggerRollupHebdomadaire,
};

/** Installable edit trigger (installed by « Automatisations »): also fills « Modifié par ». */
export function triggerEdition(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  onEditInstalled(e);
}

export const {
  ficheCharger,
  ficheVerifier,
  ficheEnregistrer,
  horairesDecrire,
  planifierApercu,
  planifierAjouter,
  allerALaLigne,
} = SERVER_CALLS;

// The type checker keeps the exports in step with the lists of menu.ts and server-names.ts.
const globals = {
  menuInstaller,
  menuModifierFiche,
  menuVerifier,
  menuCompleterCoordonnees,
  menuAppliquerDroits,
  menuPlanifier,
  menuRelancer,
  menuCalculerIndicateurs,
  menuAutomatisations,
  triggerRollupHebdomadaire,
  triggerEdition,
  ficheCharger,
  ficheVerifier,
  ficheEnregistrer,
  horairesDecrire,
  planifierApercu,
  planifierAjouter,
  allerALaLigne,
} satisfies Record<
  | Exclude<(typeof MENU_ITEMS)[number], null>['fn']
  | (typeof TRIGGER_HANDLERS)[keyof typeof TRIGGER_HANDLERS]
  | ServerCallName,
  unknown
>;
void globals;
