/** « Référents : liste et export… »: filter the referents, list them, download them as CSV and vCard. */
import { journaledAsUser } from '../actions/journal';
import { type ReferentsExport, referentsDialogData, referentsExport } from '../actions/referents';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { addOption } from '../client/common';
import { referentsClient } from '../client/referents-client';
import { clientScript, render } from '../html';
import { menuAction, requiredSheet } from './action';

const CAPTION = 'Référents : liste et export…';

export const REFERENTS_SERVER = {
  /** The referents the criteria designate, with the CSV and vCard files; the Journal notes the export. */
  referentsExporter(criteria: unknown): ReferentsExport {
    const ss = activeSpreadsheet();
    return journaledAsUser(
      ss,
      CAPTION,
      (_user, now) => referentsExport(ss, criteria, now),
      (result, user) => ({
        lignes: result.nombre,
        details: `Liste des ${result.filtre} (${result.nombre}) préparée en CSV et vCard pour ${user ?? 'la coordination'}.`,
      }),
    );
  },
};

export const exporterReferents = menuAction({
  fn: 'menuExporterReferents',
  caption: CAPTION,
  dialog: 'Referents',
  server: REFERENTS_SERVER,
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Référents', 'Lieux'] as const) if (!requiredSheet(ss, tab, title)) return;
    showDialog(
      render(
        'Referents',
        CAPTION,
        clientScript(referentsClient, referentsDialogData(ss, new Date()), REFERENTS_SERVER, { addOption }),
        { width: 720, height: 600 },
      ),
      title,
    );
  },
});
