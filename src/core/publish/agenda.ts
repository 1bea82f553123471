/**
 * The network's agenda: `rencontres.json`, written by `publier` from the same public rows as
 * `rencontres.ics` (meetings marked « Publiée », without error, public columns only), and the French
 * sentences the agenda page shows for each meeting. Pure: the page and the tests share it.
 */
import { compareIso, dateKey, type Moment, parseClock } from '../calendar/civil';
import { clockText, frenchDate } from '../french/dates';
import type { PublicRencontre } from './ics';

/** The agenda page's data, beside `rencontres.ics`. */
export const AGENDA_FILE = 'rencontres.json';

export interface AgendaFeed {
  type: 'maillage-rencontres';
  version: 1;
  /** The network's name, for the page's title. */
  reseau: string;
  genere_le: string;
  /** The calendar to subscribe to, relative to this file. */
  calendrier: string;
  /** In date and start order. */
  rencontres: PublicRencontre[];
}

const byStart = (a: PublicRencontre, b: PublicRencontre) =>
  compareIso(a.date, b.date) || compareIso(a.debut, b.debut) || compareIso(a.id, b.id);

export function agendaFeed(
  rencontres: readonly PublicRencontre[],
  options: { reseau: string; generatedAt: string; calendrier: string },
): AgendaFeed {
  return {
    type: 'maillage-rencontres',
    version: 1,
    reseau: options.reseau,
    genere_le: options.generatedAt,
    calendrier: options.calendrier,
    rencontres: [...rencontres].sort(byStart),
  };
}

/** What the page shows of one meeting, in French. */
export interface AgendaEntry {
  id: string;
  sujet: string;
  type: string;
  operateur: string | null;
  /** « mardi 15 décembre 2026 » */
  jour: string;
  /** « de 9 h 30 à 12 h » */
  heures: string;
  /** The room and commune, or « En visioconférence » (the link is never published). */
  lieu: string;
  visio: boolean;
  /** « 20 », or null when not given. */
  places: string | null;
  public: string | null;
  annulee: boolean;
  /** The registration form (http or https only), for a meeting to come and not cancelled. */
  inscription: string | null;
  /** `YYYY-MM-DD`, for a machine-readable <time>. */
  date: string;
  debut: string;
}

export interface Agenda {
  aVenir: AgendaEntry[];
  /** Most recent first. */
  passees: AgendaEntry[];
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  return /^https?:\/\/[^\s]+$/i.test(value.trim()) ? value.trim() : null;
}

function hoursText(debut: string | null, fin: string | null): string {
  const start = parseClock(debut);
  const end = parseClock(fin);
  if (start === null) return '';
  return end === null ? `à ${clockText(start)}` : `de ${clockText(start)} à ${clockText(end)}`;
}

/** A meeting is still to come until its end (its start when it has no end) on the Paris wall clock. */
function isToCome(r: PublicRencontre, now: Moment): boolean {
  const today = dateKey(now.date);
  if (!r.date) return false;
  if (r.date !== today) return r.date > today;
  const end = parseClock(r.fin) ?? parseClock(r.debut) ?? 0;
  return end > now.minutes;
}

/** The page's two lists: meetings to come (soonest first), then past ones (latest first). */
export function agendaOf(rencontres: readonly PublicRencontre[], now: Moment): Agenda {
  const sorted = rencontres.filter((r) => r.date && r.sujet).sort(byStart);
  const entry = (r: PublicRencontre, toCome: boolean): AgendaEntry => {
    const annulee = r.statut === 'annulée';
    const visio = !r.lieu;
    return {
      id: r.id ?? '',
      sujet: r.sujet ?? '',
      type: r.type ?? '',
      operateur: r.operateur ?? null,
      jour: frenchDate(r.date!),
      heures: hoursText(r.debut, r.fin),
      lieu: visio ? 'En visioconférence' : [r.lieu, r.commune].filter(Boolean).join(', '),
      visio,
      places: typeof r.capacite === 'number' && r.capacite > 0 ? String(r.capacite) : null,
      public: r.public_cible ?? null,
      annulee,
      inscription: toCome && !annulee ? httpUrl(r.formulaire) : null,
      date: r.date!,
      debut: r.debut ?? '',
    };
  };
  const aVenir: AgendaEntry[] = [];
  const passees: AgendaEntry[] = [];
  for (const r of sorted) {
    if (isToCome(r, now)) aVenir.push(entry(r, true));
    else passees.push(entry(r, false));
  }
  return { aVenir, passees: passees.reverse() };
}
