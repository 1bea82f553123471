/**
 * The commune search: `carte/communes.json` (written by the publisher, see
 * src/core/publish/map-communes.ts), or, when it is missing, the communes named in the feed.
 */
import type { MapCommune } from '../../core/publish/map-communes';
import { normalizeName } from '../common/text';
import type { Place } from './places';

export type { MapCommune };

export interface CommuneIndex {
  communes: MapCommune[];
  byCode: Map<string, MapCommune>;
  keys: Map<MapCommune, string>;
}

export function indexCommunes(communes: MapCommune[]): CommuneIndex {
  return {
    communes,
    byCode: new Map(communes.map((c) => [c.code, c])),
    keys: new Map(communes.map((c) => [c, normalizeName(c.nom)])),
  };
}

/** Reads communes.json defensively; throws when it is not a list of communes. */
export function readCommunes(json: unknown): MapCommune[] {
  if (!Array.isArray(json)) throw new Error('communes.json: a list is expected');
  const out: MapCommune[] = [];
  for (const item of json) {
    if (typeof item !== 'object' || item === null) continue;
    const c = item as Record<string, unknown>;
    if (typeof c.code !== 'string' || typeof c.nom !== 'string') continue;
    const point =
      Array.isArray(c.point) && Number.isFinite(Number(c.point[0])) && Number.isFinite(Number(c.point[1]))
        ? ([Number(c.point[0]), Number(c.point[1])] as [number, number])
        : null;
    out.push({
      code: c.code,
      nom: c.nom,
      codesPostaux: Array.isArray(c.codesPostaux) ? c.codesPostaux.map(String) : [],
      point,
      population: Number(c.population) || 0,
    });
  }
  return out;
}

/** Fallback: the communes the feed's places name, placed at the mean of their places. */
export function communesFromPlaces(places: readonly Place[]): MapCommune[] {
  const groups = new Map<string, { c: MapCommune; lat: number; lon: number; n: number }>();
  for (const p of places) {
    if (!p.commune) continue;
    const key = p.code_insee ?? p.communeKey;
    let g = groups.get(key);
    if (!g) {
      g = {
        c: { code: key, nom: p.commune, codesPostaux: [], point: null, population: 0 },
        lat: 0,
        lon: 0,
        n: 0,
      };
      groups.set(key, g);
    }
    if (p.code_postal && !g.c.codesPostaux.includes(p.code_postal)) g.c.codesPostaux.push(p.code_postal);
    g.lat += p.latitude;
    g.lon += p.longitude;
    g.n++;
  }
  return [...groups.values()].map((g) => ({ ...g.c, point: [g.lon / g.n, g.lat / g.n] as [number, number] }));
}

/**
 * Communes matching what a person typed, best first: the exact name (accents, case, hyphens and
 * « St » ignored) or postcode, then names starting with it, then names containing it.
 */
export function searchCommunes(index: CommuneIndex, query: string, limit = 8): MapCommune[] {
  const q = normalizeName(query);
  if (q === '') return [];
  const compact = query.replace(/\s+/g, '');
  if (/^\d{5}$/.test(compact)) {
    // A postcode first (87100 is Limoges' postcode, and also Montrol-Sénard's INSEE code).
    const byPostcode = index.communes.filter((c) => c.codesPostaux.includes(compact));
    const found = byPostcode.length > 0 ? byPostcode : index.communes.filter((c) => c.code === compact);
    return found.sort((a, b) => b.population - a.population).slice(0, limit);
  }
  const scored: { c: MapCommune; score: number }[] = [];
  for (const c of index.communes) {
    const key = index.keys.get(c) ?? '';
    let score = -1;
    if (key === q) score = 3;
    else if (key.startsWith(`${q} `) || key.startsWith(q)) score = 2;
    else if (key.includes(` ${q}`)) score = 1;
    else if (key.includes(q)) score = 0;
    if (score >= 0) scored.push({ c, score });
  }
  scored.sort(
    (a, b) => b.score - a.score || b.c.population - a.c.population || a.c.nom.localeCompare(b.c.nom, 'fr'),
  );
  return scored.slice(0, limit).map((s) => s.c);
}

/** Whether a place lies in a commune: by INSEE code when both have one, else by name. */
export function isInCommune(place: Place, commune: MapCommune, index: CommuneIndex): boolean {
  if (place.code_insee) return place.code_insee === commune.code;
  return place.communeKey === index.keys.get(commune);
}
