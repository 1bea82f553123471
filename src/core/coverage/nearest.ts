/**
 * Nearest-point queries on the sphere, exact, without scanning every point: the points are bucketed
 * in a latitude/longitude grid sized to hold about two points per cell, and a query visits the cells
 * ring by ring around its own, stopping as soon as no unvisited cell can hold a closer point (the
 * lower bounds below follow from the haversine formula). 35,000 communes × 10,000 places take a few
 * hundred milliseconds; see bench/coverage.ts.
 */

/** Mean Earth radius (km), the one territory.distanceKm uses: one straight-line distance in all of Maillage. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;
/** Rings visited before a query gives up on the grid and scans every point. */
const MAX_RINGS = 48;

/** Great-circle distance in km between two [lon, lat] points (haversine). */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return haversineWithCos(lon1, lat1, Math.cos(lat1 * RAD), lon2, lat2, Math.cos(lat2 * RAD));
}

/** The same, with both cosines of latitude given: the index precomputes them, with identical results. */
function haversineWithCos(
  lon1: number,
  lat1: number,
  cos1: number,
  lon2: number,
  lat2: number,
  cos2: number,
): number {
  const sLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = sLat * sLat + cos1 * cos2 * sLon * sLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Nearest {
  /** Index of the point in the array given to the index. */
  index: number;
  km: number;
}

export class NearestIndex {
  private readonly lons: Float64Array;
  private readonly lats: Float64Array;
  private readonly cosLats: Float64Array;
  private readonly minLat: number;
  private readonly minLon: number;
  private readonly rows: number;
  private readonly cols: number;
  private readonly cellLat: number;
  private readonly cellLon: number;
  /** Start of each cell's points in `order` (CSR layout), length rows * cols + 1. */
  private readonly starts: Int32Array;
  private readonly order: Int32Array;
  /** Largest |latitude| of the points: bounds how short a degree of longitude can be. */
  private readonly maxAbsLat: number;

  constructor(points: readonly (readonly [number, number])[]) {
    const n = points.length;
    this.lons = new Float64Array(n);
    this.lats = new Float64Array(n);
    this.cosLats = new Float64Array(n);
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    let maxAbsLat = 0;
    points.forEach(([lon, lat], i) => {
      this.lons[i] = lon;
      this.lats[i] = lat;
      this.cosLats[i] = Math.cos(lat * RAD);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      maxAbsLat = Math.max(maxAbsLat, Math.abs(lat));
    });
    this.maxAbsLat = maxAbsLat;
    if (n === 0) {
      minLat = maxLat = minLon = maxLon = 0;
    }
    this.minLat = minLat;
    this.minLon = minLon;
    // Cells roughly square on the ground, about two points per cell of the area where most points
    // are (2nd to 98th percentile: overseas communes must not make the metropolitan cells huge).
    const sortedLat = Array.from(this.lats).sort((a, b) => a - b);
    const sortedLon = Array.from(this.lons).sort((a, b) => a - b);
    const q = (list: number[], f: number) =>
      list[Math.min(list.length - 1, Math.floor(f * list.length))] ?? 0;
    const coreLat = q(sortedLat, 0.98) - q(sortedLat, 0.02);
    const cosMid = Math.max(0.05, Math.cos(((q(sortedLat, 0.02) + q(sortedLat, 0.98)) / 2) * RAD));
    const coreLon = (q(sortedLon, 0.98) - q(sortedLon, 0.02)) * cosMid;
    const cells = Math.max(1, Math.ceil(n / 2));
    let side = Math.max(Math.sqrt((Math.max(coreLat, 1e-3) * Math.max(coreLon, 1e-3)) / cells), 1e-3);
    // Never more than about 4 million cells over the whole extent.
    const spanLat = maxLat - minLat;
    const spanLon = (maxLon - minLon) * cosMid;
    while ((spanLat / side + 1) * (spanLon / side + 1) > 4_000_000) side *= 1.5;
    this.cellLat = side;
    this.cellLon = side / cosMid;
    this.rows = Math.max(1, Math.floor(spanLat / this.cellLat) + 1);
    this.cols = Math.max(1, Math.floor((maxLon - minLon) / this.cellLon) + 1);
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(this.rows * this.cols + 1);
    for (let i = 0; i < n; i++) {
      const c = this.row(this.lats[i]!) * this.cols + this.col(this.lons[i]!);
      cellOf[i] = c;
      counts[c + 1]!++;
    }
    for (let c = 0; c < this.rows * this.cols; c++) counts[c + 1]! += counts[c]!;
    this.starts = counts;
    this.order = new Int32Array(n);
    const fill = counts.slice(0, this.rows * this.cols);
    for (let i = 0; i < n; i++) this.order[fill[cellOf[i]!]!++] = i;
  }

  get size(): number {
    return this.lons.length;
  }

  private row(lat: number): number {
    return Math.floor((lat - this.minLat) / this.cellLat);
  }

  private col(lon: number): number {
    return Math.floor((lon - this.minLon) / this.cellLon);
  }

  /** Shortest possible distance (km) to a point whose cell is `rings` cells away in latitude or longitude. */
  private lowerBoundKm(rings: number, queryLat: number): number {
    if (rings <= 0) return 0;
    const byLat = rings * this.cellLat * RAD * EARTH_RADIUS_KM;
    // hav(d) >= cos(lat1) cos(lat2) hav(dLon) >= cos²(maxLat) hav(dLon)
    const cosMax = Math.cos(Math.max(this.maxAbsLat, Math.abs(queryLat)) * RAD);
    const dLon = Math.min(Math.PI, rings * this.cellLon * RAD);
    const byLon = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, cosMax * Math.sin(dLon / 2)));
    return Math.min(byLat, byLon);
  }

  /** Distance from a query (lon, lat, cos lat) to point i: haversine with the point's cosine precomputed. */
  private distance(lon: number, lat: number, cosLat: number, i: number): number {
    return haversineWithCos(lon, lat, cosLat, this.lons[i]!, this.lats[i]!, this.cosLats[i]!);
  }

  /**
   * Walks the cells ring by ring around [lon, lat] while a point closer than `limit()` may remain, and
   * hands each point of each visited cell to `see`. Past MAX_RINGS rings (a query far from every
   * point), hands every point instead (points already seen come again: the callers tolerate it).
   */
  private walk(lon: number, lat: number, limit: () => number, see: (i: number) => void): void {
    const r0 = this.row(lat);
    const c0 = this.col(lon);
    const maxRing = Math.max(r0, this.rows - 1 - r0, c0, this.cols - 1 - c0, 0);
    const { starts, order, cols, rows } = this;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Every point of this ring is at least (ring - 1) whole cells away along one axis.
      if (this.lowerBoundKm(ring - 1, lat) > limit()) return;
      if (ring > MAX_RINGS) {
        for (let i = 0; i < this.lons.length; i++) see(i);
        return;
      }
      const rMin = Math.max(0, r0 - ring);
      const rMax = Math.min(rows - 1, r0 + ring);
      for (let r = rMin; r <= rMax; r++) {
        const edgeRow = r === r0 - ring || r === r0 + ring;
        const step = edgeRow || ring === 0 ? 1 : 2 * ring;
        for (let c = c0 - ring; c <= c0 + ring; c += step) {
          if (c < 0 || c >= cols) continue;
          const cell = r * cols + c;
          const end = starts[cell + 1]!;
          for (let k = starts[cell]!; k < end; k++) see(order[k]!);
        }
      }
    }
  }

  /** The point closest to [lon, lat] (the lowest index among equals), or null when the index is empty. */
  nearest(lon: number, lat: number): Nearest | null {
    if (this.lons.length === 0) return null;
    const cosLat = Math.cos(lat * RAD);
    let best = Infinity;
    let bestIndex = -1;
    this.walk(
      lon,
      lat,
      () => best,
      (i) => {
        // Cheap rejection: the latitude difference alone is already too far.
        if (Math.abs(this.lats[i]! - lat) * RAD * EARTH_RADIUS_KM > best) return;
        const d = this.distance(lon, lat, cosLat, i);
        if (d < best || (d === best && i < bestIndex)) {
          best = d;
          bestIndex = i;
        }
      },
    );
    return { index: bestIndex, km: best };
  }

  /** Indexes of every point within `km` of [lon, lat], in increasing order. */
  within(lon: number, lat: number, km: number): number[] {
    const found: number[] = [];
    if (this.lons.length === 0) return found;
    const cosLat = Math.cos(lat * RAD);
    this.walk(
      lon,
      lat,
      () => km,
      (i) => {
        if (Math.abs(this.lats[i]! - lat) * RAD * EARTH_RADIUS_KM > km) return;
        if (this.distance(lon, lat, cosLat, i) <= km) found.push(i);
      },
    );
    found.sort((a, b) => a - b);
    // The far-query fallback may have seen some points twice.
    return found.filter((v, k) => k === 0 || v !== found[k - 1]);
  }
}
