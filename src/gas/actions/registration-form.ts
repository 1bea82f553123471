/**
 * A meeting's registration form: created in Google Forms (name, structure, address; the meeting's
 * details in its description), its public address written in the Rencontres row, its answers landing
 * in Inscriptions through a form-submit trigger: « inscrit » while seats remain, then « liste
 * d’attente » (the rank is « Inscrit le »), and a mail telling which.
 */
import { toText } from '../../core/cells';
import { isEmail } from '../../core/identifiers';
import type { Rencontre } from '../../core/model';
import { formDescription, registrationMail, statutForNew } from '../../core/rencontres';
import {
  closeForm,
  createForm,
  createFormSubmitTrigger,
  type FormSubmitEvent,
  formPublishedUrl,
  formTriggers,
  readSubmission,
  triggerCount,
} from '../adapters/forms';
import { appendRows, asText, type Spreadsheet } from '../adapters/spreadsheet';
import { midnight, networkName, readContext, today } from '../env';
import { MaillageError } from '../errors';
import { meetingLabel, readTab, requiredColumn, selectedMeeting, sendWithinQuota } from './meetings';
import { layoutOf, stampedNewRows } from './rows';

/** The global function the form-submit triggers call. */
export const FORM_SUBMIT_HANDLER = 'triggerInscriptionFormulaire';

/** The questions of every registration form, by the Inscriptions column they fill. */
export const QUESTIONS = {
  nom: { title: 'Prénom et nom', help: '', required: true },
  structure: {
    title: 'Structure',
    help: 'La structure où vous travaillez (association, mairie, médiathèque…).',
    required: true,
  },
  courriel: {
    title: 'Courriel',
    help: 'La confirmation et le rappel de la rencontre arrivent à cette adresse.',
    required: true,
    email: true,
  },
} as const;

/** Google allows 20 triggers per account and script: leave room for the others. */
const MAX_TRIGGERS = 18;

export interface CreatedMeetingForm {
  rencontre: string;
  row: number;
  publishedUrl: string;
  editUrl: string;
}

/** Creates the form of the selected meeting (the caller holds the lock). */
export function createMeetingForm(ss: Spreadsheet, now: Date): CreatedMeetingForm {
  const rencontres = readTab(ss, 'Rencontres', now);
  const column = requiredColumn(rencontres, 'formulaire', 'Formulaire d’inscription');
  const { row, record } = selectedMeeting(ss, rencontres);
  const label = meetingLabel(record);
  if (record.formulaire)
    throw new MaillageError(`« ${label} » a déjà son formulaire d’inscription : ${record.formulaire}`);
  if (record.statut !== 'prévue' || !record.date || record.date < today(now))
    throw new MaillageError(
      `« ${label} » n’est pas une rencontre prévue à venir : pas de formulaire d’inscription.`,
    );
  if (triggerCount() >= MAX_TRIGGERS)
    throw new MaillageError(
      `Google limite à 20 le nombre de déclencheurs d’un compte pour ce script, et chaque formulaire en utilise un : il en reste trop peu. Les formulaires des rencontres passées sont fermés chaque matin (avec « Automatisations ») et libèrent le leur ; réessayez après, ou supprimez des déclencheurs inutiles (Apps Script > Déclencheurs).`,
    );
  const form = createForm(
    `Inscription : ${label}`,
    formDescription(record, networkName()),
    'Merci ! Votre inscription est enregistrée : un courriel vous dit si vous avez une place ou si vous êtes sur la liste d’attente.',
    Object.values(QUESTIONS),
  );
  createFormSubmitTrigger(FORM_SUBMIT_HANDLER, form.id);
  rencontres.sheet.getRange(row, column + 1).setValue(form.publishedUrl);
  return { rencontre: label, row, publishedUrl: form.publishedUrl, editUrl: form.editUrl };
}

export interface Registered {
  rencontre: Rencontre;
  nom: string;
  courriel: string;
  statut: 'inscrit' | 'liste d’attente' | 'déjà inscrit';
  row: number | null;
  mailed: boolean;
  reason?: string;
}

/** Records one answer of a meeting's form in Inscriptions (the caller holds the lock). */
export function registerSubmission(ss: Spreadsheet, e: FormSubmitEvent, now: Date): Registered {
  const submission = readSubmission(e);
  const rencontres = readTab(ss, 'Rencontres', now);
  const meeting = rencontres.rows.find((r) => r.record.formulaire === submission.formUrl)?.record;
  if (!meeting)
    throw new MaillageError(
      `Une réponse est arrivée d’un formulaire qui n’est plus dans l’onglet Rencontres (${submission.formUrl}) : elle reste dans les réponses du formulaire.`,
    );
  const inscriptions = readTab(ss, 'Inscriptions', now);
  const nom = (submission.answers[QUESTIONS.nom.title] ?? '').trim();
  const structure = (submission.answers[QUESTIONS.structure.title] ?? '').trim();
  const courriel = (submission.answers[QUESTIONS.courriel.title] ?? '').trim().toLowerCase();
  const reseau = networkName();
  const already = inscriptions.rows.find(
    (i) =>
      i.record.rencontre === meeting.id &&
      (i.record.courriel ?? '').toLowerCase() === courriel &&
      i.record.statut !== 'désinscrit',
  );
  if (already) {
    return { rencontre: meeting, nom, courriel, statut: 'déjà inscrit', row: already.row, mailed: false };
  }
  const statut = statutForNew(
    meeting,
    inscriptions.rows.map((r) => r.record),
  );
  const header = inscriptions.cells[0] ?? [];
  const layout = layoutOf('Inscriptions', header);
  const row: unknown[] = header.map(() => '');
  const put = (key: string, value: unknown) => {
    const i = layout.index[key];
    if (i !== undefined) row[i] = value;
  };
  put('rencontre', meeting.id);
  put('nom', asText(nom));
  put('structure', asText(structure));
  put('courriel', asText(courriel));
  put('inscrit_le', submission.timestamp);
  put('statut', statut);
  const stamped = stampedNewRows(layout, inscriptions.cells, [row], {
    editor: null,
    now,
    ctx: readContext(now),
    dateCell: midnight,
  });
  const written = appendRows(inscriptions.sheet, inscriptions.cells.length, stamped);
  const result: Registered = { rencontre: meeting, nom, courriel, statut, row: written, mailed: false };
  if (isEmail(courriel)) {
    const mail = registrationMail(meeting, nom || null, statut, false, reseau);
    const sent = sendWithinQuota([{ item: courriel, to: courriel, ...mail }], reseau);
    result.mailed = sent.sent.length === 1;
    if (sent.notSent[0]) result.reason = sent.notSent[0].reason;
  }
  return result;
}

export function registeredDetails(r: Registered): string {
  const who = `${toText(r.nom) || 'sans nom'} <${r.courriel}>`;
  if (r.statut === 'déjà inscrit')
    return `${who} a répondu une seconde fois au formulaire de « ${meetingLabel(r.rencontre)} » : déjà inscrit (ligne ${r.row}), rien d’ajouté.`;
  return [
    `${who} : ${r.statut} à « ${meetingLabel(r.rencontre)} » (Inscriptions, ligne ${r.row}).`,
    r.mailed
      ? 'Courriel de confirmation envoyé.'
      : `Courriel de confirmation non envoyé${r.reason ? ` (${r.reason})` : ''} : prévenez la personne.`,
  ].join(' ');
}

/**
 * The forms of meetings past, cancelled or gone from the tab: closed to new answers, their trigger
 * removed (Google allows 20 triggers per account). Calls grow with this account's form triggers
 * (at most 20), never with the rows.
 */
export function closePastForms(meetings: readonly Rencontre[], day: string): string[] {
  const open = new Map(
    meetings
      .filter((m) => m.formulaire && m.statut === 'prévue' && m.date !== null && m.date >= day)
      .map((m) => [m.formulaire!, m]),
  );
  const closed: string[] = [];
  for (const { formId, trigger } of formTriggers(FORM_SUBMIT_HANDLER)) {
    const url = formPublishedUrl(formId);
    if (url && open.has(url)) continue;
    closeForm(formId, trigger);
    const meeting = meetings.find((m) => m.formulaire === url);
    closed.push(meeting ? meetingLabel(meeting) : url || formId);
  }
  return closed;
}
