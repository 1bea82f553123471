/**
 * Coverage of the territory: for every commune, the straight-line distance from its point to the
 * nearest fixed place and to the nearest bus stop; the population beyond 10, 15 and 20 km of any
 * offer; and, greedily, the communes where one more bus stop would reach the most uncovered people.
 * The rules are written in French in indicators/definitions.ts (ids distance … arret-suggere).
 */
import { DISTANCE_THRESHOLDS_KM, REACH_KM } from '../indicators/definitions';
import { haversineKm, NearestIndex } from './nearest';

export type LonLat = readonly [number, number];

/** What coverage needs of a commune (the territory's communes fit this shape). */
export interface CommuneRef {
  code: string;
  nom: string;
  population: number | null;
  /** A point inside the commune, [lon, lat]; null when unknown. */
  point: LonLat | null;
  epci?: { nom: string } | string | null;
}

/** A fixed place, already placed (its own coordinates or its commune's point). */
export interface OfferPoint {
  id: string;
  nom: string;
  point: LonLat;
  code_insee: string | null;
}

export interface CoverageInput {
  communes: readonly CommuneRef[];
  fixedPlaces: readonly OfferPoint[];
  /** INSEE codes of the communes where the bus stops. */
  busStops: readonly string[];
}

export interface CoverageOptions {
  /** A commune is covered when an offer is at most this far (km). */
  reachKm?: number;
  thresholdsKm?: readonly number[];
  /** How many additional stops to rank. */
  suggestions?: number;
}

export interface CommuneCoverage {
  code: string;
  nom: string;
  population: number;
  epci: string | null;
  point: LonLat | null;
  fixed: { km: number; id: string; nom: string } | null;
  bus: { km: number; code: string; nom: string } | null;
  /** Distance to the nearest offer of either kind; null when the commune has no point or there is no offer. */
  nearestKm: number | null;
}

export interface ThresholdRow {
  km: number;
  /** Communes with no offer within `km` (strictly farther). */
  communes: number;
  population: number;
  /** Share of the territory's population, 0..1. */
  share: number;
}

export interface StopSuggestion {
  rank: number;
  code: string;
  nom: string;
  /** Uncovered inhabitants this stop would bring within reach (not counted by an earlier suggestion). */
  gain: number;
  /** The uncovered communes it would reach, nearest first. */
  reached: { code: string; nom: string; population: number; km: number }[];
  /** Distance today from this commune to the nearest offer. */
  nearestKm: number | null;
}

export interface CoverageResult {
  reachKm: number;
  communes: CommuneCoverage[];
  totalPopulation: number;
  /** Communes without a point: no distance can be computed for them. */
  withoutPoint: string[];
  thresholds: ThresholdRow[];
  suggestions: StopSuggestion[];
}

function epciName(epci: CommuneRef['epci']): string | null {
  if (!epci) return null;
  return typeof epci === 'string' ? epci : epci.nom;
}

export function computeCoverage(input: CoverageInput, options: CoverageOptions = {}): CoverageResult {
  const reachKm = options.reachKm ?? REACH_KM;
  const thresholdsKm = options.thresholdsKm ?? DISTANCE_THRESHOLDS_KM;
  const wanted = options.suggestions ?? 10;

  const fixedIndex = new NearestIndex(input.fixedPlaces.map((p) => p.point));
  const byCode = new Map(input.communes.map((c) => [c.code, c]));
  const stops = [...new Set(input.busStops)]
    .map((code) => byCode.get(code))
    .filter((c): c is CommuneRef & { point: LonLat } => c?.point != null);
  const busIndex = new NearestIndex(stops.map((c) => c.point));

  const communes: CommuneCoverage[] = new Array(input.communes.length);
  input.communes.forEach((c, i) => {
    let fixed: CommuneCoverage['fixed'] = null;
    let bus: CommuneCoverage['bus'] = null;
    let nearestKm: number | null = null;
    if (c.point) {
      const f = fixedIndex.nearest(c.point[0], c.point[1]);
      const b = busIndex.nearest(c.point[0], c.point[1]);
      if (f) {
        const place = input.fixedPlaces[f.index]!;
        fixed = { km: f.km, id: place.id, nom: place.nom };
        nearestKm = f.km;
      }
      if (b) {
        const stop = stops[b.index]!;
        bus = { km: b.km, code: stop.code, nom: stop.nom };
        nearestKm = nearestKm === null ? b.km : Math.min(nearestKm, b.km);
      }
    }
    communes[i] = {
      code: c.code,
      nom: c.nom,
      population: c.population ?? 0,
      epci: epciName(c.epci),
      point: c.point,
      fixed,
      bus,
      nearestKm,
    };
  });

  const totalPopulation = communes.reduce((sum, c) => sum + c.population, 0);
  const located = communes.filter((c) => c.point !== null);
  const thresholds = thresholdsKm.map((km) => {
    let count = 0;
    let population = 0;
    for (const c of located) {
      if (c.nearestKm === null || c.nearestKm > km) {
        count++;
        population += c.population;
      }
    }
    return { km, communes: count, population, share: totalPopulation ? population / totalPopulation : 0 };
  });

  return {
    reachKm,
    communes,
    totalPopulation,
    withoutPoint: communes.filter((c) => c.point === null).map((c) => c.code),
    thresholds,
    suggestions: suggestStops(located, reachKm, wanted),
  };
}

/**
 * Greedy choice of additional stops: each round takes the commune whose point is within `reachKm` of
 * the most uncovered inhabitants (ties: the larger commune, then the smaller INSEE code), then counts
 * those inhabitants as covered.
 */
function suggestStops(
  located: readonly CommuneCoverage[],
  reachKm: number,
  wanted: number,
): StopSuggestion[] {
  const uncovered = located.filter((c) => c.nearestKm === null || c.nearestKm > reachKm);
  if (uncovered.length === 0 || wanted <= 0) return [];
  const index = new NearestIndex(uncovered.map((c) => c.point!));
  const reach = located.map((c) => index.within(c.point![0], c.point![1], reachKm));
  const covered = new Uint8Array(uncovered.length);
  const out: StopSuggestion[] = [];
  while (out.length < wanted) {
    let best = -1;
    let bestGain = 0;
    located.forEach((candidate, i) => {
      let gain = 0;
      for (const u of reach[i]!) if (!covered[u]) gain += uncovered[u]!.population;
      if (gain === 0) return;
      const current = best >= 0 ? located[best]! : null;
      if (
        gain > bestGain ||
        (gain === bestGain &&
          current &&
          (candidate.population > current.population ||
            (candidate.population === current.population && candidate.code < current.code)))
      ) {
        best = i;
        bestGain = gain;
      }
    });
    if (best < 0) break;
    const chosen = located[best]!;
    const [lon, lat] = chosen.point!;
    const reached = reach[best]!.filter((u) => !covered[u])
      .map((u) => {
        covered[u] = 1;
        const c = uncovered[u]!;
        return {
          code: c.code,
          nom: c.nom,
          population: c.population,
          km: haversineKm(lon, lat, c.point![0], c.point![1]),
        };
      })
      .sort((a, b) => a.km - b.km || a.code.localeCompare(b.code));
    out.push({
      rank: out.length + 1,
      code: chosen.code,
      nom: chosen.nom,
      gain: bestGain,
      reached,
      nearestKm: chosen.nearestKm,
    });
  }
  return out;
}
