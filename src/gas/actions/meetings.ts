/**
 * What the meeting actions share: reading the meeting tabs (one call each), finding a meeting, sending
 * mails within the day's quota (what cannot go is returned with its reason, never dropped), and
 * writing one of Maillage's own columns in one call.
 */
import { toText } from '../../core/cells';
import type { RecordOf, TabName } from '../../core/model';
import { readTable, type TableResult } from '../../core/read-table';
import type { Row } from '../../core/rencontres';
import { type Attachment, isQuotaError, remainingMailQuota, sendMail } from '../adapters/mail';
import { type Cells, readAll, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { readContext } from '../env';
import { MaillageError } from '../errors';
import { missingTabMessage, SETUP_HINT } from '../messages';

export interface Tab<N extends TabName> {
  sheet: Sheet;
  cells: Cells;
  table: TableResult<N>;
  rows: Row<RecordOf<N>>[];
}

/** Reads a tab the action needs (getSheetByName and one read); a missing tab is a French error. */
export function readTab<N extends TabName>(ss: Spreadsheet, tab: N, now: Date): Tab<N> {
  const sheet = ss.getSheetByName(tab);
  if (!sheet) throw new MaillageError(missingTabMessage(tab));
  const cells = readAll(sheet);
  const table = readTable(tab, cells, readContext(now));
  return { sheet, cells, table, rows: table.rows.map((r) => ({ row: r.row, record: r.record })) };
}

/** The 0-based index of a column Maillage writes; a missing one asks for the installer. */
export function requiredColumn<N extends TabName>(tab: Tab<N>, key: string, header: string): number {
  const i = tab.table.columnIndex[key];
  if (i === undefined)
    throw new MaillageError(
      `Colonne « ${header} » introuvable dans l’onglet ${tab.table.tab} : ${SETUP_HINT}.`,
    );
  return i;
}

/** A meeting by id, or a French error. */
export function meetingById(rencontres: Tab<'Rencontres'>, id: unknown): Row<RecordOf<'Rencontres'>> {
  const wanted = toText(id).trim();
  const found = rencontres.rows.find((r) => r.record.id === wanted);
  if (!wanted || !found)
    throw new MaillageError(
      `Rencontre « ${wanted} » introuvable dans l’onglet Rencontres : choisissez une rencontre qui a un identifiant (lancez « Vérifier tout le classeur » pour en donner un aux nouvelles lignes).`,
    );
  return found;
}

/**
 * The meeting of the selected row of the Rencontres tab, or a French error saying what to select.
 * One call to read the selection.
 */
export function selectedMeeting(ss: Spreadsheet, rencontres: Tab<'Rencontres'>): Row<RecordOf<'Rencontres'>> {
  const range = ss.getActiveRange();
  const sheet = range?.getSheet();
  const row = range?.getRow() ?? 0;
  const found =
    sheet && sheet.getSheetId() === rencontres.sheet.getSheetId()
      ? rencontres.rows.find((r) => r.row === row)
      : undefined;
  if (!found)
    throw new MaillageError(
      'Sélectionnez d’abord une case de la ligne de la rencontre, dans l’onglet Rencontres, puis relancez cette action.',
    );
  if (!found.record.id)
    throw new MaillageError(
      `La rencontre de la ligne ${row} n’a pas encore d’identifiant : lancez « Vérifier tout le classeur », puis relancez cette action.`,
    );
  return found;
}

/** « Sujet (20 janvier 2026) ». */
export function meetingLabel(r: RecordOf<'Rencontres'>): string {
  const [y, m, d] = (r.date ?? '').split('-');
  return `${r.sujet ?? 'sans sujet'}${r.date ? ` (${d}/${m}/${y})` : ''}`;
}

export interface Outgoing<T> {
  item: T;
  to: string;
  subject: string;
  body: string;
  attachments?: Attachment[];
  /** The HTML version (`body` is then its plain-text alternative). */
  htmlBody?: string;
}

export interface SendResult<T> {
  sent: T[];
  notSent: { item: T; to: string; reason: string }[];
}

export const QUOTA_REASON = 'quota quotidien de courriels atteint : relancez demain';

/** Sends in order within the remaining quota (one quota call); the rest is returned with the reason. */
export function sendWithinQuota<T>(mails: readonly Outgoing<T>[], senderName: string): SendResult<T> {
  const result: SendResult<T> = { sent: [], notSent: [] };
  let quota = mails.length > 0 ? remainingMailQuota() : 0;
  for (const m of mails) {
    if (quota <= 0) {
      result.notSent.push({ item: m.item, to: m.to, reason: QUOTA_REASON });
      continue;
    }
    try {
      sendMail(m.to, m.subject, m.body, senderName, m.attachments ?? [], m.htmlBody);
      result.sent.push(m.item);
      quota--;
    } catch (error) {
      result.notSent.push({
        item: m.item,
        to: m.to,
        reason: `envoi refusé (${error instanceof Error ? error.message : String(error)})`,
      });
      if (isQuotaError(error)) quota = 0;
    }
  }
  return result;
}

/**
 * Writes one column of Maillage's own over the data rows of a tab, in one call: `values` gives the
 * new value of some rows (by sheet row); the others get back what was read.
 */
export function writeOwnColumn<N extends TabName>(
  tab: Tab<N>,
  column: number,
  values: Map<number, unknown>,
): void {
  if (values.size === 0) return;
  const last = tab.cells.length;
  const block = [];
  for (let row = 2; row <= last; row++) {
    block.push([values.has(row) ? values.get(row) : (tab.cells[row - 1]?.[column] ?? '')]);
  }
  if (block.length) tab.sheet.getRange(2, column + 1, block.length, 1).setValues(block);
}
