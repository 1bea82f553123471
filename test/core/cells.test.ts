import { describe, expect, it } from 'vitest';
import {
  fold,
  isoDateToSerial,
  serialToIsoDate,
  splitMulti,
  toBoolean,
  toIsoDate,
  toIsoDateTime,
  toNumber,
  toText,
  toTime,
} from '../../src/core/cells';

describe('dates', () => {
  it('reads serial days (Sheets API), Date objects (Apps Script) and typed text alike', () => {
    expect(serialToIsoDate(46354)).toBe('2026-11-28');
    expect(isoDateToSerial('2026-11-28')).toBe(46354);
    expect(toIsoDate(46354.75)).toBe('2026-11-28');
    // Apps Script gives local midnight in the spreadsheet's zone: 2026-11-27T23:00Z is 28/11 in Paris.
    expect(toIsoDate(new Date('2026-11-27T23:00:00Z'))).toBe('2026-11-28');
    expect(toIsoDate(new Date('2026-07-27T22:00:00Z'))).toBe('2026-07-28');
    expect(toIsoDate('28/11/2026')).toBe('2026-11-28');
    expect(toIsoDate('2026-11-28')).toBe('2026-11-28');
    expect(toIsoDate('28-11-26')).toBe('2026-11-28');
  });

  it('refuses dates that do not exist', () => {
    expect(toIsoDate('31/02/2026')).toBeNull();
    expect(toIsoDate('2026-13-01')).toBeNull();
    expect(toIsoDate('demain')).toBeNull();
    expect(toIsoDate(new Date(Number.NaN))).toBeNull();
    expect(toIsoDate(-5)).toBeNull();
  });

  it('reads times as fractions, Date objects and text', () => {
    expect(toTime(0.375)).toBe('09:00');
    expect(toTime(0.6041666666)).toBe('14:30');
    // Apps Script time cells: 1899-12-30 in the spreadsheet's zone (Paris had LMT +00:09:21 then).
    expect(toTime(new Date('1899-12-30T09:20:39Z'))).toBe('09:30');
    expect(toTime('9h30')).toBe('09:30');
    expect(toTime('9 h')).toBe('09:00');
    expect(toTime('09:30:00')).toBe('09:30');
    expect(toTime('25:00')).toBeNull();
    expect(toTime('9')).toBeNull();
    expect(toTime(1.5)).toBeNull();
  });

  it('reads date-times', () => {
    expect(toIsoDateTime(46354.5)).toBe('2026-11-28T12:00');
    expect(toIsoDateTime(new Date('2026-03-29T08:00:00Z'))).toBe('2026-03-29T10:00');
    expect(toIsoDateTime('28/11/2026 14:05')).toBe('2026-11-28T14:05');
  });
});

describe('text, numbers, booleans, lists', () => {
  it('turns numbers Sheets made of text back into text without exponent', () => {
    expect(toText(43493312300029)).toBe('43493312300029');
    expect(toText(' Limoges ')).toBe('Limoges');
    expect(toText(true)).toBe('oui');
  });

  it('reads French decimal commas', () => {
    expect(toNumber('45,8336')).toBe(45.8336);
    expect(toNumber('1.26')).toBe(1.26);
    expect(toNumber('abc')).toBeNull();
    expect(toNumber(Number.NaN)).toBeNull();
  });

  it('reads oui/non in several spellings', () => {
    expect(toBoolean('Oui')).toBe(true);
    expect(toBoolean('FAUX')).toBe(false);
    expect(toBoolean(true)).toBe(true);
    expect(toBoolean('peut-être')).toBeNull();
  });

  it('splits multi-value cells on | or on the chips separator', () => {
    expect(splitMulti('Jeunes|Seniors')).toEqual(['Jeunes', 'Seniors']);
    expect(splitMulti('Jeunes, Seniors')).toEqual(['Jeunes', 'Seniors']);
    expect(splitMulti(' Jeunes | | Seniors ')).toEqual(['Jeunes', 'Seniors']);
  });

  it('folds accents, case and apostrophes', () => {
    expect(fold('  Modalités  d’accès ')).toBe("modalites d'acces");
  });
});
