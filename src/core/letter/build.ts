/**
 * The network's monthly letter, built from the workbook (pure: Apps Script and the command line both
 * call it). The letter of month M is written during M (or looks back on it): places that joined the
 * network or were updated in M, places whose information is getting old (freshness.ts), the next
 * meetings and trainings, the bus's passages in M+1 and the figures of M-1 (the last whole month),
 * with the indicators' own computation and definitions.
 *
 * It goes to the referents, not the public: meetings reserved to the network are listed (unless
 * `publicOnly`), but nothing private is ever copied into it (no note, no video link, no
 * registration, no referent's contact): only the fields listed in the types below.
 */
import { monthOf, type Period, shiftPeriod } from '../calendar/periods';
import { STALE_AFTER_MONTHS, staleLieux } from '../freshness';
import {
  activeLieux,
  computeIndicators,
  type IndicatorData,
  indicatorData,
  type PeriodIndicators,
  permanenceState,
} from '../indicators/compute';
import type { Lieu, Permanence, Rencontre } from '../model';
import { validRecords } from '../read-table';
import type { WorkbookTables } from '../workbook';

export interface LetterPlace {
  id: string;
  nom: string;
  commune: string;
  /** Charter signature (new members), last update (updated and stale places). */
  date: string | null;
}

export interface LetterMeeting {
  id: string;
  type: string;
  sujet: string;
  operateur: string | null;
  date: string;
  debut: string | null;
  fin: string | null;
  /** Room and address, and commune; null for a video meeting (its link is never in the letter). */
  lieu: string | null;
  commune: string | null;
  capacite: number | null;
  publicCible: string | null;
  /** The registration form (a public column). */
  formulaire: string | null;
  annulee: boolean;
  /** Not in the public agenda: for the network's members. */
  reserveeAuReseau: boolean;
}

export interface LetterPassage {
  id: string;
  date: string;
  debut: string | null;
  fin: string | null;
  commune: string;
  lieu: string;
  offres: string[];
}

export interface Letter {
  /** The letter's month. */
  mois: Period;
  /** Reference day: today, brought into the month. */
  jour: string;
  reseau: string;
  /** Places that signed the charter in the month, up to the reference day (new members). */
  nouveaux: LetterPlace[];
  /** Other active places whose record was updated in the month, up to the reference day. */
  misAJour: LetterPlace[];
  /** Active places not updated for `anciensMois` months on the reference day, oldest first. */
  anciens: LetterPlace[];
  anciensMois: number;
  /** Meetings from the reference day to the end of the month after next, in date order. */
  rencontres: LetterMeeting[];
  rencontresJusquAu: string;
  /** The bus's passages (not cancelled) in the month after. */
  passages: { mois: Period; lignes: LetterPassage[] };
  /** The last whole month's indicators, and the active places on the reference day. */
  chiffres: { indicateurs: PeriodIndicators; lieuxActifs: number };
  /** Rows with an error, not counted (as in the indicators). */
  excluded: IndicatorData['excluded'];
}

export interface LetterOptions {
  /** Any day of the letter's month (`2026-12` or `2026-12-01`). */
  mois: string;
  /** Today; the reference day is today brought into the month (its first or last day). */
  today: string;
  /** Network name, for the title and the signature. */
  reseau: string;
  /** Leave out the meetings reserved to the network (a version for a public website). */
  publicOnly?: boolean;
  /** Months after which a place's information is getting old (default: the reminders' rule). */
  staleAfterMonths?: number;
}

/** `today` brought into [du, au]. */
function clampDay(today: string, period: Period): string {
  if (today < period.du) return period.du;
  if (today > period.au) return period.au;
  return today;
}

function place(l: Lieu, date: string | null): LetterPlace {
  return { id: l.id ?? '', nom: l.nom ?? 'Lieu sans nom', commune: l.commune ?? l.code_insee ?? '', date };
}

function byNameThenCommune(a: LetterPlace, b: LetterPlace): number {
  return a.nom.localeCompare(b.nom, 'fr') || a.commune.localeCompare(b.commune, 'fr');
}

function meeting(r: Rencontre): LetterMeeting {
  return {
    id: r.id ?? '',
    type: r.type ?? '',
    sujet: r.sujet ?? '',
    operateur: r.operateur,
    date: r.date!,
    debut: r.debut,
    fin: r.fin,
    lieu: r.lieu,
    commune: r.commune,
    capacite: r.capacite,
    publicCible: r.public_cible,
    formulaire: r.formulaire,
    annulee: r.statut === 'annulée',
    reserveeAuReseau: r.publique !== true,
  };
}

function passage(p: Permanence): LetterPassage {
  return {
    id: p.id ?? '',
    date: p.date!,
    debut: p.debut,
    fin: p.fin,
    commune: p.commune ?? p.code_insee ?? '',
    lieu: p.lieu ?? '',
    offres: [...p.offres],
  };
}

function byDayAndTime(a: { date: string; debut: string | null }, b: { date: string; debut: string | null }) {
  return a.date.localeCompare(b.date) || (a.debut ?? '').localeCompare(b.debut ?? '');
}

export function buildLetter(
  tables: Pick<WorkbookTables, 'Lieux' | 'Permanences' | 'Relais' | 'Rencontres'>,
  options: LetterOptions,
): Letter {
  const mois = monthOf(options.mois.length === 7 ? `${options.mois}-01` : options.mois);
  const jour = clampDay(options.today, mois);
  const inMonth = (d: string | null) => d !== null && d >= mois.du && d <= jour;
  const data = indicatorData(tables);
  const active = activeLieux(data);

  const nouveaux = active
    .filter((l) => inMonth(l.charte_signee_le))
    .map((l) => place(l, l.charte_signee_le))
    .sort(byNameThenCommune);
  const newIds = new Set(nouveaux.map((l) => l.id));
  const misAJour = active
    .filter((l) => inMonth(l.date_maj) && !newIds.has(l.id ?? ''))
    .map((l) => place(l, l.date_maj))
    .sort(byNameThenCommune);

  const months = options.staleAfterMonths ?? STALE_AFTER_MONTHS;
  const validLieux = tables.Lieux.rows.filter((r) => r.valid && r.record.statut === 'actif');
  const anciens = staleLieux(validLieux, jour, months).map((s) => ({
    id: s.id ?? '',
    nom: s.nom ?? 'Lieu sans nom',
    commune: s.commune ?? '',
    date: s.date_maj,
  }));

  const rencontresJusquAu = shiftPeriod(mois, 2).au;
  const rencontres = validRecords(tables.Rencontres)
    .filter(
      (r) =>
        r.date !== null &&
        r.date >= jour &&
        r.date <= rencontresJusquAu &&
        r.statut !== 'réalisée' &&
        !(options.publicOnly && r.publique !== true),
    )
    .map(meeting)
    .sort(byDayAndTime);

  const suivant = shiftPeriod(mois, 1);
  const lignes = data.permanences
    .filter(
      (p) =>
        p.date !== null &&
        p.date >= suivant.du &&
        p.date <= suivant.au &&
        permanenceState(p, jour) === 'prévue',
    )
    .map(passage)
    .sort(byDayAndTime);

  const precedent = shiftPeriod(mois, -1);
  return {
    mois,
    jour,
    reseau: options.reseau,
    nouveaux,
    misAJour,
    anciens,
    anciensMois: months,
    rencontres,
    rencontresJusquAu,
    passages: { mois: suivant, lignes },
    chiffres: { indicateurs: computeIndicators(data, precedent, jour), lieuxActifs: active.length },
    excluded: data.excluded,
  };
}
