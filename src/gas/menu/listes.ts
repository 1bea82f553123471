/**
 * « Listes d’attente et rappels maintenant »: what the daily round does at 7, at once (after marking
 * someone « désinscrit », the first on the waiting list gets the seat and a mail without waiting).
 */
import { dailyAndJournal } from '../actions/registrations';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert } from '../adapters/ui';
import { bullets, plural } from '../messages';
import { menuAction, requiredSheet } from './action';

export const listesAttente = menuAction({
  fn: 'menuListesAttente',
  caption: 'Listes d’attente et rappels maintenant',
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Rencontres', 'Inscriptions'] as const) if (!requiredSheet(ss, tab, title)) return;
    const r = dailyAndJournal(ss, title, activeUserEmail(), new Date());
    const lines = [
      `${plural(r.promoted.length, 'personne passe', 'personnes passent')} de la liste d’attente à « inscrit »${r.promoted.length ? ` (prévenue${r.promoted.length > 1 ? 's' : ''} par courriel)` : ''}.`,
      `${plural(r.reminded.length, 'rappel envoyé', 'rappels envoyés')} (rencontres des deux prochains jours).`,
      ...r.promoted.map(
        (p) =>
          `Inscrit (ligne ${p.inscription.row}) : ${p.inscription.record.nom ?? 'sans nom'} — ${p.rencontre.sujet ?? ''}`,
      ),
      ...r.notSent.map((n) => `${n.what} non envoyé à ${n.to} : ${n.reason}`),
      ...r.closedForms.map((f) => `Formulaire fermé (rencontre passée) : ${f}`),
    ];
    alert(title, bullets(lines));
  },
});
