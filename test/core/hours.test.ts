import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readCell } from '../../src/core/fields';
import {
  checkHours,
  checkWithLibrary,
  hoursHint,
  hoursProblem,
  isPlainHours,
  splitRules,
} from '../../src/core/hours/check';
import { columnOf } from '../../src/core/model';

const PAST_CLOSURE = 'Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off';

describe('opening hours: past dates are a hint, never an error', () => {
  it('reads hours whose exceptional closure has passed as valid, whatever the machine clock says', () => {
    expect(checkHours(PAST_CLOSURE, '2026-12-05').ok).toBe(true);
    expect(hoursProblem(PAST_CLOSURE)).toBeNull();
  });

  it('offers the value cleaned of past dates from the day after the closure, not before', () => {
    expect(hoursHint(PAST_CLOSURE, '2026-11-11')).toBeNull();
    expect(hoursHint(PAST_CLOSURE, '2026-11-10')).toBeNull();
    expect(hoursHint(PAST_CLOSURE, '2026-11-12')).toContain('« Mo,We,Fr 09:00-12:00; PH off »');
    expect(hoursHint(PAST_CLOSURE, '2027-03-01')).toContain('« Mo,We,Fr 09:00-12:00; PH off »');
  });

  it('cleans date ranges and past years, and keeps recurring dates and future ones', () => {
    const value = 'Mo 10:00-12:00; 2025 Jan 01-2025 Jan 05 off; Dec 24-Jan 01 off; 2027 May 08 off';
    expect(checkHours(value, '2026-06-01').withoutPast).toBe(
      'Mo 10:00-12:00; Dec 24-Jan 01 off; 2027 May 08 off',
    );
    expect(checkHours(value, '2028-01-01').withoutPast).toBe('Mo 10:00-12:00; Dec 24-Jan 01 off');
    expect(checkHours(value, '2024-12-31').withoutPast).toBeNull();
  });

  it('says so when every dated rule has passed', () => {
    expect(hoursHint('2026 Dec 04 10:00-12:00', '2026-12-05')).toMatch(/Toutes les dates/);
    expect(hoursHint('2026 Dec 04 10:00-12:00', '2026-12-04')).toBeNull();
  });

  it('keeps unreadable hours an error', () => {
    expect(hoursProblem('lundi matin')).toMatch(/^Horaires illisibles/);
    expect(hoursHint('lundi matin', '2026-12-05')).toBeNull();
  });

  it('splits rules outside quoted comments', () => {
    expect(splitRules('Mo 09:00-12:00 "rdv; sinon"; Tu off || "appeler"').map((r) => r.rule)).toEqual([
      'Mo 09:00-12:00 "rdv; sinon"',
      'Tu off',
      '"appeler"',
    ]);
  });

  it('turns the past dates of a Lieux cell into a warning, not an error', () => {
    const col = columnOf('Lieux', 'horaires');
    const cell = readCell(col, PAST_CLOSURE, { today: '2026-12-05' });
    expect(cell.value).toBe(PAST_CLOSURE);
    expect(cell.severity).toBe('avertissement');
    expect(cell.message).toContain('« Mo,We,Fr 09:00-12:00; PH off »');
    expect(readCell(col, 'Mo-Fr 09:00-12:00', { today: '2026-12-05' })).toEqual({
      value: 'Mo-Fr 09:00-12:00',
    });
    expect(readCell(col, 'lundi matin', { today: '2026-12-05' }).severity).toBeUndefined();
  });
});

describe('opening hours: the plain spelling is accepted without the library, as the library would', () => {
  const day = fc.constantFrom('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su');
  const dayItem = fc.oneof(
    day,
    fc.tuple(day, day).map(([a, b]) => `${a}-${b}`),
  );
  const days = fc.oneof(
    { weight: 1, arbitrary: fc.constant('PH') },
    {
      weight: 6,
      arbitrary: fc.array(dayItem, { minLength: 1, maxLength: 3 }).map((items) => items.join(',')),
    },
  );
  const time = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    fc.constant('24:00'),
  );
  // Mostly ranges that end after they start (the plain spelling), some that do not.
  const range = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(time, time).map(([a, b]) => (a < b ? `${a}-${b}` : `${b}-${a}`)) },
    { weight: 1, arbitrary: fc.tuple(time, time).map(([a, b]) => `${a}-${b}`) },
  );
  const rule = fc
    .tuple(
      days,
      fc.oneof(
        fc.constant('off'),
        fc.array(range, { minLength: 1, maxLength: 3 }).map((r) => r.join(',')),
      ),
    )
    .map(([d, t]) => `${d} ${t}`);
  const value = fc
    .tuple(
      fc.array(rule, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', '; PH off', '; PH 10:00-12:00'),
    )
    .map(([rules, ph]) => rules.join('; ') + ph);

  it('gives the library’s own answer on every generated plain value, with or without a day', () => {
    let plain = 0;
    fc.assert(
      fc.property(
        value,
        fc.constantFrom(undefined, '2026-11-28'),
        fc.constantFrom(undefined, '87', '67'),
        (v, today, dep) => {
          if (isPlainHours(v)) plain++;
          expect(checkHours(v, today, dep)).toEqual(checkWithLibrary(v, today, dep));
        },
      ),
      // A fixed seed: the count below must not depend on the draw (about one run in a hundred
      // drew 100 plain values or fewer).
      { numRuns: 300, seed: 87 },
    );
    // Most generated values take the plain path (the others compare the library with itself).
    expect(plain).toBeGreaterThan(100);
  });

  it('accepts a plain value exactly when each of its time ranges ends after it starts', () => {
    const ranges = (v: string) => [...v.matchAll(/(\d\d):(\d\d)-(\d\d):(\d\d)/g)];
    const minutes = (h?: string, m?: string) => Number(h) * 60 + Number(m);
    // Few distinct times: equal starts and ends are drawn often.
    const coarse = value.map((v) =>
      v.replace(/\d\d:\d\d/g, (t) => ['09:00', '12:00', '14:00', '00:00', '24:00'][Number(t[4]) % 5]!),
    );
    fc.assert(
      fc.property(fc.oneof(value, coarse), (v) => {
        const ordered = ranges(v).every(([, h1, m1, h2, m2]) => minutes(h1, m1) < minutes(h2, m2));
        // Its shape alone: the same value with every range in order.
        const shaped = isPlainHours(v.replace(/\d\d:\d\d-\d\d:\d\d/g, '08:00-09:00'));
        expect(isPlainHours(v)).toBe(shaped && ordered);
      }),
      { numRuns: 5000, seed: 87 },
    );
  });

  it('leaves anything else to the library', () => {
    for (const v of [
      'Mo-Fr 9:00-12:00',
      'Mo-Fr 09:00-12:00;PH off',
      'lundi 9h-12h',
      'Mo-Fr 09:00-25:00',
      PAST_CLOSURE,
    ]) {
      expect(checkHours(v)).toEqual(checkWithLibrary(v));
    }
    expect(checkHours('lundi 9h-12h').ok).toBe(false);
  });
});

describe('a check never depends on the date it runs', () => {
  it('reads school holidays the same whatever the machine clock (the library knows a few school years)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // A different « today » each time: the check's cache cannot answer.
      for (const [now, today] of [
        ['2026-12-05T10:00:00Z', '2026-12-05'],
        ['2030-03-04T10:00:00Z', '2026-12-06'],
        ['2024-06-01T10:00:00Z', '2026-12-07'],
      ] as const) {
        vi.setSystemTime(new Date(now));
        expect(checkHours('Mo-Fr 09:00-12:00; SH off', today, '87'), now).toEqual({
          ok: true,
          messages: [],
          suggestion: 'Mo-Fr 09:00-12:00; SH off',
          withoutPast: null,
        });
        expect(checkHours(PAST_CLOSURE, today).ok, now).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
