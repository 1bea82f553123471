/**
 * French alphabetical order, as `Intl.Collator('fr', { sensitivity: 'base' })` gives it (case and
 * accents ignored, spaces and punctuation sorted before digits, digits before letters), with the
 * option `numeric` (« Lieu 2 » before « Lieu 10 », leading zeros ignored).
 *
 * Creating the first collator loads ICU's collation data: about 6 ms, paid by every run of the
 * command line that sorts a list. The names of places and communes are nearly always made of
 * Latin letters, digits, spaces and common punctuation: for them the order is computed here, from
 * a key whose code-unit order is the collator's (checked against `Intl.Collator` on every pair of
 * characters handled and on random names, test/core/french/collation.test.ts). A name with any
 * other character is compared by `Intl.Collator` itself, created on first need.
 */

/** Spaces and punctuation handled, in the collator's order (equal ones share a rank below). */
const PUNCTUATION = ' \u00a0\u202f_-\u2013\u2014,;:!?.\'\u2019"«»()[]{}@*/\\&#%`^°+<=>|~$';
/** Characters the collator treats as equal. */
const SAME_RANK: Record<string, string> = { '\u00a0': ' ', '\u202f': ' ', '\u2019': "'" };

/** Letters that are more than a base letter and accents. */
const EXPANSIONS: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o' };

/** Key units: punctuation 1..n, then one unit opening a number (or a digit), then the letters a..z. */
const DIGITS_UNIT = PUNCTUATION.length + 1;
const LETTER_BASE = DIGITS_UNIT + 12;
/** A digit, read with the ones that follow it as a number. */
const DIGIT = 0xffff;

/**
 * The key units of each character handled, by character code (Latin-1 and œ): up to two units
 * (`SECOND` is 0 when there is one), 0 for a character the collator must compare. Latin-1
 * letters are their base letters once accents are removed; ð, þ, × and ÷ are not handled.
 */
const FIRST = new Uint16Array(0x154);
const SECOND = new Uint16Array(0x154);
{
  let rank = 0;
  for (const c of PUNCTUATION) {
    const same = SAME_RANK[c];
    FIRST[c.charCodeAt(0)] = same !== undefined ? FIRST[same.charCodeAt(0)]! : ++rank;
  }
  for (let code = 48; code <= 57; code++) FIRST[code] = DIGIT;
  const letters =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœ';
  for (const c of letters) {
    const base = c
      .toLowerCase()
      .replace(/[æœßø]/g, (l) => EXPANSIONS[l]!)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    FIRST[c.charCodeAt(0)] = LETTER_BASE + base.charCodeAt(0) - 97;
    if (base.length > 1) SECOND[c.charCodeAt(0)] = LETTER_BASE + base.charCodeAt(1) - 97;
  }
}

/** The sort key of a handled text, or null when the collator must compare it. */
function sortKey(text: string, numeric: boolean): string | null {
  // At most three units per character (a one-digit number: its mark, its length, its digit).
  const out = new Uint16Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const unit = code < 0x154 ? FIRST[code]! : 0;
    if (unit === 0) return null;
    if (unit !== DIGIT) {
      out[n++] = unit;
      const second = SECOND[code]!;
      if (second !== 0) out[n++] = second;
    } else if (!numeric) {
      out[n++] = DIGITS_UNIT;
      out[n++] = code - 48;
    } else {
      // A number: its digits without leading zeros, preceded by their count (longer is larger).
      let end = i + 1;
      while (end < text.length && FIRST[text.charCodeAt(end)] === DIGIT) end++;
      let start = i;
      while (start < end - 1 && text.charCodeAt(start) === 48) start++;
      out[n++] = DIGITS_UNIT;
      out[n++] = end - start;
      for (let d = start; d < end; d++) out[n++] = text.charCodeAt(d) - 48;
      i = end - 1;
    }
  }
  let key = '';
  for (let i = 0; i < n; i += 4096)
    key += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return key;
}

export interface FrenchOrder {
  /** Negative, zero or positive, as `Intl.Collator.compare`. */
  compare(a: string, b: string): number;
}

/** The order of `Intl.Collator('fr', { sensitivity: 'base', numeric })`, mostly without ICU. */
export function frenchOrder(options: { numeric?: boolean } = {}): FrenchOrder {
  const numeric = options.numeric === true;
  let collator: Intl.Collator | undefined;
  const keys = new Map<string, string | null>();
  const keyOf = (text: string): string | null => {
    let key = keys.get(text);
    if (key === undefined) {
      key = sortKey(text, numeric);
      // Bounded: a long-lived page sorting many lists keeps at most this many keys.
      if (keys.size >= 20_000) keys.clear();
      keys.set(text, key);
    }
    return key;
  };
  return {
    compare(a, b) {
      const ka = keyOf(a);
      const kb = keyOf(b);
      if (ka !== null && kb !== null) return ka < kb ? -1 : ka > kb ? 1 : 0;
      collator ??= new Intl.Collator('fr', { sensitivity: 'base', numeric });
      return collator.compare(a, b);
    },
  };
}
