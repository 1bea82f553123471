// Matching requested tab names against names found in a folder or a file. Names are compared in Unicode
// NFC, so `Relais été` typed on one system matches `Relais été` saved by another (macOS writes file
// names in NFD).

/**
 * Finds `wanted` among `available`: exact match (NFC) first, then a unique case-insensitive match.
 * Returns the name as it appears in `available`.
 */
export function findName(wanted: string, available: readonly string[]): string | undefined {
  const key = wanted.normalize('NFC');
  const exact = available.find((a) => a.normalize('NFC') === key);
  if (exact !== undefined) return exact;
  const lower = key.toLocaleLowerCase('fr');
  const loose = available.filter((a) => a.normalize('NFC').toLocaleLowerCase('fr') === lower);
  return loose.length === 1 ? loose[0] : undefined;
}

/** Requested tabs without duplicates, in order. */
export function uniqueTabs(tabs: readonly string[]): string[] {
  return [...new Set(tabs)];
}
