#!/usr/bin/env node
// Builds the territorial reference data committed under src/core/data/:
//   - commune-points.json: one point inside every current commune of France that has an outline;
//   - departements.json: name, bounding box and simplified outline of every département;
//   - commune-outlines/<dep>.json: simplified outlines of the current communes of each département.
//
// Inputs: IGN Admin Express COG 2018 (simplified, gregoiredavid/france-geojson; data IGN/INSEE,
// Licence Ouverte) and the COG 2026 of @etalab/decoupage-administratif. Run by hand: `node scripts/build-reference-data.mjs [geo folder]`
// (default geo folder: ../shared/reference/geo, relative to the repository root). The outputs are
// committed; the script is deterministic. It needs about 1 GB of memory and 30 seconds.
//
// Commune outlines are simplified topologically: cut into arcs at the points where three or more
// outlines meet, each arc simplified once (Visvalingam-Whyatt), so neighbours keep an identical
// shared border, without gaps or overlaps. Communes merged since 2018 are rebuilt by dissolving
// the outlines of their old parts. Département outlines serve point-in-polygon tests: they are
// simplified (Douglas-Peucker) so as to lose almost nothing of the real territory.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cogCommunes from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import cogDepartements from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import polylabel from 'polylabel';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const geoDir = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.resolve(repoRoot, '../shared/reference/geo');
const communesDir = path.join(geoDir, 'france', 'communes');
const departementsFile = path.join(geoDir, 'france', 'departements-avec-outre-mer.geojson');
const dataDir = path.join(repoRoot, 'src', 'core', 'data');
const outlinesDir = path.join(dataDir, 'commune-outlines');

const POINT_DECIMALS = 5;
const OUTLINE_DECIMALS = 4;
/**
 * Visvalingam-Whyatt threshold of commune outlines, as a share of the area of the smallest commune
 * along each border: every commune keeps about the same relative detail, from Paris suburbs to the
 * Landes forest. Size of commune-outlines/ and communes whose area is off by more than 25 %:
 * 0.2 -> 8.6 MB, 1,751 communes; 0.1 -> 9.2 MB, 105; 0.05 -> 10.4 MB, 2. Keeping the vertices
 * where three communes meet costs 8.2 MB at least (35,000 features of GeoJSON).
 */
const COMMUNE_RELATIVE_AREA = 0.1;
/**
 * Tolerances of département outlines, in metres: the simplified outline may cut at most
 * DEPARTEMENT_OUTWARD_M off the real territory, and adds at most DEPARTEMENT_INWARD_M of
 * neighbouring land or sea, so that a place near a border or on a cape stays inside.
 */
const DEPARTEMENT_OUTWARD_M = 100;
const DEPARTEMENT_INWARD_M = 1500;
const METRES_PER_DEGREE = 111_320;

// ---------------------------------------------------------------------------------------------
// Small geometry helpers (coordinates are [lon, lat]; rings are closed)

const round = (value, decimals) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

const keyOf = (p) => `${p[0]},${p[1]}`;

/** Signed area in degrees² (positive = counter-clockwise). */
function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

function polygonArea(polygon) {
  let area = Math.abs(signedArea(polygon[0]));
  for (const hole of polygon.slice(1)) area -= Math.abs(signedArea(hole));
  return area;
}

function pointInRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside a list of polygons (each [outer, ...holes]). */
function pointInPolygons(x, y, polygons) {
  return polygons.some((polygon) => {
    if (!pointInRing(x, y, polygon[0])) return false;
    return !polygon.slice(1).some((hole) => pointInRing(x, y, hole));
  });
}

/** Distance in metres (local equirectangular) from a point to the boundary of polygons. */
function distanceToBoundary(x, y, polygons) {
  const k = Math.cos((y * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const d = segmentDistance(x * k, y, ring[i - 1][0] * k, ring[i - 1][1], ring[i][0] * k, ring[i][1]);
        if (d < best) best = d;
      }
    }
  }
  return best * METRES_PER_DEGREE;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let t = length2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / length2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function bboxOf(polygons) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

/** Bounding box rounded outwards to 5 decimals, so that it contains every given polygon. */
function outwardBbox(polygons) {
  const [minX, minY, maxX, maxY] = bboxOf(polygons);
  const factor = 10 ** POINT_DECIMALS;
  const down = (v) => Math.floor(round(v * factor, 6)) / factor;
  const up = (v) => Math.ceil(round(v * factor, 6)) / factor;
  return [down(minX), down(minY), up(maxX), up(maxY)];
}

/** Douglas-Peucker on an open or closed line, distances in metres (longitudes scaled). */
function douglasPeucker(points, toleranceM) {
  if (points.length <= 2) return points.slice();
  const k = Math.cos((points[0][1] * Math.PI) / 180);
  const tolerance = toleranceM / METRES_PER_DEGREE;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    let maxDistance = -1;
    let index = -1;
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i][0] * k, points[i][1], ax * k, ay, bx * k, by);
      if (d > maxDistance) {
        maxDistance = d;
        index = i;
      }
    }
    if (index !== -1 && maxDistance > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * Visvalingam-Whyatt: removes, smallest first, the points whose triangle with their neighbours
 * has an effective area below the threshold (m²). Endpoints are kept.
 */
function visvalingam(points, minAreaM2) {
  const n = points.length;
  if (n <= 2) return points.slice();
  const k = Math.cos((points[0][1] * Math.PI) / 180) * METRES_PER_DEGREE;
  const xs = points.map((p) => p[0] * k);
  const ys = points.map((p) => p[1] * METRES_PER_DEGREE);
  const previous = Int32Array.from({ length: n }, (_, i) => i - 1);
  const next = Int32Array.from({ length: n }, (_, i) => i + 1);
  const areas = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const triangle = (i) => {
    const a = previous[i];
    const b = next[i];
    return Math.abs((xs[a] - xs[i]) * (ys[b] - ys[i]) - (xs[b] - xs[i]) * (ys[a] - ys[i])) / 2;
  };
  const heap = new MinHeap((a, b) => areas[a] - areas[b] || a - b);
  for (let i = 1; i < n - 1; i++) {
    areas[i] = triangle(i);
    heap.push(i);
  }
  const removed = new Uint8Array(n);
  let floor = 0;
  while (heap.size > 0) {
    const i = heap.pop();
    if (removed[i]) continue;
    if (areas[i] >= minAreaM2) break;
    floor = Math.max(floor, areas[i]);
    removed[i] = 1;
    const a = previous[i];
    const b = next[i];
    next[a] = b;
    previous[b] = a;
    for (const j of [a, b]) {
      if (j === 0 || j === n - 1) continue;
      heap.remove(j);
      areas[j] = Math.max(triangle(j), floor);
      heap.push(j);
    }
  }
  return points.filter((_, i) => !removed[i]);
}

/** Binary min-heap of integers with removal. */
class MinHeap {
  constructor(compare) {
    this.compare = compare;
    this.items = [];
    this.positions = new Map();
  }
  get size() {
    return this.items.length;
  }
  push(value) {
    this.items.push(value);
    this.positions.set(value, this.items.length - 1);
    this.up(this.items.length - 1);
  }
  pop() {
    const top = this.items[0];
    this.removeAt(0);
    return top;
  }
  remove(value) {
    const index = this.positions.get(value);
    if (index !== undefined) this.removeAt(index);
  }
  removeAt(index) {
    const last = this.items.pop();
    this.positions.delete(this.items[index] ?? last);
    if (index < this.items.length) {
      this.positions.delete(this.items[index]);
      this.items[index] = last;
      this.positions.set(last, index);
      this.up(index);
      this.down(this.positions.get(last));
    }
  }
  up(index) {
    const { items, compare, positions } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (compare(items[index], items[parent]) >= 0) break;
      [items[index], items[parent]] = [items[parent], items[index]];
      positions.set(items[index], index);
      positions.set(items[parent], parent);
      index = parent;
    }
  }
  down(index) {
    const { items, compare, positions } = this;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && compare(items[left], items[smallest]) < 0) smallest = left;
      if (right < items.length && compare(items[right], items[smallest]) < 0) smallest = right;
      if (smallest === index) return;
      [items[index], items[smallest]] = [items[smallest], items[index]];
      positions.set(items[index], index);
      positions.set(items[smallest], smallest);
      index = smallest;
    }
  }
}

/**
 * Douglas-Peucker on a closed ring whose interior lies on its left (outer rings counter-clockwise,
 * holes clockwise), with one tolerance for the points that a shortcut would leave outside the
 * simplified polygon and another, larger one, for the points it would take in.
 */
function containingDouglasPeucker(ring, outwardM, inwardM) {
  const n = ring.length;
  if (n <= 4) return ring.slice();
  const k = Math.cos((ring[0][1] * Math.PI) / 180);
  const x = (i) => ring[i][0] * k;
  const y = (i) => ring[i][1];
  let far = 1;
  for (let i = 2; i < n - 1; i++) {
    if (Math.hypot(x(i) - x(0), y(i) - y(0)) > Math.hypot(x(far) - x(0), y(far) - y(0))) far = i;
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[far] = 1;
  keep[n - 1] = 1;
  const stack = [
    [0, far],
    [far, n - 1],
  ];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    let outward = { distance: 0, index: -1 };
    let inward = { distance: 0, index: -1 };
    for (let i = first + 1; i < last; i++) {
      const distance = segmentDistance(x(i), y(i), x(first), y(first), x(last), y(last)) * METRES_PER_DEGREE;
      const cross = (x(last) - x(first)) * (y(i) - y(first)) - (y(last) - y(first)) * (x(i) - x(first));
      if (cross < 0 && distance > outward.distance) outward = { distance, index: i };
      if (cross >= 0 && distance > inward.distance) inward = { distance, index: i };
    }
    const split = outward.distance > outwardM ? outward.index : inward.distance > inwardM ? inward.index : -1;
    if (split !== -1) {
      keep[split] = 1;
      stack.push([first, split], [split, last]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

function quantize(points, decimals) {
  const out = [];
  for (const [x, y] of points) {
    const q = [round(x, decimals), round(y, decimals)];
    const previous = out[out.length - 1];
    if (!previous || previous[0] !== q[0] || previous[1] !== q[1]) out.push(q);
  }
  return out;
}

/** A usable ring: closed, at least three distinct points, a non-zero area. */
function isValidRing(ring) {
  return ring.length >= 4 && Math.abs(signedArea(ring)) > 1e-10;
}

/** Removes consecutive duplicates and closes the ring. */
function cleanRing(ring) {
  const out = [];
  for (const p of ring) {
    const previous = out[out.length - 1];
    if (!previous || previous[0] !== p[0] || previous[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) {
    out.push(out[0]);
  }
  return out;
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`Géométrie non prise en charge : ${geometry.type}`);
}

/** Orients outer rings counter-clockwise and holes clockwise. */
function orientPolygon(polygon) {
  return polygon.map((raw, index) => {
    const ring = cleanRing(raw);
    const ccw = signedArea(ring) > 0;
    return (index === 0) === ccw ? ring : ring.slice().reverse();
  });
}

// ---------------------------------------------------------------------------------------------
// Topology: rings cut into shared arcs

class Topology {
  /** @param simplify (points, weight) => points, weight being the smallest weight of the arc's rings */
  constructor(simplify) {
    this.simplify = simplify;
    /** arc id -> smallest weight of the rings using it */
    this.weights = [];
    /** vertex key -> [neighbour key, neighbour key] or null when the vertex is a junction */
    this.neighbours = new Map();
    /** arc id -> points in canonical direction (original coordinates) */
    this.arcs = [];
    this.arcIds = new Map();
    this.simplified = new Map();
  }

  /** First pass: record the neighbours of every vertex of every ring. */
  register(ring) {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const key = keyOf(ring[i]);
      const around = [keyOf(ring[(i - 1 + n) % n]), keyOf(ring[i + 1])];
      const known = this.neighbours.get(key);
      if (known === undefined) {
        this.neighbours.set(key, around[0] === around[1] ? [around[0]] : around);
      } else if (known !== null) {
        for (const neighbour of around) {
          if (!known.includes(neighbour)) {
            if (known.length < 2) known.push(neighbour);
            else {
              this.neighbours.set(key, null);
              break;
            }
          }
        }
      }
    }
  }

  isJunction(point) {
    return this.neighbours.get(keyOf(point)) === null;
  }

  /** Second pass: a ring as a list of directed arcs { id, reversed }. */
  decompose(ring, weight) {
    const n = ring.length - 1;
    const points = ring.slice(0, n);
    let start = points.findIndex((p) => this.isJunction(p));
    if (start === -1) {
      // No junction: start at the smallest vertex so that every ring sharing this loop agrees.
      start = 0;
      for (let i = 1; i < n; i++) {
        if (compareKeys(points[i], points[start]) < 0) start = i;
      }
    }
    const rotated = [...points.slice(start), ...points.slice(0, start), points[start]];
    const refs = [];
    let arcStart = 0;
    for (let i = 1; i < rotated.length; i++) {
      if (i === rotated.length - 1 || this.isJunction(rotated[i])) {
        refs.push(this.arcRef(rotated.slice(arcStart, i + 1), weight));
        arcStart = i;
      }
    }
    return refs;
  }

  arcRef(points, weight) {
    const forward = points.map(keyOf).join(';');
    const backward = points.map(keyOf).reverse().join(';');
    const reversed = backward < forward;
    const canonical = reversed ? backward : forward;
    let id = this.arcIds.get(canonical);
    if (id === undefined) {
      id = this.arcs.length;
      this.arcs.push(reversed ? points.slice().reverse() : points);
      this.arcIds.set(canonical, id);
    }
    this.weights[id] = Math.min(this.weights[id] ?? Number.POSITIVE_INFINITY, weight);
    return { id, reversed };
  }

  /** Original coordinates of a ring given as directed arcs. */
  ringPoints(refs) {
    const out = [];
    for (const { id, reversed } of refs) {
      const points = reversed ? this.arcs[id].slice().reverse() : this.arcs[id];
      out.push(...(out.length === 0 ? points : points.slice(1)));
    }
    return out;
  }

  /** Simplified and quantized ring; falls back to a finer simplification if the ring collapses. */
  simplifiedRing(refs, mustKeep) {
    const out = [];
    for (const { id, reversed } of refs) {
      let arc = this.simplified.get(id);
      if (!arc) {
        arc = quantize(this.simplify(this.arcs[id], this.weights[id]), OUTLINE_DECIMALS);
        this.simplified.set(id, arc);
      }
      const points = reversed ? arc.slice().reverse() : arc;
      out.push(...(out.length === 0 ? points : points.slice(1)));
    }
    const ring = cleanRing(out);
    if (isValidRing(ring) || !mustKeep) return isValidRing(ring) ? ring : null;
    // The ring collapsed (tiny island, small commune): simplify it alone, ever more finely.
    const original = this.ringPoints(refs);
    for (let tolerance = 100; tolerance >= 1; tolerance /= 4) {
      const candidate = cleanRing(quantize(douglasPeucker(original, tolerance), OUTLINE_DECIMALS));
      if (isValidRing(candidate)) return candidate;
    }
    const finest = cleanRing(quantize(original, OUTLINE_DECIMALS));
    return isValidRing(finest) ? finest : null;
  }
}

function compareKeys(a, b) {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Dissolves several parts (lists of oriented polygons as arc references) into one set of
 * polygons: arcs shared by two parts in opposite directions are inner borders and disappear.
 * Returns null when the remaining arcs do not chain into closed rings.
 */
function dissolve(topology, partsRefs) {
  const directed = partsRefs.flat(3);
  const byArc = new Map();
  for (const ref of directed) {
    const list = byArc.get(ref.id) ?? [];
    list.push(ref);
    byArc.set(ref.id, list);
  }
  const remaining = [];
  for (const list of byArc.values()) {
    const forward = list.filter((r) => !r.reversed);
    const backward = list.filter((r) => r.reversed);
    const cancelled = Math.min(forward.length, backward.length);
    remaining.push(...forward.slice(cancelled), ...backward.slice(cancelled));
  }
  const startKey = (ref) => {
    const arc = topology.arcs[ref.id];
    return keyOf(ref.reversed ? arc[arc.length - 1] : arc[0]);
  };
  const endKey = (ref) => {
    const arc = topology.arcs[ref.id];
    return keyOf(ref.reversed ? arc[0] : arc[arc.length - 1]);
  };
  const starting = new Map();
  for (const ref of remaining) {
    const key = startKey(ref);
    const list = starting.get(key) ?? [];
    list.push(ref);
    starting.set(key, list);
  }
  const used = new Set();
  const rings = [];
  for (const first of remaining) {
    if (used.has(first)) continue;
    used.add(first);
    const ring = [first];
    const origin = startKey(first);
    let end = endKey(first);
    while (end !== origin) {
      const next = (starting.get(end) ?? []).find((ref) => !used.has(ref));
      if (!next) return null;
      used.add(next);
      ring.push(next);
      end = endKey(next);
    }
    rings.push(ring);
  }
  const outers = [];
  const holes = [];
  for (const refs of rings) {
    const points = topology.ringPoints(refs);
    const area = signedArea(points);
    (area > 0 ? outers : holes).push({ refs, points, area: Math.abs(area) });
  }
  const polygons = outers.map((outer) => ({ outer, holes: [] }));
  for (const hole of holes) {
    const [x, y] = hole.points[0];
    const containers = polygons.filter((p) => pointInRing(x, y, p.outer.points));
    if (containers.length === 0) return null;
    containers.sort((a, b) => a.outer.area - b.outer.area);
    containers[0].holes.push(hole);
  }
  return polygons.map((p) => [p.outer.refs, ...p.holes.map((h) => h.refs)]);
}

/** Simplified polygons from arc references; the largest outer ring is always kept. */
function simplifyPolygons(topology, polygonsRefs, keepEveryPart) {
  const areas = polygonsRefs.map((refs) => Math.abs(signedArea(topology.ringPoints(refs[0]))));
  const largest = areas.indexOf(Math.max(...areas));
  const out = [];
  polygonsRefs.forEach((refs, index) => {
    const outer = topology.simplifiedRing(refs[0], keepEveryPart || index === largest);
    if (!outer) return;
    const holes = refs
      .slice(1)
      .map((hole) => topology.simplifiedRing(hole, false))
      .filter(Boolean);
    out.push([outer, ...holes]);
  });
  return out;
}

const geometryOf = (polygons) =>
  polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };

// ---------------------------------------------------------------------------------------------
// Point of a commune: pole of inaccessibility of the largest part, checked against every outline

function poleOf(polygon) {
  const k = Math.cos((polygon[0][0][1] * Math.PI) / 180);
  const scaled = polygon.map((ring) => ring.map(([x, y]) => [x * k, y]));
  const [x, y] = polylabel(scaled, 0.00001);
  return [round(x / k, POINT_DECIMALS), round(y, POINT_DECIMALS)];
}

function placePoint(part, outlines) {
  const all = [[part], ...outlines];
  const fits = ([x, y]) => all.every((polygons) => pointInPolygons(x, y, polygons));
  const pole = poleOf(part);
  if (fits(pole)) return { point: pole, fallback: false };
  // The pole falls outside a simplified outline: search a grid for the point farthest from
  // every boundary that lies inside all of them.
  const [minX, minY, maxX, maxY] = bboxOf([part]);
  let best = null;
  for (const steps of [40, 160]) {
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const candidate = [
          round(minX + ((maxX - minX) * i) / steps, POINT_DECIMALS),
          round(minY + ((maxY - minY) * j) / steps, POINT_DECIMALS),
        ];
        if (!fits(candidate)) continue;
        const score = Math.min(
          ...all.map((polygons) => distanceToBoundary(candidate[0], candidate[1], polygons)),
        );
        if (!best || score > best.score) best = { point: candidate, score };
      }
    }
    if (best) return { point: best.point, fallback: true };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Main

function readGeoJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main() {
  if (!fs.existsSync(communesDir) || !fs.existsSync(departementsFile)) {
    throw new Error(
      `Données géographiques introuvables dans ${geoDir} : indiquez le dossier « geo » en argument.`,
    );
  }
  const current = cogCommunes.filter((c) => c.type === 'commune-actuelle');
  const currentCodes = new Set(current.map((c) => c.code));

  // 2018 outlines of all communes, by code.
  const outlines2018 = new Map();
  const files = fs.readdirSync(communesDir).filter((f) => f.endsWith('.geojson'));
  for (const file of files.sort()) {
    for (const feature of readGeoJson(path.join(communesDir, file)).features) {
      const polygons = polygonsOf(feature.geometry).map(orientPolygon);
      outlines2018.set(feature.properties.code, polygons);
    }
  }

  // Départements: outlines simplified so as to contain the real territory (but for a few metres),
  // bounding boxes from the original outlines.
  const cogDepartementNames = new Map(cogDepartements.map((d) => [d.code, d.nom]));
  const departements = {};
  const departementOutlines = new Map();
  for (const feature of readGeoJson(departementsFile).features) {
    const code = feature.properties.code;
    const polygons = polygonsOf(feature.geometry).map(orientPolygon);
    const simplified = polygons
      .map((polygon) => polygon.map((ring) => simplifyDepartementRing(ring)))
      .filter((rings) => rings[0] !== null)
      .map((rings) => rings.filter((ring) => ring !== null));
    departementOutlines.set(code, simplified);
    departements[code] = {
      nom: cogDepartementNames.get(code) ?? feature.properties.nom,
      bbox: outwardBbox([...polygons, ...simplified]),
      outline: simplified.length === 1 ? simplified[0] : simplified,
    };
  }

  // Communes: topology over every 2018 outline of France.
  const topology = new Topology((points, smallestArea) =>
    visvalingam(points, COMMUNE_RELATIVE_AREA * smallestArea),
  );
  for (const polygons of outlines2018.values()) {
    for (const polygon of polygons) for (const ring of polygon) topology.register(ring);
  }
  const refsOf = new Map();
  for (const [code, polygons] of outlines2018) {
    refsOf.set(
      code,
      polygons.map((polygon) => polygon.map((ring) => topology.decompose(ring, areaM2(polygons)))),
    );
  }

  const points = {};
  const outlinesByDepartement = new Map();
  const unplaced = [];
  const stats = { fromOldCodes: 0, fallbacks: 0, dissolved: 0, dissolveFailed: 0, outsideDepartement: [] };

  for (const commune of [...current].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const oldCodes = (commune.anciensCodes ?? []).filter(
      (code) => !currentCodes.has(code) && outlines2018.has(code),
    );
    const partCodes = [...(outlines2018.has(commune.code) ? [commune.code] : []), ...oldCodes];
    if (partCodes.length === 0) {
      unplaced.push(commune);
      continue;
    }

    // Outline of the current commune.
    let polygonsRefs = partCodes.flatMap((code) => refsOf.get(code));
    if (partCodes.length > 1) {
      const dissolved = dissolve(
        topology,
        partCodes.map((code) => refsOf.get(code)),
      );
      if (dissolved) stats.dissolved++;
      else stats.dissolveFailed++;
      polygonsRefs = dissolved ?? polygonsRefs;
    }
    const outline = simplifyPolygons(topology, polygonsRefs, false);
    const features = outlinesByDepartement.get(commune.departement) ?? [];
    features.push({
      type: 'Feature',
      properties: { code: commune.code, nom: commune.nom },
      geometry: geometryOf(outline),
    });
    outlinesByDepartement.set(commune.departement, features);

    // Point: own 2018 outline if any, else the largest old part; its largest polygon.
    const sourceCode = outlines2018.has(commune.code)
      ? commune.code
      : oldCodes.reduce((a, b) => (totalArea(outlines2018.get(b)) > totalArea(outlines2018.get(a)) ? b : a));
    if (sourceCode !== commune.code) stats.fromOldCodes++;
    const part = outlines2018.get(sourceCode).reduce((a, b) => (polygonArea(b) > polygonArea(a) ? b : a));
    // Inside its département's simplified outline too, unless the commune straddles a border
    // that moved since 2018.
    const departementOutline = departementOutlines.get(commune.departement);
    const placed =
      (departementOutline && placePoint(part, [outline, departementOutline])) ?? placePoint(part, [outline]);
    if (!placed) {
      unplaced.push(commune);
      continue;
    }
    if (placed.fallback) stats.fallbacks++;
    if (!departementOutline || !pointInPolygons(...placed.point, departementOutline)) {
      stats.outsideDepartement.push(commune);
    }
    points[commune.code] = placed.point;
  }

  // Writing.
  fs.mkdirSync(outlinesDir, { recursive: true });
  for (const file of fs.readdirSync(outlinesDir)) {
    if (file.endsWith('.json')) fs.rmSync(path.join(outlinesDir, file));
  }
  const write = (file, value) => {
    fs.writeFileSync(file, `${JSON.stringify(value)}\n`);
    return fs.statSync(file).size;
  };
  const pointsSize = write(path.join(dataDir, 'commune-points.json'), points);
  const departementsSize = write(path.join(dataDir, 'departements.json'), departements);
  let outlinesSize = 0;
  const codes = [...outlinesByDepartement.keys()].sort();
  for (const code of codes) {
    outlinesSize += write(path.join(outlinesDir, `${code}.json`), {
      type: 'FeatureCollection',
      features: outlinesByDepartement.get(code),
    });
  }

  // Report.
  const kb = (bytes) => `${(bytes / 1000).toFixed(0)} ko`;
  console.log(`Communes sans contour, non placées (${unplaced.length}) :`);
  for (const c of unplaced) console.log(`  ${c.code} ${c.nom} (${c.departement})`);
  if (stats.outsideDepartement.length > 0) {
    console.log(
      `Communes placées hors du contour de leur département (${stats.outsideDepartement.length}) :`,
    );
    for (const c of stats.outsideDepartement) console.log(`  ${c.code} ${c.nom} (${c.departement})`);
  }
  console.log('Résumé :');
  console.log(`  communes actuelles (COG) : ${current.length}`);
  console.log(
    `  placées : ${Object.keys(points).length} (dont ${stats.fromOldCodes} par leurs anciens codes)`,
  );
  console.log(`  non placées : ${unplaced.length}`);
  console.log(`  points déplacés pour rester dans les contours simplifiés : ${stats.fallbacks}`);
  console.log(
    `  communes fusionnées reconstituées : ${stats.dissolved} (échecs de fusion : ${stats.dissolveFailed})`,
  );
  console.log(`  commune-points.json : ${kb(pointsSize)}`);
  console.log(
    `  departements.json : ${kb(departementsSize)} (${Object.keys(departements).length} départements)`,
  );
  console.log(
    `  commune-outlines/ : ${(outlinesSize / 1e6).toFixed(2)} Mo, ${outlinesSize} octets (${codes.length} fichiers)`,
  );
}

function simplifyDepartementRing(ring) {
  for (const scale of [1, 1 / 4, 1 / 16, 0]) {
    const candidate = cleanRing(
      quantize(
        containingDouglasPeucker(ring, DEPARTEMENT_OUTWARD_M * scale, DEPARTEMENT_INWARD_M * scale),
        OUTLINE_DECIMALS,
      ),
    );
    if (isValidRing(candidate)) return candidate;
  }
  return null;
}

/** Approximate area in m² (local equirectangular projection). */
function areaM2(polygons) {
  const k = Math.cos((polygons[0][0][0][1] * Math.PI) / 180);
  return totalArea(polygons) * k * METRES_PER_DEGREE ** 2;
}

function totalArea(polygons) {
  return polygons.reduce((sum, polygon) => sum + polygonArea(polygon), 0);
}

main();
