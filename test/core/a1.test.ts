import { describe, expect, it } from 'vitest';
import { a1, columnLetter, columnNumber, runs } from '../../src/core/a1';

describe('A1 notation', () => {
  it('names columns as Sheets and Excel do, both ways', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    for (let n = 1; n <= 1000; n++) expect(columnNumber(columnLetter(n))).toBe(n);
    expect(columnNumber('xfd')).toBe(16384);
  });

  it('writes ranges and groups columns into runs', () => {
    expect(a1(2, 3)).toBe('C2');
    expect(a1(2, 2, 8, 3)).toBe('B2:D9');
    expect(runs([9, 3, 5, 4, 4])).toEqual([[3, 4, 5], [9]]);
  });
});
