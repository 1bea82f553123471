/**
 * Raw cell values arrive in several shapes: Date objects (Apps Script getValues, xlsx), serial day
 * numbers (Sheets API UNFORMATTED_VALUE / SERIAL_NUMBER), strings (CSV), numbers where text was meant
 * (Sheets turns 0555123456 into 555123456 and 07000 into 7000). These helpers turn any of them into
 * one canonical form, or say they cannot.
 */

import { isValidDate } from './calendar/civil';
import { DEFAULT_TIME_ZONE, type WallClock, wallClockAt } from './calendar/wall-clock';

/** Days between 1899-12-30 (the spreadsheet epoch) and 1970-01-01. */
const EPOCH_OFFSET_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A real calendar day within the years a workbook may hold (1900-2200). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  return y >= 1900 && y <= 2200 && isValidDate({ y, m, d });
}

/** The wall clock of a Date cell in the workbook's zone, as two-digit texts. */
function partsIn(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const w: WallClock = wallClockAt(date, timeZone);
  return {
    year: pad(w.year, 4),
    month: pad(w.month),
    day: pad(w.day),
    hour: pad(w.hour),
    minute: pad(w.minute),
  };
}

function isoDate(y: number, m: number, d: number): string | null {
  return isRealDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

/** Serial day number -> `YYYY-MM-DD` (the integer part is already a local calendar day). */
export function serialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 150_000) return null;
  const dt = new Date((Math.floor(serial) - EPOCH_OFFSET_DAYS) * MS_PER_DAY);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function isoDateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY + EPOCH_OFFSET_DAYS;
}

/** Day fraction -> `HH:MM` (rounded to the minute). */
export function fractionToTime(fraction: number): string | null {
  const f = fraction - Math.floor(fraction);
  if (!Number.isFinite(f)) return null;
  const minutes = Math.round(f * 1440) % 1440;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Any cell -> `YYYY-MM-DD`, or null when it is not a real date. */
export function toIsoDate(value: unknown, timeZone = DEFAULT_TIME_ZONE): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const p = partsIn(value, timeZone);
    return isoDate(Number(p.year), Number(p.month), Number(p.day));
  }
  if (typeof value === 'number') return serialToIsoDate(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$/.exec(s);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return isoDate(year, Number(m[2]), Number(m[1]));
  }
  return null;
}

/** Any cell -> `HH:MM`, or null when it is not a time of day. */
export function toTime(value: unknown, timeZone = DEFAULT_TIME_ZONE): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const p = partsIn(value, timeZone);
    return `${p.hour}:${p.minute}`;
  }
  if (typeof value === 'number') return value >= 0 && value < 1 ? fractionToTime(value) : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  if (m[2] === undefined && !/[hH]/.test(value)) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** Any cell -> `YYYY-MM-DDTHH:MM` local time, or null. */
export function toIsoDateTime(value: unknown, timeZone = DEFAULT_TIME_ZONE): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const p = partsIn(value, timeZone);
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  }
  if (typeof value === 'number') {
    const d = serialToIsoDate(value);
    const t = fractionToTime(value);
    return d && t ? `${d}T${t}` : null;
  }
  if (typeof value !== 'string') return null;
  const m = /^(\S+)(?:[T ](\d{1,2}[:h]\d{2}))?/.exec(value.trim());
  if (!m) return null;
  const d = toIsoDate(m[1]);
  if (!d) return null;
  const t = m[2] ? toTime(m[2]) : '00:00';
  return t ? `${d}T${t}` : null;
}

/** Text as the user meant it: numbers shown without exponent, Dates as ISO dates. */
export function toText(value: unknown, timeZone = DEFAULT_TIME_ZONE): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) return toIsoDate(value, timeZone) ?? '';
  return String(value).trim();
}

/** A number typed with a French decimal comma, or a real number. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  if (DECIMAL.test(value)) return Number(value);
  const s = value.trim().replace(/\s/g, '').replace(',', '.');
  if (!DECIMAL.test(s)) return null;
  return Number(s);
}

const TRUE_WORDS = new Set(['oui', 'o', 'vrai', 'true', 'x', '1', 'yes']);
const FALSE_WORDS = new Set(['non', 'n', 'faux', 'false', '0', 'no']);

export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const s = value.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return null;
}

/** Splits a multi-value cell on `|`, or on `, ` as Sheets' multiple-selection chips write them. */
export function splitMulti(text: string): string[] {
  const separator = text.includes('|') ? /\s*\|\s*/ : /\s*,\s+|\s*;\s*/;
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Lower case, no accents, single spaces: for tolerant matching of labels and headers. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .replace(/[«»"]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
