/**
 * A menu action: its caption, its handler, the dialog it opens and the calls that dialog makes through
 * google.script.run. Each action is one file of this folder; registry.ts lists them.
 */
import type { TabName } from '../../core/model';
import { BusyError } from '../adapters/lock';
import { coordinationEmails, DOCUMENT_PROPERTIES, documentProperty } from '../adapters/properties';
import { activeUserEmail } from '../adapters/session';
import type { Sheet, Spreadsheet } from '../adapters/spreadsheet';
import { alert } from '../adapters/ui';
import { MaillageError } from '../errors';
import { BUSY_MESSAGE, coordinationOnlyMessage, failedMessage, missingTabMessage } from '../messages';

/** A function a dialog calls through google.script.run (its arguments come from the browser). */
// biome-ignore lint/suspicious/noExplicitAny: arguments are whatever the dialog sends, checked inside.
export type ServerCall = (...args: any[]) => unknown;

export interface MenuAction {
  /** The global function of Code.js the menu item calls (also listed in the editor's Run menu). */
  readonly fn: string;
  /** The menu item, in French; also the title of the action's alerts and its Journal lines. */
  readonly caption: string;
  /** The work: `title` is the caption. */
  readonly handler: (title: string) => void;
  /** The HTML file of appsscript/ the action shows, if any. */
  readonly dialog?: string;
  /** The functions that dialog calls through google.script.run (each becomes a global of Code.js). */
  readonly server?: Readonly<Record<string, ServerCall>>;
  /**
   * Who may run it: 'partenaire' (anyone the workbook is shared with: their own rows, through the
   * form) or 'coordination' (the coordination list only; others are told so politely). Default
   * 'coordination'.
   */
  readonly role?: 'partenaire' | 'coordination';
}

/** Whether the current user may run a coordination action (anyone, until the installer records the list). */
export function isCoordination(): boolean {
  if (!documentProperty(DOCUMENT_PROPERTIES.coordination)) return true;
  const user = activeUserEmail()?.toLowerCase();
  return user !== undefined && coordinationEmails().includes(user);
}

/** Throws the polite refusal when a coordination action's server call comes from someone else. */
export function requireCoordination(action: MenuAction): void {
  if ((action.role ?? 'coordination') === 'coordination' && !isCoordination()) {
    throw new MaillageError(coordinationOnlyMessage(action.caption));
  }
}

/** Declares an action (keeps its literal types for the registry's checks). */
export function menuAction<const A extends MenuAction>(action: A): A {
  return action;
}

/** Runs a menu action: a busy workbook is explained; any other failure is explained, then rethrown. */
export function runAction(action: MenuAction): void {
  const title = action.caption;
  try {
    requireCoordination(action);
    action.handler(title);
  } catch (error) {
    if (error instanceof BusyError) {
      alert(title, BUSY_MESSAGE);
      return;
    }
    if (error instanceof MaillageError) {
      alert(title, error.message);
      return;
    }
    alert(title, failedMessage(error instanceof Error ? error.message : String(error)));
    throw error;
  }
}

/** A tab the action needs; when it is missing the user is told to install, and null is returned. */
export function requiredSheet(ss: Spreadsheet, tab: TabName, title: string): Sheet | null {
  const sheet = ss.getSheetByName(tab);
  if (!sheet) alert(title, missingTabMessage(tab));
  return sheet;
}
