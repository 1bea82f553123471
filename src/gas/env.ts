/**
 * What every action needs besides the Apps Script services: the territory of the département (embedded
 * at build time), today's date in Paris, and the read context of the core.
 */
import data from 'virtual:territory';
import { DEFAULT_TIME_ZONE } from '../core/cells';
import { parisDay } from '../core/indicators/periods';
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

/** Today in Europe/Paris, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return parisDay(now, TIME_ZONE);
}

export function readContext(now: Date = new Date()): ReadContext {
  return { territory: territory(), today: today(now), timeZone: TIME_ZONE, setupHint: SETUP_HINT };
}

/** « Réseau d’inclusion numérique de la Haute-Vienne (87) ». */
export function networkName(): string {
  const d = territory().departement;
  return `Réseau d’inclusion numérique — ${d.nom} (${d.code})`;
}

/** Local midnight in Paris of a `YYYY-MM-DD` day, as a Date (what a date cell holds). */
export function parisMidnight(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  for (const offsetHours of [1, 2, 0, 3, -1]) {
    const candidate = new Date(utc - offsetHours * 3_600_000);
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(candidate);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    if (
      get('year') === y &&
      get('month') === m &&
      get('day') === d &&
      get('hour') === 0 &&
      get('minute') === 0
    ) {
      return candidate;
    }
  }
  return new Date(utc);
}
