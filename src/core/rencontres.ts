/**
 * The network's meetings seen from the coordination: whom to invite (referents chosen by the places
 * they answer for), who gets the reminder two days before, who takes a free seat, which registrations
 * are old enough to be purged, and the French mails that go with them. Pure: the callers read the
 * tabs and send.
 */
import { addDaysIso, dayNumber, monthsBefore } from './calendar/civil';
import { frenchDate } from './french/dates';
import { isEmail } from './identifiers';
import type { Inscription, Lieu, Referent, Rencontre } from './model';
import type { Territory } from './territory';

export interface Row<T> {
  /** Sheet row (1 = header). */
  row: number;
  record: T;
}

/** Which referents to invite: all, or those of the places of an EPCI, a typology, the charter, the Pass. */
export type ReferentFilter =
  | { par: 'tous' }
  | { par: 'epci'; code: string }
  | { par: 'typologie'; code: string }
  | { par: 'charte' }
  | { par: 'pass' };

/** Reads a filter sent by a dialog; null when it is not one. */
export function parseReferentFilter(value: unknown): ReferentFilter | null {
  const v = (value ?? {}) as { par?: unknown; code?: unknown };
  switch (v.par) {
    case 'tous':
    case 'charte':
    case 'pass':
      return { par: v.par };
    case 'epci':
    case 'typologie':
      return typeof v.code === 'string' && v.code.trim() ? { par: v.par, code: v.code.trim() } : null;
    default:
      return null;
  }
}

/** The filter in French, for the dialog's summary and the Journal. */
export function filterLabel(filter: ReferentFilter, territory: Territory): string {
  switch (filter.par) {
    case 'tous':
      return 'tous les référents';
    case 'charte':
      return 'les référents des lieux qui ont signé la charte';
    case 'pass':
      return 'les référents des lieux qui acceptent le Pass Numérique';
    case 'epci': {
      const nom = territory.communes.find((c) => c.epci?.code === filter.code)?.epci?.nom;
      return `les référents des lieux de ${nom ?? `l’EPCI ${filter.code}`}`;
    }
    case 'typologie':
      return `les référents des lieux de typologie ${filter.code}`;
  }
}

export function lieuMatches(lieu: Lieu, filter: ReferentFilter, territory: Territory): boolean {
  switch (filter.par) {
    case 'tous':
      return true;
    case 'charte':
      return lieu.charte_signee_le !== null;
    case 'pass':
      return lieu.pass_numerique === true;
    case 'epci':
      return territory.byCode.get(lieu.code_insee ?? '')?.epci?.code === filter.code;
    case 'typologie':
      return lieu.typologie.includes(filter.code);
  }
}

/** The referents the filter designates, in sheet order (« tous »: every referent, with or without places). */
export function filterReferents(
  referents: readonly Row<Referent>[],
  lieux: readonly Lieu[],
  territory: Territory,
  filter: ReferentFilter,
): Row<Referent>[] {
  if (filter.par === 'tous') return [...referents];
  const byId = new Map(lieux.filter((l) => l.id && l.statut !== 'fermé').map((l) => [l.id!, l]));
  return referents.filter((r) =>
    r.record.lieux.some((id) => {
      const lieu = byId.get(id);
      return lieu !== undefined && lieuMatches(lieu, filter, territory);
    }),
  );
}

export interface InvitationPlan {
  /** One per address (two rows with the same address get one mail, both recorded). */
  toInvite: { to: string; nom: string | null; rows: Row<Referent>[] }[];
  /** Already invited to this meeting (recorded in their row). */
  already: Row<Referent>[];
  withoutEmail: Row<Referent>[];
}

export function planInvitations(rencontreId: string, selected: readonly Row<Referent>[]): InvitationPlan {
  const plan: InvitationPlan = { toInvite: [], already: [], withoutEmail: [] };
  const byAddress = new Map<string, InvitationPlan['toInvite'][number]>();
  for (const r of selected) {
    if (r.record.invitations.includes(rencontreId)) {
      plan.already.push(r);
      continue;
    }
    const to = (r.record.courriel ?? '').trim().toLowerCase();
    if (!isEmail(to)) {
      plan.withoutEmail.push(r);
      continue;
    }
    const known = byAddress.get(to);
    if (known) known.rows.push(r);
    else {
      const entry = { to, nom: r.record.nom, rows: [r] };
      byAddress.set(to, entry);
      plan.toInvite.push(entry);
    }
  }
  return plan;
}

/** « mardi 20 janvier 2026, de 09:30 à 12:00 ». */
export function whenText(r: Pick<Rencontre, 'date' | 'debut' | 'fin'>): string {
  return `${frenchDate(r.date ?? '')}, de ${r.debut ?? '?'} à ${r.fin ?? '?'}`;
}

/** The room, or « en visioconférence » with the link when it may be given. */
export function whereText(r: Pick<Rencontre, 'lieu' | 'commune' | 'lien_visio'>, withLink: boolean): string {
  if (r.lieu) return [r.lieu, r.commune].filter(Boolean).join(', ');
  return withLink && r.lien_visio ? `en visioconférence : ${r.lien_visio}` : 'en visioconférence';
}

export interface Mail {
  subject: string;
  body: string;
}

function hello(nom: string | null): string {
  return nom ? `Bonjour ${nom},` : 'Bonjour,';
}

/** The invitation a referent receives (the calendar invitation is attached by the caller). */
export function invitationMail(r: Rencontre, nom: string | null, reseau: string): Mail {
  const what = `${r.type ?? 'Rencontre'}${r.operateur ? ` (${r.operateur})` : ''}`;
  return {
    subject: `Invitation : ${r.sujet ?? 'rencontre du réseau'} — ${frenchDate(r.date ?? '')}`,
    body: [
      hello(nom),
      '',
      `Le ${reseau} vous invite à une rencontre :`,
      '',
      `${r.sujet ?? ''}`,
      `${what}`,
      `Quand : ${whenText(r)}`,
      `Où : ${whereText(r, true)}`,
      ...(r.public_cible ? [`Pour qui : ${r.public_cible}`] : []),
      ...(r.capacite ? [`Places : ${r.capacite} (au-delà, liste d’attente)`] : []),
      '',
      r.formulaire
        ? `Inscrivez-vous ici : ${r.formulaire}`
        : 'Pour vous inscrire, répondez simplement à ce courriel.',
      '',
      'L’invitation jointe (fichier .ics) ajoute la rencontre à votre agenda.',
      '',
      'Vous pouvez transmettre cette invitation aux personnes de votre structure que le sujet intéresse.',
      '',
      `— ${reseau}`,
    ].join('\n'),
  };
}

/** The reminder a registered person receives two days before. */
export function reminderMail(r: Rencontre, nom: string | null, reseau: string): Mail {
  return {
    subject: `Rappel : ${r.sujet ?? 'rencontre du réseau'} — ${frenchDate(r.date ?? '')}`,
    body: [
      hello(nom),
      '',
      'Vous êtes inscrit(e) à la rencontre :',
      '',
      `${r.sujet ?? ''}`,
      `Quand : ${whenText(r)}`,
      `Où : ${whereText(r, true)}`,
      '',
      'Si vous ne pouvez plus venir, prévenez-nous en répondant à ce courriel : votre place ira à la première personne de la liste d’attente.',
      '',
      `— ${reseau}`,
    ].join('\n'),
  };
}

/** The mail to a person who takes a freed seat, or who registers (placed or on the waiting list). */
export function registrationMail(
  r: Rencontre,
  nom: string | null,
  statut: 'inscrit' | 'liste d’attente',
  promoted: boolean,
  reseau: string,
): Mail {
  const sujet = r.sujet ?? 'rencontre du réseau';
  if (statut === 'liste d’attente') {
    return {
      subject: `Liste d’attente : ${sujet}`,
      body: [
        hello(nom),
        '',
        `Merci pour votre inscription à « ${sujet} » (${whenText(r)}).`,
        'Toutes les places sont prises : vous êtes sur la liste d’attente. Si une place se libère, vous recevrez un courriel.',
        '',
        `— ${reseau}`,
      ].join('\n'),
    };
  }
  return {
    subject: `${promoted ? 'Une place s’est libérée' : 'Inscription confirmée'} : ${sujet}`,
    body: [
      hello(nom),
      '',
      promoted
        ? `Une place s’est libérée : vous êtes maintenant inscrit(e) à « ${sujet} ».`
        : `Votre inscription à « ${sujet} » est confirmée.`,
      `Quand : ${whenText(r)}`,
      `Où : ${whereText(r, true)}`,
      '',
      'Si vous ne pouvez pas venir, prévenez-nous en répondant à ce courriel.',
      '',
      `— ${reseau}`,
    ].join('\n'),
  };
}

/** Days before a meeting when its reminder goes. */
export const REMINDER_DAYS = 2;

/**
 * Registrations to remind on `today`: registered (statut inscrit) to a planned meeting that takes
 * place in the next two days, not reminded yet, with an address. A day the trigger missed is caught
 * up the next day, the day before the meeting.
 */
export function remindersDue(
  rencontres: readonly Rencontre[],
  inscriptions: readonly Row<Inscription>[],
  today: string,
): { inscription: Row<Inscription>; rencontre: Rencontre }[] {
  const last = addDaysIso(today, REMINDER_DAYS);
  const soon = new Map(
    rencontres
      .filter((r) => r.id && r.statut === 'prévue' && r.date && r.date > today && r.date <= last)
      .map((r) => [r.id!, r]),
  );
  return inscriptions
    .filter(
      (i) =>
        i.record.statut === 'inscrit' &&
        i.record.rappel_le === null &&
        isEmail(i.record.courriel ?? '') &&
        soon.has(i.record.rencontre ?? ''),
    )
    .map((i) => ({ inscription: i, rencontre: soon.get(i.record.rencontre!)! }));
}

/**
 * Statut of a new registration: inscrit while seats remain (or no capacity is set), then waiting
 * list. Those already waiting come first: a seat freed goes to them (promotions), not to a newcomer.
 */
export function statutForNew(
  rencontre: Rencontre,
  inscriptions: readonly Inscription[],
): 'inscrit' | 'liste d’attente' {
  if (rencontre.capacite === null) return 'inscrit';
  const ahead = inscriptions.filter(
    (i) => i.rencontre === rencontre.id && (i.statut === 'inscrit' || i.statut === 'liste d’attente'),
  ).length;
  return ahead < rencontre.capacite ? 'inscrit' : 'liste d’attente';
}

/**
 * Who moves up from the waiting list of each planned meeting still to come: as many as there are
 * free seats, in order of registration (« Inscrit le », then row).
 */
export function promotions(
  rencontres: readonly Rencontre[],
  inscriptions: readonly Row<Inscription>[],
  today: string,
): { inscription: Row<Inscription>; rencontre: Rencontre }[] {
  const out: { inscription: Row<Inscription>; rencontre: Rencontre }[] = [];
  const byMeeting = new Map<string, Row<Inscription>[]>();
  for (const i of inscriptions) {
    const id = i.record.rencontre;
    if (!id) continue;
    const list = byMeeting.get(id) ?? [];
    list.push(i);
    byMeeting.set(id, list);
  }
  for (const r of rencontres) {
    if (!r.id || r.statut !== 'prévue' || r.capacite === null || !r.date || r.date < today) continue;
    const list = byMeeting.get(r.id) ?? [];
    const free = r.capacite - list.filter((i) => i.record.statut === 'inscrit').length;
    if (free <= 0) continue;
    const waiting = list
      .filter((i) => i.record.statut === 'liste d’attente')
      .sort((a, b) => (a.record.inscrit_le ?? '').localeCompare(b.record.inscrit_le ?? '') || a.row - b.row);
    for (const i of waiting.slice(0, free)) out.push({ inscription: i, rencontre: r });
  }
  return out;
}

/** How long registrations are kept after their meeting, by default (months). */
export const DEFAULT_RETENTION_MONTHS = 12;

/** Reads the retention setting: a whole number of months (1 to 120), or the default. */
export function retentionMonths(value: string | null | undefined): number {
  const n = Number(String(value ?? '').trim());
  return Number.isInteger(n) && n >= 1 && n <= 120 ? n : DEFAULT_RETENTION_MONTHS;
}

/**
 * Registrations to purge on `today`: those whose meeting took place more than `months` months ago
 * (kept through the day `months` months after the meeting)
 * (a registration whose meeting is no longer in the tab counts from its own date). Registrations
 * without any date are kept (they are shown as errors elsewhere).
 */
export function purgeable(
  rencontres: readonly Rencontre[],
  inscriptions: readonly Row<Inscription>[],
  today: string,
  months: number,
): Row<Inscription>[] {
  const dates = new Map(rencontres.filter((r) => r.id && r.date).map((r) => [r.id!, r.date!]));
  return inscriptions.filter((i) => {
    const date = dates.get(i.record.rencontre ?? '') ?? i.record.inscrit_le?.slice(0, 10) ?? null;
    // The day `months` months after it (31 January + 1 month: 28 or 29 February) is past.
    return date !== null && monthsBefore(date, -months) < today;
  });
}

/** Days from `today` to a meeting (negative when past). */
export function daysUntil(r: Pick<Rencontre, 'date'>, today: string): number | null {
  return r.date ? dayNumber(r.date) - dayNumber(today) : null;
}

/** The description of a meeting's registration form (public: never the video link). */
export function formDescription(r: Rencontre, reseau: string): string {
  return [
    `${r.type ?? 'Rencontre'}${r.operateur ? ` (${r.operateur})` : ''} proposée par le ${reseau}.`,
    '',
    `Quand : ${whenText(r)}`,
    `Où : ${whereText(r, false)}${r.lieu ? '' : ' (le lien est envoyé aux inscrits)'}`,
    ...(r.public_cible ? [`Pour qui : ${r.public_cible}`] : []),
    ...(r.capacite ? [`Places : ${r.capacite} ; au-delà, vous serez sur la liste d’attente.`] : []),
    '',
    'Vos nom, structure et courriel servent à organiser la rencontre (liste d’émargement, rappel) ; ils sont effacés après un an.',
  ].join('\n');
}

export interface AttendanceSheet {
  titre: string;
  quand: string;
  ou: string;
  /** Those registered (statut inscrit), by name. */
  personnes: { nom: string; structure: string }[];
  /** Blank lines for people who come without registering. */
  vides: number;
}

/** What the printable attendance sheet of a meeting lists. */
export function attendanceSheet(
  r: Rencontre,
  inscriptions: readonly Inscription[],
  blankLines = 6,
): AttendanceSheet {
  const personnes = inscriptions
    .filter((i) => i.rencontre === r.id && i.statut === 'inscrit')
    .map((i) => ({ nom: i.nom ?? '', structure: i.structure ?? '' }))
    .sort((a, b) => a.nom.localeCompare(b.nom, 'fr', { sensitivity: 'base' }));
  return {
    titre: `${r.sujet ?? 'Rencontre'}${r.operateur ? ` (${r.operateur})` : ''}`,
    quand: whenText(r),
    ou: whereText(r, false),
    personnes,
    vides: blankLines,
  };
}
