import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  busStops,
  type CommuneRef,
  computeCoverage,
  EARTH_RADIUS_KM,
  fixedPlaces,
  haversineKm,
  NearestIndex,
} from '../../../src/core/coverage';
import { indicatorData, parsePeriod } from '../../../src/core/indicators';
import { distanceKm } from '../../../src/core/territory';
import { read, TODAY, territory } from '../indicators/hand-workbook';

/** On the equator one degree of longitude is an arc of 6371.0088 × π / 180 = 111.1951 km. */
const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;

function commune(code: string, lon: number | null, population: number): CommuneRef {
  return { code, nom: `Commune ${code}`, population, point: lon === null ? null : [lon, 0], epci: null };
}

describe('computeCoverage on a known layout (communes on the equator)', () => {
  // lon:      A 0.00  B 0.05  C 0.15  D 0.22  F 0.52  E 0.60  G 1.20   (H has no point)
  // people:     1000     200     300     400      50     500     700           99
  // A fixed place stands at A; the bus stops at E.
  const communes = [
    commune('A', 0, 1000),
    commune('B', 0.05, 200),
    commune('C', 0.15, 300),
    commune('D', 0.22, 400),
    commune('E', 0.6, 500),
    commune('F', 0.52, 50),
    commune('G', 1.2, 700),
    commune('H', null, 99),
  ];
  const result = computeCoverage(
    {
      communes,
      fixedPlaces: [{ id: 'lieu-A', nom: 'Lieu A', point: [0, 0], code_insee: 'A' }],
      busStops: ['E', 'E', 'unknown'],
    },
    { suggestions: 5 },
  );
  const get = (code: string) => result.communes.find((c) => c.code === code)!;

  it('measures the distance to the nearest fixed place and bus stop', () => {
    expect(get('A').nearestKm).toBe(0);
    expect(get('B').fixed?.km).toBeCloseTo(0.05 * KM_PER_DEGREE, 9); // 5.56 km
    expect(get('B').fixed?.id).toBe('lieu-A');
    // C: fixed 0.15° = 16.68 km, bus 0.45° = 50.04 km.
    expect(get('C').fixed?.km).toBeCloseTo(16.679, 3);
    expect(get('C').bus).toEqual({ km: expect.closeTo(50.0378, 3), code: 'E', nom: 'Commune E' });
    expect(get('C').nearestKm).toBeCloseTo(16.679, 3);
    // F: the bus (0.08° = 8.90 km) is nearer than the fixed place (0.52° = 57.82 km).
    expect(get('F').nearestKm).toBeCloseTo(0.08 * KM_PER_DEGREE, 9);
    expect(get('G').nearestKm).toBeCloseTo(0.6 * KM_PER_DEGREE, 9); // 66.72 km
    expect(get('H')).toMatchObject({ fixed: null, bus: null, nearestKm: null });
    expect(result.withoutPoint).toEqual(['H']);
  });

  it('counts the communes and people beyond 10, 15 and 20 km', () => {
    // Total: 1000 + 200 + 300 + 400 + 500 + 50 + 700 + 99 = 3249 (H counts in the total, not in a distance).
    expect(result.totalPopulation).toBe(3249);
    // > 10 km: C (16.68), D (24.46), G (66.72): 300 + 400 + 700. > 15 km: the same. > 20 km: D and G.
    expect(result.thresholds).toEqual([
      { km: 10, communes: 3, population: 1400, share: 1400 / 3249 },
      { km: 15, communes: 3, population: 1400, share: 1400 / 3249 },
      { km: 20, communes: 2, population: 1100, share: 1100 / 3249 },
    ]);
  });

  it('ranks additional stops greedily, without counting anyone twice', () => {
    // Uncovered (> 10 km): C (300), D (400), G (700). Within 10 km (0.0899°):
    // from C: C and D (0.07° = 7.78 km) = 700; from D: D and C = 700; from G: G = 700; B reaches nobody
    // (C is 0.10° = 11.12 km away). Three-way tie at 700: the larger commune wins, G (700 inhabitants).
    // Round 2: C and D remain; D (400) beats C (300) at 700 each. Nobody is left: two suggestions.
    expect(result.suggestions.map((s) => [s.rank, s.code, s.gain])).toEqual([
      [1, 'G', 700],
      [2, 'D', 700],
    ]);
    expect(result.suggestions[1]!.reached.map((r) => [r.code, r.population])).toEqual([
      ['D', 400],
      ['C', 300],
    ]);
    expect(result.suggestions[1]!.reached[1]!.km).toBeCloseTo(0.07 * KM_PER_DEGREE, 9);
    expect(result.suggestions[1]!.nearestKm).toBeCloseTo(0.22 * KM_PER_DEGREE, 9);
  });

  it('with no offer at all, every located commune is beyond every threshold', () => {
    const bare = computeCoverage({ communes, fixedPlaces: [], busStops: [] });
    expect(bare.thresholds.map((t) => t.communes)).toEqual([7, 7, 7]);
    expect(bare.communes.every((c) => c.nearestKm === null)).toBe(true);
    expect(bare.suggestions[0]!.gain).toBeGreaterThan(0);
  });
});

describe('NearestIndex', () => {
  const point = fc.tuple(
    fc.double({ min: -5, max: 10, noNaN: true }),
    fc.double({ min: 41, max: 51, noNaN: true }),
  );

  it('finds the same nearest point as a full scan, and the same points within a radius', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 200 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -60, max: 60, noNaN: true }),
            fc.double({ min: -30, max: 60, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        fc.double({ min: 0, max: 300, noNaN: true }),
        (points, queries, radius) => {
          const index = new NearestIndex(points);
          for (const [lon, lat] of queries) {
            const distances = points.map(([x, y]) => haversineKm(lon, lat, x, y));
            const min = Math.min(...distances);
            const found = index.nearest(lon, lat)!;
            expect(found.km).toBe(min);
            expect(found.index).toBe(distances.indexOf(min));
            expect(index.within(lon, lat, radius)).toEqual(
              distances.flatMap((d, i) => (d <= radius ? [i] : [])),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles an empty index and agrees with territory.distanceKm', () => {
    expect(new NearestIndex([]).nearest(1, 45)).toBeNull();
    expect(new NearestIndex([]).within(1, 45, 10)).toEqual([]);
    const limoges: [number, number] = [1.24901, 45.83257];
    const bellac: [number, number] = [1.05327, 46.11289];
    expect(haversineKm(...limoges, ...bellac)).toBeCloseTo(distanceKm(limoges, bellac), 9);
  });
});

describe('offers taken from the workbook', () => {
  const data = indicatorData(read().tables);

  it('fixed places: active, not only itinerant, at their coordinates or their commune point', () => {
    // lieu-0004 is closed, lieu-0005 is the (itinerant) bus; none has coordinates: commune points.
    const places = fixedPlaces(data, territory.communes);
    expect(places.map((p) => [p.id, p.code_insee])).toEqual([
      ['lieu-0001', '87085'],
      ['lieu-0002', '87011'],
      ['lieu-0003', '87011'],
    ]);
    expect(places[0]!.point).toEqual(territory.byCode.get('87085')!.point);
  });

  it('bus stops: communes with a permanence that is not cancelled in the period', () => {
    // T4: Bujaleuf (27/10, 12/11), Cussac (10/11, 20/11), Nedde (17/11), Blond (19/11, planned).
    // Cussac's cancelled 13/11 does not matter; Blond's 10/11 row has an error but Blond has 19/11.
    expect(busStops(data, parsePeriod('2026-T4')!, TODAY)).toEqual(['87018', '87024', '87054', '87104']);
    expect(busStops(data, parsePeriod('2026-W45')!, TODAY)).toEqual([]);
    expect(busStops(data, parsePeriod('2026-W46')!, TODAY)).toEqual(['87024', '87054']);
  });

  it('covers the 195 communes of Haute-Vienne', () => {
    const result = computeCoverage({
      communes: territory.communes,
      fixedPlaces: fixedPlaces(data, territory.communes),
      busStops: busStops(data, parsePeriod('2026-T4')!, TODAY),
    });
    expect(result.communes).toHaveLength(195);
    expect(result.totalPopulation).toBe(territory.communes.reduce((s, c) => s + c.population, 0));
    expect(result.communes.find((c) => c.code === '87085')!.nearestKm).toBe(0);
    expect(result.communes.find((c) => c.code === '87054')!.bus?.km).toBe(0);
    const [t10, t15, t20] = result.thresholds;
    expect(t10!.population).toBeGreaterThanOrEqual(t15!.population);
    expect(t15!.population).toBeGreaterThanOrEqual(t20!.population);
    // Each suggestion's gain is exactly the people it reaches, and nobody is reached twice.
    const reached = result.suggestions.flatMap((s) => s.reached.map((r) => r.code));
    expect(new Set(reached).size).toBe(reached.length);
    for (const s of result.suggestions)
      expect(s.gain).toBe(s.reached.reduce((sum, r) => sum + r.population, 0));
    for (let i = 1; i < result.suggestions.length; i++) {
      expect(result.suggestions[i]!.gain).toBeLessThanOrEqual(result.suggestions[i - 1]!.gain);
    }
  });
});
