/**
 * The Apps Script surface: every export becomes a top-level function of Code.js (see scripts/build.ts).
 * Nothing else is global.
 */
import { MENU_ITEMS, MENU_TITLE } from './menu';

export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(item.caption, item.fn);
  }
  menu.addToUi();
}

function notYet(): void {
  SpreadsheetApp.getUi().alert('Cette action arrive dans une prochaine version de Maillage.');
}

export function onEdit(_e: GoogleAppsScript.Events.SheetsOnEdit): void {}

export const menuInstaller = notYet;
export const menuModifierFiche = notYet;
export const menuVerifier = notYet;
export const menuCompleterCoordonnees = notYet;
export const menuAppliquerDroits = notYet;
export const menuPlanifier = notYet;
export const menuRelancer = notYet;
export const menuCalculerIndicateurs = notYet;
export const menuAutomatisations = notYet;
export const triggerRollupHebdomadaire = notYet;
export const triggerEdition = notYet;
