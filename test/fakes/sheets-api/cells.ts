// How the emulated spreadsheet stores cells and how it renders them, following the Sheets API v4:
// UNFORMATTED_VALUE + SERIAL_NUMBER gives serial days since 1899-12-30 for date/time cells, computed from
// the wall clock in the spreadsheet's time zone; FORMATTED_VALUE gives the strings a user sees.

/** A stored cell: `Date` stands for a date/time cell, `null`/`undefined`/`''` for an empty one. */
export type StoredCell = string | number | boolean | Date | null | undefined;

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';

export interface RenderOptions {
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: DateTimeRenderOption;
  timeZone: string;
  locale: string;
}

const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (serial 0) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock an instant shows in a time zone. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: ((instant.getTime() % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** The instant at which the wall clock of `timeZone` shows `w` (first occurrence; gaps resolve forward). */
export function instantFromWallClock(w: WallClock, timeZone: string): Date {
  const target = wallAsUtc(w);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const offset = wallAsUtc(wallClock(new Date(guess), timeZone)) - guess;
    const next = target - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** Serial number of a date/time cell, as Sheets computes it in the spreadsheet's time zone. */
export function serialFromDate(d: Date, timeZone: string): number {
  return wallAsUtc(wallClock(d, timeZone)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

export function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isFrench(locale: string): boolean {
  return locale.toLowerCase().startsWith('fr');
}

function formatDate(d: Date, opts: RenderOptions): string {
  const w = wallClock(d, opts.timeZone);
  const fr = isFrench(opts.locale);
  const time = fr
    ? `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
    : `${w.hour}:${pad(w.minute)}:${pad(w.second)}`;
  const timeOnly = w.year === 1899 && w.month === 12 && w.day === 30;
  if (timeOnly) return time;
  const date = fr ? `${pad(w.day)}/${pad(w.month)}/${w.year}` : `${w.month}/${w.day}/${w.year}`;
  const midnight = w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
  return midnight ? date : `${date} ${time}`;
}

function formatNumber(n: number, opts: RenderOptions): string {
  const s = String(n);
  return isFrench(opts.locale) ? s.replace('.', ',') : s;
}

/** Renders one non-empty stored cell the way values.get / values.batchGet return it. */
export function renderCell(v: StoredCell, opts: RenderOptions): string | number | boolean {
  if (isEmptyCell(v)) return '';
  const formatted = opts.valueRenderOption === 'FORMATTED_VALUE';
  if (v instanceof Date) {
    if (!formatted && opts.dateTimeRenderOption === 'SERIAL_NUMBER') return serialFromDate(v, opts.timeZone);
    return formatDate(v, opts);
  }
  if (typeof v === 'number') return formatted ? formatNumber(v, opts) : v;
  if (typeof v === 'boolean') {
    if (!formatted) return v;
    if (isFrench(opts.locale)) return v ? 'VRAI' : 'FAUX';
    return v ? 'TRUE' : 'FALSE';
  }
  return String(v);
}

/**
 * Interprets a value written with valueInputOption USER_ENTERED, as if typed in the UI
 * (numbers, percentages, booleans, dates and times in the spreadsheet's locale). Formulas are
 * stored as their text: the emulator does not evaluate them. `null` means "clear the cell".
 */
export function parseUserEntered(v: unknown, locale: string, timeZone: string): StoredCell {
  if (typeof v !== 'string') return v as StoredCell;
  if (v === '') return null;
  if (v.startsWith("'")) return v.slice(1);
  if (v.startsWith('=')) return v;
  const s = v.trim();
  const fr = isFrench(locale);
  const decimal = fr ? /^[+-]?\d+(?:,\d+)?$/ : /^[+-]?\d+(?:\.\d+)?$/;
  if (decimal.test(s)) return Number(s.replace(',', '.'));
  const percent = /^([+-]?\d+(?:[.,]\d+)?)\s?%$/.exec(s);
  if (percent) return Number(percent[1]!.replace(',', '.')) / 100;
  const upper = s.toUpperCase();
  if (upper === 'TRUE' || upper === 'VRAI') return true;
  if (upper === 'FALSE' || upper === 'FAUX') return false;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const local = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  let w: WallClock | undefined;
  if (iso) {
    w = clock(+iso[1]!, +iso[2]!, +iso[3]!, iso[4], iso[5], iso[6]);
  } else if (local) {
    const [first, second] = [+local[1]!, +local[2]!];
    w = fr
      ? clock(+local[3]!, second, first, local[4], local[5], local[6])
      : clock(+local[3]!, first, second, local[4], local[5], local[6]);
  } else if (time) {
    w = clock(1899, 12, 30, time[1], time[2], time[3]);
  }
  if (w && validClock(w)) return instantFromWallClock(w, timeZone);
  return v;
}

function clock(
  year: number,
  month: number,
  day: number,
  hour?: string,
  minute?: string,
  second?: string,
): WallClock {
  return {
    year,
    month,
    day,
    hour: hour ? Number(hour) : 0,
    minute: minute ? Number(minute) : 0,
    second: second ? Number(second) : 0,
    millisecond: 0,
  };
}

function validClock(w: WallClock): boolean {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day));
  return (
    d.getUTCMonth() === w.month - 1 &&
    d.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60
  );
}
