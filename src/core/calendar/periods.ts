/**
 * Reporting periods: ISO weeks (`2026-W48`), months (`2026-11`) and quarters (`2026-T4`).
 *
 * Every date of the workbook is a calendar day (`YYYY-MM-DD`) already taken in the workbook's time
 * zone when the cell was read (see cells.ts), so periods are computed on day numbers (civil.ts): no
 * clock time, hence no daylight-saving shift can move a day into the neighbouring week.
 */
import { addDaysIso as addDays, dayNumber, daysInMonth, isoFromDayNumber, isoWeekday } from './civil';

export type PeriodKind = 'semaine' | 'mois' | 'trimestre';

export const PERIOD_KINDS: readonly PeriodKind[] = ['semaine', 'mois', 'trimestre'];

export interface Period {
  kind: PeriodKind;
  /** `2026-W48`, `2026-11` or `2026-T4`. */
  key: string;
  /** First day, `YYYY-MM-DD`. */
  du: string;
  /** Last day, `YYYY-MM-DD`. */
  au: string;
}

const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoWeekParts(iso: string): { year: number; week: number; monday: number } {
  const day = dayNumber(iso);
  const monday = day - isoWeekday(day) + 1;
  const thursday = monday + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / MS_PER_DAY) / 7) + 1;
  return { year, week, monday };
}

/** Number of ISO weeks of an ISO year (52 or 53: 28 December is always in the last week). */
export function isoWeeksInYear(year: number): number {
  return isoWeekParts(`${pad(year, 4)}-12-28`).week;
}

export function weekOf(iso: string): Period {
  const { year, week, monday } = isoWeekParts(iso);
  return {
    kind: 'semaine',
    key: `${pad(year, 4)}-W${pad(week)}`,
    du: isoFromDayNumber(monday),
    au: isoFromDayNumber(monday + 6),
  };
}

export function monthOf(iso: string): Period {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return {
    kind: 'mois',
    key: `${pad(y, 4)}-${pad(m)}`,
    du: `${pad(y, 4)}-${pad(m)}-01`,
    au: `${pad(y, 4)}-${pad(m)}-${pad(daysInMonth(y, m))}`,
  };
}

export function quarterOf(iso: string): Period {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3) + 1;
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  return {
    kind: 'trimestre',
    key: `${pad(y, 4)}-T${q}`,
    du: `${pad(y, 4)}-${pad(first)}-01`,
    au: `${pad(y, 4)}-${pad(last)}-${pad(daysInMonth(y, last))}`,
  };
}

/** The period of one kind that contains a day. */
export function periodOf(kind: PeriodKind, iso: string): Period {
  return kind === 'semaine' ? weekOf(iso) : kind === 'mois' ? monthOf(iso) : quarterOf(iso);
}

/** `2026-W48`, `2026-11` or `2026-T4` -> the period, or null when the key is not a real period. */
export function parsePeriod(key: string): Period | null {
  const text = key.trim().toUpperCase();
  let m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return null;
    const jan4 = dayNumber(`${m[1]}-01-04`);
    const monday = jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
    return weekOf(isoFromDayNumber(monday));
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthOf(`${m[1]}-${m[2]}-01`) : null;
  }
  m = /^(\d{4})-[TQ]([1-4])$/.exec(text);
  if (m) return quarterOf(`${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}-01`);
  return null;
}

/** The period right after (or before, with step -1) another one of the same kind. */
export function shiftPeriod(period: Period, step: number): Period {
  let current = period;
  const direction = Math.sign(step);
  for (let i = 0; i < Math.abs(step); i++) {
    current = periodOf(current.kind, direction > 0 ? addDays(current.au, 1) : addDays(current.du, -1));
  }
  return current;
}

/** Every period of one kind from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  let current = periodOf(kind, from);
  while (current.du <= to) {
    out.push(current);
    current = periodOf(kind, addDays(current.au, 1));
  }
  return out;
}

/** The earlier of two `YYYY-MM-DD` days. */
export function earlierDay(a: string, b: string): string {
  return a <= b ? a : b;
}
