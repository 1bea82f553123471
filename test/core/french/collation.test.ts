import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frenchOrder } from '../../../src/core/french/collation';

const sign = (n: number) => Math.sign(n);
const collators = {
  numeric: new Intl.Collator('fr', { sensitivity: 'base', numeric: true }),
  plain: new Intl.Collator('fr', { sensitivity: 'base' }),
};

/** Every character the fast path handles, and some it leaves to the collator. */
const HANDLED = [
  ...' \u00a0\u202f_-\u2013\u2014,;:!?.\u2019\'"«»()[]{}@*/\\&#%`^°+<=>|~$',
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœ',
];
const OTHERS = [...'ðÐþÞ×÷ŸĀłŁıİ\u00ad\u200b\t\n€£¿¡§¶·…“”„‹›\u0301'];

describe('French order without ICU', () => {
  for (const [mode, collator] of Object.entries(collators)) {
    const order = frenchOrder({ numeric: mode === 'numeric' });

    it(`agrees with Intl.Collator (${mode}) on every pair of characters, handled or not`, () => {
      const chars = [...HANDLED, ...OTHERS];
      const wrong: string[] = [];
      for (const a of chars)
        for (const b of chars)
          if (sign(order.compare(a, b)) !== sign(collator.compare(a, b))) wrong.push(`${a}|${b}`);
      expect(wrong).toEqual([]);
    });

    it(`agrees with Intl.Collator (${mode}) on random names, numbers and punctuation`, () => {
      const piece = fc.oneof(
        fc.constantFrom(...HANDLED),
        fc.constantFrom(...OTHERS),
        fc.constantFrom('0', '00', '007', '10', '2', '12', '123'),
        fc.constantFrom('Saint-', 'Médiathèque ', 'Œuvre ', 'l’', 'CCAS ', 'Espace ', 'Lieu '),
      );
      const name = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
      fc.assert(
        fc.property(name, name, (a, b) => sign(order.compare(a, b)) === sign(collator.compare(a, b))),
        { numRuns: 20_000, seed: 87 },
      );
    });
  }

  it('sorts the names of every commune of France as Intl.Collator does', () => {
    const require = createRequire(import.meta.url);
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as { nom: string }[];
    const names = communes.map((c) => c.nom);
    expect(names.length).toBeGreaterThan(30_000);
    for (const [mode, collator] of Object.entries(collators)) {
      const order = frenchOrder({ numeric: mode === 'numeric' });
      expect([...names].sort(order.compare)).toEqual([...names].sort(collator.compare));
    }
  });

  it('never loads ICU for the names of the communes of Haute-Vienne and Moselle', () => {
    const require = createRequire(import.meta.url);
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as {
      nom: string;
      departement: string;
    }[];
    const names = communes.filter((c) => ['87', '57'].includes(c.departement)).map((c) => c.nom);
    const expected = [...names].sort(collators.numeric.compare);
    const real = Intl.Collator;
    Intl.Collator = (() => {
      throw new Error('ICU chargé');
    }) as unknown as typeof Intl.Collator;
    try {
      expect([...names].sort(frenchOrder({ numeric: true }).compare)).toEqual(expected);
    } finally {
      Intl.Collator = real;
    }
  });

  it('orders numbers by value, ignores case, accents and leading zeros', () => {
    const order = frenchOrder({ numeric: true });
    const names = ['Lieu 10', 'lieu 2', 'Lieu 02 bis', 'École', 'ecole', 'Eglise', 'Œuvre', 'Oeuvre'];
    expect(names.sort(order.compare)).toEqual([
      'École',
      'ecole',
      'Eglise',
      'lieu 2',
      'Lieu 02 bis',
      'Lieu 10',
      'Œuvre',
      'Oeuvre',
    ]);
    expect(frenchOrder().compare('Lieu 10', 'Lieu 2')).toBeLessThan(0);
  });
});
