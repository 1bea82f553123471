/**
 * Opening hours in the browser: the fast reader of the simple shape agrees with the reference
 * `opening_hours` library (which the on-demand engine wraps), French public holidays agree with
 * @socialgouv/jours-feries, and the French sentences say what a person needs.
 */
import fc from 'fast-check';
import OpeningHours from 'opening_hours';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, type CivilDate, dateKey, parseMoment } from '../../src/core/calendar/civil';
import { clockText, dateText } from '../../src/core/french/dates';
import {
  holidayOn,
  intervalsText,
  nowStatus,
  todaySentence,
  upcomingHolidays,
  weekLines,
} from '../../src/core/french/hours';
import { type OsmEngine, parseSimpleHours, type Schedule } from '../../src/core/hours/schedule';
import { HOURS } from './feed-fixture';

const FRANCE = { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: '' } };
const ctx = { departement: '87' };

/** Open intervals of a day according to the reference library (process time zone). */
function reference(value: string, date: CivilDate): [number, number][] {
  const oh = new OpeningHours(value, FRANCE);
  const start = new Date(date.y, date.m - 1, date.d);
  const end = new Date(date.y, date.m - 1, date.d + 1);
  return oh
    .getOpenIntervals(start, end)
    .map(([a, b]) => [
      a.getHours() * 60 + a.getMinutes(),
      b.getTime() >= end.getTime() ? 1440 : b.getHours() * 60 + b.getMinutes(),
    ]);
}

function ours(schedule: Schedule, date: CivilDate): [number, number][] {
  return schedule.day(date, holidayOn(date, ctx) !== null).map(([a, b]) => [a, b]);
}

/** Three weeks around Christmas and New Year 2026 (holidays on a Friday twice), and Easter/Ascension 2027. */
const DAYS: CivilDate[] = [
  ...Array.from({ length: 21 }, (_, i) => addDays({ y: 2026, m: 12, d: 14 }, i)),
  ...Array.from({ length: 10 }, (_, i) => addDays({ y: 2027, m: 3, d: 26 }, i)),
  ...Array.from({ length: 7 }, (_, i) => addDays({ y: 2027, m: 5, d: 3 }, i)),
  ...Array.from({ length: 6 }, (_, i) => addDays({ y: 2027, m: 6, d: 28 }, i)),
  ...Array.from({ length: 4 }, (_, i) => addDays({ y: 2027, m: 8, d: 29 }, i)),
];

describe('simple opening hours', () => {
  const samples = [
    ...HOURS.filter((h): h is Exclude<(typeof HOURS)[number], null> => h !== null),
    'Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off',
    'Fr-Mo 10:00-18:00',
    'Mo-Su 09:00-19:00; PH 10:00-12:00',
    'PH off; Mo-Fr 08:00-12:00',
    '10:00-16:00',
    '24/7',
    'Mo-Sa 07:30-24:00',
    'Mo 09:00-12:00 , 13:00-18:00;',
    // Closures and dated openings, as the publisher writes them for the bus.
    'Mo-Fr 09:00-17:00; Dec 24-Jan 01 off; PH off',
    'Mo-Fr 09:00-12:00; Dec 25 off; Dec 31 09:00-11:00',
    'Mo-Sa 10:00-18:00; Jul-Aug off',
    'Tu-Sa 10:00-12:00; Jul-Aug Sa off; Aug Tu 14:00-16:00',
    'Mo-Fr 09:00-12:00; Dec 21-24,Jan 02 14:00-16:00',
    '2026 Dec 18 09:30-12:00; 2027 Jan 07 09:30-12:00; 2027 Mar 30 14:00-16:30; 2027 Jul 01 09:30-12:00',
  ];

  it.each(samples)('reads « %s » as the reference library does, holidays included', (value) => {
    const schedule = parseSimpleHours(value);
    expect(schedule).not.toBeNull();
    if (!schedule) return;
    for (const date of DAYS)
      expect([dateKey(date), ours(schedule, date)]).toEqual([dateKey(date), reference(value, date)]);
  });

  it('agrees with the library on generated values', () => {
    const day = fc.constantFrom('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su');
    const time = fc.integer({ min: 0, max: 47 }).map((half) => half * 30);
    const clock = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const range = fc
      .tuple(time, time)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `${clock(Math.min(a, b))}-${clock(Math.max(a, b))}`);
    const days = fc.oneof(
      day,
      fc.tuple(day, day).map(([a, b]) => `${a}-${b}`),
      fc.uniqueArray(day, { minLength: 2, maxLength: 3 }).map((d) => d.join(',')),
      fc.constant('PH'),
    );
    const month = fc.constantFrom('Dec', 'Jan', 'Mar', 'Apr', 'Jul', 'Aug');
    const mday = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
    const dates = fc.oneof(
      fc.tuple(month, mday).map(([m, d]) => `${m} ${d}`),
      fc.tuple(month, mday, month, mday).map(([m, d, m2, d2]) => `${m} ${d}-${m2} ${d2}`),
      fc.tuple(month, month).map(([m, m2]) => `${m}-${m2}`),
      fc.tuple(fc.constantFrom('2026 Dec', '2027 Jan', '2027 Apr'), mday).map(([m, d]) => `${m} ${d}`),
    );
    const selector = fc.oneof(
      days,
      dates,
      fc
        .tuple(
          dates,
          days.filter((d) => d !== 'PH'),
        )
        .map(([a, b]) => `${a} ${b}`),
    );
    const rule = fc
      .tuple(
        fc.option(selector, { nil: undefined }),
        fc.oneof(
          fc.constant('off'),
          fc.array(range, { minLength: 1, maxLength: 2 }).map((r) => r.join(',')),
        ),
      )
      .map(([d, t]) => (d ? `${d} ${t}` : t));
    const value = fc.array(rule, { minLength: 1, maxLength: 3 }).map((rules) => rules.join('; '));
    fc.assert(
      fc.property(value, (v) => {
        const schedule = parseSimpleHours(v);
        if (!schedule) return; // overlapping ranges etc.: left to the library, nothing to compare
        for (const date of DAYS)
          expect([v, dateKey(date), ours(schedule, date)]).toEqual([v, dateKey(date), reference(v, date)]);
      }),
      { numRuns: 80, seed: 6 },
    );
  });

  it('leaves everything else to the library', () => {
    for (const value of [
      'Tu 09:30-11:30; Dec 24-Dec 26 off; Dec SH off',
      'Mo-Fr 22:00-02:00',
      'Su[1] 10:00-12:00',
      'lundi 9h-12h',
      'Mo-Fr 09:00-12:00 "sur rendez-vous"',
      'Mo 10:00-12:00; 14:00-16:00',
    ]) {
      expect(parseSimpleHours(value)).toBeNull();
    }
  });
});

describe('the on-demand engine (horaires-osm.js)', () => {
  let engine: OsmEngine;
  beforeAll(async () => {
    const g = globalThis as unknown as { window?: unknown; __maillageHorairesOsm?: OsmEngine };
    g.window ??= globalThis;
    await import('../../src/web/carte/horaires-osm');
    if (!g.__maillageHorairesOsm) throw new Error('engine not registered');
    engine = g.__maillageHorairesOsm;
  });

  it('reads values beyond the simple shape, with French public holidays', () => {
    const schedule = engine.compile('Tu 09:30-11:30; Dec 24-Dec 26 off; PH off');
    expect(schedule).not.toBeNull();
    if (!schedule) return;
    expect(schedule.day({ y: 2026, m: 12, d: 1 }, false)).toEqual([[570, 690]]);
    expect(schedule.day({ y: 2026, m: 12, d: 2 }, false)).toEqual([]);
    // Tuesday 10 November 2026 is an ordinary Tuesday; Tuesday 11 November 2025 was Armistice Day.
    expect(schedule.day({ y: 2026, m: 11, d: 10 }, false)).toEqual([[570, 690]]);
    expect(schedule.day({ y: 2025, m: 11, d: 11 }, true)).toEqual([]);
  });

  it('gives the part of an overnight range that falls on each day', () => {
    const schedule = engine.compile('Fr 22:00-02:00');
    expect(schedule?.day({ y: 2026, m: 12, d: 4 }, false)).toEqual([[1320, 1440]]);
    expect(schedule?.day({ y: 2026, m: 12, d: 5 }, false)).toEqual([[0, 120]]);
  });

  it('says when a value cannot be read', () => {
    expect(engine.compile('n’importe quoi')).toBeNull();
  });
});

/** Plain spaces for the non-breaking ones in « 9 h 30 ». */
const sp = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/\u00a0/g, ' '));

describe('hours in plain French', () => {
  const schedule = parseSimpleHours('Mo-Fr 09:00-12:00,14:00-17:00; PH off');
  if (!schedule) throw new Error('unreadable');
  const at = (value: string) => {
    const m = parseMoment(value);
    if (!m) throw new Error(value);
    return m;
  };

  it('writes times and days the French way', () => {
    expect(clockText(570)).toBe('9\u00a0h\u00a030'); // never broken across two lines
    expect(sp(clockText(540))).toBe('9 h');
    expect(sp(clockText(570))).toBe('9 h 30');
    expect(sp(clockText(1440))).toBe('minuit');
    expect(sp(intervalsText([[540, 720]]))).toBe('de 9 h à 12 h');
    expect(sp(intervalsText([]))).toBe('fermé');
    expect(dateText({ y: 2026, m: 12, d: 1 }, 2026)).toBe('mardi 1er décembre');
    expect(dateText({ y: 2027, m: 1, d: 5 }, 2026)).toBe('mardi 5 janvier 2027');
  });

  it('says what today looks like', () => {
    expect(sp(todaySentence(schedule, at('2026-12-01T10:00'), ctx))).toBe(
      'Ouvert aujourd’hui de 9 h à 12 h et de 14 h à 17 h.',
    );
    expect(sp(todaySentence(schedule, at('2026-12-05T10:00'), ctx))).toBe('Fermé aujourd’hui.');
    expect(sp(todaySentence(schedule, at('2026-12-25T10:00'), ctx))).toBe(
      'Fermé aujourd’hui (Noël, jour férié).',
    );
  });

  it('says whether it is open now, and when it opens next', () => {
    expect(sp(nowStatus(schedule, at('2026-12-01T10:00'), ctx))).toMatchObject({
      open: true,
      text: 'Ouvert en ce moment, jusqu’à 12 h.',
    });
    expect(sp(nowStatus(schedule, at('2026-12-01T12:30'), ctx).text)).toBe(
      'Fermé en ce moment. Ouvre aujourd’hui à 14 h.',
    );
    expect(sp(nowStatus(schedule, at('2026-12-01T18:00'), ctx).text)).toBe(
      'Fermé en ce moment. Ouvre demain à 9 h.',
    );
    expect(sp(nowStatus(schedule, at('2026-12-05T10:00'), ctx).text)).toBe(
      'Fermé en ce moment. Ouvre lundi à 9 h.',
    );
    // Thursday 24 December at 18:00: Friday is Christmas, the weekend follows.
    expect(sp(nowStatus(schedule, at('2026-12-24T18:00'), ctx).text)).toBe(
      'Fermé en ce moment. Ouvre lundi à 9 h.',
    );
  });

  it('groups the usual week and mentions holidays', () => {
    expect(sp(weekLines(schedule, { y: 2026, m: 12, d: 1 }, ctx))).toEqual([
      { days: 'Du lundi au vendredi', hours: 'de 9 h à 12 h et de 14 h à 17 h' },
      { days: 'Samedi et dimanche', hours: 'fermé' },
      { days: 'Jours fériés', hours: 'fermé' },
    ]);
    expect(sp(upcomingHolidays(schedule, { y: 2026, m: 12, d: 21 }, ctx))).toEqual([
      { date: { y: 2026, m: 12, d: 25 }, name: 'Noël', hours: 'fermé' },
    ]);
  });
});
