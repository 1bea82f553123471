/**
 * Places whose record has not been updated for a while, grouped by referent, and the reminder mail
 * each referent receives (plain French, with a link to their row).
 */
import { monthsBefore } from './calendar/civil';
import { isEmail } from './identifiers';
import type { Lieu } from './model';

export const STALE_AFTER_MONTHS = 6;

export interface StaleLieu {
  /** Sheet row. */
  row: number;
  id: string | null;
  nom: string | null;
  commune: string | null;
  date_maj: string | null;
  referent_nom: string | null;
  referent_courriel: string | null;
}

/**
 * Active places (not `fermé`) whose `date_maj` is older than `months` months on `today`, or missing.
 * Oldest first, then by row.
 */
export function staleLieux(
  rows: readonly { row: number; record: Lieu }[],
  today: string,
  months: number = STALE_AFTER_MONTHS,
): StaleLieu[] {
  const cutoff = monthsBefore(today, months);
  return rows
    .filter(
      ({ record }) => record.statut !== 'fermé' && (record.date_maj === null || record.date_maj < cutoff),
    )
    .map(({ row, record }) => ({
      row,
      id: record.id,
      nom: record.nom,
      commune: record.commune,
      date_maj: record.date_maj,
      referent_nom: record.referent_nom,
      referent_courriel: record.referent_courriel,
    }))
    .sort((a, b) => (a.date_maj ?? '').localeCompare(b.date_maj ?? '') || a.row - b.row);
}

export interface Reminder {
  /** The referent's address, lower case. */
  to: string;
  /** The referent's name as written on the first of their places. */
  nom: string | null;
  lieux: StaleLieu[];
}

/** One reminder per referent; places without a usable referent address are listed apart. */
export function groupByReferent(stale: readonly StaleLieu[]): {
  reminders: Reminder[];
  withoutReferent: StaleLieu[];
} {
  const byEmail = new Map<string, Reminder>();
  const withoutReferent: StaleLieu[] = [];
  for (const lieu of stale) {
    const email = (lieu.referent_courriel ?? '').trim().toLowerCase();
    if (!email || !isEmail(email)) {
      withoutReferent.push(lieu);
      continue;
    }
    const reminder = byEmail.get(email);
    if (reminder) reminder.lieux.push(lieu);
    else byEmail.set(email, { to: email, nom: lieu.referent_nom, lieux: [lieu] });
  }
  return { reminders: [...byEmail.values()], withoutReferent };
}

function frenchDay(iso: string | null): string {
  if (!iso) return 'jamais';
  const [y, m, d] = iso.split('-');
  return `le ${d}/${m}/${y}`;
}

export interface ReminderContext {
  /** Link to one row of the Lieux tab. */
  linkToRow: (row: number) => string;
  /** Name of the network, for the signature (« Réseau d’inclusion numérique de la Haute-Vienne »). */
  reseau: string;
}

/** The reminder mail of one referent: subject and plain-text body, in French. */
export function reminderMail(reminder: Reminder, ctx: ReminderContext): { subject: string; body: string } {
  const several = reminder.lieux.length > 1;
  const hello = reminder.nom ? `Bonjour ${reminder.nom},` : 'Bonjour,';
  const lines = reminder.lieux.map((l) => {
    const name = [l.nom ?? 'Lieu sans nom', l.commune].filter(Boolean).join(', ');
    return `- ${name} (dernière mise à jour : ${frenchDay(l.date_maj)})\n  ${ctx.linkToRow(l.row)}`;
  });
  const body = [
    hello,
    '',
    several
      ? 'Les fiches de vos lieux sur la carte de l’inclusion numérique n’ont pas été mises à jour depuis plus de six mois :'
      : 'La fiche de votre lieu sur la carte de l’inclusion numérique n’a pas été mise à jour depuis plus de six mois :',
    '',
    ...lines,
    '',
    several
      ? 'Pouvez-vous vérifier les horaires, le téléphone et les services proposés ? Le lien ouvre directement la ligne de chaque lieu dans le classeur partagé. Si rien n’a changé, modifiez une case (par exemple retapez les horaires) : la date de mise à jour sera renouvelée.'
      : 'Pouvez-vous vérifier les horaires, le téléphone et les services proposés ? Le lien ouvre directement la ligne de votre lieu dans le classeur partagé. Si rien n’a changé, modifiez une case (par exemple retapez les horaires) : la date de mise à jour sera renouvelée.',
    '',
    'Merci pour votre aide : une fiche à jour, c’est une personne bien orientée.',
    '',
    ctx.reseau,
  ].join('\n');
  const subject = several
    ? `Vos ${reminder.lieux.length} fiches sur la carte de l’inclusion numérique sont à mettre à jour`
    : 'Votre fiche sur la carte de l’inclusion numérique est à mettre à jour';
  return { subject, body };
}
