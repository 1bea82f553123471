/** Small text helpers: name matching without accents, slugs for the URL, safe links. */
import { normalizeCommuneName } from '../../core/territory';

/**
 * Lower case, no accents, punctuation as spaces, `St`/`Ste` spelled out: « St Junien »,
 * « saint-junien » and « Saint-Junien » all give « saint junien » (the core's commune key).
 */
export const normalizeName = normalizeCommuneName;

/** « Aide aux démarches administratives » -> « aide-aux-demarches-administratives ». */
export function slug(value: string): string {
  return normalizeName(value).replace(/ /g, '-');
}

/** An http(s) address, or null: `javascript:` and the like never become links. */
export function webUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let candidate = value.trim();
  if (/^www\./i.test(candidate)) candidate = `https://${candidate}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function mailUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const address = value.trim();
  return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(address)
    ? `mailto:${address}`
    : null;
}

const numberFormat = new Intl.NumberFormat('fr-FR');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** « 1 lieu », « 2 lieux » ; `plural` defaults to adding an s. */
export function countText(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n > 1 ? plural : singular}`;
}

/** « à 800 m », « à 3,2 km », « à 12 km ». */
export function distanceText(km: number): string {
  if (km < 1) return `à ${Math.max(100, Math.round((km * 1000) / 100) * 100)} m`;
  if (km < 10) return `à ${km.toFixed(1).replace('.', ',')} km`;
  return `à ${Math.round(km)} km`;
}
