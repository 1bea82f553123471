/**
 * `permanences.ics`: the bus calendar (RFC 5545), written by hand: every line is ours, times are
 * Europe/Paris wall clocks written as such under a TZID with its own VTIMEZONE, so the output does not
 * depend on the machine's time zone (the trap of libraries that format native Dates in local time).
 *
 * One VEVENT per permanence, past ones too; a cancelled permanence stays, with STATUS:CANCELLED, so
 * subscribers see the cancellation. UIDs are `<id>@maillage`. Given the previous calendar, an event
 * whose content did not change keeps its DTSTAMP and SEQUENCE; one that changed gets SEQUENCE + 1 and
 * a new DTSTAMP (RFC 5545 §3.8.7.4), and the file stays byte-identical when nothing changed.
 */
import { compareIso } from '../calendar/civil';
import { DEFAULT_TIME_ZONE } from '../calendar/wall-clock';
import type { Rencontre } from '../model';
import type { Catalogue, PublishedPermanence } from './catalogue';

export const TIME_ZONE = DEFAULT_TIME_ZONE;

/** Europe/Paris since 1996 (EU rules): last Sunday of March 02:00 -> 03:00, last Sunday of October 03:00 -> 02:00. */
export const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** UTF-8 octets of the character starting at `i`: a surrogate pair 4, a lone surrogate 3 (U+FFFD). */
function utf8SizeAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0xdc00 && code >= 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 4 : 3;
}

/** The UTF-8 length of a text, stopping once past `max`. */
function utf8LengthUpTo(text: string, max: number): number {
  let octets = 0;
  for (let i = 0; i < text.length && octets <= max; ) {
    const size = utf8SizeAt(text, i);
    octets += size;
    i += size === 4 ? 2 : 1;
  }
  return octets;
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  // Most lines fit: counted code unit by code unit, without cutting the line into characters.
  if (line.length <= 25 || (line.length <= 75 && utf8LengthUpTo(line, 75) <= 75)) return line;
  // The others are cut by slicing where a character would pass the limit (a surrogate pair, one
  // character of 4 octets, is never split; a lone surrogate counts 3 octets, as its U+FFFD would).
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const size = utf8SizeAt(line, i);
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = 74; // continuation lines start with a space
    }
    octets += size;
    i += size === 4 ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

function compact(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

/** `20261128T093000Z` */
export function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const STATUS: Record<string, string> = {
  prévue: 'TENTATIVE',
  confirmée: 'CONFIRMED',
  réalisée: 'CONFIRMED',
  annulée: 'CANCELLED',
};

interface PreviousEvent {
  sequence: number;
  dtstamp: string;
  signature: string;
}

/** Lines that change at every revision; everything else is the event's content. */
const REVISION = /^(DTSTAMP|SEQUENCE|LAST-MODIFIED)[;:]/;

/** Reads back the events of a calendar this module wrote: UID -> sequence, stamp, content. */
export function previousEvents(ics: string): Map<string, PreviousEvent> {
  const events = new Map<string, PreviousEvent>();
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      const uid = current.find((l) => l.startsWith('UID:'))?.slice(4);
      const sequence = Number(current.find((l) => l.startsWith('SEQUENCE:'))?.slice(9) ?? 0);
      const dtstamp = current.find((l) => l.startsWith('DTSTAMP:'))?.slice(8);
      if (uid && dtstamp) {
        events.set(uid, {
          sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
          dtstamp,
          signature: current.filter((l) => !REVISION.test(l)).join('\n'),
        });
      }
      current = null;
    } else if (current) current.push(line);
  }
  return events;
}

export interface CalendarOptions {
  /** The run's instant: DTSTAMP of new or changed events. */
  now: Date;
  /** Text of the previously published calendar, if any. */
  previous?: string | null;
}

function location(p: PublishedPermanence): string {
  const address = p.record.adresse && p.record.adresse !== p.stopName ? `, ${p.record.adresse}` : '';
  const town = [p.codePostal, p.commune].filter(Boolean).join(' ');
  return `${p.stopName}${address}, ${town}`;
}

/** UID, Paris wall-clock start and end, summary and location: the first lines of every event. */
function eventHead(id: string, date: string, debut: string, fin: string, summary: string, where: string) {
  return [
    `UID:${id}@maillage`,
    `DTSTART;TZID=${TIME_ZONE}:${compact(date, debut)}`,
    `DTEND;TZID=${TIME_ZONE}:${compact(date, fin)}`,
    `SUMMARY:${escapeText(summary)}`,
    `LOCATION:${escapeText(where)}`,
  ];
}

function eventContent(p: PublishedPermanence, busName: string, phone: string | null): string[] {
  const r = p.record;
  const cancelled = r.statut === 'annulée';
  const summary = `${cancelled ? 'Annulé — ' : ''}${busName} — ${p.commune} (${p.stopName})`;
  const description = [
    `Offre : ${r.offres.join(', ')}.`,
    cancelled ? 'Cette permanence est annulée.' : '',
    phone ? `Renseignements : ${phone}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const lines = eventHead(r.id!, r.date!, r.debut!, r.fin!, summary, location(p));
  if (p.point) lines.push(`GEO:${p.point[1]};${p.point[0]}`);
  lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (r.offres.length > 0) lines.push(`CATEGORIES:${r.offres.map(escapeText).join(',')}`);
  lines.push(`STATUS:${STATUS[r.statut ?? ''] ?? 'CONFIRMED'}`);
  return lines;
}

const PRODID_PREFIX = 'PRODID:-//Maillage//';

/**
 * Whether a calendar's first lines (a few hundred bytes are enough) are those Maillage writes: a
 * calendar file of ours, as opposed to one someone else put beside them.
 */
export function isMaillageCalendar(head: string): boolean {
  return head.startsWith(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${PRODID_PREFIX}`);
}

function calendarHead(name: string, product = 'Permanences du bus numérique'): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `${PRODID_PREFIX}${product}//FR`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
    ...VTIMEZONE_PARIS,
  ];
}

function calendarText(head: string[], events: readonly string[][]): string {
  return `${[...head, ...events.flat(), 'END:VCALENDAR'].map(foldLine).join('\r\n')}\r\n`;
}

/**
 * Wraps an event's content (UID line first) in VEVENT with its DTSTAMP and SEQUENCE: kept from the
 * previous calendar when the content did not change, the sequence raised when it did.
 */
function eventStamper(options: CalendarOptions): (content: string[]) => string[] {
  const previous = options.previous ? previousEvents(options.previous) : new Map<string, PreviousEvent>();
  const stamp = utcStamp(options.now);
  return (content) => {
    const before = previous.get(content[0]!.slice(4));
    let sequence = 0;
    let dtstamp = stamp;
    if (before) {
      if (before.signature === content.join('\n')) {
        sequence = before.sequence;
        dtstamp = before.dtstamp;
      } else sequence = before.sequence + 1;
    }
    return [
      'BEGIN:VEVENT',
      content[0]!,
      `DTSTAMP:${dtstamp}`,
      `SEQUENCE:${sequence}`,
      ...content.slice(1),
      'END:VEVENT',
    ];
  };
}

const RENCONTRE_STATUS: Record<string, string> = {
  prévue: 'CONFIRMED',
  réalisée: 'CONFIRMED',
  annulée: 'CANCELLED',
};

/** A meeting as published: its public columns only (never the video link, the notes or who registered). */
export type PublicRencontre = Pick<
  Rencontre,
  | 'id'
  | 'type'
  | 'sujet'
  | 'operateur'
  | 'date'
  | 'debut'
  | 'fin'
  | 'lieu'
  | 'commune'
  | 'capacite'
  | 'public_cible'
  | 'statut'
  | 'formulaire'
>;

/**
 * A meeting's event. `videoLink` only for an invitee's own invitation: the public calendar says the
 * link is sent to those registered.
 */
function rencontreContent(r: PublicRencontre, videoLink: string | null = null): string[] {
  const cancelled = r.statut === 'annulée';
  const where = r.lieu
    ? [r.lieu, r.commune].filter(Boolean).join(', ')
    : videoLink
      ? `Visioconférence : ${videoLink}`
      : 'En visioconférence';
  const description = [
    `${r.type}${r.operateur ? ` (${r.operateur})` : ''}.`,
    r.public_cible ? `Public : ${r.public_cible}.` : '',
    r.capacite ? `Places : ${r.capacite}.` : '',
    videoLink
      ? `Lien de la visioconférence : ${videoLink}`
      : r.lieu
        ? ''
        : 'Le lien de la visioconférence est envoyé aux inscrits.',
    r.formulaire ? `Inscription : ${r.formulaire}` : '',
    cancelled ? 'Cette rencontre est annulée.' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const lines = [
    ...eventHead(r.id!, r.date!, r.debut!, r.fin!, `${cancelled ? 'Annulé — ' : ''}${r.sujet}`, where),
    `DESCRIPTION:${escapeText(description)}`,
    `CATEGORIES:${escapeText(r.type ?? '')}`,
  ];
  if (r.formulaire) lines.push(`URL:${r.formulaire}`);
  lines.push(`STATUS:${RENCONTRE_STATUS[r.statut ?? ''] ?? 'CONFIRMED'}`);
  return lines;
}

/** `rencontres.ics`: the network's public meetings and trainings, in date order. */
export function buildRencontresCalendar(
  rencontres: readonly PublicRencontre[],
  name: string,
  options: CalendarOptions,
): string {
  const stamped = eventStamper(options);
  const events = [...rencontres]
    .filter((r) => r.id && r.date && r.debut && r.fin && r.sujet)
    .sort((a, b) => compareIso(a.date, b.date) || compareIso(a.debut, b.debut))
    .map((r) => stamped(rencontreContent(r)));
  return calendarText(calendarHead(name, 'Rencontres du réseau'), events);
}

export interface Calendars {
  /** `permanences.ics`: every permanence, past ones too. */
  whole: string;
  /** One calendar per stop on the map: its upcoming permanences only (cancelled ones flagged). */
  stops: { stopId: string; name: string; text: string }[];
}

/**
 * The whole bus calendar and one calendar per stop. An event is the same in both (UID, DTSTAMP,
 * SEQUENCE): a resident who subscribed to one stop and later to the whole calendar sees no duplicate.
 */
export function buildCalendars(
  catalogue: Catalogue,
  options: CalendarOptions & { today: string },
): Calendars {
  const stamped = eventStamper(options);
  const busName = catalogue.bus?.nom ?? 'Bus numérique';
  const phone = catalogue.bus?.telephone ?? null;
  const events: string[][] = [];
  const byStop = new Map<string, string[][]>();
  for (const p of catalogue.permanences) {
    const r = p.record;
    if (!r.id || !r.date || !r.debut || !r.fin) continue;
    const event = stamped(eventContent(p, busName, phone));
    events.push(event);
    if (r.date >= options.today && r.statut !== 'réalisée') {
      const list = byStop.get(p.stopId) ?? [];
      list.push(event);
      byStop.set(p.stopId, list);
    }
  }
  return {
    whole: calendarText(calendarHead(`${busName} — permanences`), events),
    stops: catalogue.stops.map((stop) => {
      const stopId = stop.record.id ?? '';
      const name = stop.record.nom ?? busName;
      return { stopId, name, text: calendarText(calendarHead(name), byStop.get(stopId) ?? []) };
    }),
  };
}

/** The whole bus calendar (`permanences.ics`). */
export function buildCalendar(catalogue: Catalogue, options: CalendarOptions): string {
  return buildCalendars(catalogue, { ...options, today: '' }).whole;
}

/** A calendar user address (RFC 5545 §3.3.3) with its common name, quoted (§3.2). */
function calAddress(property: string, email: string, name: string | null, params: string[] = []): string {
  const cn = name ? `;CN="${name.replace(/["\r\n]/g, ' ')}"` : '';
  return `${property}${cn}${params.map((p) => `;${p}`).join('')}:mailto:${email}`;
}

export interface InvitationOptions {
  /** When the invitation is sent: its DTSTAMP. */
  now: Date;
  organizer: { email: string; name: string };
  attendee: { email: string; name: string | null };
  /** The meeting's video link (private column), written for this invitee only. */
  videoLink: string | null;
}

/**
 * One invitee's calendar invitation to a meeting (iTIP REQUEST, RFC 5546 §3.2.2): the public event
 * (same UID as in `rencontres.ics`, so calendars merge them) with the organizer, the invitee and,
 * for a meeting by video, its link. Registration goes through the form, hence RSVP=FALSE.
 */
export function buildRencontreInvitation(r: PublicRencontre, options: InvitationOptions): string {
  const content = rencontreContent(r, options.videoLink);
  const event = [
    'BEGIN:VEVENT',
    content[0]!,
    `DTSTAMP:${utcStamp(options.now)}`,
    'SEQUENCE:0',
    ...content.slice(1),
    calAddress('ORGANIZER', options.organizer.email, options.organizer.name),
    calAddress('ATTENDEE', options.attendee.email, options.attendee.name, [
      'ROLE=REQ-PARTICIPANT',
      'PARTSTAT=NEEDS-ACTION',
      'RSVP=FALSE',
    ]),
    'END:VEVENT',
  ];
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Maillage//Rencontres du réseau//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    ...VTIMEZONE_PARIS,
  ];
  return calendarText(head, [event]);
}
