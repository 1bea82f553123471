/**
 * Opening hours shown back in the sidebar: the core's one description in plain French
 * (core/french/hours), and the usual week as a grid the sidebar's helper can edit.
 */
import { parseDate } from '../../core/calendar/civil';
import { describeWeek, holidayHours, usualWeek } from '../../core/french/hours';
import { hoursHint, hoursProblem } from '../../core/hours/check';
import { readSchedule } from '../../core/hours/osm';
import type { Interval } from '../../core/hours/schedule';

export interface HoursDescription {
  /** The usual week and the coming exceptions in plain French, or null when the value cannot be read. */
  texte: string | null;
  /** The core's message when the value is not valid OSM syntax. */
  probleme: string | null;
  /** A gentle note when the value holds dates that have passed, with the value cleaned of them. */
  conseil: string | null;
  /** Monday first: each day's usual opening slots, `HH:MM`. */
  semaine: [string, string][][];
  /** Closed on public holidays. */
  feriesFermes: boolean;
}

function hhmm(minutes: number): string {
  if (minutes >= 1440) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function slots(intervals: readonly Interval[]): [string, string][] {
  return intervals.map(([a, b]) => [hhmm(a), hhmm(b)]);
}

/** Describes a value as of `today` (`YYYY-MM-DD`) in a département (for its public holidays). */
export function describeHours(value: string, today: string, departement: string): HoursDescription {
  const text = (value ?? '').trim();
  const empty: HoursDescription = {
    texte: null,
    probleme: null,
    conseil: null,
    semaine: [],
    feriesFermes: false,
  };
  if (!text) return empty;
  const probleme = hoursProblem(text, departement);
  const conseil = probleme ? null : hoursHint(text, today, departement);
  const schedule = readSchedule(text, departement);
  const day = parseDate(today);
  if (!schedule || !day) return { ...empty, probleme };
  const ctx = { departement };
  const week = usualWeek(schedule, day, ctx);
  const feriesFermes = holidayHours(schedule, day, ctx, week)?.length === 0;
  return {
    texte: describeWeek(schedule, day, ctx),
    probleme,
    conseil,
    semaine: week.map(slots),
    feriesFermes,
  };
}

/** The OSM value of a weekly grid (Monday first): consecutive days with the same slots grouped. */
export function osmOfWeek(semaine: readonly (readonly [string, string][])[], feriesFermes: boolean): string {
  const codes = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  const rules: string[] = [];
  let d = 0;
  while (d < 7) {
    const slots = (semaine[d] ?? []).filter(([a, b]) => a && b);
    let e = d;
    while (
      e + 1 < 7 &&
      JSON.stringify((semaine[e + 1] ?? []).filter(([a, b]) => a && b)) === JSON.stringify(slots)
    )
      e++;
    if (slots.length > 0) {
      const days = d === e ? codes[d] : e === d + 1 ? `${codes[d]},${codes[e]}` : `${codes[d]}-${codes[e]}`;
      rules.push(`${days} ${slots.map(([a, b]) => `${a}-${b}`).join(',')}`);
    }
    d = e + 1;
  }
  if (feriesFermes && rules.length > 0) rules.push('PH off');
  return rules.join('; ');
}
