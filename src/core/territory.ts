// The territory of the network: one département, its current communes (COG), their points and
// the département's outline. Pure: the data is built elsewhere (src/node/territory.ts, or embedded
// by the Apps Script build) and handed over as a serialisable TerritoryData.

/** [longitude, latitude] in WGS 84 degrees. */
export type LonLat = [number, number];

/** [minLon, minLat, maxLon, maxLat]. */
export type Bbox = [number, number, number, number];

/** GeoJSON Polygon coordinates, or MultiPolygon coordinates. */
export type Outline = number[][][] | number[][][][];

export interface Commune {
  /** Current INSEE code (COG), e.g. "87085" or "2A004". */
  code: string;
  nom: string;
  codesPostaux: string[];
  population: number;
  epci: { code: string; nom: string } | null;
  /** A point inside the commune, or null when no outline is known for it. */
  point: LonLat | null;
}

export interface TerritoryData {
  departement: { code: string; nom: string; bbox: Bbox; outline: Outline };
  communes: Commune[];
  /**
   * Other codes designating a current commune -> its current code: codes of communes merged into
   * it, and codes of the municipal arrondissements of Paris, Lyon and Marseille.
   */
  anciensCodes: Record<string, string>;
}

export interface Territory extends TerritoryData {
  byCode: Map<string, Commune>;
  /** Old (merged) or arrondissement code -> current commune. */
  byOldCode: Map<string, Commune>;
  /** normalizeCommuneName(nom) -> communes (several communes of a département may share a name). */
  byName: Map<string, Commune[]>;
  /** The outline as a list of polygons (each [outer ring, ...holes]). */
  polygons: number[][][][];
}

export function makeTerritory(data: TerritoryData): Territory {
  const byCode = new Map<string, Commune>();
  const byName = new Map<string, Commune[]>();
  for (const commune of data.communes) {
    byCode.set(commune.code, commune);
    const key = normalizeCommuneName(commune.nom);
    const homonyms = byName.get(key);
    if (homonyms) homonyms.push(commune);
    else byName.set(key, [commune]);
  }
  const byOldCode = new Map<string, Commune>();
  for (const [oldCode, currentCode] of Object.entries(data.anciensCodes)) {
    const commune = byCode.get(currentCode);
    if (commune && !byCode.has(oldCode)) byOldCode.set(oldCode, commune);
  }
  return { ...data, byCode, byOldCode, byName, polygons: polygonsOf(data.departement.outline) };
}

function polygonsOf(outline: Outline): number[][][][] {
  const first = outline[0]?.[0]?.[0];
  return typeof first === 'number' ? [outline as number[][][]] : (outline as number[][][][]);
}

/**
 * The current commune designated by an INSEE code, current or old (merged communes, municipal
 * arrondissements). Tolerates spaces, lower case ("2a004") and numbers that lost their leading
 * zero (1001 for 01001).
 */
export function resolveCommuneCode(t: Territory, code: string | number): Commune | undefined {
  let normalized = String(code).replace(/\s+/g, '').toUpperCase();
  if (/^\d{4}$/.test(normalized)) normalized = `0${normalized}`;
  return t.byCode.get(normalized) ?? t.byOldCode.get(normalized);
}

const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

/**
 * A comparison key for commune names: no accents, lower case, words separated by one space
 * (hyphens, apostrophes and punctuation are separators), "St"/"Ste" spelled "saint"/"sainte".
 * "Saint-Junien", "St Junien" and "saint-junien" all give "saint junien".
 */
export function normalizeCommuneName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** The communes of the territory bearing this name (accents, case, hyphens and "St" ignored). */
export function findCommunesByName(t: Territory, name: string): Commune[] {
  return [...(t.byName.get(normalizeCommuneName(name)) ?? [])];
}

/**
 * The outline's edges sorted into horizontal bands of the bounding box: a ray cast from a point
 * only meets edges of its own band (a handful instead of every edge of the outline). Each band
 * is a flat list `x1, y1, x2, y2, ...`. Built on first use per territory.
 */
interface EdgeBands {
  minLat: number;
  step: number;
  bands: number[][];
}

const BAND_COUNT = 256;
const edgeBandsCache = new WeakMap<Territory, EdgeBands>();

function edgeBands(t: Territory): EdgeBands {
  let cached = edgeBandsCache.get(t);
  if (cached) return cached;
  const [, minLat, , maxLat] = t.departement.bbox;
  const step = (maxLat - minLat) / BAND_COUNT || 1;
  const bands: number[][] = Array.from({ length: BAND_COUNT }, () => []);
  const band = (lat: number) => Math.min(BAND_COUNT - 1, Math.max(0, Math.floor((lat - minLat) / step)));
  for (const polygon of t.polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[j] as [number, number];
        const [x2, y2] = ring[i] as [number, number];
        const last = band(Math.max(y1, y2));
        for (let k = band(Math.min(y1, y2)); k <= last; k++) bands[k]!.push(x1, y1, x2, y2);
      }
    }
  }
  cached = { minLat, step, bands };
  edgeBandsCache.set(t, cached);
  return cached;
}

/**
 * Whether a point lies inside the département's outline: bounding box first, then a ray cast
 * (even-odd rule over every ring: holes and separate polygons come out right) against the edges
 * of the point's band.
 */
export function isInsideDepartement(t: Territory, lon: number, lat: number): boolean {
  const [minLon, minLat, maxLon, maxLat] = t.departement.bbox;
  if (!(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat)) return false;
  const index = edgeBands(t);
  const k = Math.min(BAND_COUNT - 1, Math.max(0, Math.floor((lat - index.minLat) / index.step)));
  const edges = index.bands[k]!;
  let inside = false;
  for (let e = 0; e < edges.length; e += 4) {
    const x1 = edges[e]!;
    const y1 = edges[e + 1]!;
    const x2 = edges[e + 2]!;
    const y2 = edges[e + 3]!;
    if (y1 > lat !== y2 > lat && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres between two [lon, lat] points (haversine). */
export function distanceKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** « Réseau d’inclusion numérique — Haute-Vienne (87) »: how the network signs its mails and letters. */
export function networkName(departement: { code: string; nom: string }): string {
  return `Réseau d’inclusion numérique — ${departement.nom} (${departement.code})`;
}
