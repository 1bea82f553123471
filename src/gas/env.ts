/**
 * What every action needs besides the Apps Script services: the territory of the département (embedded
 * at build time), today's date in the workbook's zone, and the read context of the core.
 */
import data from 'virtual:territory';
import { dayIn, defaultZoneFor, midnightIn } from '../core/calendar/wall-clock';
import type { ReadContext } from '../core/read-context';
import { makeTerritory, networkName as networkNameOf, type Territory } from '../core/territory';
import { SETUP_HINT } from './messages';

let territoryCache: Territory | undefined;
let zoneCache: string | undefined;
let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;

/** The workbook an event object gave (e.source): read there, without SpreadsheetApp. */
export function useSpreadsheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  spreadsheet = ss;
}

/** The territory, built once per execution. */
export function territory(): Territory {
  territoryCache ??= makeTerritory(data);
  return territoryCache;
}

/** The zone the installer gives a new workbook: its département's (Indian/Reunion for 974…). */
export function departementZone(): string {
  return defaultZoneFor(territory().departement.code);
}

/**
 * The workbook's own time zone (File > Settings), read once per execution: typed dates are midnight
 * there, and « today » is its day. The département's zone when Google gives none.
 */
export function timeZone(): string {
  if (zoneCache === undefined) {
    let zone = '';
    try {
      zone = (spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet()).getSpreadsheetTimeZone();
    } catch {
      zone = '';
    }
    zoneCache = zone || departementZone();
  }
  return zoneCache;
}

/**
 * Forgets what one execution read (each Apps Script execution starts afresh; the registry calls this
 * at the start of every global function, so that the fake, which keeps the bundle loaded, agrees).
 */
export function startExecution(): void {
  zoneCache = undefined;
  spreadsheet = undefined;
}

/** After the installer changed the workbook's zone. */
export function setKnownTimeZone(zone: string): void {
  zoneCache = zone;
}

/** Today in the workbook's zone, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return dayIn(now, timeZone());
}

export function readContext(now: Date = new Date()): ReadContext {
  return { territory: territory(), today: today(now), timeZone: timeZone(), setupHint: SETUP_HINT };
}

/** « Réseau d’inclusion numérique de la Haute-Vienne (87) ». */
export function networkName(): string {
  return networkNameOf(territory().departement);
}

/** Local midnight in the workbook's zone of a `YYYY-MM-DD` day, as a Date (what a date cell holds). */
export function midnight(iso: string): Date {
  return midnightIn(iso, timeZone());
}
