/**
 * The bundled sample workbook is written for one reference day (permanences before it are held, after
 * it planned). So that its first run shows upcoming bus permanences whatever the day, its permanence
 * dates (and those of its meetings, registrations and Pass Numérique statements) are moved by whole
 * weeks (weekdays kept) so that the reference day lands on the last same
 * weekday on or before the run's day. A permanence that would land on a public holiday is left out
 * (the bus does not run then). Real workbooks are never moved.
 */
import { addDaysIso, dayNumber } from '../calendar/civil';
import { holidayName } from '../calendar/holidays';
import { toIsoDateTime } from '../cells';
import type { TabName } from '../model';
import type { RawWorkbook } from '../read-context';
import { matchHeaders } from '../read-table';

/** The sample's reference day (scripts/make-sample.ts, SAMPLE_REFERENCE_DATE). */
export const SAMPLE_REFERENCE_DATE = '2026-11-28';

/** Whole weeks, in days, that move `reference` to the last same weekday on or before `today`. */
export function sampleShiftDays(today: string, reference = SAMPLE_REFERENCE_DATE): number {
  return Math.floor((dayNumber(today) - dayNumber(reference)) / 7) * 7;
}

/** The sample's dated columns that move with its reference day (header keys of the model). */
const SHIFTED_COLUMNS: readonly { tab: string; column: string; dropOnHoliday?: boolean }[] = [
  // The bus does not run on a public holiday: such a permanence is left out.
  { tab: 'Permanences', column: 'date', dropOnHoliday: true },
  // The network's life, so that the agenda, the letter and the report keep upcoming meetings.
  { tab: 'Rencontres', column: 'date' },
  { tab: 'Inscriptions', column: 'inscrit_le' },
  { tab: 'Inscriptions', column: 'rappel_le' },
  { tab: 'Pass Numérique', column: 'date' },
];

/**
 * A copy of the raw workbook with the dates of the bus and of the network's life moved by `days`
 * (written YYYY-MM-DD, or YYYY-MM-DD HH:MM), without the permanences that would land on a public
 * holiday of the département. Other tabs (the directory's dates) are left as they are.
 */
export function shiftSampleDates(raw: RawWorkbook, days: number, departement: string): RawWorkbook {
  if (days === 0) return raw;
  const result: RawWorkbook = { ...raw };
  for (const tab of new Set(SHIFTED_COLUMNS.map((c) => c.tab))) {
    const key = Object.keys(raw).find((k) => k.trim().toLowerCase() === tab.toLowerCase());
    const rows = key === undefined ? undefined : raw[key];
    if (key === undefined || !rows) continue;
    const cells = Array.from(rows);
    if (cells.length === 0) continue;
    const { columnIndex } = matchHeaders(tab as TabName, cells[0] ?? []);
    const columns = SHIFTED_COLUMNS.filter((c) => c.tab === tab).flatMap((c) => {
      const index = (columnIndex as Record<string, number | undefined>)[c.column];
      return index === undefined ? [] : [{ index, dropOnHoliday: c.dropOnHoliday === true }];
    });
    if (columns.length === 0) continue;
    const moved: unknown[][] = [cells[0] as unknown[]];
    nextRow: for (const row of cells.slice(1)) {
      const copy = [...(row as unknown[])];
      for (const { index, dropOnHoliday } of columns) {
        const moment = toIsoDateTime(copy[index]);
        if (!moment) continue;
        const day = addDaysIso(moment.slice(0, 10), days);
        if (dropOnHoliday && holidayName(day, departement)) continue nextRow;
        const time = moment.slice(11);
        copy[index] = /\d[:h]\d/.test(String(copy[index])) ? `${day} ${time}` : day;
      }
      moved.push(copy);
    }
    result[key] = moved;
  }
  return result;
}
