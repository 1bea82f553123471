/**
 * The indicators of one period, computed from the valid rows of Permanences, Lieux and Relais.
 * Every rule is written in French in definitions.ts; the comments here point to it.
 */

import { earlierDay, type Period, type PeriodKind, periodOf, periodsBetween } from '../calendar/periods';
import type { CommuneRef } from '../coverage/coverage';
import { type Lieu, OFFRES, type Permanence, type Relais } from '../model';
import { validRecords } from '../read-table';
import type { WorkbookTables } from '../workbook';
import { STALE_AFTER_YEARS } from './definitions';

/** The rows indicators count, and how many rows were set aside because of errors. */
export interface IndicatorData {
  permanences: readonly Permanence[];
  lieux: readonly Lieu[];
  relais: readonly Relais[];
  /** Rows with an error, not counted (see definition « Lignes comptées »). */
  excluded: { permanences: number; lieux: number; relais: number };
}

function invalid(rows: readonly { valid: boolean }[]): number {
  return rows.filter((r) => !r.valid).length;
}

export function indicatorData(
  tables: Pick<WorkbookTables, 'Permanences' | 'Lieux' | 'Relais'>,
): IndicatorData {
  return {
    permanences: validRecords(tables.Permanences),
    lieux: validRecords(tables.Lieux),
    relais: validRecords(tables.Relais),
    excluded: {
      permanences: invalid(tables.Permanences.rows),
      lieux: invalid(tables.Lieux.rows),
      relais: invalid(tables.Relais.rows),
    },
  };
}

export type Offre = (typeof OFFRES)[number];

export interface PeriodIndicators {
  period: Period;
  /** Reference day: nothing after it counts as held. */
  donneesAu: string;
  /** The period is over on the reference day. */
  complete: boolean;
  communes: { total: number; parOffre: Record<Offre, number>; codes: string[] };
  permanences: { realisees: number; prevues: number; annulees: number };
  personnesRecues: number;
  accompagnements: { total: number; individuels: number; participantsAteliers: number };
  /** `taux` is null when there is no answer: never 0 %. */
  satisfaction: { reponses: number; satisfaits: number; taux: number | null };
  relais: { actifs: number; mobilises: number; nouveaux: number };
  /** Directory snapshot: only for the period that contains the reference day (no history in Lieux). */
  lieux: { actifs: number; anciens: number } | null;
}

export type PermanenceState = 'réalisée' | 'prévue' | 'annulée' | null;

/** How a permanence counts on the reference day (definitions permanences-realisees / -prevues / -annulees). */
export function permanenceState(p: Permanence, today: string): PermanenceState {
  if (!p.date || !p.statut) return null;
  if (p.statut === 'annulée') return 'annulée';
  if (p.statut === 'réalisée') return p.date <= today ? 'réalisée' : 'prévue';
  return 'prévue';
}

/** `YYYY-MM-DD` minus whole years (29 February falls back to 28). */
export function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const year = String(Number(y) - years).padStart(4, '0');
  if (m === '02' && d === '29') return `${year}-02-28`;
  return `${year}-${m}-${d}`;
}

/** Active places whose record is older than a year on `day`, or undated (definition lieux-anciens). */
export function isStale(lieu: Lieu, day: string): boolean {
  return lieu.date_maj === null || lieu.date_maj < yearsBefore(day, STALE_AFTER_YEARS);
}

export function activeLieux(data: IndicatorData): Lieu[] {
  return data.lieux.filter((l) => l.statut === 'actif');
}

function isActiveRelais(r: Relais, au: string): boolean {
  return r.actif === true && (r.convention_le === null || r.convention_le <= au);
}

function emptyIndicators(period: Period, today: string): PeriodIndicators {
  return {
    period,
    donneesAu: today,
    complete: period.au < today,
    communes: { total: 0, parOffre: { Assistance: 0, Formation: 0, 'Accès libre': 0 }, codes: [] },
    permanences: { realisees: 0, prevues: 0, annulees: 0 },
    personnesRecues: 0,
    accompagnements: { total: 0, individuels: 0, participantsAteliers: 0 },
    satisfaction: { reponses: 0, satisfaits: 0, taux: null },
    relais: { actifs: 0, mobilises: 0, nouveaux: 0 },
    lieux: null,
  };
}

/** Indicators of one period from the permanences dated in it (already filtered by the caller or not). */
function indicatorsOf(
  period: Period,
  permanences: readonly Permanence[],
  data: IndicatorData,
  today: string,
): PeriodIndicators {
  const out = emptyIndicators(period, today);
  const communes = new Set<string>();
  const byOffer: Record<Offre, Set<string>> = {
    Assistance: new Set(),
    Formation: new Set(),
    'Accès libre': new Set(),
  };
  const relaisMobilises = new Set<string>();
  for (const p of permanences) {
    if (!p.date || p.date < period.du || p.date > period.au) continue;
    const state = permanenceState(p, today);
    if (state === 'annulée') out.permanences.annulees++;
    else if (state === 'prévue') out.permanences.prevues++;
    if (state !== 'réalisée') continue;
    out.permanences.realisees++;
    if (p.code_insee) {
      communes.add(p.code_insee);
      for (const offre of p.offres) byOffer[offre as Offre]?.add(p.code_insee);
    }
    if (p.relais) relaisMobilises.add(p.relais);
    out.personnesRecues += p.personnes_recues ?? 0;
    out.accompagnements.individuels += p.accompagnements_individuels ?? 0;
    out.accompagnements.participantsAteliers += p.participants_ateliers ?? 0;
    out.satisfaction.reponses += p.reponses_satisfaction ?? 0;
    out.satisfaction.satisfaits += p.satisfaits ?? 0;
  }
  out.communes.total = communes.size;
  out.communes.codes = [...communes].sort();
  for (const offre of OFFRES) out.communes.parOffre[offre] = byOffer[offre].size;
  out.accompagnements.total = out.accompagnements.individuels + out.accompagnements.participantsAteliers;
  const { reponses, satisfaits } = out.satisfaction;
  out.satisfaction.taux = reponses > 0 ? satisfaits / reponses : null;
  const lastDay = earlierDay(period.au, today);
  out.relais.actifs = data.relais.filter((r) => isActiveRelais(r, period.au)).length;
  out.relais.mobilises = relaisMobilises.size;
  out.relais.nouveaux = data.relais.filter(
    (r) => r.convention_le !== null && r.convention_le >= period.du && r.convention_le <= lastDay,
  ).length;
  if (period.du <= today && today <= period.au) {
    const active = activeLieux(data);
    out.lieux = { actifs: active.length, anciens: active.filter((l) => isStale(l, today)).length };
  }
  return out;
}

export function computeIndicators(data: IndicatorData, period: Period, today: string): PeriodIndicators {
  return indicatorsOf(period, data.permanences, data, today);
}

export interface SeriesOptions {
  today: string;
  /** First day to cover (default: the first permanence's date, or today). */
  from?: string;
  /** Last day to cover (default: today). */
  to?: string;
}

/** The first day a series starts from: the earliest permanence, never after `today`. */
export function firstPermanenceDay(data: IndicatorData): string | null {
  let first: string | null = null;
  for (const p of data.permanences) if (p.date && (first === null || p.date < first)) first = p.date;
  return first;
}

/** One entry per period of `kind`, from the first permanence's period to today's, empty periods included. */
export function indicatorSeries(
  data: IndicatorData,
  kind: PeriodKind,
  options: SeriesOptions,
): PeriodIndicators[] {
  const { today } = options;
  const first = firstPermanenceDay(data);
  const from = options.from ?? (first !== null && first < today ? first : today);
  const to = options.to ?? today;
  const periods = periodsBetween(kind, from, to);
  // Bucket permanences by period key once: the series costs one pass over the rows.
  const buckets = new Map<string, Permanence[]>();
  for (const p of data.permanences) {
    if (!p.date) continue;
    const key = periodOf(kind, p.date).key;
    const list = buckets.get(key);
    if (list) list.push(p);
    else buckets.set(key, [p]);
  }
  return periods.map((period) => indicatorsOf(period, buckets.get(period.key) ?? [], data, today));
}

export interface DirectoryCount {
  /** Service label, INSEE code or EPCI name. */
  key: string;
  label: string;
  lieux: number;
}

export interface DirectoryBreakdown {
  actifs: number;
  anciens: number;
  parService: DirectoryCount[];
  parCommune: DirectoryCount[];
  parEpci: DirectoryCount[];
}

function sortedCounts(map: Map<string, DirectoryCount>): DirectoryCount[] {
  return [...map.values()].sort((a, b) => b.lieux - a.lieux || a.label.localeCompare(b.label, 'fr'));
}

function bump(map: Map<string, DirectoryCount>, key: string, label: string) {
  const entry = map.get(key);
  if (entry) entry.lieux++;
  else map.set(key, { key, label, lieux: 1 });
}

/** Active places by service, by commune and by EPCI (definition lieux-actifs), on `today`. */
export function directoryBreakdown(
  data: IndicatorData,
  today: string,
  communes: readonly CommuneRef[] = [],
): DirectoryBreakdown {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const active = activeLieux(data);
  const services = new Map<string, DirectoryCount>();
  const byCommune = new Map<string, DirectoryCount>();
  const byEpci = new Map<string, DirectoryCount>();
  for (const lieu of active) {
    for (const service of lieu.services) bump(services, service, service);
    const code = lieu.code_insee ?? '';
    const commune = byCode.get(code);
    bump(byCommune, code || (lieu.commune ?? ''), commune?.nom ?? lieu.commune ?? 'Commune inconnue');
    const epci = commune?.epci ? (typeof commune.epci === 'string' ? commune.epci : commune.epci.nom) : null;
    bump(byEpci, epci ?? '', epci ?? 'EPCI inconnu');
  }
  return {
    actifs: active.length,
    anciens: active.filter((l) => isStale(l, today)).length,
    parService: sortedCounts(services),
    parCommune: sortedCounts(byCommune),
    parEpci: sortedCounts(byEpci),
  };
}
