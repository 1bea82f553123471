/**
 * « Inviter des référents à une rencontre »: the referents a filter designates (by the places they
 * answer for) get one mail each, with the meeting's calendar invitation (iTIP REQUEST, the video link
 * for them only) and the registration form's link, within the day's quota. Each invited referent's
 * row records the meeting (column « Invité aux rencontres »): running the action again sends only to
 * those not reached yet.
 */
import { isEmail } from '../../core/identifiers';
import { type Lieu, type Rencontre, TYPOLOGIES } from '../../core/model';
import { buildRencontreInvitation, type PublicRencontre } from '../../core/publish/ics';
import {
  filterLabel,
  filterReferents,
  invitationMail,
  parseReferentFilter,
  planInvitations,
  type ReferentFilter,
} from '../../core/rencontres';
import { remainingMailQuota } from '../adapters/mail';
import type { Spreadsheet } from '../adapters/spreadsheet';
import { networkName, territory, today } from '../env';
import { MaillageError } from '../errors';
import {
  meetingById,
  meetingLabel,
  readTab,
  requiredColumn,
  sendWithinQuota,
  type Tab,
  writeOwnColumn,
} from './meetings';

export interface InviteForm {
  rencontre: string;
  filtre: ReferentFilter;
}

export interface InviteDialogData {
  rencontres: { id: string; label: string; formulaire: boolean }[];
  /** The meeting of the selected row, if the selection is on a meeting to come. */
  selected: string | null;
  epcis: { code: string; nom: string }[];
  typologies: { code: string; label: string }[];
}

function upcoming(r: Rencontre, day: string): boolean {
  return r.id !== null && r.statut === 'prévue' && r.date !== null && r.date >= day;
}

export function inviteDialogData(ss: Spreadsheet, now: Date): InviteDialogData {
  const rencontres = readTab(ss, 'Rencontres', now);
  const lieux = readTab(ss, 'Lieux', now);
  const day = today(now);
  const list = rencontres.rows
    .filter((r) => upcoming(r.record, day))
    .sort((a, b) => (a.record.date ?? '').localeCompare(b.record.date ?? ''));
  const range = ss.getActiveRange();
  const onRencontres = range?.getSheet().getSheetId() === rencontres.sheet.getSheetId();
  const selectedRow = onRencontres ? range!.getRow() : 0;
  const selected = list.find((r) => r.row === selectedRow)?.record.id ?? null;
  const epcis = new Map<string, string>();
  for (const c of territory().communes) if (c.epci) epcis.set(c.epci.code, c.epci.nom);
  const used = new Set(lieux.rows.flatMap((l) => l.record.typologie));
  return {
    rencontres: list.map((r) => ({
      id: r.record.id!,
      label: meetingLabel(r.record),
      formulaire: Boolean(r.record.formulaire),
    })),
    selected,
    epcis: [...epcis].map(([code, nom]) => ({ code, nom })).sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
    typologies: TYPOLOGIES.filter((t) => used.has(t.code)),
  };
}

export function parseInviteForm(value: unknown): InviteForm {
  const v = (value ?? {}) as { rencontre?: unknown; filtre?: unknown };
  const filtre = parseReferentFilter(v.filtre);
  if (!filtre) throw new MaillageError('Choisissez à qui envoyer l’invitation.');
  return { rencontre: String(v.rencontre ?? ''), filtre };
}

interface Planned {
  rencontre: Rencontre;
  referents: Tab<'Référents'>;
  plan: ReturnType<typeof planInvitations>;
  label: string;
}

function planFor(ss: Spreadsheet, form: InviteForm, now: Date): Planned {
  const rencontres = readTab(ss, 'Rencontres', now);
  const referents = readTab(ss, 'Référents', now);
  const lieux = readTab(ss, 'Lieux', now);
  const rencontre = meetingById(rencontres, form.rencontre).record;
  if (!upcoming(rencontre, today(now)))
    throw new MaillageError(
      `« ${meetingLabel(rencontre)} » est ${rencontre.statut === 'prévue' ? 'passée' : rencontre.statut} : on n’y invite plus.`,
    );
  const chosen = filterReferents(
    referents.rows,
    lieux.rows.map((l) => l.record as Lieu),
    territory(),
    form.filtre,
  );
  return {
    rencontre,
    referents,
    plan: planInvitations(rencontre.id!, chosen),
    label: filterLabel(form.filtre, territory()),
  };
}

export interface InvitePreview {
  rencontre: string;
  filtre: string;
  aInviter: string[];
  deja: number;
  sansCourriel: string[];
  quota: number;
  formulaire: boolean;
}

export function invitePreview(ss: Spreadsheet, form: InviteForm, now: Date): InvitePreview {
  const { rencontre, plan, label } = planFor(ss, form, now);
  return {
    rencontre: meetingLabel(rencontre),
    filtre: label,
    aInviter: plan.toInvite.map((t) => `${t.nom ?? ''} <${t.to}>`.trim()),
    deja: plan.already.length,
    sansCourriel: plan.withoutEmail.map((r) => `ligne ${r.row} : ${r.record.nom ?? 'sans nom'}`),
    quota: plan.toInvite.length ? remainingMailQuota() : 0,
    formulaire: Boolean(rencontre.formulaire),
  };
}

export interface InviteResult {
  rencontre: string;
  filtre: string;
  envoyes: string[];
  nonEnvoyes: { to: string; reason: string }[];
  deja: number;
  sansCourriel: string[];
}

/** Sends the invitations (the caller holds the lock) and records them in the referents' rows. */
export function sendInvitations(
  ss: Spreadsheet,
  form: InviteForm,
  organizer: string | null,
  now: Date,
): InviteResult {
  const { rencontre, referents, plan, label } = planFor(ss, form, now);
  const column = requiredColumn(referents, 'invitations', 'Invité aux rencontres');
  const reseau = networkName();
  const from = organizer && isEmail(organizer) ? organizer : null;
  const publicPart = rencontre as PublicRencontre;
  const mails = plan.toInvite.map((t) => {
    const mail = invitationMail(rencontre, t.nom, reseau);
    return {
      item: t,
      to: t.to,
      subject: mail.subject,
      body: mail.body,
      attachments: [
        {
          name: 'invitation.ics',
          contentType: 'text/calendar; charset=utf-8; method=REQUEST',
          text: buildRencontreInvitation(publicPart, {
            now,
            organizer: { email: from ?? t.to, name: reseau },
            attendee: { email: t.to, name: t.nom },
            videoLink: rencontre.lien_visio,
          }),
        },
      ],
    };
  });
  const result = sendWithinQuota(mails, reseau);
  const updates = new Map<number, unknown>();
  for (const t of result.sent) {
    for (const r of t.rows) updates.set(r.row, [...r.record.invitations, rencontre.id!].join('|'));
  }
  writeOwnColumn(referents, column, updates);
  return {
    rencontre: meetingLabel(rencontre),
    filtre: label,
    envoyes: result.sent.map((t) => t.to),
    nonEnvoyes: result.notSent.map((n) => ({ to: n.to, reason: n.reason })),
    deja: plan.already.length,
    sansCourriel: plan.withoutEmail.map((r) => `ligne ${r.row} : ${r.record.nom ?? 'sans nom'}`),
  };
}
