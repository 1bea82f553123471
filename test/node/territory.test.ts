import { readdirSync, readFileSync, statSync } from 'node:fs';
import { check } from '@placemarkio/check-geojson';
import { describe, expect, it } from 'vitest';
import communePointsJson from '../../src/core/data/commune-points.json' with { type: 'json' };
import departementsJson from '../../src/core/data/departements.json' with { type: 'json' };
import {
  distanceKm,
  findCommunesByName,
  isInsideDepartement,
  makeTerritory,
  resolveCommuneCode,
  type Territory,
} from '../../src/core/territory';
import { loadTerritory, territoryData } from '../../src/node/territory';
import { runCli } from './publish/run-cli';

const dataDir = new URL('../../src/core/data/', import.meta.url);
const communePoints = communePointsJson as unknown as Record<string, [number, number]>;
const departementCodes = Object.keys(departementsJson);

interface OutlineFeature {
  type: 'Feature';
  properties: { code: string; nom: string };
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

function readOutlines(departement: string): { text: string; features: OutlineFeature[] } {
  const text = readFileSync(new URL(`commune-outlines/${departement}.json`, dataDir), 'utf8');
  return { text, features: (JSON.parse(text) as { features: OutlineFeature[] }).features };
}

function polygonsOf(geometry: OutlineFeature['geometry']): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Even-odd ray casting over every ring of a geometry (holes excluded). */
function insideGeometry(geometry: OutlineFeature['geometry'], [x, y]: [number, number]): boolean {
  let inside = false;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

function hasDecimals(value: number, decimals: number): boolean {
  const factor = 10 ** decimals;
  return Math.abs(Math.round(value * factor) / factor - value) < 1e-12;
}

/** Every current commune placed inside the département outline and inside its own outline. */
function expectPlacedInsideOutlines(t: Territory) {
  const { features } = readOutlines(t.departement.code);
  const outlines = new Map(features.map((f) => [f.properties.code, f]));
  expect([...outlines.keys()].sort()).toEqual(t.communes.map((c) => c.code));
  for (const commune of t.communes) {
    expect(commune.point, commune.code).not.toBeNull();
    const point = commune.point!;
    expect(isInsideDepartement(t, ...point), `${commune.code} ${commune.nom}`).toBe(true);
    const outline = outlines.get(commune.code)!;
    expect(outline.properties.nom).toBe(commune.nom);
    expect(insideGeometry(outline.geometry, point), `${commune.code} ${commune.nom}`).toBe(true);
  }
}

describe('loadTerritory: Haute-Vienne (87, the default)', () => {
  const t = loadTerritory();

  it('has the 195 current communes of the COG 2026', () => {
    expect(t.departement).toMatchObject({ code: '87', nom: 'Haute-Vienne' });
    expect(t.communes).toHaveLength(195);
    expect(new Set(t.communes.map((c) => c.code)).size).toBe(195);
    expect(t.communes.every((c) => c.code.startsWith('87'))).toBe(true);
    expect(loadTerritory('87').communes).toEqual(t.communes);
  });

  it('places every commune inside the département and inside its own outline', () => {
    expectPlacedInsideOutlines(t);
  });

  it('knows postcodes, population and EPCI', () => {
    const limoges = resolveCommuneCode(t, '87085')!;
    expect(limoges.nom).toBe('Limoges');
    expect(limoges.codesPostaux).toEqual(['87000', '87100', '87280']);
    expect(limoges.population).toBeGreaterThan(100_000);
    expect(limoges.epci).toEqual({ code: '248719312', nom: 'CU Limoges Métropole' });
    expect(t.communes.every((c) => c.epci !== null && c.codesPostaux.length > 0)).toBe(true);
    expect(t.communes.filter((c) => c.codesPostaux.length > 1).map((c) => c.code)).toEqual([
      '87028',
      '87085',
      '87128',
    ]);
  });

  it('resolves the codes of the communes merged since 2018', () => {
    for (const old of ['87055', '87136', '87196']) {
      expect(resolveCommuneCode(t, old)?.nom).toBe("Val-d'Oire-et-Gartempe");
    }
    for (const old of ['87173', '87184']) expect(resolveCommuneCode(t, old)?.code).toBe('87128');
    expect(resolveCommuneCode(t, 87085)?.nom).toBe('Limoges');
    expect(resolveCommuneCode(t, ' 87 154 ')?.nom).toBe('Saint-Junien');
    expect(resolveCommuneCode(t, '75056')).toBeUndefined();
  });

  it('draws merged communes as one dissolved outline', () => {
    const { features } = readOutlines('87');
    for (const code of ['87028', '87128']) {
      const feature = features.find((f) => f.properties.code === code)!;
      expect(feature.geometry.type).toBe('Polygon');
    }
  });

  it('finds communes by name', () => {
    for (const name of ['saint-junien', 'St Junien', 'Saint-Junien', 'ST-JUNIEN']) {
      expect(findCommunesByName(t, name).map((c) => c.code)).toEqual(['87154']);
    }
    expect(findCommunesByName(t, 'st leonard de noblat').map((c) => c.code)).toEqual(['87161']);
    expect(findCommunesByName(t, 'Ste Marie de Vaux').map((c) => c.code)).toEqual(['87162']);
    expect(findCommunesByName(t, 'Sainte Anne St Priest').map((c) => c.code)).toEqual(['87134']);
    expect(findCommunesByName(t, 'val d’oire et gartempe').map((c) => c.code)).toEqual(['87028']);
    expect(findCommunesByName(t, 'Dompierre les Eglises').map((c) => c.code)).toEqual(['87057']);
    expect(findCommunesByName(t, 'Ajaccio')).toEqual([]);
  });

  it('tells inside from outside', () => {
    const [minLon, minLat, maxLon, maxLat] = t.departement.bbox;
    expect(isInsideDepartement(t, ...resolveCommuneCode(t, '87085')!.point!)).toBe(true);
    expect(isInsideDepartement(t, 2.3522, 48.8566)).toBe(false); // Paris
    expect(isInsideDepartement(t, minLon - 0.0005, (minLat + maxLat) / 2)).toBe(false);
    expect(isInsideDepartement(t, maxLon + 0.0005, (minLat + maxLat) / 2)).toBe(false);
    expect(isInsideDepartement(t, (minLon + maxLon) / 2, maxLat + 0.0005)).toBe(false);
    expect(isInsideDepartement(t, (minLon + maxLon) / 2, minLat - 0.0005)).toBe(false);
  });

  it('measures plausible distances between commune points', () => {
    const limoges = resolveCommuneCode(t, '87085')!.point!;
    const saintJunien = resolveCommuneCode(t, '87154')!.point!;
    const d = distanceKm(limoges, saintJunien);
    // Town halls are 28.5 km apart; the points are the communes' poles of inaccessibility.
    expect(d).toBeGreaterThan(25);
    expect(d).toBeLessThan(32);
  });
});

describe('loadTerritory: Corse-du-Sud (2A)', () => {
  const t = loadTerritory('2A');

  it('has 124 communes, all placed inside the outline', () => {
    expect(t.departement).toMatchObject({ code: '2A', nom: 'Corse-du-Sud' });
    expect(t.communes).toHaveLength(124);
    expect(t.communes.every((c) => /^2A\d{3}$/.test(c.code))).toBe(true);
    expectPlacedInsideOutlines(t);
  });

  it('handles codes with letters', () => {
    expect(resolveCommuneCode(t, '2A004')?.nom).toBe('Ajaccio');
    expect(resolveCommuneCode(t, '2a004')?.nom).toBe('Ajaccio');
    expect(resolveCommuneCode(t, '20004')?.nom).toBe('Ajaccio'); // code before 1976
    expect(resolveCommuneCode(t, '2A004')?.codesPostaux).toEqual(['20000', '20090', '20167']);
    expect(resolveCommuneCode(t, '2B033')).toBeUndefined();
    expect(loadTerritory(' 2a ').departement.code).toBe('2A');
  });

  it('finds Corsican names', () => {
    expect(findCommunesByName(t, "sant'andrea d'orcino").map((c) => c.code)).toEqual(['2A295']);
    expect(findCommunesByName(t, 'Ste Lucie de Tallano').map((c) => c.code)).toEqual(['2A308']);
    expect(findCommunesByName(t, 'PORTO VECCHIO').map((c) => c.code)).toEqual(['2A247']);
  });

  it('excludes Haute-Corse and Haute-Vienne', () => {
    expect(isInsideDepartement(t, 9.4503, 42.6973)).toBe(false); // Bastia
    expect(isInsideDepartement(t, 1.2611, 45.8336)).toBe(false); // Limoges
  });
});

describe('loadTerritory: other départements and errors', () => {
  it('resolves the municipal arrondissements of Paris, Lyon and Marseille', () => {
    expect(resolveCommuneCode(loadTerritory('75'), '75115')?.code).toBe('75056');
    expect(resolveCommuneCode(loadTerritory('69'), '69383')?.code).toBe('69123');
    expect(resolveCommuneCode(loadTerritory(13), '13201')?.code).toBe('13055');
    expect(loadTerritory('1').departement.nom).toBe('Ain');
  });

  it('places every commune of every département inside its outline, but re-established ones', () => {
    const unplaced: string[] = [];
    let placed = 0;
    for (const code of departementCodes) {
      const t = loadTerritory(code);
      expect(t.communes.length, code).toBeGreaterThan(0);
      for (const commune of t.communes) {
        if (!commune.point) {
          unplaced.push(commune.code);
          continue;
        }
        placed++;
        expect(isInsideDepartement(t, ...commune.point), `${commune.code} ${commune.nom}`).toBe(true);
      }
    }
    // Communes re-established after 2018 have no outline of their own in Admin Express 2018.
    expect(unplaced.sort()).toEqual(['14666', '15031', '15035', '15047', '15171', '85165', '85212']);
    expect(placed).toBe(Object.keys(communePoints).length);
  });

  it('rejects unknown départements with a French message', () => {
    expect(() => loadTerritory('99')).toThrow(
      'Département « 99 » inconnu : indiquez un code comme 87 ou 2A.',
    );
    expect(() => loadTerritory('2C')).toThrow('Département « 2C » inconnu');
    expect(() => loadTerritory('')).toThrow('inconnu : indiquez un code comme 87 ou 2A.');
    expect(() => territoryData('constructor')).toThrow('Département « constructor » inconnu');
    expect(() => loadTerritory('975')).toThrow(/Département « 975 » non pris en charge/);
  });

  it('gives serialisable data that rebuilds the same territory', () => {
    const data = territoryData('87');
    const copy = JSON.parse(JSON.stringify(data));
    expect(copy).toEqual(data);
    const t = makeTerritory(copy);
    expect(resolveCommuneCode(t, '87136')?.code).toBe('87028');
    expect(isInsideDepartement(t, 1.2611, 45.8336)).toBe(true);
    // Each call returns fresh data.
    data.communes[0]!.codesPostaux.push('00000');
    (data.departement.outline as number[][][])[0]![0]![0] = 99;
    expect(territoryData('87').communes[0]!.codesPostaux).not.toContain('00000');
    expect(isInsideDepartement(loadTerritory('87'), 1.2611, 45.8336)).toBe(true);
  });
});

describe('committed reference data', () => {
  it('commune-points.json holds points with 5 decimals for every placed commune of France', () => {
    const entries = Object.entries(communePoints);
    expect(entries.length).toBeGreaterThan(34_800);
    const wrong = entries.filter(
      ([code, [lon, lat]]) =>
        !/^[0-9][0-9AB][0-9]{3}$/.test(code) ||
        !hasDecimals(lon, 5) ||
        !hasDecimals(lat, 5) ||
        !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90),
    );
    expect(wrong).toEqual([]);
  });

  it('commune outlines are valid GeoJSON with 4 decimals and shared borders', () => {
    for (const departement of ['87', '2A']) {
      const { text, features } = readOutlines(departement);
      expect(() => check(text)).not.toThrow();
      const segments = new Map<string, number>();
      const segmentsOf = new Map<string, string[]>();
      for (const feature of features) {
        const own: string[] = [];
        for (const polygon of polygonsOf(feature.geometry)) {
          for (const ring of polygon) {
            expect(ring.length).toBeGreaterThanOrEqual(4);
            expect(ring[0]).toEqual(ring[ring.length - 1]);
            for (const [x, y] of ring as [number, number][]) {
              expect(hasDecimals(x, 4) && hasDecimals(y, 4)).toBe(true);
            }
            for (let i = 1; i < ring.length; i++) {
              const a = String(ring[i - 1]);
              const b = String(ring[i]);
              const key = a < b ? `${a};${b}` : `${b};${a}`;
              segments.set(key, (segments.get(key) ?? 0) + 1);
              own.push(key);
            }
          }
        }
        segmentsOf.set(feature.properties.code, own);
      }
      // Neighbours share the very same simplified border: no gap, no overlap.
      expect(Math.max(...segments.values())).toBeLessThanOrEqual(2);
      for (const [code, own] of segmentsOf) {
        expect(
          own.some((key) => segments.get(key) === 2),
          code,
        ).toBe(true);
      }
    }
  });

  it('stays small', () => {
    expect(statSync(new URL('departements.json', dataDir)).size).toBeLessThan(400_000);
    const outlinesDir = new URL('commune-outlines/', dataDir);
    const files = readdirSync(outlinesDir);
    expect(files).toHaveLength(101);
    const total = files.reduce((sum, file) => sum + statSync(new URL(file, outlinesDir)).size, 0);
    expect(total).toBeLessThan(9_500_000);
  });
});

describe('territories computed by the build', () => {
  // scripts/build.ts writes territoryData(code) next to dist/node/maillage.js; the command line loads
  // that file instead of recomputing it from the COG. Here (sources) it is always computed.
  const built = new URL('../../dist/node/territoires/', import.meta.url);

  it('are exactly what territoryData computes, for every département', () => {
    const files = readdirSync(built).sort();
    expect(files).toEqual(departementCodes.map((code) => `${code}.json`).sort());
    for (const code of ['87', '2A', '974']) {
      const file = JSON.parse(readFileSync(new URL(`${code}.json`, built), 'utf8')) as unknown;
      expect(file).toEqual(territoryData(code));
    }
  });

  it('are what the built command line uses, and it still explains an unknown département', async () => {
    const corse = await runCli(['verifier', '--departement', '2a']);
    expect(corse.code).toBe(4);
    expect(corse.stdout + corse.stderr).toMatch(/Corse-du-Sud/);
    const unknown = await runCli(['verifier', '--departement', '99']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Département « 99 » inconnu');
  }, 30_000);
});
