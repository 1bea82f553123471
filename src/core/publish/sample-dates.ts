/**
 * The bundled sample workbook is written for one reference day (permanences before it are held, after
 * it planned). So that its first run shows upcoming bus permanences whatever the day, its permanence
 * dates are moved by whole weeks (weekdays kept) so that the reference day lands on the last same
 * weekday on or before the run's day. A permanence that would land on a public holiday is left out
 * (the bus does not run then). Real workbooks are never moved.
 */
import { addDaysIso, dayNumber } from '../calendar/civil';
import { holidayName } from '../calendar/holidays';
import { toIsoDate } from '../cells';
import type { RawWorkbook } from '../read-context';
import { matchHeaders } from '../read-table';

/** The sample's reference day (scripts/make-sample.ts, SAMPLE_REFERENCE_DATE). */
export const SAMPLE_REFERENCE_DATE = '2026-11-28';

/** Whole weeks, in days, that move `reference` to the last same weekday on or before `today`. */
export function sampleShiftDays(today: string, reference = SAMPLE_REFERENCE_DATE): number {
  return Math.floor((dayNumber(today) - dayNumber(reference)) / 7) * 7;
}

/**
 * A copy of the raw workbook with the `Permanences` dates moved by `days` (written YYYY-MM-DD),
 * without the rows that would land on a public holiday of the département.
 */
export function shiftPermanenceDates(raw: RawWorkbook, days: number, departement: string): RawWorkbook {
  const key = Object.keys(raw).find((k) => k.trim().toLowerCase() === 'permanences');
  const rows = key === undefined ? undefined : raw[key];
  if (days === 0 || key === undefined || !rows) return raw;
  const cells = Array.from(rows);
  if (cells.length === 0) return raw;
  const column = matchHeaders('Permanences', cells[0] ?? []).columnIndex.date;
  if (column === undefined) return raw;
  const moved: unknown[][] = [];
  for (const [r, row] of cells.entries()) {
    const iso = r === 0 ? null : toIsoDate(row[column]);
    if (!iso) {
      moved.push(row as unknown[]);
      continue;
    }
    const day = addDaysIso(iso, days);
    if (holidayName(day, departement)) continue;
    const copy = [...row];
    copy[column] = day;
    moved.push(copy);
  }
  return { ...raw, [key]: moved };
}
