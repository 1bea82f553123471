import { describe, expect, it } from 'vitest';
import { addDaysIso, isIsoDate, isoWeekday } from '../../../src/core/calendar/civil';
import {
  DEFAULT_TIME_ZONE,
  dayIn,
  defaultZoneFor,
  midnightIn,
  momentIn,
  wallClockAt,
} from '../../../src/core/calendar/wall-clock';

const ZONES = ['Europe/Paris', 'Indian/Reunion', 'America/Cayenne', 'America/Martinique'];

describe('the calendar layer', () => {
  it('gives each département its zone', () => {
    expect(defaultZoneFor('87')).toBe('Europe/Paris');
    expect(defaultZoneFor('2A')).toBe('Europe/Paris');
    expect(defaultZoneFor(null)).toBe(DEFAULT_TIME_ZONE);
    expect(defaultZoneFor('971')).toBe('America/Guadeloupe');
    expect(defaultZoneFor('972')).toBe('America/Martinique');
    expect(defaultZoneFor('973')).toBe('America/Cayenne');
    expect(defaultZoneFor('974')).toBe('Indian/Reunion');
    expect(defaultZoneFor('976')).toBe('Indian/Mayotte');
  });

  it('reads the wall clock both ways on every day of a year, in every zone, across both DST changes', () => {
    for (const zone of ZONES) {
      for (let i = 0; i < 366; i++) {
        const day = addDaysIso('2027-12-31', -i);
        const midnight = midnightIn(day, zone);
        expect(dayIn(midnight, zone), `${zone} ${day}`).toBe(day);
        expect(wallClockAt(midnight, zone)).toMatchObject({ hour: 0, minute: 0, second: 0 });
        expect(dayIn(midnight.getTime() - 1, zone)).toBe(addDaysIso(day, -1));
        expect(momentIn(midnight.getTime() + 90 * 60_000, zone)).toEqual({
          date: { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8)) },
          // 01:30 on the wall clock, except the spring-forward night's missing hour (none at 01:30 in Paris).
          minutes: 90,
        });
      }
    }
    // Paris: 28 March 2027 has 23 hours, 31 October 2027 has 25.
    expect(
      midnightIn('2027-03-29', 'Europe/Paris').getTime() - midnightIn('2027-03-28', 'Europe/Paris').getTime(),
    ).toBe(23 * 3_600_000);
    expect(
      midnightIn('2027-11-01', 'Europe/Paris').getTime() - midnightIn('2027-10-31', 'Europe/Paris').getTime(),
    ).toBe(25 * 3_600_000);
    // The same instant is another day in Réunion.
    expect(dayIn(new Date('2027-07-14T21:30:00Z'), 'Europe/Paris')).toBe('2027-07-14');
    expect(dayIn(new Date('2027-07-14T21:30:00Z'), 'Indian/Reunion')).toBe('2027-07-15');
  });

  it('tells real days from impossible ones, and weekdays, over a year', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    let weekday = isoWeekday('2027-01-01'); // a Friday
    expect(weekday).toBe(5);
    for (let i = 1; i < 365; i++) {
      const day = addDaysIso('2027-01-01', i);
      expect(isIsoDate(day)).toBe(true);
      weekday = (weekday % 7) + 1;
      expect(isoWeekday(day), day).toBe(weekday);
    }
  });
});
