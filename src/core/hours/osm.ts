/**
 * Any OpenStreetMap `opening_hours` value as a Schedule, through the reference library with French
 * public holidays. The map loads it on demand (`horaires-osm.js`); Apps Script and the command line
 * use it directly. Dates are read on the process's local calendar, as the library does.
 */
import OpeningHours from 'opening_hours';
import { osmLocation, splitRules } from './check';
import { type Interval, parseSimpleHours, type Schedule } from './schedule';

function minutesOf(date: Date, dayStart: Date): number {
  const elapsed = Math.round((date.getTime() - dayStart.getTime()) / 60_000);
  if (elapsed >= 24 * 60) return 1440;
  return date.getHours() * 60 + date.getMinutes();
}

/** The value's schedule in a département (its holidays), or null when the library cannot read it. */
export function compileOsm(value: string, departement?: string): Schedule | null {
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value, osmLocation(departement) as never);
    oh.getState(new Date(2026, 0, 1));
  } catch {
    return null;
  }
  // The library knows school holidays (SH) for a few school years only: beyond them, the value is
  // read without its SH rules (the usual hours) rather than not at all.
  let withoutSchoolHolidays: OpeningHours | null | undefined;
  const fallback = (): OpeningHours | null => {
    if (withoutSchoolHolidays !== undefined) return withoutSchoolHolidays;
    const rules = splitRules(value).filter((r) => !/\bSH\b/.test(r.rule.replace(/"[^"]*"/g, '')));
    try {
      withoutSchoolHolidays = rules.length
        ? new OpeningHours(rules.map((r) => r.rule).join('; '), osmLocation(departement) as never)
        : null;
    } catch {
      withoutSchoolHolidays = null;
    }
    return withoutSchoolHolidays;
  };
  const cache = new Map<string, Interval[]>();
  return {
    holidays: null,
    day(date) {
      const key = `${date.y}-${date.m}-${date.d}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const start = new Date(date.y, date.m - 1, date.d, 0, 0, 0);
      const end = new Date(date.y, date.m - 1, date.d + 1, 0, 0, 0);
      const out: Interval[] = [];
      let intervals: ReturnType<OpeningHours['getOpenIntervals']> = [];
      try {
        intervals = oh.getOpenIntervals(start, end);
      } catch {
        intervals = fallback()?.getOpenIntervals(start, end) ?? [];
      }
      for (const [from, to] of intervals) {
        const a = minutesOf(from, start);
        const b = to.getTime() >= end.getTime() ? 1440 : minutesOf(to, start);
        if (b > a) out.push([a, b]);
      }
      if (cache.size > 1000) cache.clear();
      cache.set(key, out);
      return out;
    },
  };
}

/** The simple shape read directly, anything else through the library; null when unreadable. */
export function readSchedule(value: string, departement?: string): Schedule | null {
  return parseSimpleHours(value) ?? compileOsm(value, departement);
}
