/** « Appliquer les droits des partenaires »: one protection per row of Lieux, from its « Éditeurs ». */
import { writeJournal } from '../actions/journal';
import { applyRights, describeRights, hasChanges, planRights } from '../actions/rights';
import { withLock } from '../adapters/lock';
import { coordinationEmails } from '../adapters/properties';
import { activeUserEmail, effectiveUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { alert, confirm } from '../adapters/ui';
import { bullets, plural } from '../messages';
import { menuAction, requiredSheet } from './action';

export const appliquerDroits = menuAction({
  fn: 'menuAppliquerDroits',
  caption: 'Appliquer les droits des partenaires',
  handler(title) {
    const ss = activeSpreadsheet();
    const sheet = requiredSheet(ss, 'Lieux', title);
    if (!sheet) return;
    const user = activeUserEmail() ?? effectiveUserEmail();
    const stored = coordinationEmails();
    const coordination = stored.length > 0 ? stored : user ? [user.toLowerCase()] : [];
    const plan = planRights(ss, sheet, coordination, user);
    const notes: string[] = [];
    if (plan.skipped.length) notes.push(...plan.skipped.map((s) => `Ligne ${s.row} : ${s.reason}.`));
    if (plan.notShared.length) {
      notes.push(
        `Le classeur n’est pas partagé avec ${plan.notShared.join(', ')} : partagez-le (bouton « Partager », rôle « Éditeur ») pour qu’ils puissent modifier leur ligne.`,
      );
    }
    if (!hasChanges(plan)) {
      alert(
        title,
        `Les droits sont déjà à jour (${plural(plan.unchanged, 'ligne protégée', 'lignes protégées')}).${notes.length ? `\n\n${bullets(notes)}` : ''}`,
      );
      return;
    }
    if (
      !confirm(
        title,
        `Maillage va :\n${bullets(describeRights(plan))}\n\nSeules les personnes de la colonne « Éditeurs » et la coordination (${coordination.join(', ') || 'propriétaire du classeur'}) pourront modifier ces lignes. Continuer ?`,
      )
    ) {
      return;
    }
    const now = new Date();
    const applied = withLock(() => {
      const fresh = planRights(ss, sheet, coordination, user);
      applyRights(sheet, fresh);
      const lines = describeRights(fresh);
      writeJournal(
        ss,
        {
          action: title,
          lignes: fresh.create.length + fresh.update.length + fresh.remove.length,
          details: [...lines, ...notes].join('\n'),
          utilisateur: user,
        },
        now,
      );
      return fresh;
    });
    alert(
      title,
      bullets([
        `${plural(applied.create.length, 'ligne protégée', 'lignes protégées')}, ${plural(applied.update.length, 'protection mise', 'protections mises')} à jour, ${plural(applied.remove.length, 'protection retirée', 'protections retirées')}.`,
        ...notes,
      ]),
    );
  },
});
