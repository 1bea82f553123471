/** « Feuille d’émargement »: the printable attendance sheet (A4) of the selected meeting. */

import { attendanceSheet } from '../../core/rencontres';
import { writeJournal } from '../actions/journal';
import { readTab, selectedMeeting } from '../actions/meetings';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { networkName } from '../env';
import { render } from '../html';
import { menuAction, requiredSheet } from './action';

export const emargement = menuAction({
  fn: 'menuFeuilleEmargement',
  caption: 'Feuille d’émargement',
  dialog: 'Emargement',
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Rencontres', 'Inscriptions'] as const) if (!requiredSheet(ss, tab, title)) return;
    const user = activeUserEmail();
    const now = new Date();
    const feuille = withLock(() => {
      const rencontres = readTab(ss, 'Rencontres', now);
      const { record } = selectedMeeting(ss, rencontres);
      const inscriptions = readTab(ss, 'Inscriptions', now);
      const f = attendanceSheet(
        record,
        inscriptions.rows.map((r) => r.record),
      );
      writeJournal(
        ss,
        {
          action: title,
          lignes: f.personnes.length,
          details: `${f.titre}, ${f.quand} : feuille de ${f.personnes.length} inscrit(s) affichée pour impression.`,
          utilisateur: user,
        },
        now,
      );
      return f;
    });
    showDialog(
      render('Emargement', title, '', { width: 800, height: 640 }, { feuille, reseau: networkName() }),
      title,
    );
  },
});
