/** The Journal tab: who did what, when, on how many rows. One append per action. */
import { headers } from '../../core/model';
import { matchHeaders } from '../../core/read-table';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { readHeader, type Spreadsheet, safeText } from '../adapters/spreadsheet';

export interface JournalEntry {
  action: string;
  lignes: number;
  details: string;
  /** Who; '' when unknown (time-driven trigger of another account, simple trigger). */
  utilisateur: string | null;
}

/**
 * Runs `work` under the script lock and notes what it did in the Journal before the lock is freed:
 * the shape of every menu action that changes or sends something.
 */
export function journaled<R>(
  ss: Spreadsheet,
  entry: { action: string; utilisateur: string | null; now: Date },
  work: () => R,
  note: (result: R) => { lignes: number; details: string; action?: string },
): R {
  return withLock(() => {
    const result = work();
    const { action = entry.action, lignes, details } = note(result);
    writeJournal(ss, { action, lignes, details, utilisateur: entry.utilisateur }, entry.now);
    return result;
  });
}

/**
 * journaled() for a dialog's server call: the person running it (the active user) and the time are
 * read here, then given to the work and the note.
 */
export function journaledAsUser<R>(
  ss: Spreadsheet,
  action: string,
  work: (user: string | null, now: Date) => R,
  note: (result: R, user: string | null) => { lignes: number; details: string },
): R {
  const user = activeUserEmail();
  const now = new Date();
  return journaled(
    ss,
    { action, utilisateur: user, now },
    () => work(user, now),
    (result) => note(result, user),
  );
}

/** Longest detail kept in a cell (a cell holds 50,000 characters). */
const MAX_DETAILS = 45_000;

export function writeJournal(ss: Spreadsheet, entry: JournalEntry, now: Date = new Date()): void {
  let sheet = ss.getSheetByName('Journal');
  let header: unknown[];
  if (!sheet) {
    sheet = ss.insertSheet('Journal');
    header = headers('Journal');
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
  } else {
    header = readHeader(sheet);
    if (header.length === 0) {
      header = headers('Journal');
      sheet.getRange(1, 1, 1, header.length).setValues([header]);
    }
  }
  const { columnIndex } = matchHeaders('Journal', header);
  const row: unknown[] = new Array(header.length).fill('');
  const details =
    entry.details.length > MAX_DETAILS ? `${entry.details.slice(0, MAX_DETAILS)}…` : entry.details;
  const put = (key: string, value: unknown) => {
    const i = columnIndex[key];
    if (i !== undefined) row[i] = value;
  };
  put('horodatage', now);
  put('utilisateur', safeText(entry.utilisateur ?? ''));
  put('action', safeText(entry.action));
  put('lignes', entry.lignes);
  put('details', safeText(details));
  sheet.appendRow(row);
}

/** The Journal lines of a mailing: each address reached, each one not reached and why, each row without an address. */
export function mailingLines(result: {
  envoyes: readonly string[];
  nonEnvoyes: readonly { to: string; reason: string }[];
  sansCourriel: readonly string[];
}): string[] {
  return [
    ...result.envoyes.map((to) => `Envoyé à ${to}`),
    ...result.nonEnvoyes.map((n) => `Non envoyé à ${n.to} (${n.reason}) : relancez l’action pour l’envoyer`),
    ...result.sansCourriel.map((s) => `Sans courriel valide : ${s}`),
  ];
}
