/**
 * Wall-clock time in Europe/Paris, independent of the browser's own time zone: a calendar day plus
 * minutes since midnight. Opening hours, bus passages and "open now" are all reasoned about in it.
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

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock moment in Paris of a real instant. */
export function parisMoment(instant: Date): Moment {
  const parts: Record<string, number> = {};
  for (const p of parisParts.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    date: { y: parts.year ?? 1970, m: parts.month ?? 1, d: parts.day ?? 1 },
    minutes: ((parts.hour ?? 0) % 24) * 60 + (parts.minute ?? 0),
  };
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

function isValidDate(date: CivilDate): boolean {
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

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y: year, m: month, d: day };
}

const holidayCache = new Map<string, Map<string, string>>();

/**
 * French public holidays of a year, by `YYYY-MM-DD`, with their names. Alsace-Moselle (57, 67, 68)
 * adds Good Friday and St Stephen's Day.
 */
export function frenchHolidays(year: number, alsaceMoselle = false): Map<string, string> {
  const cacheKey = `${year}:${alsaceMoselle}`;
  const hit = holidayCache.get(cacheKey);
  if (hit) return hit;
  const e = easter(year);
  const list: [CivilDate, string][] = [
    [{ y: year, m: 1, d: 1 }, 'Jour de l’an'],
    [addDays(e, 1), 'Lundi de Pâques'],
    [{ y: year, m: 5, d: 1 }, 'Fête du travail'],
    [{ y: year, m: 5, d: 8 }, 'Victoire 1945'],
    [addDays(e, 39), 'Ascension'],
    [addDays(e, 50), 'Lundi de Pentecôte'],
    [{ y: year, m: 7, d: 14 }, 'Fête nationale'],
    [{ y: year, m: 8, d: 15 }, 'Assomption'],
    [{ y: year, m: 11, d: 1 }, 'Toussaint'],
    [{ y: year, m: 11, d: 11 }, 'Armistice 1918'],
    [{ y: year, m: 12, d: 25 }, 'Noël'],
  ];
  if (alsaceMoselle) {
    list.push([addDays(e, -2), 'Vendredi saint'], [{ y: year, m: 12, d: 26 }, 'Saint-Étienne']);
  }
  const out = new Map(list.map(([date, name]) => [dateKey(date), name]));
  holidayCache.set(cacheKey, out);
  return out;
}

export function holidayName(date: CivilDate, alsaceMoselle = false): string | null {
  return frenchHolidays(date.y, alsaceMoselle).get(dateKey(date)) ?? null;
}
