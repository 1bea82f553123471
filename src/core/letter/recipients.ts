/**
 * Who receives the letter of a month: the referents with a valid address who did not say no
 * (« Reçoit la lettre » empty or oui), one mail per address, and not those whose row already records
 * this month (« Lettres reçues »): a run stopped by the mail quota goes on with the others only.
 */
import { isEmail } from '../identifiers';
import type { Referent } from '../model';

export interface ReferentRow {
  /** Sheet row (1 = header). */
  row: number;
  record: Referent;
}

export interface LetterRecipient {
  to: string;
  nom: string | null;
  /** Every row with this address (all get the month recorded). */
  rows: ReferentRow[];
}

export interface RecipientPlan {
  toSend: LetterRecipient[];
  /** Addresses whose rows already record this month's letter. */
  already: number;
  /** Rows that asked not to receive the letter. */
  optedOut: number;
  withoutEmail: ReferentRow[];
}

export function letterRecipients(referents: readonly ReferentRow[], mois: string): RecipientPlan {
  const plan: RecipientPlan = { toSend: [], already: 0, optedOut: 0, withoutEmail: [] };
  const byAddress = new Map<string, LetterRecipient>();
  const received = new Set<string>();
  for (const r of referents) {
    if (r.record.lettre === false) {
      plan.optedOut++;
      continue;
    }
    const to = (r.record.courriel ?? '').trim().toLowerCase();
    if (!isEmail(to)) {
      plan.withoutEmail.push(r);
      continue;
    }
    if (r.record.lettres.includes(mois)) {
      received.add(to);
      continue;
    }
    const known = byAddress.get(to);
    if (known) known.rows.push(r);
    else byAddress.set(to, { to, nom: r.record.nom, rows: [r] });
  }
  // An address that got the letter through one of its rows does not get it again through another.
  plan.toSend = [...byAddress.values()].filter((x) => !received.has(x.to));
  plan.already = received.size;
  return plan;
}

/** Most addresses written out in the Lettres tab's « Non envoyés » cell (a cell holds 50,000 characters). */
export const MAX_LISTED_UNSENT = 500;

/** The « Non envoyés » cell: the addresses, then how many more when the list is long. */
export function unsentCell(addresses: readonly string[]): string {
  const shown = addresses.slice(0, MAX_LISTED_UNSENT);
  const more = addresses.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} et ${more} autres (sans « Lettres reçues » dans l’onglet Référents)`
    : shown.join(', ');
}
