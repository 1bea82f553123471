/**
 * What every action needs besides the Apps Script services: the territory of the département (embedded
 * at build time), today's date in the workbook's zone, and the read context of the core.
 */
import data from 'virtual:territory';
import { DEFAULT_TIME_ZONE, dayIn, midnightIn } from '../core/calendar/wall-clock';
import type { ReadContext } from '../core/read-context';
import { makeTerritory, type Territory } from '../core/territory';
import { SETUP_HINT } from './messages';

export const TIME_ZONE = DEFAULT_TIME_ZONE;

let territoryCache: Territory | undefined;

/** The territory, built once per execution. */
export function territory(): Territory {
  territoryCache ??= makeTerritory(data);
  return territoryCache;
}

/** Today in the workbook's zone, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return dayIn(now, TIME_ZONE);
}

export function readContext(now: Date = new Date()): ReadContext {
  return { territory: territory(), today: today(now), timeZone: TIME_ZONE, setupHint: SETUP_HINT };
}

/** « Réseau d’inclusion numérique de la Haute-Vienne (87) ». */
export function networkName(): string {
  const d = territory().departement;
  return `Réseau d’inclusion numérique — ${d.nom} (${d.code})`;
}

/** Local midnight in the workbook's zone of a `YYYY-MM-DD` day, as a Date (what a date cell holds). */
export function midnight(iso: string): Date {
  return midnightIn(iso, TIME_ZONE);
}
