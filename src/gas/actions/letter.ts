/**
 * « Envoyer la lettre du réseau… »: the letter of the current month, built by the core from the
 * workbook, previewed, sent first to the person who runs the action, then to every referent (HTML
 * mail with its plain-text alternative) within the day's quota. Each referent reached gets the month
 * in « Lettres reçues » (Référents); the Lettres tab keeps, for the month, when it last went, to how
 * many, who is still waiting and what it contained. A second run sends only to those still waiting.
 * Service calls do not depend on the number of rows (one read per tab, one write per range), only
 * the mails do, and they stop at the day's quota.
 */

import { monthOf, shiftPeriod } from '../../core/calendar/periods';
import { toText } from '../../core/cells';
import { monthText, shortDate } from '../../core/french/dates';
import {
  buildLetter,
  type Letter,
  letterRecipients,
  letterSubject,
  letterSummary,
  type RecipientPlan,
  renderLetterHtml,
  renderLetterText,
  unsentCell,
} from '../../core/letter';
import { headers, type LettreRow, type TabName } from '../../core/model';
import type { TableResult } from '../../core/read-table';
import { remainingMailQuota, sendMail } from '../adapters/mail';
import { DOCUMENT_PROPERTIES, documentProperty, setDocumentProperty } from '../adapters/properties';
import { activeUserEmail, effectiveUserEmail } from '../adapters/session';
import { type Cells, type Sheet, type Spreadsheet, safeText } from '../adapters/spreadsheet';
import { networkName, today } from '../env';
import { MaillageError } from '../errors';
import { SETUP_HINT } from '../messages';
import { readTabs, validate } from './book';
import { sendWithinQuota, writeOwnColumn } from './meetings';

const TABS_READ: readonly TabName[] = [
  'Lieux',
  'Permanences',
  'Relais',
  'Rencontres',
  'Référents',
  'Lettres',
];

interface Planned {
  letter: Letter;
  subject: string;
  html: string;
  text: string;
  summary: string;
  plan: RecipientPlan;
  /** The Lettres row of the month, if the letter already went (partly or fully). */
  sentRow: { row: number; record: LettreRow } | null;
  /** Already sent to everyone: nothing to do. */
  complete: boolean;
  referents: { sheet: Sheet; cells: Cells; table: TableResult<'Référents'> };
  lettres: { sheet: Sheet; cells: Cells; table: TableResult<'Lettres'> };
}

function required(book: ReturnType<typeof readTabs>, tab: TabName): { sheet: Sheet; cells: Cells } {
  const data = book[tab];
  if (!data?.sheet) throw new MaillageError(`Onglet « ${tab} » introuvable : ${SETUP_HINT}.`);
  return { sheet: data.sheet, cells: data.cells };
}

/** The months a letter may be sent for: this month, or the last one (a letter sent in its first days). */
export function letterMonths(now: Date): { key: string; label: string }[] {
  const current = monthOf(today(now));
  return [current, shiftPeriod(current, -1)].map((m) => ({ key: m.key, label: monthText(m.key) }));
}

/** The month a dialog asks for (this month when none is given), or a French error. */
function chosenMonth(value: unknown, now: Date): string {
  const months = letterMonths(now);
  if (value === undefined || value === null || value === '') return months[0]!.key;
  const found = months.find((m) => m.key === value);
  if (!found)
    throw new MaillageError(
      `La lettre ne part que pour ${months.map((m) => m.label).join(' ou ')} : choisissez l’un de ces mois.`,
    );
  return found.key;
}

function planLetter(ss: Spreadsheet, now: Date, month: unknown): Planned {
  const mois = chosenMonth(month, now);
  const book = readTabs(ss, TABS_READ);
  const referents = required(book, 'Référents');
  const lettres = required(book, 'Lettres');
  required(book, 'Lieux');
  const { tables } = validate(book, now);
  const day = today(now);
  const letter = buildLetter(tables, { mois, today: day, reseau: networkName() });
  const sentRow =
    tables.Lettres.rows.find((r) => toText(r.record.mois).slice(0, 7) === mois && r.record.envoyee_le) ??
    null;
  const complete = sentRow !== null && !sentRow.record.non_envoyes;
  const plan = letterRecipients(
    tables.Référents.rows.map((r) => ({ row: r.row, record: r.record })),
    mois,
  );
  if (complete) plan.toSend = [];
  return {
    letter,
    subject: letterSubject(letter),
    html: renderLetterHtml(letter),
    text: renderLetterText(letter),
    summary: letterSummary(letter),
    plan,
    sentRow,
    complete,
    referents: { ...referents, table: tables.Référents },
    lettres: { ...lettres, table: tables.Lettres },
  };
}

/** Who runs the action, for the test send: the active user, or the account the script runs as. */
function selfAddress(): string {
  const address = activeUserEmail() ?? effectiveUserEmail();
  if (!address)
    throw new MaillageError(
      'Google ne donne pas votre adresse : l’essai ne peut pas partir. Ouvrez le classeur avec le compte de la coordination, puis relancez.',
    );
  return address;
}

export interface LetterPreview {
  mois: string;
  /** The months the dialog offers (this month first). */
  moisPossibles: { key: string; label: string }[];
  sujet: string;
  html: string;
  contenu: string;
  destinataires: number;
  deja: number;
  refus: number;
  sansCourriel: string[];
  quota: number;
  /** « envoyée le … à N référents » when nothing is left to send. */
  envoyee: string | null;
  /** The test went to this address for this month already. */
  essai: string | null;
  vous: string | null;
}

function sentText(row: LettreRow): string {
  const at = toText(row.envoyee_le);
  const when = /^\d{4}-\d{2}-\d{2}/.test(at)
    ? `${shortDate(at.slice(0, 10))}${at.length > 10 ? ` (${at.slice(11, 16)})` : ''}`
    : at;
  return `déjà envoyée le ${when} à ${row.destinataires ?? 0} référent${(row.destinataires ?? 0) > 1 ? 's' : ''}`;
}

/** The letter and who would get it (writes nothing). */
export function letterPreview(ss: Spreadsheet, now: Date, month?: unknown): LetterPreview {
  const p = planLetter(ss, now, month);
  const essai = documentProperty(DOCUMENT_PROPERTIES.letterTest);
  return {
    mois: p.letter.mois.key,
    moisPossibles: letterMonths(now),
    sujet: p.subject,
    html: p.html,
    contenu: p.summary,
    destinataires: p.plan.toSend.length,
    deja: p.plan.already,
    refus: p.plan.optedOut,
    sansCourriel: p.plan.withoutEmail.map((r) => `ligne ${r.row} : ${r.record.nom ?? 'sans nom'}`),
    quota: remainingMailQuota(),
    envoyee: p.complete && p.sentRow ? sentText(p.sentRow.record) : null,
    essai: essai?.startsWith(`${p.letter.mois.key}|`) ? essai.slice(8) : null,
    vous: activeUserEmail() ?? effectiveUserEmail(),
  };
}

export interface LetterTestResult {
  mois: string;
  to: string;
}

/** Sends the letter to the person who runs the action only, and remembers it for the month. */
export function sendLetterTest(ss: Spreadsheet, now: Date, month?: unknown): LetterTestResult {
  const to = selfAddress();
  const p = planLetter(ss, now, month);
  if (remainingMailQuota() < 1)
    throw new MaillageError('Le quota quotidien de courriels est atteint : l’essai partira demain.');
  sendMail(to, `[Essai] ${p.subject}`, p.text, networkName(), [], p.html);
  setDocumentProperty(DOCUMENT_PROPERTIES.letterTest, `${p.letter.mois.key}|${to}`);
  return { mois: p.letter.mois.key, to };
}

export interface LetterSendResult {
  mois: string;
  envoyes: string[];
  nonEnvoyes: { to: string; reason: string }[];
  /** Referents reached for this month, all runs together. */
  total: number;
  deja: number;
  sansCourriel: string[];
  contenu: string;
}

/** Sends to the referents still waiting (the caller holds the lock) and records it. */
export function sendLetter(ss: Spreadsheet, now: Date, month?: unknown): LetterSendResult {
  const p = planLetter(ss, now, month);
  const mois = p.letter.mois.key;
  const essai = documentProperty(DOCUMENT_PROPERTIES.letterTest);
  if (!essai?.startsWith(`${mois}|`))
    throw new MaillageError(
      'Envoyez-vous d’abord un essai (« M’envoyer un essai ») et relisez-le : la lettre ne part aux référents qu’ensuite.',
    );
  if (p.complete && p.sentRow)
    throw new MaillageError(`La lettre de ce mois est ${sentText(p.sentRow.record)} : rien à renvoyer.`);
  const reseau = networkName();
  const result = sendWithinQuota(
    p.plan.toSend.map((r) => ({ item: r, to: r.to, subject: p.subject, body: p.text, htmlBody: p.html })),
    reseau,
  );

  // « Lettres reçues » of each row reached, in one write.
  const column = p.referents.table.columnIndex.lettres;
  if (column === undefined)
    throw new MaillageError(
      `Colonne « Lettres reçues » introuvable dans l’onglet Référents : ${SETUP_HINT}.`,
    );
  const updates = new Map<number, unknown>();
  for (const r of result.sent) {
    for (const row of r.rows) updates.set(row.row, `'${[...row.record.lettres, mois].join('|')}`);
  }
  writeOwnColumn({ ...p.referents, rows: [] }, column, updates);

  // The month's row of Lettres, in one write.
  const before = p.sentRow?.record.destinataires ?? 0;
  const total = before + result.sent.length;
  const unsent = result.notSent.map((n) => n.to);
  writeLettresRow(p.lettres, p.sentRow?.row ?? null, {
    mois: `'${mois}`,
    envoyee_le: result.sent.length ? now : (p.sentRow?.record.envoyee_le ?? ''),
    destinataires: total,
    non_envoyes: safeText(unsentCell(unsent)),
    contenu: safeText(p.summary),
  });
  return {
    mois,
    envoyes: result.sent.map((r) => r.to),
    nonEnvoyes: result.notSent.map((n) => ({ to: n.to, reason: n.reason })),
    total,
    deja: p.plan.already,
    sansCourriel: p.plan.withoutEmail.map((r) => `ligne ${r.row} : ${r.record.nom ?? 'sans nom'}`),
    contenu: p.summary,
  };
}

/** Updates the month's row (one write over the row as read) or appends it (one call). */
function writeLettresRow(
  lettres: { sheet: Sheet; cells: Cells; table: TableResult<'Lettres'> },
  row: number | null,
  values: Record<string, unknown>,
): void {
  const header = (lettres.cells[0] ?? []) as unknown[];
  const width = header.length || headers('Lettres').length;
  const index = lettres.table.columnIndex;
  const line: unknown[] = row === null ? new Array(width).fill('') : [...(lettres.cells[row - 1] ?? [])];
  while (line.length < width) line.push('');
  for (const [key, value] of Object.entries(values)) {
    const i = index[key];
    if (i !== undefined) line[i] = value;
  }
  if (row === null) lettres.sheet.appendRow(line);
  else lettres.sheet.getRange(row, 1, 1, width).setValues([line]);
}
