/** « Relancer les fiches anciennes »: one e-mail per referent of places not updated for six months. */
import { writeJournal } from '../actions/journal';
import { lieuLabel, planReminders, sendReminders } from '../actions/remind';
import { withLock } from '../adapters/lock';
import { remainingMailQuota } from '../adapters/mail';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet, readAll } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { bullets, plural } from '../messages';
import { menuAction, requiredSheet } from './action';

export const relancer = menuAction({
  fn: 'menuRelancer',
  caption: 'Relancer les fiches anciennes',
  handler(title) {
    const ss = activeSpreadsheet();
    const sheet = requiredSheet(ss, 'Lieux', title);
    if (!sheet) return;
    const now = new Date();
    const plan = planReminders(readAll(sheet), now);
    if (plan.stale === 0) {
      alert(
        title,
        'Toutes les fiches actives ont été mises à jour il y a moins de six mois : personne à relancer.',
      );
      return;
    }
    const without = plan.withoutReferent.map((l) => `${lieuLabel(l)} : pas de courriel de référent valide`);
    if (plan.reminders.length === 0) {
      alert(
        title,
        `${plural(plan.stale, 'fiche ancienne', 'fiches anciennes')}, mais aucune n’a de référent joignable :\n${bullets(without)}`,
      );
      return;
    }
    const quota = remainingMailQuota();
    const list = plan.reminders.map((r) => `${r.to} : ${r.lieux.map(lieuLabel).join(' ; ')}`);
    const question = [
      `${plural(plan.stale, 'fiche n’a', 'fiches n’ont')} pas été mise${plan.stale > 1 ? 's' : ''} à jour depuis plus de six mois.`,
      '',
      `Maillage va écrire à ${plural(plan.reminders.length, 'référent', 'référents')} :`,
      bullets(list),
      ...(without.length ? ['', 'Sans référent joignable (à relancer vous-même) :', bullets(without)] : []),
      '',
      `Courriels encore possibles aujourd’hui : ${quota}.${quota < plan.reminders.length ? ` Les ${plan.reminders.length - quota} derniers ne partiront pas aujourd’hui.` : ''}`,
      '',
      'Envoyer ?',
    ].join('\n');
    if (!confirm(title, question)) return;
    const user = activeUserEmail();
    const result = withLock(() => {
      const r = sendReminders(ss, sheet, plan.reminders);
      writeJournal(
        ss,
        {
          action: title,
          lignes: r.sent.reduce((n, x) => n + x.lieux.length, 0),
          details: [
            ...r.sent.map((x) => `Envoyé à ${x.to} : ${x.lieux.map(lieuLabel).join(' ; ')}`),
            ...r.notSent.map(
              (x) =>
                `Non envoyé à ${x.reminder.to} (${x.reason}) : ${x.reminder.lieux.map(lieuLabel).join(' ; ')}`,
            ),
            ...plan.withoutReferent.map((l) => `Sans référent : ${lieuLabel(l)}`),
          ].join('\n'),
          utilisateur: user,
        },
        now,
      );
      return r;
    });
    const lines = [`${plural(result.sent.length, 'courriel envoyé', 'courriels envoyés')}.`];
    if (result.notSent.length) {
      lines.push(
        `Non envoyés (à refaire) : ${result.notSent.map((x) => `${x.reminder.to} (${x.reason})`).join(' ; ')}`,
      );
    }
    if (without.length)
      lines.push(`Sans référent joignable : ${plan.withoutReferent.map(lieuLabel).join(' ; ')}`);
    alert(title, bullets(lines));
  },
});
