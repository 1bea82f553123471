/**
 * Opening hours as the map needs them: the open intervals of one calendar day.
 *
 * `horaires` is in OpenStreetMap `opening_hours` syntax. The reference library (`opening_hours`)
 * weighs 760 kB minified (220 kB as built for the map, scripts/opening-hours-lean.ts) and takes 1 to
 * 3 ms to parse one value, far too slow for 5,000 places.
 * The common shape the workbook's validation suggests (`Mo-Fr 09:00-12:00,14:00-17:00; PH off`) is
 * therefore read here directly; anything else is handed to the library, loaded on demand
 * (`horaires-osm.js`, core/hours/osm.ts). test/web/hours.test.ts checks that both agree.
 */
import { type CivilDate, weekday } from '../calendar/civil';

/** [start, end) in minutes since midnight; end may be 1440. */
export type Interval = readonly [number, number];

export interface Schedule {
  /** Open intervals of one day, sorted. `holiday`: the day is a French public holiday. */
  day(date: CivilDate, holiday: boolean): readonly Interval[];
  /**
   * What the value says about public holidays: their intervals (empty: closed), or null when it
   * does not mention them (or when only the library knows).
   */
  readonly holidays: readonly Interval[] | null;
}

/** Which days a rule is about: dates (any of), then weekdays (any of), or public holidays. */
interface Selector {
  dates: readonly ((date: CivilDate) => boolean)[];
  days: ReadonlySet<number> | null;
  holiday: boolean;
}

interface Rule {
  selector: Selector;
  intervals: readonly Interval[];
}

const DAY_INDEX: Record<string, number> = { Su: 0, Mo: 1, Tu: 2, We: 3, Th: 4, Fr: 5, Sa: 6 };
const MONTH_INDEX: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const MDAY = '(?:0[1-9]|[12]\\d|3[01])';
/** `2026 Dec 09` (one day), `Dec 24-Jan 01`, `Dec 25`, `Jul-Aug`, `Aug` (every year). */
const DATE_ITEM = `(?:\\d{4} ${MONTH} ${MDAY}|${MONTH} ${MDAY}(?:-(?:${MONTH} )?${MDAY})?|${MONTH}(?:-${MONTH})?)`;
const DATES_PART = `${DATE_ITEM}(?:,${DATE_ITEM})*`;
const DAYS_PART = `(?:PH|${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*)`;
const TIME = '(?:[01]\\d|2[0-4]):[0-5]\\d';
const RANGE = `${TIME}-${TIME}`;
const RULE = new RegExp(
  `^(?:(${DATES_PART})\\s+)?(?:(${DAYS_PART})\\s+)?(off|closed|${RANGE}(?:\\s*,\\s*${RANGE})*)$`,
);

function minutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function parseWeekdays(part: string): Set<number> {
  const days = new Set<number>();
  for (const item of part.split(',')) {
    const [from, to] = item.split('-');
    const start = DAY_INDEX[from ?? ''] ?? 0;
    const end = to === undefined ? start : (DAY_INDEX[to] ?? start);
    // Ranges may wrap around the week: Fr-Mo.
    for (let d = start, n = 0; n < 7; d = (d + 1) % 7, n++) {
      days.add(d);
      if (d === end) break;
    }
  }
  return days;
}

/** A month and day as one comparable number: Dec 24 -> 1224. */
const md = (m: number, d: number) => m * 100 + d;

function parseDateItem(item: string): ((date: CivilDate) => boolean) | null {
  const words = item.split(/[ -]/);
  const month = (w: string | undefined) => MONTH_INDEX[w ?? ''] ?? 0;
  // 2026 Dec 09
  if (/^\d{4} /.test(item)) {
    const y = Number(words[0]);
    const m = month(words[1]);
    const d = Number(words[2]);
    return (date) => date.y === y && date.m === m && date.d === d;
  }
  // Jul, Jul-Aug
  if (/^[A-Z][a-z]{2}(-[A-Z][a-z]{2})?$/.test(item)) {
    const from = md(month(words[0]), 1);
    const to = md(month(words[1] ?? words[0]), 31);
    return from <= to
      ? (date) => md(date.m, date.d) >= from && md(date.m, date.d) <= to
      : (date) => md(date.m, date.d) >= from || md(date.m, date.d) <= to;
  }
  // Dec 25, Dec 24-31, Dec 24-Jan 01 (wrapping over the new year)
  const [fromPart, toPart] = item.split('-');
  const [fm, fd] = (fromPart ?? '').split(' ');
  const from = md(month(fm), Number(fd));
  let to = from;
  if (toPart !== undefined) {
    const end = toPart.split(' ');
    to = end.length === 2 ? md(month(end[0]), Number(end[1])) : md(month(fm), Number(end[0]));
  }
  if (from === to || from < to) return (date) => md(date.m, date.d) >= from && md(date.m, date.d) <= to;
  return (date) => md(date.m, date.d) >= from || md(date.m, date.d) <= to;
}

function parseIntervals(part: string): Interval[] | null {
  if (part === 'off' || part === 'closed') return [];
  const out: [number, number][] = [];
  for (const range of part.split(',')) {
    const [a, b] = range.trim().split('-');
    const start = minutes(a ?? '');
    const end = minutes(b ?? '');
    // Over midnight, or 24:xx: left to the library.
    if (!(start < end) || end > 1440 || start >= 1440) return null;
    out.push([start, end]);
  }
  out.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of out) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/**
 * Reads the simple shape: `;`-separated normal rules, each with an optional date selector (one day
 * `2026 Dec 09`, yearly days and ranges `Dec 24-Jan 01`, months `Jul-Aug`), an optional weekday
 * selector (`Mo-Fr`, `Mo,We`, or `PH` alone) — the first rule may have neither — and time ranges
 * within the day (or `off`), plus `24/7`. Later rules replace earlier ones for the days they
 * select. Returns null for anything else (left to the library).
 */
export function parseSimpleHours(value: string): Schedule | null {
  const text = value.trim();
  if (text === '24/7') {
    const all: Interval[] = [[0, 1440]];
    return { day: () => all, holidays: null };
  }
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const rules: Rule[] = [];
  for (const part of parts) {
    const match = RULE.exec(part);
    if (!match) return null;
    const intervals = parseIntervals(match[3] ?? '');
    if (!intervals) return null;
    const datesPart = match[1];
    const daysPart = match[2];
    // A rule without any selector after other rules: the library's semantics there are subtle (it
    // may add to the earlier days rather than replace them). Left to it.
    if (datesPart === undefined && daysPart === undefined && rules.length > 0) return null;
    // Holidays within dates (`Dec PH`): left to the library.
    if (datesPart !== undefined && daysPart === 'PH') return null;
    const dates: ((date: CivilDate) => boolean)[] = [];
    for (const item of datesPart?.split(',') ?? []) {
      const matcher = parseDateItem(item);
      if (!matcher) return null;
      dates.push(matcher);
    }
    rules.push({
      selector: {
        dates,
        days: daysPart === undefined || daysPart === 'PH' ? null : parseWeekdays(daysPart),
        holiday: daysPart === 'PH',
      },
      intervals,
    });
  }
  let holidays: readonly Interval[] | null = null;
  for (const rule of rules) if (rule.selector.holiday) holidays = rule.intervals;
  return {
    holidays,
    day(date, holiday) {
      const wd = weekday(date);
      let result: readonly Interval[] = [];
      for (const { selector: s, intervals } of rules) {
        if (s.dates.length > 0 && !s.dates.some((matches) => matches(date))) continue;
        if (s.days && !s.days.has(wd)) continue;
        if (s.holiday && !holiday) continue;
        result = intervals;
      }
      return result;
    },
  };
}

/** The on-demand engine (`horaires-osm.js`), built around the `opening_hours` library. */
export interface OsmEngine {
  /** null when the library cannot read the value; `departement` gives its holidays. */
  compile(value: string, departement?: string): Schedule | null;
}

export const OSM_ENGINE_GLOBAL = '__maillageHorairesOsm';
