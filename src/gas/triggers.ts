/** The trigger handlers: the simple onEdit, and those « Automatisations » installs. */
import { type EditEventLike, editTarget, handleEdit } from './actions/edit';
import { writeJournal } from './actions/journal';
import { FORM_SUBMIT_HANDLER, registeredDetails, registerSubmission } from './actions/registration-form';
import { dailyAndJournal } from './actions/registrations';
import type { FormSubmitEvent } from './adapters/forms';
import { BusyError } from './adapters/lock';
import { activeUserEmail, effectiveUserEmail, userEmail } from './adapters/session';
import { activeSpreadsheet } from './adapters/spreadsheet';
import { useSpreadsheet } from './env';
import { MaillageError } from './errors';
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

/** What the daily trigger writes in the Journal. */
const DAILY_MEETINGS_ACTION = 'Rappels des rencontres et listes d’attente';

/**
 * The daily trigger (no Ui): free seats to the waiting lists, reminders two days before. A busy
 * workbook or a missing tab is logged; what did not go is retried the next day.
 */
function triggerRencontresQuotidien(): void {
  try {
    dailyAndJournal(activeSpreadsheet(), DAILY_MEETINGS_ACTION, effectiveUserEmail(), new Date());
  } catch (error) {
    if (error instanceof BusyError || error instanceof MaillageError) {
      console.warn(`${DAILY_MEETINGS_ACTION} reporté : ${error.message}`);
      return;
    }
    throw error;
  }
}

/** How long an answer of a registration form waits for another action to finish (a trigger may run 6 min). */
export const FORM_LOCK_WAIT_MS = 240_000;

/**
 * An answer of a meeting's registration form (installable form-submit trigger, run as the account that
 * created the form): one row in Inscriptions, inscrit or waiting list, and a mail. When the workbook
 * stays busy, the answer is kept by Google Forms and the failure is logged (Google mails the account a
 * summary of failed executions).
 */
function triggerInscriptionFormulaire(e: FormSubmitEvent): void {
  const ss = activeSpreadsheet();
  const now = new Date();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(FORM_LOCK_WAIT_MS)) {
    console.error(
      'Inscription par formulaire non enregistrée : le classeur est resté occupé. La réponse est dans le formulaire.',
    );
    throw new BusyError();
  }
  try {
    const r = registerSubmission(ss, e, now);
    writeJournal(
      ss,
      {
        action: 'Inscription par formulaire',
        lignes: r.statut === 'déjà inscrit' ? 0 : 1,
        details: registeredDetails(r),
        utilisateur: effectiveUserEmail(),
      },
      now,
    );
  } catch (error) {
    if (error instanceof MaillageError) {
      console.warn(error.message);
      return;
    }
    throw error;
  } finally {
    lock.releaseLock();
  }
}

/** How long an edit waits for a bulk action to finish (a simple trigger may run 30 s). */
export const EDIT_LOCK_WAIT_MS = 20_000;

/**
 * The one handler of an edit: the simple trigger, run as the person who edits (no installer's quota,
 * no second execution). It takes the lock bulk actions hold, so that a new row's id is drawn once and
 * no bulk write lands on what it just wrote; the lock is not released by a call: « The lock is
 * automatically released when the script terminates » (Lock.releaseLock), and nothing runs after
 * the write. « Modifié par » is the editor when Google tells (e.user: the owner's Workspace domain),
 * emptied otherwise rather than left naming the previous editor; the form (« Modifier la fiche »)
 * always knows its user.
 */
function onEdit(e: EditEventLike): void {
  const target = editTarget(e);
  if (!target) return;
  if (!LockService.getScriptLock().tryLock(EDIT_LOCK_WAIT_MS)) {
    console.warn('Maillage (modification) : le classeur était occupé ; « Vérifier » mettra la ligne à jour.');
    return;
  }
  if (e.source) useSpreadsheet(e.source);
  try {
    handleEdit(target, () => (e.user ? userEmail(e.user) : (activeUserEmail() ?? '')));
  } catch (error) {
    console.error(`Maillage (modification) : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The installable edit trigger of earlier versions, until « Automatisations » removes it: does nothing. */
function triggerEdition(): void {}

/** Every trigger handler, by its global name in Code.js (the simple onEdit included). */
export const TRIGGER_GLOBALS = {
  onEdit,
  triggerRollupHebdomadaire,
  triggerRencontresQuotidien,
  [FORM_SUBMIT_HANDLER]: triggerInscriptionFormulaire,
  triggerEdition,
};

/** The handlers « Automatisations » installs, by role. */
export const TRIGGER_HANDLERS = {
  weeklyRollup: 'triggerRollupHebdomadaire',
  dailyMeetings: 'triggerRencontresQuotidien',
  formSubmit: FORM_SUBMIT_HANDLER,
} as const satisfies Record<string, keyof typeof TRIGGER_GLOBALS>;

/** Handlers of earlier versions that « Automatisations » removes. */
export const RETIRED_TRIGGERS = [
  'triggerEdition',
] as const satisfies readonly (keyof typeof TRIGGER_GLOBALS)[];
