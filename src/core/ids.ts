/**
 * Stable identifiers for rows: a prefix and a random base-32 suffix (`lieu-7k3q9xbz`).
 *
 * An id is never derived from the row's position or content, so sorting, moving or renaming a row
 * keeps it; it is never reused, because it is random over 40 bits (a collision among 10,000 rows has
 * a probability below 1 in 20,000) and checked against the ids already present when it is drawn.
 */

/** Crockford's base 32 in lower case: no i, l, o, u, so an id read aloud or retyped stays unambiguous. */
export const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const ID_LENGTH = 8;

export type RandomSource = () => number;

function suffix(random: RandomSource, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const n = Math.floor(random() * ID_ALPHABET.length);
    out += ID_ALPHABET[Math.min(Math.max(n, 0), ID_ALPHABET.length - 1)];
  }
  return out;
}

/** Whether a text has the shape of an id Maillage draws for this prefix. */
export function isGeneratedId(prefix: string, id: string): boolean {
  if (!id.startsWith(`${prefix}-`)) return false;
  const rest = id.slice(prefix.length + 1);
  return rest.length >= ID_LENGTH && [...rest].every((c) => ID_ALPHABET.includes(c));
}

/**
 * `count` new ids, distinct from each other and from every id in `existing` (compared without
 * regard to case or surrounding spaces, as a person would read them).
 */
export function newIds(
  prefix: string,
  count: number,
  existing: Iterable<string | null | undefined>,
  random: RandomSource = Math.random,
): string[] {
  const taken = new Set<string>();
  for (const id of existing) if (id) taken.add(id.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let length = ID_LENGTH;
    let attempts = 0;
    let id = `${prefix}-${suffix(random, length)}`;
    while (taken.has(id)) {
      attempts++;
      // A broken random source cannot loop forever: longer suffixes end the collisions.
      if (attempts % 8 === 0) length++;
      id = `${prefix}-${suffix(random, length)}`;
    }
    taken.add(id);
    out.push(id);
  }
  return out;
}

export function newId(
  prefix: string,
  existing: Iterable<string | null | undefined>,
  random: RandomSource = Math.random,
): string {
  return newIds(prefix, 1, existing, random)[0]!;
}
