/** Counting in French: 0 and 1 take the singular, 2 and more the plural. */

/** « commune » or « communes » for a count. */
export function pluralWord(n: number, one: string, many: string): string {
  return Math.abs(n) >= 2 ? many : one;
}

/** « 1 commune », « 3 communes ». */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${pluralWord(n, one, many)}`;
}
