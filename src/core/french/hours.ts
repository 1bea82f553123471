/**
 * The one description of opening hours in French, for the map (details, list, printed fiche), the
 * sidebar and the command line: « ouvert aujourd’hui de 9 h à 12 h », the usual week, and the
 * upcoming exceptions said plainly (« Fermé du 24 décembre au 1er janvier », « Fermé les jours
 * fériés »).
 *
 * The usual week is the week without exceptions: each weekday's most frequent hours over the coming
 * year, public holidays aside. An exception is a day whose hours differ from its usual weekday's
 * (or, on a public holiday, from what the value says of holidays).
 */
import { addDays, type CivilDate, dateKey, type Moment, weekday } from '../calendar/civil';
import { holidayName } from '../calendar/holidays';
import type { Interval, Schedule } from '../hours/schedule';
import { capitalize, clockText, dateText, dayMonthText, dayName, JOURS, joinFrench } from './dates';

export interface DayContext {
  /** The département's code: which public holidays apply (Alsace-Moselle has two more). */
  departement: string;
}

/** The public holiday's name on a day, or null. */
export function holidayOn(date: CivilDate, ctx: DayContext): string | null {
  return holidayName(dateKey(date), ctx.departement);
}

/** « de 9 h à 12 h et de 14 h à 17 h », « ouvert toute la journée », or « fermé ». */
export function intervalsText(intervals: readonly Interval[]): string {
  if (intervals.length === 0) return 'fermé';
  const first = intervals[0];
  if (intervals.length === 1 && first && first[0] === 0 && first[1] === 1440)
    return 'ouvert toute la journée';
  return joinFrench(intervals.map(([a, b]) => `de ${clockText(a)} à ${clockText(b)}`));
}

export function intervalsOn(schedule: Schedule, date: CivilDate, ctx: DayContext): readonly Interval[] {
  return schedule.day(date, holidayOn(date, ctx) !== null);
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
  const holiday = holidayOn(now.date, ctx);
  const intervals = intervalsOn(schedule, now.date, ctx);
  const because = holiday ? ` (${holiday}, jour férié)` : '';
  if (intervals.length === 0) return `Fermé aujourd’hui${because}.`;
  const text = intervalsText(intervals);
  return text === 'ouvert toute la journée'
    ? `Ouvert aujourd’hui toute la journée${because}.`
    : `Ouvert aujourd’hui ${text}${because}.`;
}

/** How far ahead the next opening is looked for. */
const NEXT_OPENING_DAYS = 400;

export interface NowStatus {
  open: boolean;
  /** « Ouvert en ce moment, jusqu’à 12 h. » / « Fermé en ce moment. Ouvre demain à 9 h. » */
  text: string;
  /** Short form for the list: « Ouvert maintenant » / « Fermé maintenant ». */
  short: string;
  /** When closed: the next opening (null when none within a year). */
  next: Moment | null;
}

export function nowStatus(schedule: Schedule, now: Moment, ctx: DayContext): NowStatus {
  const today = intervalsOn(schedule, now.date, ctx);
  const current = today.find(([a, b]) => a <= now.minutes && now.minutes < b);
  if (current) {
    const until = current[1] === 1440 ? 'jusqu’à minuit' : `jusqu’à ${clockText(current[1])}`;
    return { open: true, text: `Ouvert en ce moment, ${until}.`, short: 'Ouvert maintenant', next: null };
  }
  const later = today.find(([a]) => a > now.minutes);
  let next: Moment | null = later ? { date: now.date, minutes: later[0] } : null;
  let text = later ? ` Ouvre aujourd’hui à ${clockText(later[0])}.` : '';
  for (let i = 1; !next && i <= NEXT_OPENING_DAYS; i++) {
    const date = addDays(now.date, i);
    const first = intervalsOn(schedule, date, ctx)[0];
    if (!first) continue;
    next = { date, minutes: first[0] };
    const when = i === 1 ? 'demain' : i < 7 ? dayName(date) : `le ${dateText(date, now.date.y)}`;
    text = ` Ouvre ${when} à ${clockText(first[0])}.`;
  }
  return { open: false, text: `Fermé en ce moment.${text}`, short: 'Fermé maintenant', next };
}

function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((iv, i) => iv[0] === b[i]?.[0] && iv[1] === b[i]?.[1]);
}

/** Days looked at to find the usual week (a year of each weekday). */
const USUAL_WEEKS = 52;

/**
 * The usual week, Monday first: each weekday's most frequent hours over the coming year, public
 * holidays aside (ties go to the soonest).
 */
export function usualWeek(schedule: Schedule, today: CivilDate, ctx: DayContext): (readonly Interval[])[] {
  const week: (readonly Interval[])[] = [];
  for (let iso = 1; iso <= 7; iso++) {
    const offset = (iso % 7) - weekday(today);
    const first = addDays(today, (offset + 7) % 7);
    const counts: { intervals: readonly Interval[]; n: number }[] = [];
    for (let w = 0; w < USUAL_WEEKS; w++) {
      const date = addDays(first, 7 * w);
      if (holidayOn(date, ctx)) continue;
      const intervals = schedule.day(date, false);
      const seen = counts.find((c) => sameIntervals(c.intervals, intervals));
      if (seen) seen.n++;
      else counts.push({ intervals, n: 1 });
    }
    let best = counts[0];
    for (const c of counts) if (best && c.n > best.n) best = c;
    week.push(best?.intervals ?? []);
  }
  return week;
}

/**
 * What the value says of public holidays: their hours when every holiday of the coming year that
 * falls on a usually open day has the same ones, differing from the usual; else null.
 */
export function holidayHours(
  schedule: Schedule,
  today: CivilDate,
  ctx: DayContext,
  week = usualWeek(schedule, today, ctx),
): readonly Interval[] | null {
  if (schedule.holidays) return schedule.holidays;
  let found: readonly Interval[] | null = null;
  let differs = false;
  for (let i = 0; i < 366; i++) {
    const date = addDays(today, i);
    if (!holidayOn(date, ctx)) continue;
    const usual = week[(weekday(date) + 6) % 7] ?? [];
    if (usual.length === 0) continue;
    const actual = schedule.day(date, true);
    if (found && !sameIntervals(found, actual)) return null;
    found = actual;
    if (!sameIntervals(actual, usual)) differs = true;
  }
  return differs ? found : null;
}

export interface WeekLine {
  /** « Du lundi au vendredi », « Samedi », « Jours fériés » */
  days: string;
  /** « de 9 h à 12 h et de 14 h à 17 h » or « fermé » */
  hours: string;
}

/** Weekdays (0 = Monday) as words: « du lundi au vendredi », « lundi, mercredi et vendredi ». */
function daysText(days: readonly number[]): string {
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3 ? [`du ${JOURS[run[0]!]} au ${JOURS[run[run.length - 1]!]}`] : run.map((d) => JOURS[d]!),
  );
  return joinFrench(parts);
}

/** Days with the same hours together, in the order of their first day. */
function groupedDays(week: readonly (readonly Interval[])[]): WeekLine[] {
  const groups: { intervals: readonly Interval[]; days: number[] }[] = [];
  week.forEach((intervals, d) => {
    const same = groups.find((g) => sameIntervals(g.intervals, intervals));
    if (same) same.days.push(d);
    else groups.push({ intervals, days: [d] });
  });
  // Closed days last: « Mardi et jeudi : de 14 h à 18 h. Lundi, mercredi… : fermé. »
  const ordered = [
    ...groups.filter((g) => g.intervals.length > 0),
    ...groups.filter((g) => g.intervals.length === 0),
  ];
  return ordered.map((g) => ({ days: capitalize(daysText(g.days)), hours: intervalsText(g.intervals) }));
}

/** The usual week, Monday first, days with the same hours grouped; then public holidays. */
export function weekLines(schedule: Schedule, today: CivilDate, ctx: DayContext): WeekLine[] {
  const week = usualWeek(schedule, today, ctx);
  const lines = groupedDays(week);
  const holidays = holidayHours(schedule, today, ctx, week);
  if (holidays) lines.push({ days: 'Jours fériés', hours: intervalsText(holidays) });
  return lines;
}

/** How far ahead exceptions are told. */
const EXCEPTION_DAYS = 92;
/** How far back a closure that is still running may have begun. */
const EXCEPTION_BACK = 62;

/** « le 11 novembre », « du 21 au 24 décembre », « du 24 décembre au 1er janvier ». */
function spanText(from: CivilDate, to: CivilDate): string {
  if (dateKey(from) === dateKey(to)) return `le ${dayMonthText(from)}`;
  if (from.y === to.y && from.m === to.m) return `du ${from.d === 1 ? '1er' : from.d} au ${dayMonthText(to)}`;
  return `du ${dayMonthText(from)} au ${dayMonthText(to)}`;
}

export interface HoursException {
  from: CivilDate;
  to: CivilDate;
  /** « Fermé du 24 décembre au 1er janvier », « Le 24 décembre : de 9 h à 12 h ». */
  text: string;
}

/**
 * The exceptions to the usual week that are running or coming within three months, soonest first:
 * closures (a run of closed days that are usually open), and days with other hours.
 */
export function exceptions(schedule: Schedule, today: CivilDate, ctx: DayContext): HoursException[] {
  const week = usualWeek(schedule, today, ctx);
  const holidays = holidayHours(schedule, today, ctx, week);
  type Day = { date: CivilDate; actual: readonly Interval[]; usuallyOpen: boolean; exception: boolean };
  const days: Day[] = [];
  for (let i = -EXCEPTION_BACK; i <= EXCEPTION_DAYS; i++) {
    const date = addDays(today, i);
    const holiday = holidayOn(date, ctx) !== null;
    const usual = week[(weekday(date) + 6) % 7] ?? [];
    const actual = schedule.day(date, holiday);
    const expected = holiday && holidays ? holidays : usual;
    days.push({ date, actual, usuallyOpen: usual.length > 0, exception: !sameIntervals(actual, expected) });
  }
  const out: HoursException[] = [];
  const todayKey = dateKey(today);
  const keep = (to: CivilDate) => dateKey(to) >= todayKey;
  // Closures: runs of closed days holding an exception, from the first to the last usually open day.
  let run: Day[] = [];
  const closeRun = () => {
    if (run.some((d) => d.exception)) {
      const marked = run.filter((d) => d.usuallyOpen || d.exception);
      const from = marked[0]!.date;
      const to = marked[marked.length - 1]!.date;
      if (keep(to)) out.push({ from, to, text: `Fermé ${spanText(from, to)}` });
    }
    run = [];
  };
  for (const day of days) {
    if (day.actual.length === 0) run.push(day);
    else closeRun();
  }
  // A closure still running at the end of the window is told up to there.
  closeRun();
  // Other hours: exception days that are open, consecutive ones with the same hours together.
  let group: Day[] = [];
  const closeGroup = () => {
    if (group.length > 0) {
      const from = group[0]!.date;
      const to = group[group.length - 1]!.date;
      if (keep(to)) {
        out.push({
          from,
          to,
          text: `${capitalize(spanText(from, to))} : ${intervalsText(group[0]!.actual)}`,
        });
      }
    }
    group = [];
  };
  for (const day of days) {
    const open = day.exception && day.actual.length > 0;
    const last = group[group.length - 1];
    if (open && last && sameIntervals(last.actual, day.actual)) group.push(day);
    else {
      closeGroup();
      if (open) group.push(day);
    }
  }
  closeGroup();
  return out.sort((a, b) => (dateKey(a.from) < dateKey(b.from) ? -1 : 1));
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
    const name = holidayOn(date, ctx);
    if (!name) continue;
    const usual = schedule.day(date, false);
    const actual = schedule.day(date, true);
    if (!sameIntervals(usual, actual)) out.push({ date, name, hours: intervalsText(actual) });
  }
  return out;
}

/**
 * The whole description in sentences: the usual week, public holidays, then the exceptions.
 * « Du lundi au vendredi : de 9 h à 17 h. Samedi et dimanche : fermé. Jours fériés : fermé. Fermé du
 * 24 décembre au 1er janvier. »
 */
export function describeWeek(schedule: Schedule, today: CivilDate, ctx: DayContext): string {
  const lines = weekLines(schedule, today, ctx);
  const sentences = lines.map((l) =>
    l.days === 'Jours fériés' && l.hours === 'fermé' ? 'Fermé les jours fériés.' : `${l.days} : ${l.hours}.`,
  );
  if (lines[0]?.days === 'Du lundi au dimanche' && lines[0].hours === 'ouvert toute la journée') {
    sentences[0] = 'Ouvert 24 h sur 24, 7 jours sur 7.';
  }
  return [...sentences, ...exceptions(schedule, today, ctx).map((e) => `${e.text}.`)].join(' ');
}
