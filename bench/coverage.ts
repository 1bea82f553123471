/**
 * Coverage of every commune of France (points of src/core/data/commune-points.json, populations of
 * the COG) by 1,000 then 10,000 places spread over the communes, plus a full scan for comparison.
 * Run: npx tsx bench/coverage.ts
 */
import { performance } from 'node:perf_hooks';
import cogCommunesJson from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import {
  type CommuneRef,
  computeCoverage,
  haversineKm,
  NearestIndex,
  type OfferPoint,
} from '../src/core/coverage';
import communePointsJson from '../src/core/data/commune-points.json' with { type: 'json' };

const points = communePointsJson as unknown as Record<string, [number, number]>;
const population = new Map<string, number>();
for (const c of cogCommunesJson as unknown as { code: string; type: string; population?: number }[]) {
  if (c.type === 'commune-actuelle') population.set(c.code, c.population ?? 0);
}
const communes: CommuneRef[] = Object.entries(points).map(([code, point]) => ({
  code,
  nom: code,
  population: population.get(code) ?? 0,
  point,
}));

let seed = 87;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function places(n: number): OfferPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const c = communes[Math.floor(random() * communes.length)]!;
    const [lon, lat] = c.point!;
    return {
      id: `lieu-${i}`,
      nom: '',
      point: [lon + (random() - 0.5) * 0.02, lat + (random() - 0.5) * 0.02],
      code_insee: c.code,
    };
  });
}

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(0)} ms`;
}

console.log(`${communes.length} communes`);
for (const n of [1_000, 10_000]) {
  const fixed = places(n);
  const stops = Array.from(
    { length: Math.round(n / 10) },
    () => communes[Math.floor(random() * communes.length)]!.code,
  );
  let start = performance.now();
  const index = new NearestIndex(fixed.map((p) => p.point));
  const build = ms(start);
  start = performance.now();
  let sum = 0;
  for (const c of communes) sum += index.nearest(c.point![0], c.point![1])!.km;
  const queries = ms(start);
  start = performance.now();
  computeCoverage({ communes, fixedPlaces: fixed, busStops: stops }, { suggestions: 0 });
  const distances = ms(start);
  start = performance.now();
  const result = computeCoverage({ communes, fixedPlaces: fixed, busStops: stops });
  const full = ms(start);
  // Full scan on a sample of 2,000 communes, scaled, for comparison (and as a check).
  start = performance.now();
  const sample = communes.slice(0, 2_000);
  for (const c of sample) {
    let best = Infinity;
    for (const p of fixed)
      best = Math.min(best, haversineKm(c.point![0], c.point![1], p.point[0], p.point[1]));
    if (best !== index.nearest(c.point![0], c.point![1])!.km) throw new Error(`mismatch at ${c.code}`);
  }
  const scan = (((performance.now() - start) / sample.length) * communes.length).toFixed(0);
  console.log(
    `${n} lieux, ${stops.length} arrêts : index ${build}, ${communes.length} plus proches ${queries} (moyenne ${(sum / communes.length).toFixed(1)} km), couverture (distances et seuils) ${distances}, avec le classement de 10 arrêts ${full} ; parcours complet estimé ${scan} ms`,
  );
  const t10 = result.thresholds[0]!;
  console.log(
    `  au-delà de 10 km : ${t10.communes} communes, ${t10.population} habitants ; 1er arrêt suggéré ${result.suggestions[0]?.code} (+${result.suggestions[0]?.gain})`,
  );
}
