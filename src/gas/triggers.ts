/** The trigger handlers: the simple onEdit, and those « Automatisations » installs. */
import { type EditEventLike, handleEdit } from './actions/edit';
import { BusyError } from './adapters/lock';
import { effectiveUserEmail } from './adapters/session';
import { activeSpreadsheet } from './adapters/spreadsheet';
import { rollupAndJournal } from './menu/indicateurs';

/** The weekly trigger (no Ui): a busy workbook is retried next week, logged. */
function triggerRollupHebdomadaire(): void {
  try {
    rollupAndJournal(
      activeSpreadsheet(),
      'Calcul hebdomadaire des indicateurs',
      effectiveUserEmail(),
      new Date(),
    );
  } catch (error) {
    if (error instanceof BusyError) {
      console.warn('Calcul hebdomadaire reporté : le classeur était occupé.');
      return;
    }
    throw error;
  }
}

/** Simple trigger (AuthMode.LIMITED): validates and stamps the edited rows; never knows for sure who edits. */
function onEdit(e: EditEventLike): void {
  try {
    handleEdit(e, null);
  } catch (error) {
    console.error(`Maillage (modification) : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Installable edit trigger (installed by « Automatisations »): also fills « Modifié par ». */
function triggerEdition(e: EditEventLike & { user?: GoogleAppsScript.Base.User }): void {
  let editor: string | null = null;
  try {
    editor = e?.user?.getEmail()?.toLowerCase() || null;
  } catch {
    editor = null;
  }
  try {
    handleEdit(e, editor);
  } catch (error) {
    console.error(`Maillage (modification) : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every trigger handler, by its global name in Code.js (the simple onEdit included). */
export const TRIGGER_GLOBALS = { onEdit, triggerRollupHebdomadaire, triggerEdition };

/** The handlers « Automatisations » installs, by role. */
export const TRIGGER_HANDLERS = {
  weeklyRollup: 'triggerRollupHebdomadaire',
  edit: 'triggerEdition',
} as const satisfies Record<string, keyof typeof TRIGGER_GLOBALS>;
