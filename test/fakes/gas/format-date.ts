/** Java SimpleDateFormat, as Utilities.formatDate uses it (English names, like Apps Script). */
import { isValidTimeZone, offsetMs, pad, resolveTimeZone, zonedParts } from './time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const KNOWN = 'GyYMLwWDdFEuaHkKhmsSzZX';

const zoneNames = new Map<string, Intl.DateTimeFormat>();
function zoneName(date: Date, tz: string, long: boolean): string {
  const key = `${tz}|${long}`;
  let f = zoneNames.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: resolveTimeZone(tz),
      timeZoneName: long ? 'long' : 'short',
    });
    zoneNames.set(key, f);
  }
  return f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

function dayOfYear(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
}

/** US week rules (weeks start on Sunday, week 1 holds January 1st), as Java's default Locale.US. */
function usWeek(y: number, m: number, d: number): { weekYear: number; week: number } {
  const t = Date.UTC(y, m - 1, d);
  const weekday = new Date(t).getUTCDay();
  const sunday = t - weekday * 86_400_000;
  const saturday = new Date(sunday + 6 * 86_400_000);
  if (saturday.getUTCFullYear() > y) return { weekYear: y + 1, week: 1 };
  const jan1 = Date.UTC(y, 0, 1);
  const firstSunday = jan1 - new Date(jan1).getUTCDay() * 86_400_000;
  return { weekYear: y, week: Math.floor((sunday - firstSunday) / (7 * 86_400_000)) + 1 };
}

function offsetText(offset: number, style: 'Z' | 'X', count: number): string {
  if (style === 'X' && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offset) / 60_000);
  const hh = pad(Math.floor(total / 60), 2);
  const mm = pad(total % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (count === 1) return `${sign}${hh}`;
  return count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/**
 * Formats date in timeZone with a SimpleDateFormat pattern. An unknown time zone falls back to GMT,
 * as in Java. Throws on a letter that is not a pattern letter.
 */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const tz = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const p = zonedParts(date, tz);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j += 1;
      }
      if (j >= pattern.length) throw new Error(`Unterminated quote in pattern "${pattern}"`);
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(ch)) {
      out += ch;
      i += 1;
      continue;
    }
    if (!KNOWN.includes(ch)) throw new Error(`Illegal pattern character '${ch}'`);
    let n = 1;
    while (pattern[i + n] === ch) n += 1;
    i += n;
    switch (ch) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'Y': {
        const wy = usWeek(p.year, p.month, p.day).weekYear;
        out += n === 2 ? pad(wy % 100, 2) : pad(wy, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : pad(p.month, n);
        break;
      case 'w':
        out += pad(usWeek(p.year, p.month, p.day).week, n);
        break;
      case 'W': {
        const first = new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay();
        out += pad(Math.floor((p.day + first - 1) / 7) + 1, n);
        break;
      }
      case 'D':
        out += pad(dayOfYear(p.year, p.month, p.day), n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday]!.slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'z':
        out += zoneName(date, tz, n >= 4);
        break;
      case 'Z':
        out += offsetText(offsetMs(date, tz), 'Z', n);
        break;
      case 'X':
        if (n > 3) throw new Error(`invalid ISO 8601 format: length=${n}`);
        out += offsetText(offsetMs(date, tz), 'X', n);
        break;
    }
  }
  return out;
}
