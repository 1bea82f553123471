/**
 * Civil dates and wall-clock moments: a calendar day (year, month, day, or `YYYY-MM-DD`) and minutes
 * since midnight, with no time zone of their own. Day arithmetic is done on day numbers: no clock
 * time, hence no daylight-saving shift. calendar/wall-clock turns a real instant into one for an
 * explicit time zone.
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

const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Whether a text is a real `YYYY-MM-DD` day (2026-02-30 and 2026-13-01 are not). */
export function isIsoDate(text: string): boolean {
  return parseDate(text) !== null;
}

/**
 * Order of `YYYY-MM-DD` days and `HH:MM` times (or ids and INSEE codes), blank first: text
 * order, which is their order, without the ICU collation data that `localeCompare` loads.
 */
export function compareIso(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `YYYY-MM-DD` -> days since 1970-01-01. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Days since 1970-01-01 -> `YYYY-MM-DD`. */
export function isoFromDayNumber(day: number): string {
  const dt = new Date(day * MS_PER_DAY);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** `YYYY-MM-DD` plus some days. */
export function addDaysIso(iso: string, days: number): string {
  return isoFromDayNumber(dayNumber(iso) + days);
}

/** Number of days of a month (1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` minus whole months (31 March minus one month gives 28 or 29 February). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** ISO weekday of a day number or a `YYYY-MM-DD` day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number | string): number {
  const n = typeof day === 'string' ? dayNumber(day) : day;
  return ((((n + 3) % 7) + 7) % 7) + 1;
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

/** `{ y: 2026, m: 12, d: 1 }` -> `2026-12-01`. */
export function dateKey(date: CivilDate): string {
  return `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;
}

export function compareMoments(a: Moment, b: Moment): number {
  return utc(a.date) - utc(b.date) || a.minutes - b.minutes;
}
