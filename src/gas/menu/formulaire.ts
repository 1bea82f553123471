/** « Créer le formulaire d’inscription »: the Google Form of the selected meeting, its answers into Inscriptions. */
import { writeJournal } from '../actions/journal';
import { createMeetingForm } from '../actions/registration-form';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert } from '../adapters/ui';
import { menuAction, requiredSheet } from './action';

export const creerFormulaire = menuAction({
  fn: 'menuCreerFormulaire',
  caption: 'Créer le formulaire d’inscription',
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Rencontres', 'Inscriptions'] as const) if (!requiredSheet(ss, tab, title)) return;
    const user = activeUserEmail();
    const now = new Date();
    const created = withLock(() => {
      const c = createMeetingForm(ss, now);
      writeJournal(
        ss,
        {
          action: title,
          lignes: 1,
          details: `${c.rencontre} (Rencontres, ligne ${c.row}) : formulaire ${c.publishedUrl} (modifier : ${c.editUrl}).`,
          utilisateur: user,
        },
        now,
      );
      return c;
    });
    alert(
      title,
      [
        `Le formulaire de « ${created.rencontre} » est prêt. Son adresse est dans la colonne « Formulaire d’inscription » (ligne ${created.row}) et figurera dans les invitations :`,
        created.publishedUrl,
        '',
        `Pour le relire ou l’ajuster dans Google Forms : ${created.editUrl}`,
        '',
        'Chaque réponse arrive dans l’onglet Inscriptions : « inscrit » tant qu’il reste des places, puis « liste d’attente » ; la personne reçoit un courriel qui le lui dit.',
      ].join('\n'),
    );
  },
});
