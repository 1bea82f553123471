/**
 * The wall clock of an explicit IANA time zone, both ways: what a clock in that zone shows at an
 * instant, and the instant at which it shows a given date and time. Spreadsheet cells hold wall
 * clocks (no zone), the network's « today » is a wall-clock day: every reading of the clock goes
 * through here, with the workbook's zone passed explicitly.
 */
import type { Moment } from './civil';

/** Metropolitan France, and the zone of a département that has no other. */
const METROPOLE = 'Europe/Paris';

const OVERSEAS: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

/** The time zone a département's workbook uses unless it says otherwise. */
export function defaultZoneFor(departement: string | null | undefined): string {
  return OVERSEAS[departement ?? ''] ?? METROPOLE;
}

/** The zone when nothing names a département (metropolitan France). */
export const DEFAULT_TIME_ZONE = defaultZoneFor(null);

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year ?? 1970,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: (p.hour ?? 0) % 24,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar day (`YYYY-MM-DD`) in `timeZone` at `instant`: what « today » means there. */
export function dayIn(instant: Date | number, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The wall-clock moment (civil day and minutes since midnight) in `timeZone` at `instant`. */
export function momentIn(instant: Date | number, timeZone: string): Moment {
  const w = wallClockAt(instant, timeZone);
  return { date: { y: w.year, m: w.month, d: w.day }, minutes: w.hour * 60 + w.minute };
}

/** The wall clock shown in `timeZone` at `instant`, encoded as UTC milliseconds. */
function wallClockMs(instant: number, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ms);
}

const DAY_MS = 86_400_000;

/**
 * `wall` holds a wall-clock date and time in its UTC fields (as `.xlsx` readers produce them); returns the
 * instant at which that wall clock is shown in `timeZone`. A wall clock shown twice (autumn change) gives
 * the first instant; one skipped by the spring change is moved forward by the gap (as java.time does).
 */
export function instantOfWallClock(wall: Date, timeZone: string): Date {
  const target = wall.getTime();
  const offset = (instant: number) => wallClockMs(instant, timeZone) - instant;
  // Zones change offset at most once around a given day: the offsets a day before and a day after
  // are the only candidates.
  const before = offset(target - DAY_MS);
  const after = offset(target + DAY_MS);
  const candidates = [target - before, target - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (wallClockMs(t, timeZone) === target) return new Date(t);
  }
  return new Date(target - before);
}

/** The instant of midnight of a `YYYY-MM-DD` day in `timeZone` (what a date cell holds). */
export function midnightIn(iso: string, timeZone: string): Date {
  return instantOfWallClock(new Date(`${iso}T00:00:00Z`), timeZone);
}
