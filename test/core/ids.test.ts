import { describe, expect, it } from 'vitest';
import { ID_ALPHABET, ID_LENGTH, isGeneratedId, newId, newIds } from '../../src/core/ids';

/** A deterministic random source (a linear congruential generator). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('stable ids', () => {
  it('draws a prefix and 8 characters of Crockford base 32', () => {
    const id = newId('lieu', [], seeded(1));
    expect(id).toMatch(new RegExp(`^lieu-[${ID_ALPHABET}]{${ID_LENGTH}}$`));
    expect(isGeneratedId('lieu', id)).toBe(true);
    expect(isGeneratedId('perm', id)).toBe(false);
    expect(isGeneratedId('lieu', 'lieu-0001')).toBe(false);
    expect(ID_ALPHABET).not.toMatch(/[ilou]/);
  });

  it('never gives an id already present, whatever its case or spaces', () => {
    const first = newId('lieu', [], seeded(7));
    // The same random source would draw the same id: it is taken, so another one comes.
    const second = newId('lieu', [` ${first.toUpperCase()} `], seeded(7));
    expect(second).not.toBe(first);
  });

  it('gives distinct ids in one batch, even from a broken random source', () => {
    const ids = newIds('perm', 50, ['perm-00000000'], () => 0);
    expect(new Set(ids).size).toBe(50);
    expect(ids).not.toContain('perm-00000000');
    const many = newIds('relais', 2000, [], seeded(3));
    expect(new Set(many).size).toBe(2000);
  });
});
