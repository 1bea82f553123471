/**
 * `horaires` in OpenStreetMap opening_hours syntax, checked with the `opening_hours` library (the
 * reference implementation), with French public holidays. Its warnings count as problems; its
 * prettified value is offered as the fix.
 *
 * Dates that have passed are a hint, never a problem: the hours were valid when they were typed and
 * still describe the place. Whether a dated rule has passed is decided against the `today` the
 * caller gives (the library itself would read the machine's clock, so its "past" warnings are
 * ignored here).
 */
import OpeningHours from 'opening_hours';
import { openingHoursState } from '../calendar/regions';

/**
 * A point in France so that `PH` means French public holidays (the library needs a location), in the
 * département's region so that `SH` means its school holidays.
 */
export function osmLocation(departement?: string) {
  return { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: openingHoursState(departement) } };
}

/** A Monday (5 January 2026, local time) within the school years the library knows. */
const REFERENCE_DAY = new Date(2026, 0, 5).getTime();

/** The library's warnings that compare a date with its own clock. */
const PAST_WARNINGS = new Set(['year_past', 'date_past', 'date_range_past']);

export interface HoursCheck {
  ok: boolean;
  /** French messages from the library (errors or warnings). */
  messages: string[];
  /** The library's normalised spelling, when it could parse the value. */
  suggestion: string | null;
  /**
   * When `today` was given and some dated rules ended before it: the value without them (`''` when
   * nothing is left). Not a problem: a hint with this cleaned value as the fix.
   */
  withoutPast: string | null;
}

const cache = new Map<string, HoursCheck>();
const CACHE_LIMIT = 20_000;

const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)';
const START = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const RANGE = `${START}-(?:${START}|24:00)`;
const TIMES = `(?:off|${RANGE}(?:,${RANGE})*)`;
const RULE = `${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)* ${TIMES}`;
/**
 * The plain spelling of most values (`Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off`):
 * weekdays then times or `off`, rules joined by `; `, public holidays last (`PH off`), no dates. The library reads every such
 * value without a warning and prettifies it to itself (test/core/hours-check.test.ts checks it on
 * generated values), so it is accepted without parsing it there: the library takes a few
 * milliseconds per distinct value, most of a publication's time.
 */
const PLAIN = new RegExp(`^${RULE}(?:; ${RULE})*(?:; PH ${TIMES})?$`);

/**
 * Checks an OSM value; `today` (`YYYY-MM-DD`) is the day against which dated rules are "past";
 * `departement` gives its public and school holidays.
 */
export function checkHours(value: string, today?: string, departement?: string): HoursCheck {
  if (isPlainHours(value)) return { ok: true, messages: [], suggestion: value, withoutPast: null };
  return checkWithLibrary(value, today, departement);
}

const COLON = 58;

/** Minutes of the `HH:MM` at `at` (digits already checked by PLAIN). */
function minutesAt(value: string, at: number): number {
  const digit = (i: number) => value.charCodeAt(at + i) - 48;
  return (digit(0) * 10 + digit(1)) * 60 + digit(3) * 10 + digit(4);
}

/**
 * The plain spelling, each time range ending after it starts (one running past midnight spills
 * into the next day, which the library reports when a later rule covers that day). In a plain
 * value a `-` with `:` three characters before it is a time range's (`09:00-12:00`); others join days.
 */
export function isPlainHours(value: string): boolean {
  if (!PLAIN.test(value)) return false;
  for (let i = value.indexOf('-'); i >= 0; i = value.indexOf('-', i + 1)) {
    if (value.charCodeAt(i - 3) === COLON && minutesAt(value, i - 5) >= minutesAt(value, i + 1)) return false;
  }
  return true;
}

/** checkHours through the library, whatever the value (the reference for the plain spelling). */
export function checkWithLibrary(value: string, today?: string, departement?: string): HoursCheck {
  const key = `${today ?? ''}\u0000${departement ?? ''}\u0000${value}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: HoursCheck;
  try {
    const oh = new OpeningHours(value, osmLocation(departement) as never, { locale: 'fr' } as never);
    // The library's warnings walk the value from « now » (its own clock): from a fixed day instead,
    // within the school years it knows, so that a check never depends on the date it runs.
    const iterate = oh.getIterator.bind(oh);
    oh.getIterator = (date: Date = new Date(REFERENCE_DAY)) => iterate(date);
    // Evaluating once finds what parsing alone does not (school holidays unknown in a region…).
    oh.getState(new Date(REFERENCE_DAY));
    const warnings = oh.getStructuredWarnings() as { type: string; message: string }[];
    const plain = oh.getWarnings();
    const messages = plain.filter((_, i) => !PAST_WARNINGS.has(warnings[i]?.type ?? ''));
    let suggestion: string | null = null;
    try {
      suggestion = oh.prettifyValue();
    } catch {
      suggestion = null;
    }
    result = {
      ok: messages.length === 0,
      messages: messages.map(cleanMessage),
      suggestion,
      withoutPast: today ? withoutPastRules(value, today, departement) : null,
    };
  } catch (error) {
    result = { ok: false, messages: [cleanMessage(String(error))], suggestion: null, withoutPast: null };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function cleanMessage(message: string): string {
  return message
    .replace(/^Error:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rules of a value, split on `;` and `||` outside quoted comments, with their separators. */
export function splitRules(value: string): { rule: string; separator: string }[] {
  const rules: { rule: string; separator: string }[] = [];
  let quoted = false;
  let start = 0;
  let separator = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    const sep = c === ';' ? ';' : c === '|' && value[i + 1] === '|' ? '||' : '';
    if (!sep) continue;
    rules.push({ rule: value.slice(start, i).trim(), separator });
    separator = sep;
    start = i + sep.length;
    i += sep.length - 1;
  }
  rules.push({ rule: value.slice(start).trim(), separator });
  return rules.filter((r) => r.rule !== '');
}

/** The explicit years a rule names (outside its comment). */
function yearsOf(rule: string): number[] {
  const selectors = rule.replace(/"[^"]*"/g, ' ');
  return [...selectors.matchAll(/(?<![\d:])(?:19|20)\d\d(?![\d:])/g)].map((m) => Number(m[0]));
}

/** Whether a rule with explicit years selects no moment on or after the start of `today`. */
function isPastRule(rule: string, today: string, departement?: string): boolean {
  const years = yearsOf(rule);
  if (years.length === 0) return false;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const last = Math.max(...years);
  if (last < y) return true;
  if (last > y) return false;
  // Same year: the rule's selectors read as « open », from the start of today is there anything left?
  const selectors = rule
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b(off|closed|open|unknown)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  try {
    const oh = new OpeningHours(selectors, osmLocation(departement) as never, { locale: 'fr' } as never);
    const start = new Date(y, m - 1, d);
    return !oh.getState(start) && oh.getNextChange(start) === undefined;
  } catch {
    return false;
  }
}

/** The value without its rules that ended before `today`, or null when none did. */
function withoutPastRules(value: string, today: string, departement?: string): string | null {
  const rules = splitRules(value);
  const kept = rules.filter((r) => !isPastRule(r.rule, today, departement));
  if (kept.length === rules.length) return null;
  return kept.map((r, i) => (i === 0 ? r.rule : `${r.separator === '||' ? ' || ' : '; '}${r.rule}`)).join('');
}

export function hoursProblem(value: string, departement?: string): string | null {
  const check = checkHours(value, undefined, departement);
  if (check.ok) return null;
  const fix =
    check.suggestion && check.suggestion !== value
      ? ` Écrivez plutôt : « ${check.suggestion} ».`
      : ' Exemple : « Mo-Fr 09:00-12:00,14:00-17:00; PH off ».';
  return `Horaires illisibles au format OpenStreetMap : ${check.messages[0] ?? 'syntaxe non reconnue'}.${fix}`;
}

/** A gentle note when readable hours carry dates that have passed, with the cleaned value. */
export function hoursHint(value: string, today: string, departement?: string): string | null {
  const check = checkHours(value, today, departement);
  if (!check.ok || check.withoutPast === null) return null;
  return check.withoutPast
    ? `Ces horaires contiennent des dates passées, sans effet désormais. Vous pouvez les retirer : « ${check.withoutPast} ».`
    : 'Toutes les dates de ces horaires sont passées : indiquez les prochains horaires, ou laissez la cellule vide.';
}
