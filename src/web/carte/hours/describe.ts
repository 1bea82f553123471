/** Opening hours and dates in plain French: « ouvert aujourd’hui de 9 h à 12 h ». */

import { MOIS } from '../../../core/french';
import { addDays, type CivilDate, holidayName, type Moment, weekday } from '../time';
import type { Interval, Schedule } from './schedule';

const DAY_NAMES = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const NBSP = '\u00a0';

/** 540 -> « 9 h », 570 -> « 9 h 30 », 1440 -> « minuit » (non-breaking spaces: never « 12 / h »). */
export function clockText(minutes: number): string {
  if (minutes === 0 || minutes === 1440) return 'minuit';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}

export function dayName(date: CivilDate): string {
  return DAY_NAMES[weekday(date)] ?? '';
}

/** « mardi 1er décembre » (with the year when it is not `currentYear`). */
export function dateText(date: CivilDate, currentYear?: number): string {
  const day = date.d === 1 ? '1er' : String(date.d);
  const year = currentYear !== undefined && currentYear !== date.y ? ` ${date.y}` : '';
  return `${dayName(date)} ${day} ${MOIS[date.m - 1] ?? ''}${year}`;
}

function joinFrench(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** « de 9 h à 12 h et de 14 h à 17 h », « toute la journée », or « fermé ». */
export function intervalsText(intervals: readonly Interval[]): string {
  if (intervals.length === 0) return 'fermé';
  const first = intervals[0];
  if (intervals.length === 1 && first && first[0] === 0 && first[1] === 1440)
    return 'ouvert toute la journée';
  return joinFrench(intervals.map(([a, b]) => `de ${clockText(a)} à ${clockText(b)}`));
}

export interface DayContext {
  alsaceMoselle: boolean;
}

export function intervalsOn(schedule: Schedule, date: CivilDate, ctx: DayContext): readonly Interval[] {
  return schedule.day(date, holidayName(date, ctx.alsaceMoselle) !== null);
}

export function isOpenAt(schedule: Schedule, now: Moment, ctx: DayContext): boolean {
  return intervalsOn(schedule, now.date, ctx).some(([a, b]) => a <= now.minutes && now.minutes < b);
}

/** Open at some time on the next two weekends (Saturday or Sunday), holidays taken into account. */
export function isOpenOnWeekend(schedule: Schedule, today: CivilDate, ctx: DayContext): boolean {
  for (let i = 0; i < 14; i++) {
    const date = addDays(today, i);
    const wd = weekday(date);
    if ((wd === 0 || wd === 6) && intervalsOn(schedule, date, ctx).length > 0) return true;
  }
  return false;
}

/** « Ouvert aujourd’hui de 9 h à 12 h et de 14 h à 17 h. » */
export function todaySentence(schedule: Schedule, now: Moment, ctx: DayContext): string {
  const holiday = holidayName(now.date, ctx.alsaceMoselle);
  const intervals = intervalsOn(schedule, now.date, ctx);
  const because = holiday ? ` (${holiday}, jour férié)` : '';
  if (intervals.length === 0) return `Fermé aujourd’hui${because}.`;
  const text = intervalsText(intervals);
  return text === 'ouvert toute la journée'
    ? `Ouvert aujourd’hui toute la journée${because}.`
    : `Ouvert aujourd’hui ${text}${because}.`;
}

export interface NowStatus {
  open: boolean;
  /** « Ouvert en ce moment, jusqu’à 12 h. » / « Fermé en ce moment. Ouvre demain à 9 h. » */
  text: string;
  /** Short form for the list: « Ouvert maintenant » / « Fermé maintenant ». */
  short: string;
}

export function nowStatus(schedule: Schedule, now: Moment, ctx: DayContext): NowStatus {
  const today = intervalsOn(schedule, now.date, ctx);
  const current = today.find(([a, b]) => a <= now.minutes && now.minutes < b);
  if (current) {
    const until = current[1] === 1440 ? 'jusqu’à minuit' : `jusqu’à ${clockText(current[1])}`;
    return { open: true, text: `Ouvert en ce moment, ${until}.`, short: 'Ouvert maintenant' };
  }
  const later = today.find(([a]) => a > now.minutes);
  let next = '';
  if (later) next = ` Ouvre aujourd’hui à ${clockText(later[0])}.`;
  else {
    for (let i = 1; i <= 7; i++) {
      const date = addDays(now.date, i);
      const first = intervalsOn(schedule, date, ctx)[0];
      if (first) {
        const when = i === 1 ? 'demain' : i < 7 ? dayName(date) : dateText(date, now.date.y);
        next = ` Ouvre ${when} à ${clockText(first[0])}.`;
        break;
      }
    }
  }
  return { open: false, text: `Fermé en ce moment.${next}`, short: 'Fermé maintenant' };
}

export interface WeekLine {
  /** « Du lundi au vendredi », « Samedi », « Jours fériés » */
  days: string;
  /** « de 9 h à 12 h et de 14 h à 17 h » or « fermé » */
  hours: string;
}

function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((iv, i) => iv[0] === b[i]?.[0] && iv[1] === b[i]?.[1]);
}

/**
 * The usual week, Monday first, consecutive days with the same hours grouped: each weekday is read
 * on its next occurrence that is not a public holiday. Then public holidays, when the value says.
 */
export function weekLines(schedule: Schedule, today: CivilDate, ctx: DayContext): WeekLine[] {
  const byWeekday = new Map<number, readonly Interval[]>();
  for (let i = 0; byWeekday.size < 7 && i < 28; i++) {
    const date = addDays(today, i);
    const wd = weekday(date);
    if (byWeekday.has(wd) || holidayName(date, ctx.alsaceMoselle)) continue;
    byWeekday.set(wd, schedule.day(date, false));
  }
  const order = [1, 2, 3, 4, 5, 6, 0];
  const lines: WeekLine[] = [];
  let groupStart = 0;
  for (let i = 1; i <= order.length; i++) {
    const prev = byWeekday.get(order[i - 1] ?? 1) ?? [];
    const cur = i < order.length ? (byWeekday.get(order[i] ?? 1) ?? []) : null;
    if (cur && sameIntervals(prev, cur)) continue;
    const first = DAY_NAMES[order[groupStart] ?? 1] ?? '';
    const last = DAY_NAMES[order[i - 1] ?? 1] ?? '';
    const span = i - groupStart;
    const days =
      span === 1
        ? capitalize(first)
        : span === 2
          ? `${capitalize(first)} et ${last}`
          : `Du ${first} au ${last}`;
    lines.push({ days, hours: intervalsText(prev) });
    groupStart = i;
  }
  if (schedule.holidays) lines.push({ days: 'Jours fériés', hours: intervalsText(schedule.holidays) });
  return lines;
}

/** Public holidays within the next `days` days whose hours differ from the usual weekday's. */
export function upcomingHolidays(
  schedule: Schedule,
  today: CivilDate,
  ctx: DayContext,
  days = 7,
): { date: CivilDate; name: string; hours: string }[] {
  const out: { date: CivilDate; name: string; hours: string }[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    const name = holidayName(date, ctx.alsaceMoselle);
    if (!name) continue;
    const usual = schedule.day(date, false);
    const actual = schedule.day(date, true);
    if (!sameIntervals(usual, actual)) out.push({ date, name, hours: intervalsText(actual) });
  }
  return out;
}
