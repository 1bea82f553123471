/** « Créer le formulaire d’inscription »: the Google Form of the selected meeting, its answers into Inscriptions. */
import { journaled } from '../actions/journal';
import { createMeetingForm } from '../actions/registration-form';
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
    const created = journaled(
      ss,
      { action: title, utilisateur: user, now },
      () => createMeetingForm(ss, now),
      (c) => ({
        lignes: 1,
        details: `${c.rencontre} (Rencontres, ligne ${c.row}) : formulaire ${c.publishedUrl} (modifier : ${c.editUrl}).`,
      }),
    );
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
