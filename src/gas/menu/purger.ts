/** « Purger les anciennes inscriptions »: personal data of professionals kept only as long as needed. */

import { retentionMonths } from '../../core/rencontres';
import { journaled } from '../actions/journal';
import { purgePlan, purgeRegistrations } from '../actions/registrations';
import { SCRIPT_PROPERTIES, scriptProperty } from '../adapters/properties';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { plural } from '../messages';
import { menuAction, requiredSheet } from './action';

export const purger = menuAction({
  fn: 'menuPurgerInscriptions',
  caption: 'Purger les anciennes inscriptions',
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Rencontres', 'Inscriptions'] as const) if (!requiredSheet(ss, tab, title)) return;
    const months = retentionMonths(scriptProperty(SCRIPT_PROPERTIES.registrationRetention));
    const delay = plural(months, 'mois', 'mois');
    const now = new Date();
    const { old } = purgePlan(ss, now, months);
    if (old.length === 0) {
      alert(
        title,
        `Aucune inscription à une rencontre passée depuis plus de ${delay} : rien n’a été supprimé.`,
      );
      return;
    }
    const question = `${plural(old.length, 'inscription concerne', 'inscriptions concernent')} des rencontres passées depuis plus de ${delay} (réglage ${SCRIPT_PROPERTIES.registrationRetention}). Elles seront supprimées définitivement de l’onglet Inscriptions, avec les noms et courriels qu’elles contiennent. Les chiffres déjà calculés ne changent pas.\n\nSupprimer ?`;
    if (!confirm(title, question)) return;
    const user = activeUserEmail();
    const result = journaled(
      ss,
      { action: title, utilisateur: user, now },
      () => purgeRegistrations(ss, now, months),
      (r) => ({
        lignes: r.removed.length,
        details: `${plural(r.removed.length, 'inscription supprimée', 'inscriptions supprimées')} (rencontres passées depuis plus de ${delay}), ${plural(r.kept, 'gardée', 'gardées')} : ${r.removed.map((i) => i.record.id ?? `ligne ${i.row}`).join(', ')}`,
      }),
    );
    alert(
      title,
      `${plural(result.removed.length, 'inscription supprimée', 'inscriptions supprimées')} (rencontres passées depuis plus de ${delay}). ${plural(result.kept, 'inscription reste', 'inscriptions restent')} dans l’onglet Inscriptions.`,
    );
  },
});
