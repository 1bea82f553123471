/**
 * The Ui of the spreadsheet, when there is one (time-driven triggers have none: messages then go to
 * the execution log only).
 */

type Ui = GoogleAppsScript.Base.Ui;

function ui(): Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

export const TITLE = 'Maillage';

export function alert(title: string, message: string): void {
  const u = ui();
  if (u) u.alert(title, message, u.ButtonSet.OK);
  else console.log(`${title} : ${message}`);
}

/** Asks a yes/no question; false without a Ui. */
export function confirm(title: string, message: string): boolean {
  const u = ui();
  if (!u) return false;
  return u.alert(title, message, u.ButtonSet.YES_NO) === u.Button.YES;
}

export function toast(message: string, title = TITLE): void {
  try {
    SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 8);
  } catch {
    console.log(message);
  }
}

export function showSidebar(html: GoogleAppsScript.HTML.HtmlOutput): void {
  ui()?.showSidebar(html);
}

export function showDialog(html: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
  ui()?.showModalDialog(html, title);
}
