/**
 * Planning the bus's permanences: one weekday, every week or one week out of two, over a period.
 * French public holidays are skipped, and so is any slot that overlaps a permanence the bus already
 * has (the bus cannot be in two places at once); every skipped day is listed with its reason.
 */

import { addDaysIso as addDays, dayNumber, isIsoDate, isoWeekday } from './calendar/civil';
import { holidayName } from './calendar/holidays';
import { toTime } from './cells';
import { frenchDate } from './french/dates';
import { OFFRES } from './model';

/** Longest period planned at once, so that a typo in a year cannot add thousands of rows. */
export const MAX_PLAN_DAYS = 400;

export interface PlanRequest {
  /** INSEE code of the commune where the bus parks. */
  code_insee: string;
  /** Its name, written in the rows (the caller resolves it from the territory). */
  commune: string;
  /** Where the bus parks (place, hall, car park). */
  lieu: string;
  adresse?: string;
  /** Id of the local relay (Relais tab), if any. */
  relais?: string;
  offres: readonly string[];
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  jour: number;
  /** 1: every week; 2: one week out of two (starting with the first matching day of the period). */
  toutesLesSemaines: 1 | 2;
  /** `HH:MM`. */
  debut: string;
  fin: string;
  /** First and last day of the period, `YYYY-MM-DD`, both included. */
  du: string;
  au: string;
}

/** A permanence the bus already has. */
export interface ExistingSlot {
  date: string | null;
  debut: string | null;
  fin: string | null;
  statut: string | null;
  /** Sheet row, for the message. */
  row?: number;
  commune?: string | null;
}

export interface PlannedPermanence {
  date: string;
  debut: string;
  fin: string;
  code_insee: string;
  commune: string;
  lieu: string;
  adresse: string | null;
  relais: string | null;
  offres: string[];
  statut: 'prévue';
}

export interface SkippedDay {
  date: string;
  reason: 'jour férié' | 'chevauchement';
  /** French, for the coordinator. */
  message: string;
}

export interface PlanResult {
  /** Problems with the request itself (French); when any, nothing is planned. */
  errors: string[];
  permanences: PlannedPermanence[];
  skipped: SkippedDay[];
}

export interface PlanOptions {
  /** The département's code: Alsace-Moselle (57, 67, 68) also rests on Good Friday and St Stephen's Day. */
  departement?: string;
}

function checkRequest(req: PlanRequest): string[] {
  const errors: string[] = [];
  if (!/^(\d{2}|2[AB])\d{3}$/.test(req.code_insee ?? '')) errors.push('Choisissez la commune.');
  if (!req.lieu?.trim()) errors.push('Indiquez où stationne le bus (place, salle, parking…).');
  if (!Number.isInteger(req.jour) || req.jour < 1 || req.jour > 7) errors.push('Choisissez le jour.');
  if (req.toutesLesSemaines !== 1 && req.toutesLesSemaines !== 2) {
    errors.push('Choisissez « chaque semaine » ou « une semaine sur deux ».');
  }
  const debut = toTime(req.debut);
  const fin = toTime(req.fin);
  if (!debut) errors.push('Heure de début illisible : écrivez-la 09:30.');
  if (!fin) errors.push('Heure de fin illisible : écrivez-la 12:00.');
  if (debut && fin && fin <= debut) errors.push(`La fin (${fin}) doit être après le début (${debut}).`);
  if (!isIsoDate(req.du ?? '')) errors.push('Date de début de période illisible.');
  if (!isIsoDate(req.au ?? '')) errors.push('Date de fin de période illisible.');
  if (isIsoDate(req.du ?? '') && isIsoDate(req.au ?? '')) {
    if (req.au < req.du) errors.push('La période se termine avant de commencer.');
    else if (dayNumber(req.au) - dayNumber(req.du) > MAX_PLAN_DAYS) {
      errors.push(`Période trop longue : planifiez au plus ${MAX_PLAN_DAYS} jours à la fois.`);
    }
  }
  const offres = req.offres ?? [];
  if (offres.length === 0) errors.push('Cochez au moins un type d’offre.');
  const unknown = offres.filter((o) => !(OFFRES as readonly string[]).includes(o));
  if (unknown.length > 0) errors.push(`Type d’offre inconnu : ${unknown.join(', ')}.`);
  return errors;
}

/**
 * The permanences to add for a request, and the days skipped (holiday, or overlap with an existing
 * permanence that is not cancelled). Pure: the same request and rows always give the same plan.
 */
export function planPermanences(
  req: PlanRequest,
  existing: readonly ExistingSlot[],
  options: PlanOptions = {},
): PlanResult {
  const errors = checkRequest(req);
  if (errors.length > 0) return { errors, permanences: [], skipped: [] };
  const debut = toTime(req.debut)!;
  const fin = toTime(req.fin)!;
  const busy = new Map<string, ExistingSlot[]>();
  for (const slot of existing) {
    if (!slot.date || !slot.debut || !slot.fin || slot.statut === 'annulée') continue;
    const list = busy.get(slot.date) ?? [];
    list.push(slot);
    busy.set(slot.date, list);
  }

  const permanences: PlannedPermanence[] = [];
  const skipped: SkippedDay[] = [];
  let day = req.du;
  while (isoWeekday(day) !== req.jour) day = addDays(day, 1);
  for (; day <= req.au; day = addDays(day, 7 * req.toutesLesSemaines)) {
    const holiday = holidayName(day, options.departement);
    if (holiday) {
      skipped.push({
        date: day,
        reason: 'jour férié',
        message: `${frenchDate(day)} : jour férié (${holiday}).`,
      });
      continue;
    }
    const clash = (busy.get(day) ?? []).find((s) => s.debut! < fin && debut < s.fin!);
    if (clash) {
      const where = clash.commune ? ` à ${clash.commune}` : '';
      const row = clash.row ? ` (ligne ${clash.row})` : '';
      skipped.push({
        date: day,
        reason: 'chevauchement',
        message: `${frenchDate(day)} : le bus a déjà une permanence de ${clash.debut} à ${clash.fin}${where}${row}.`,
      });
      continue;
    }
    permanences.push({
      date: day,
      debut,
      fin,
      code_insee: req.code_insee,
      commune: req.commune,
      lieu: req.lieu.trim(),
      adresse: req.adresse?.trim() || null,
      relais: req.relais?.trim() || null,
      offres: OFFRES.filter((o) => req.offres.includes(o)),
      statut: 'prévue',
    });
  }
  return { errors: [], permanences, skipped };
}
