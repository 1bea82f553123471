import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysIso as addDays } from '../../../src/core/calendar/civil';
import {
  isoWeeksInYear,
  monthOf,
  parsePeriod,
  periodOf,
  periodsBetween,
  quarterOf,
  shiftPeriod,
  weekOf,
} from '../../../src/core/calendar/periods';
import { DEFAULT_TIME_ZONE, dayIn } from '../../../src/core/calendar/wall-clock';

const parisDay = (now: Date) => dayIn(now, DEFAULT_TIME_ZONE);

describe('periods', () => {
  it('names ISO weeks, months and quarters', () => {
    expect(weekOf('2026-11-28')).toEqual({
      kind: 'semaine',
      key: '2026-W48',
      du: '2026-11-23',
      au: '2026-11-29',
    });
    expect(monthOf('2026-11-28')).toEqual({
      kind: 'mois',
      key: '2026-11',
      du: '2026-11-01',
      au: '2026-11-30',
    });
    expect(quarterOf('2026-11-28')).toEqual({
      kind: 'trimestre',
      key: '2026-T4',
      du: '2026-10-01',
      au: '2026-12-31',
    });
    expect(monthOf('2028-02-10').au).toBe('2028-02-29');
  });

  it('2026 has 53 ISO weeks: 1–3 January 2027 belong to 2026-W53', () => {
    // 1 January 2026 is a Thursday, so 2026 has 53 ISO weeks; 2027 starts on a Friday and has 52.
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(weekOf('2026-12-28')).toEqual({
      kind: 'semaine',
      key: '2026-W53',
      du: '2026-12-28',
      au: '2027-01-03',
    });
    expect(weekOf('2027-01-01').key).toBe('2026-W53');
    expect(weekOf('2027-01-03').key).toBe('2026-W53');
    expect(weekOf('2027-01-04').key).toBe('2027-W01');
    // The other way round: 29 December 2025 (Monday) is already in 2026-W01.
    expect(weekOf('2025-12-29').key).toBe('2026-W01');
    expect(weekOf('2025-12-28').key).toBe('2025-W52');
    expect(parsePeriod('2027-W53')).toBeNull();
    expect(parsePeriod('2026-W53')?.du).toBe('2026-12-28');
  });

  it('parses period keys and rejects the others', () => {
    expect(parsePeriod('2026-T4')).toEqual(quarterOf('2026-12-01'));
    expect(parsePeriod('2026-t1')?.du).toBe('2026-01-01');
    expect(parsePeriod('2026-11')?.au).toBe('2026-11-30');
    expect(parsePeriod('2026-W01')?.du).toBe('2025-12-29');
    for (const bad of ['2026-T5', '2026-13', '2026-W00', '2026-W54', 'T4', '2026/11', ''])
      expect(parsePeriod(bad)).toBeNull();
  });

  it('every day lies in its period, and the period key parses back to the same period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 40 }),
        fc.constantFrom('semaine', 'mois', 'trimestre'),
        (n, kind) => {
          const day = addDays('2000-01-01', n);
          const p = periodOf(kind as 'semaine', day);
          expect(p.du <= day && day <= p.au).toBe(true);
          expect(parsePeriod(p.key)).toEqual(p);
          expect(shiftPeriod(shiftPeriod(p, 1), -1)).toEqual(p);
          expect(addDays(shiftPeriod(p, 1).du, -1)).toBe(p.au);
        },
      ),
    );
  });

  it('lists consecutive periods without gaps', () => {
    expect(periodsBetween('trimestre', '2026-02-10', '2026-11-28').map((p) => p.key)).toEqual([
      '2026-T1',
      '2026-T2',
      '2026-T3',
      '2026-T4',
    ]);
    expect(periodsBetween('semaine', '2026-12-24', '2027-01-06').map((p) => p.key)).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W01',
    ]);
    expect(periodsBetween('mois', '2026-12-01', '2026-11-01')).toEqual([]);
  });

  it('takes today in Paris, across daylight-saving changes', () => {
    // 29 March 2026, 22:30 UTC is already Monday 30 March 00:30 in Paris (summer time, UTC+2).
    expect(parisDay(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
    expect(weekOf(parisDay(new Date('2026-03-29T22:30:00Z'))).key).toBe('2026-W14');
    // 25 October 2026, 22:30 UTC is 23:30 on Sunday in Paris (winter time, UTC+1): still week 43.
    expect(parisDay(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(weekOf('2026-10-25').key).toBe('2026-W43');
    expect(parisDay(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-26');
  });
});
