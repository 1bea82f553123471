import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frenchInteger } from '../../../src/core/french/numbers';

describe('frenchInteger', () => {
  const intl = new Intl.NumberFormat('fr-FR');

  it('writes counts as Intl.NumberFormat("fr-FR") does', () => {
    for (const n of [0, 1, 9, 10, 999, 1000, 5000, 10_000, 123_456, 1_000_000, 1_234_567_890, -5000]) {
      expect(frenchInteger(n)).toBe(intl.format(n));
    }
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => frenchInteger(n) === intl.format(n)),
      { numRuns: 5000, seed: 87 },
    );
  });

  it('separates thousands with a narrow no-break space', () => {
    expect(frenchInteger(5000)).toBe('5\u202f000');
  });
});
