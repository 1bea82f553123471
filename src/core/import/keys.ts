/**
 * Comparison keys for places: two spellings of one name or one address give the same words.
 * Accents, case, punctuation and hyphens are ignored, the abbreviations of French street and place
 * names are spelled out ("St" -> saint, "av." -> avenue, "bd" -> boulevard), and small words
 * ("de", "la", "l'") are dropped: « 12 av. Henri-Barbusse » and « 12 Avenue Henri Barbusse » agree.
 */
import { normalizeCommuneName } from '../territory';

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  boul: 'boulevard',
  bvd: 'boulevard',
  pl: 'place',
  r: 'rue',
  rte: 'route',
  ch: 'chemin',
  chem: 'chemin',
  imp: 'impasse',
  all: 'allee',
  fg: 'faubourg',
  fbg: 'faubourg',
  sq: 'square',
  crs: 'cours',
  res: 'residence',
  pte: 'porte',
  gal: 'general',
  gen: 'general',
  mal: 'marechal',
  pdt: 'president',
  dr: 'docteur',
  pr: 'professeur',
  cdt: 'commandant',
};

const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en']);

/** The words of a name or an address, spelled out and without small words. */
export function placeWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return normalizeCommuneName(text.replace(/(\d)([a-z])/gi, '$1 $2'))
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .filter((word) => word !== '' && !SMALL_WORDS.has(word));
}

/** One key per spelling family: equal keys mean the same name or the same address. */
export function placeKey(text: string | null | undefined): string {
  return placeWords(text).join(' ');
}

/**
 * Whether two names designate a similar place once the commune's own words are left aside
 * (« Médiathèque de Saint-Junien » and « Mairie de Saint-Junien » are not similar; « Médiathèque »
 * and « Médiathèque municipale » are): half of the shorter name's words are in the other.
 */
export function similarNames(a: string | null, b: string | null, commune: string | null): boolean {
  const communeWords = new Set(placeWords(commune));
  const strip = (name: string | null) => {
    const words = placeWords(name);
    const kept = words.filter((w) => !communeWords.has(w));
    return new Set(kept.length > 0 ? kept : words);
  };
  const x = strip(a);
  const y = strip(b);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared > 0 && shared / Math.min(x.size, y.size) >= 0.5;
}
