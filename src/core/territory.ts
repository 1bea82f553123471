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

/** Whether a point lies inside the département's outline (bounding box first, then the polygons). */
export function isInsideDepartement(t: Territory, lon: number, lat: number): boolean {
  const [minLon, minLat, maxLon, maxLat] = t.departement.bbox;
  if (!(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat)) return false;
  for (const polygon of t.polygons) {
    if (polygon[0] === undefined || !pointInRing(lon, lat, polygon[0])) continue;
    let inHole = false;
    for (let h = 1; h < polygon.length && !inHole; h++) inHole = pointInRing(lon, lat, polygon[h]!);
    if (!inHole) return true;
  }
  return false;
}

/** Ray casting (even-odd rule). Indexed loops: called for every place of large workbooks. */
function pointInRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const xi = a[0]!;
    const yi = a[1]!;
    const xj = b[0]!;
    const yj = b[1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
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
