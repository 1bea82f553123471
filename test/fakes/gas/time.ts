/** Time-zone arithmetic with Intl (no dependency), shared by Utilities.formatDate and the sheet model. */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Java custom IDs 'GMT+1', 'GMT-05', 'GMT+2:00' become Intl's 'Etc/GMT-1'... (whole hours only). */
export function resolveTimeZone(tz: string): string {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?00)?$/.exec(tz);
  if (!m) return tz;
  const hours = Number(m[2]);
  return hours === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: resolveTimeZone(tz) });
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: resolveTimeZone(tz),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function zonedParts(date: Date, tz: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(date)) out[p.type] = p.value;
  let year = Number(out.year);
  if (out.era === 'BC' || out.era === 'B') year = 1 - year;
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  return {
    year,
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    millisecond: ms,
    weekday: WEEKDAYS.indexOf(out.weekday ?? 'Sun'),
  };
}

/** Offset of tz from UTC at the given instant, in milliseconds (Paris in winter: +3600000). */
export function offsetMs(date: Date, tz: string): number {
  const p = zonedParts(date, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  const utc = new Date(0);
  utc.setUTCFullYear(p.year, p.month - 1, p.day);
  utc.setUTCHours(p.hour, p.minute, p.second, p.millisecond);
  return (p.year < 100 ? utc.getTime() : asUtc) - date.getTime();
}

/** The instant at which the wall clock of tz shows the given time. */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
  tz = 'UTC',
): Date {
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millisecond);
  const guess = wall.getTime();
  const first = guess - offsetMs(new Date(guess), tz);
  const second2 = guess - offsetMs(new Date(first), tz);
  return new Date(second2);
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** Spreadsheet serial number (days since 1899-12-30 on the wall clock of tz). */
export function toSerial(date: Date, tz: string): number {
  const wall = date.getTime() + offsetMs(date, tz);
  return (wall - SERIAL_EPOCH) / 86_400_000;
}

export function fromSerial(serial: number, tz: string): Date {
  const wall = new Date(SERIAL_EPOCH + Math.round(serial * 86_400_000));
  return zonedTime(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
    tz,
  );
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}
