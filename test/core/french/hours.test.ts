/**
 * The one description of opening hours: the usual week is the week without exceptions, exceptions
 * are said plainly, and « open now / next opening » agrees with the reference library on every day
 * of a year for real-world values.
 */
import OpeningHours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import { addDays, type CivilDate, dateKey, type Moment } from '../../../src/core/calendar/civil';
import { describeWeek, exceptions, nowStatus, weekLines } from '../../../src/core/french/hours';
import { osmLocation } from '../../../src/core/hours/check';
import { compileOsm, readSchedule } from '../../../src/core/hours/osm';
import { parseSimpleHours, type Schedule } from '../../../src/core/hours/schedule';

const ctx = { departement: '87' };
const sp = (text: string) => text.replace(/\u00a0/g, ' ');
const day = (iso: string): CivilDate => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};

const BELLAC = 'Mo-Fr 09:00-17:00; Dec 24-Jan 01 off';

describe('closures told in words', () => {
  const engines: [string, (v: string) => Schedule | null][] = [
    ['simple reader', parseSimpleHours],
    ['reference library', (v) => compileOsm(v, '87')],
  ];

  for (const [name, read] of engines) {
    it(`reads the Bellac closure right on 5, 21 and 28 December (${name})`, () => {
      const schedule = read(BELLAC)!;
      expect(schedule).not.toBeNull();
      for (const today of ['2026-12-05', '2026-12-21', '2026-12-28']) {
        expect(sp(describeWeek(schedule, day(today), ctx)), today).toBe(
          'Du lundi au vendredi : de 9 h à 17 h. Samedi et dimanche : fermé. Fermé du 24 décembre au 1er janvier.',
        );
      }
      // Once the closure is over, it is no longer mentioned (until it comes near again).
      expect(sp(describeWeek(schedule, day('2027-01-04'), ctx))).toBe(
        'Du lundi au vendredi : de 9 h à 17 h. Samedi et dimanche : fermé.',
      );
    });
  }

  it('says a single closed day, public holidays, and days with other hours', () => {
    const nov = readSchedule('Mo-Fr 09:00-12:00; 2026 Nov 11 off')!;
    expect(exceptions(nov, day('2026-11-05'), ctx).map((e) => e.text)).toEqual(['Fermé le 11 novembre']);
    const ph = readSchedule('Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off')!;
    expect(sp(describeWeek(ph, day('2026-11-05'), ctx))).toBe(
      'Lundi, mercredi et vendredi : de 9 h à 12 h. Mardi, jeudi, samedi et dimanche : fermé. Fermé les jours fériés.',
    );
    const short = readSchedule('Mo-Fr 09:00-12:00,14:00-17:00; Dec 24,Dec 31 09:00-12:00; PH off')!;
    expect(exceptions(short, day('2026-12-01'), ctx).map((e) => sp(e.text))).toEqual([
      'Le 24 décembre : de 9 h à 12 h',
      'Le 31 décembre : de 9 h à 12 h',
    ]);
    const summer = readSchedule('Mo-Fr 09:00-17:00; Aug off "congés"')!;
    expect(exceptions(summer, day('2027-06-01'), ctx).map((e) => e.text)).toEqual(['Fermé du 2 au 31 août']);
  });

  it('groups the usual week, not the next seven days', () => {
    const schedule = parseSimpleHours(BELLAC)!;
    expect(weekLines(schedule, day('2026-12-21'), ctx).map((l) => l.days)).toEqual([
      'Du lundi au vendredi',
      'Samedi et dimanche',
    ]);
  });
});

/** Real-world values: weekdays, split days, PH, SH, date ranges, week numbers, off, comments. */
const CORPUS = [
  'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
  BELLAC,
  'Mo-Fr 09:00-17:00; Dec 24-Jan 01 off; PH off',
  'Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off',
  'Tu-Sa 10:00-12:00,14:00-18:00; Jul-Aug Sa off; PH off',
  'Mo-Fr 09:00-12:00; SH off',
  'Mo-Fr 08:30-12:00,13:30-17:00; SH Mo-Fr 09:00-12:00; PH off',
  'week 01-53/2 Mo 09:00-12:00',
  'week 02-52/2 Tu 14:00-16:30; PH off',
  'Mo-Fr 09:00-12:00 "sur rendez-vous"; PH off',
  'Tu,Th 14:00-17:00 "accès libre"; Aug off "fermeture estivale"',
  'Mo[1] 09:00-12:00',
  'Sa 09:00-12:00; Dec 25 off',
  'Mo-Sa 10:00-19:00; Su,PH off',
  '24/7',
  'Mo-Fr 09:00-12:00; 2027 Apr 12-2027 Apr 23 off',
  'We 14:00-18:00; Jan-Jun,Sep-Dec Sa 10:00-12:00',
];

/**
 * The library's state at a local wall-clock moment, and its next opening. Hours carrying a comment
 * (« sur rendez-vous ») are « unknown » to the library: they are shown as opening hours.
 */
function reference(oh: OpeningHours, at: Date): { open: boolean; next: number | null } {
  const open = oh.getState(at) || oh.getUnknown(at);
  if (open) return { open, next: null };
  const change = oh.getNextChange(at, new Date(at.getTime() + 400 * 86_400_000));
  return { open, next: change ? change.getTime() : null };
}

function localTime(m: Moment): number {
  return new Date(m.date.y, m.date.m - 1, m.date.d, 0, m.minutes).getTime();
}

describe('open now and next opening agree with the reference library on every day of a year', () => {
  it.each(CORPUS)('%s', (value) => {
    const oh = new OpeningHours(value, osmLocation('87') as never);
    const schedule = readSchedule(value, '87');
    expect(schedule).not.toBeNull();
    // The library knows school holidays (SH) up to the school year 2026-2027 only.
    const start = day(/\bSH\b/.test(value) ? '2026-01-01' : '2027-01-01');
    for (let i = 0; i < 365; i++) {
      const date = addDays(start, i);
      for (const minutes of [8 * 60 + 59, 10 * 60 + 30, 12 * 60 + 45, 18 * 60]) {
        const now: Moment = { date, minutes };
        const ours = nowStatus(schedule!, now, ctx);
        const theirs = reference(oh, new Date(localTime(now)));
        const label = `${value} @ ${dateKey(date)} ${minutes}`;
        expect(ours.open, label).toBe(theirs.open);
        if (!ours.open) expect(ours.next ? localTime(ours.next) : null, label).toBe(theirs.next);
      }
    }
  });
});

describe('school holidays beyond what the library knows', () => {
  it('reads the usual hours rather than none', () => {
    const schedule = compileOsm('Mo-Fr 09:00-12:00; SH off', '87')!;
    // February 2026 winter holidays in Nouvelle-Aquitaine (zone A): closed; the library knows them.
    expect(schedule.day(day('2026-02-09'), false)).toEqual([]);
    expect(schedule.day(day('2026-03-02'), false)).toEqual([[540, 720]]);
    // 2030: no school holidays known to the library: the usual hours, not « closed ».
    expect(schedule.day(day('2030-03-04'), false)).toEqual([[540, 720]]);
    expect(sp(describeWeek(schedule, day('2030-03-04'), ctx))).toBe(
      'Du lundi au vendredi : de 9 h à 12 h. Samedi et dimanche : fermé.',
    );
  });
});
