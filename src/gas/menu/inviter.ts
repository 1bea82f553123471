/** « Inviter des référents à une rencontre »: the dialog that chooses the meeting and the referents, then sends. */
import {
  type InviteDialogData,
  type InviteResult,
  inviteDialogData,
  invitePreview,
  parseInviteForm,
  sendInvitations,
} from '../actions/invite';
import { journaledAsUser, mailingLines } from '../actions/journal';
import { effectiveUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { addOption, appendList } from '../client/common';
import { inviteClient } from '../client/invite-client';
import { clientScript, render } from '../html';
import { plural } from '../messages';
import { menuAction, requiredSheet } from './action';

const CAPTION = 'Inviter des référents à une rencontre';

export const INVITE_SERVER = {
  inviterApercu(form: unknown) {
    return invitePreview(activeSpreadsheet(), parseInviteForm(form), new Date());
  },
  inviterEnvoyer(form: unknown): InviteResult {
    const ss = activeSpreadsheet();
    const parsed = parseInviteForm(form);
    return journaledAsUser(
      ss,
      CAPTION,
      (user, now) => sendInvitations(ss, parsed, user ?? effectiveUserEmail(), now),
      (result) => ({
        lignes: result.envoyes.length,
        details: [
          `${result.rencontre}, ${result.filtre} : ${plural(result.envoyes.length, 'invitation envoyée', 'invitations envoyées')}${result.deja ? `, ${result.deja} déjà invité${result.deja > 1 ? 's' : ''}` : ''}.`,
          ...mailingLines(result),
        ].join('\n'),
      }),
    );
  },
};

function inviteDialog(data: InviteDialogData): GoogleAppsScript.HTML.HtmlOutput {
  return render(
    'Inviter',
    CAPTION,
    clientScript(inviteClient, data, INVITE_SERVER, { appendList, addOption }),
    {
      width: 620,
      height: 600,
    },
  );
}

export const inviter = menuAction({
  fn: 'menuInviter',
  caption: CAPTION,
  dialog: 'Inviter',
  server: INVITE_SERVER,
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Rencontres', 'Référents', 'Lieux'] as const)
      if (!requiredSheet(ss, tab, title)) return;
    showDialog(inviteDialog(inviteDialogData(ss, new Date())), title);
  },
});
