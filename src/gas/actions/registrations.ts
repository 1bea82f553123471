/**
 * The Inscriptions tab over time: each morning, free seats go to the waiting list (told by mail) and
 * those registered to a meeting in the next two days get their reminder (once: « Rappel envoyé le »);
 * on demand, registrations older than the retention setting are removed. One read per tab, one write
 * per column written, whatever the number of rows.
 */
import { a1 } from '../../core/a1';
import type { Inscription, Rencontre } from '../../core/model';
import {
  promotions,
  purgeable,
  type Row,
  registrationMail,
  reminderMail,
  remindersDue,
} from '../../core/rencontres';
import { withLock } from '../adapters/lock';
import { isBlankRow, type Spreadsheet } from '../adapters/spreadsheet';
import { networkName, today } from '../env';
import { writeJournal } from './journal';
import { meetingLabel, type Outgoing, readTab, requiredColumn, sendWithinQuota, type Tab } from './meetings';
import { closePastForms } from './registration-form';

type Due = { inscription: Row<Inscription>; rencontre: Rencontre };

export interface DailyResult {
  /** Moved up from a waiting list. */
  promoted: Due[];
  reminded: Due[];
  /** Forms of meetings over, closed to new answers. */
  closedForms: string[];
  notSent: { what: string; to: string; reason: string }[];
}

/** Sets the same value in some cells of one column: one call whatever their number (a RangeList). */
function setCells(tab: Tab<'Inscriptions'>, column: number, rows: readonly number[], value: unknown): void {
  if (rows.length === 0) return;
  tab.sheet.getRangeList(rows.map((r) => a1(r, column + 1))).setValue(value);
}

function who(d: Due): string {
  return `${d.inscription.record.nom ?? 'sans nom'} <${d.inscription.record.courriel ?? ''}> (${meetingLabel(d.rencontre)})`;
}

/** The daily work on meetings (the caller holds the lock). */
export function dailyMeetings(ss: Spreadsheet, now: Date): DailyResult {
  const rencontres = readTab(ss, 'Rencontres', now);
  const inscriptions = readTab(ss, 'Inscriptions', now);
  const statutCol = requiredColumn(inscriptions, 'statut', 'Statut');
  const rappelCol = requiredColumn(inscriptions, 'rappel_le', 'Rappel envoyé le');
  const day = today(now);
  const meetings = rencontres.rows.map((r) => r.record);
  const reseau = networkName();

  const promoted = promotions(meetings, inscriptions.rows, day);
  setCells(
    inscriptions,
    statutCol,
    promoted.map((p) => p.inscription.row),
    'inscrit',
  );
  for (const p of promoted) p.inscription.record.statut = 'inscrit';
  const promotedRows = new Set(promoted.map((p) => p.inscription.row));
  const due = remindersDue(meetings, inscriptions.rows, day).filter(
    (d) => !promotedRows.has(d.inscription.row),
  );

  const mails: Outgoing<{ kind: 'promotion' | 'rappel'; due: Due }>[] = [
    ...promoted.map((p) => ({
      item: { kind: 'promotion' as const, due: p },
      to: p.inscription.record.courriel ?? '',
      ...registrationMail(p.rencontre, p.inscription.record.nom, 'inscrit', true, reseau),
    })),
    ...due.map((d) => ({
      item: { kind: 'rappel' as const, due: d },
      to: d.inscription.record.courriel ?? '',
      ...reminderMail(d.rencontre, d.inscription.record.nom, reseau),
    })),
  ];
  const sent = sendWithinQuota(mails, reseau);
  const reminded = sent.sent.filter((s) => s.kind === 'rappel').map((s) => s.due);
  setCells(
    inscriptions,
    rappelCol,
    reminded.map((d) => d.inscription.row),
    now,
  );
  return {
    promoted,
    reminded,
    closedForms: closePastForms(meetings, day),
    notSent: sent.notSent.map((n) => ({
      what: n.item.kind === 'rappel' ? 'Rappel' : 'Place libérée',
      to: n.to,
      reason: n.reason,
    })),
  };
}

/** The daily work under the lock, noted in the Journal when it did something. */
export function dailyAndJournal(
  ss: Spreadsheet,
  action: string,
  user: string | null,
  now: Date,
): DailyResult {
  return withLock(() => {
    const r = dailyMeetings(ss, now);
    if (r.promoted.length + r.reminded.length + r.notSent.length + r.closedForms.length > 0) {
      writeJournal(
        ss,
        {
          action,
          lignes: r.promoted.length + r.reminded.length,
          details: dailyDetails(r),
          utilisateur: user,
        },
        now,
      );
    }
    return r;
  });
}

export function dailyDetails(r: DailyResult): string {
  return [
    ...r.promoted.map((p) => `Liste d’attente → inscrit (ligne ${p.inscription.row}) : ${who(p)}`),
    ...r.reminded.map((d) => `Rappel envoyé (ligne ${d.inscription.row}) : ${who(d)}`),
    ...r.closedForms.map((f) => `Formulaire d’inscription fermé (rencontre passée) : ${f}`),
    ...r.notSent.map(
      (n) =>
        `${n.what} non envoyé à ${n.to} (${n.reason}) : ${n.what === 'Rappel' ? 'il partira au prochain passage, s’il est encore temps' : 'prévenez la personne vous-même'}`,
    ),
  ].join('\n');
}

export interface PurgeResult {
  removed: Row<Inscription>[];
  kept: number;
}

/** The registrations the purge would remove today. */
export function purgePlan(ss: Spreadsheet, now: Date, months: number) {
  const rencontres = readTab(ss, 'Rencontres', now);
  const inscriptions = readTab(ss, 'Inscriptions', now);
  return {
    inscriptions,
    old: purgeable(
      rencontres.rows.map((r) => r.record),
      inscriptions.rows,
      today(now),
      months,
    ),
  };
}

/**
 * Removes the old registrations (the caller holds the lock): the rows kept are written back from the
 * second row in one call, what is left below is cleared in one call (validations and formats stay).
 */
export function purgeRegistrations(ss: Spreadsheet, now: Date, months: number): PurgeResult {
  const { inscriptions, old } = purgePlan(ss, now, months);
  if (old.length === 0) return { removed: [], kept: inscriptions.rows.length };
  const drop = new Set(old.map((r) => r.row));
  const cells = inscriptions.cells;
  const width = cells[0]?.length ?? 0;
  const kept = cells.slice(1).filter((row, i) => !drop.has(i + 2) && !isBlankRow(row));
  const sheet = inscriptions.sheet;
  if (kept.length) sheet.getRange(2, 1, kept.length, width).setValues(kept);
  const last = cells.length;
  const firstCleared = kept.length + 2;
  if (last >= firstCleared) sheet.getRange(firstCleared, 1, last - firstCleared + 1, width).clearContent();
  return { removed: old, kept: kept.length };
}
