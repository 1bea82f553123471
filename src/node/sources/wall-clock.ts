// Spreadsheet dates carry no time zone: a cell holds a wall-clock date and time, read in the workbook's
// zone (Europe/Paris for Maillage). Apps Script's getValues() hands them over as the instant at which that
// wall clock is shown in the zone; this module gives the same instant for a wall clock read elsewhere.

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

/** The wall clock shown in `timeZone` at `instant`, encoded as UTC milliseconds. */
function wallClockMs(instant: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, ms);
}

const DAY_MS = 86_400_000;

/**
 * `wall` holds a wall-clock date and time in its UTC fields (as `.xlsx` readers produce them); returns the
 * instant at which that wall clock is shown in `timeZone`. A wall clock shown twice (autumn change) gives
 * the first instant; one skipped by the spring change is moved forward by the gap (as java.time does).
 */
export function instantOfWallClock(wall: Date, timeZone: string): Date {
  const target = wall.getTime();
  const offset = (instant: number) => wallClockMs(instant, timeZone) - instant;
  // Zones change offset at most once around a given day: the offsets a day before and a day after
  // are the only candidates.
  const before = offset(target - DAY_MS);
  const after = offset(target + DAY_MS);
  const candidates = [target - before, target - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (wallClockMs(t, timeZone) === target) return new Date(t);
  }
  return new Date(target - before);
}
