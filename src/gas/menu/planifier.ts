/** « Planifier des permanences »: the dialog that adds a series of dated permanences. */
import { writeJournal } from '../actions/journal';
import { addPlanned, dialogData, type PlanDialogData, type PlanForm, preview } from '../actions/plan';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet, readAll, type Sheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { planClient } from '../client/plan-client';
import { today } from '../env';
import { MaillageError } from '../errors';
import { clientScript, render } from '../html';
import { missingTabMessage } from '../messages';
import { menuAction, requiredSheet } from './action';

const CAPTION = 'Planifier des permanences';

function permanencesSheet(): Sheet {
  const sheet = activeSpreadsheet().getSheetByName('Permanences');
  if (!sheet) throw new MaillageError(missingTabMessage('Permanences', false));
  return sheet;
}

export const PLAN_SERVER = {
  planifierApercu(form: PlanForm) {
    return preview(form, readAll(permanencesSheet()));
  },
  planifierAjouter(form: PlanForm) {
    const ss = activeSpreadsheet();
    const sheet = permanencesSheet();
    const user = activeUserEmail();
    const now = new Date();
    return withLock(() => {
      const added = addPlanned(sheet, form, user, now);
      if (added.added > 0) {
        writeJournal(
          ss,
          {
            action: CAPTION,
            lignes: added.added,
            details: [
              `${added.resume} : ${added.added} permanence${added.added > 1 ? 's' : ''} ajoutée${added.added > 1 ? 's' : ''} (lignes ${added.firstRow} à ${added.lastRow}).`,
              ...added.skipped.map((s) => `Non planifié : ${s.message}`),
              `Pour annuler : supprimez les lignes ${added.firstRow} à ${added.lastRow} de l’onglet Permanences.`,
            ].join('\n'),
            utilisateur: user,
          },
          now,
        );
      }
      return added;
    });
  },
};

function planDialog(data: PlanDialogData): GoogleAppsScript.HTML.HtmlOutput {
  return render('Planifier', CAPTION, clientScript(planClient, data, PLAN_SERVER), {
    width: 620,
    height: 640,
  });
}

export const planifier = menuAction({
  fn: 'menuPlanifier',
  caption: CAPTION,
  dialog: 'Planifier',
  server: PLAN_SERVER,
  handler(title) {
    const ss = activeSpreadsheet();
    if (!requiredSheet(ss, 'Permanences', title)) return;
    const relais = ss.getSheetByName('Relais');
    showDialog(planDialog(dialogData(relais ? readAll(relais) : [], today())), title);
  },
});
