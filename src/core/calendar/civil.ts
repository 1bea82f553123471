/**
 * Civil dates and wall-clock moments: a calendar day (year, month, day) and minutes since midnight,
 * with no time zone of their own. Opening hours, bus passages and "open now" are reasoned about in
 * them; calendar/wall-clock turns a real instant into one for an explicit time zone.
 */

export interface CivilDate {
  y: number;
  /** 1-12 */
  m: number;
  /** 1-31 */
  d: number;
}

export interface Moment {
  date: CivilDate;
  /** Minutes since midnight, 0-1439. */
  minutes: number;
}

/** `2026-12-01` or `2026-12-01T10:00` (Paris wall clock) -> a moment; anything else -> null. */
export function parseMoment(value: string | null | undefined): Moment | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  const hours = match[4] === undefined ? 0 : Number(match[4]);
  const minutes = match[5] === undefined ? 0 : Number(match[5]);
  if (!isValidDate(date) || hours > 23 || minutes > 59) return null;
  return { date, minutes: hours * 60 + minutes };
}

export function parseDate(value: string | null | undefined): CivilDate | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return isValidDate(date) ? date : null;
}

/** `HH:MM` -> minutes since midnight (24:00 allowed as 1440). */
export function parseClock(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = /^(\d{1,2})[:h](\d{2})$/.exec(value.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return null;
  return h * 60 + m;
}

export function isValidDate(date: CivilDate): boolean {
  if (date.m < 1 || date.m > 12 || date.d < 1) return false;
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  return t.getUTCDate() === date.d;
}

function utc(date: CivilDate): number {
  return Date.UTC(date.y, date.m - 1, date.d);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: CivilDate): number {
  return new Date(utc(date)).getUTCDay();
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(utc(date) + days * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Whole days from a to b. */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((utc(b) - utc(a)) / 86_400_000);
}

export function dateKey(date: CivilDate): string {
  return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

export function compareMoments(a: Moment, b: Moment): number {
  return utc(a.date) - utc(b.date) || a.minutes - b.minutes;
}
