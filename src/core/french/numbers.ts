/** Counting in French: 0 and 1 take the singular, 2 and more the plural. */

/** « commune » or « communes » for a count. */
export function pluralWord(n: number, one: string, many: string): string {
  return Math.abs(n) >= 2 ? many : one;
}

/** « 1 commune », « 3 communes ». */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${pluralWord(n, one, many)}`;
}

/**
 * « 5 000 »: a count (a whole number) as `Intl.NumberFormat('fr-FR')` writes it, groups of three
 * digits separated by a narrow no-break space, without loading ICU's number data (about 6 ms).
 */
export function frenchInteger(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `\u202f${digits.slice(i, i + 3)}`;
  return n <= -1 ? `-${out}` : out;
}
