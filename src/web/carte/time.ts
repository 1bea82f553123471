/**
 * Wall-clock time in Europe/Paris, independent of the browser's own time zone (see core/calendar/civil).
 */
import type { Moment } from '../../core/calendar/civil';

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock moment in Paris of a real instant. */
export function parisMoment(instant: Date): Moment {
  const parts: Record<string, number> = {};
  for (const p of parisParts.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    date: { y: parts.year ?? 1970, m: parts.month ?? 1, d: parts.day ?? 1 },
    minutes: ((parts.hour ?? 0) % 24) * 60 + (parts.minute ?? 0),
  };
}
