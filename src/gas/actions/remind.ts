/**
 * « Relancer les fiches anciennes »: places not updated for six months, grouped by referent; after
 * the coordinator's confirmation, one mail per referent within the remaining MailApp quota. What
 * cannot be sent is listed, never silently dropped.
 */
import {
  groupByReferent,
  type Reminder,
  reminderMail,
  type StaleLieu,
  staleLieux,
} from '../../core/freshness';
import type { Lieu } from '../../core/model';
import { readTable } from '../../core/read-table';
import { remainingMailQuota, sendMail } from '../adapters/mail';
import { type Cells, rowLink, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { networkName, readContext } from '../env';

export interface RemindPlan {
  reminders: Reminder[];
  withoutReferent: StaleLieu[];
  stale: number;
}

export function planReminders(cells: Cells, now: Date): RemindPlan {
  const ctx = readContext(now);
  const table = readTable('Lieux', cells, ctx);
  const stale = staleLieux(
    table.rows.map((r) => ({ row: r.row, record: r.record as Lieu })),
    ctx.today!,
  );
  const { reminders, withoutReferent } = groupByReferent(stale);
  return { reminders, withoutReferent, stale: stale.length };
}

export interface RemindResult {
  sent: Reminder[];
  notSent: { reminder: Reminder; reason: string }[];
}

/** Sends what the quota allows, in order; the rest is returned with the reason. */
export function sendReminders(ss: Spreadsheet, sheet: Sheet, reminders: readonly Reminder[]): RemindResult {
  const result: RemindResult = { sent: [], notSent: [] };
  let quota = reminders.length > 0 ? remainingMailQuota() : 0;
  const link = (row: number) => rowLink(ss, sheet, row);
  const reseau = networkName();
  for (const reminder of reminders) {
    if (quota <= 0) {
      result.notSent.push({ reminder, reason: 'quota quotidien de courriels atteint : relancez demain' });
      continue;
    }
    const mail = reminderMail(reminder, { linkToRow: link, reseau });
    try {
      sendMail(reminder.to, mail.subject, mail.body, reseau);
      result.sent.push(reminder);
      quota--;
    } catch (error) {
      result.notSent.push({
        reminder,
        reason: `envoi refusé (${error instanceof Error ? error.message : String(error)})`,
      });
      if (/too many times|quota/i.test(String(error))) quota = 0;
    }
  }
  return result;
}

export function lieuLabel(l: StaleLieu): string {
  return `ligne ${l.row} : ${l.nom ?? 'sans nom'}${l.commune ? ` (${l.commune})` : ''}`;
}
