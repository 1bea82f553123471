import { describe, expect, it } from 'vitest';
import departementsJson from '../../src/core/data/departements.json' with { type: 'json' };
import {
  type Bbox,
  type Commune,
  distanceKm,
  findCommunesByName,
  isInsideDepartement,
  makeTerritory,
  normalizeCommuneName,
  type Outline,
  resolveCommuneCode,
  type TerritoryData,
} from '../../src/core/territory';

const departements = departementsJson as unknown as Record<
  string,
  { nom: string; bbox: Bbox; outline: Outline }
>;

function commune(code: string, nom: string, point: [number, number] | null = null): Commune {
  return { code, nom, codesPostaux: [], population: 100, epci: null, point };
}

/** A square département 0..10 x 40..50 with a square hole 4..6 x 44..46. */
function squareData(): TerritoryData {
  return {
    departement: {
      code: '2A',
      nom: 'Carré',
      bbox: [0, 40, 10, 50],
      outline: [
        [
          [0, 40],
          [10, 40],
          [10, 50],
          [0, 50],
          [0, 40],
        ],
        [
          [4, 44],
          [4, 46],
          [6, 46],
          [6, 44],
          [4, 44],
        ],
      ],
    },
    communes: [
      commune('2A001', 'Saint-Junien', [1, 41]),
      commune('2A002', 'Sainte-Marie-de-Vaux'),
      commune('2A003', "Val-d'Oire-et-Gartempe"),
      commune('2A004', 'Dompierre-les-Églises'),
      commune('2A005', 'Sœurdres'),
      commune('2A006', 'Saint-Junien'),
      commune('01001', "L'Abergement-Clémenciat"),
    ],
    anciensCodes: { '2A090': '2A003', '2A091': '2A003', '20004': '2A004', '2A002': '2A001' },
  };
}

describe('normalizeCommuneName', () => {
  it('ignores accents, case, hyphens, apostrophes and extra spaces', () => {
    expect(normalizeCommuneName('Dompierre-les-Églises')).toBe('dompierre les eglises');
    expect(normalizeCommuneName('  VAL D’OIRE   et-Gartempe ')).toBe('val d oire et gartempe');
    expect(normalizeCommuneName("Val-d'Oire-et-Gartempe")).toBe('val d oire et gartempe');
    expect(normalizeCommuneName('Sœurdres')).toBe('soeurdres');
  });

  it('spells out St, Ste, Sts and Stes as whole words only', () => {
    expect(normalizeCommuneName('St Junien')).toBe('saint junien');
    expect(normalizeCommuneName('St-Junien')).toBe('saint junien');
    expect(normalizeCommuneName('Ste-Marie-de-Vaux')).toBe('sainte marie de vaux');
    expect(normalizeCommuneName('Stes-Maries-de-la-Mer')).toBe('saintes maries de la mer');
    expect(normalizeCommuneName('Stenay')).toBe('stenay');
    expect(normalizeCommuneName('Lourdes-Est')).toBe('lourdes est');
  });
});

describe('makeTerritory and look-ups', () => {
  const t = makeTerritory(squareData());

  it('indexes communes by current code and keeps the data', () => {
    expect(t.byCode.size).toBe(7);
    expect(t.byCode.get('2A004')?.nom).toBe('Dompierre-les-Églises');
    expect(t.communes).toHaveLength(7);
    expect(t.departement.code).toBe('2A');
  });

  it('resolves current codes, written loosely', () => {
    expect(resolveCommuneCode(t, '2A004')?.code).toBe('2A004');
    expect(resolveCommuneCode(t, '2a004')?.code).toBe('2A004');
    expect(resolveCommuneCode(t, ' 2A 004 ')?.code).toBe('2A004');
    expect(resolveCommuneCode(t, '01001')?.code).toBe('01001');
    expect(resolveCommuneCode(t, 1001)?.code).toBe('01001');
    expect(resolveCommuneCode(t, '1001')?.code).toBe('01001');
  });

  it('resolves old codes to the current commune', () => {
    expect(resolveCommuneCode(t, '2A090')?.code).toBe('2A003');
    expect(resolveCommuneCode(t, '2a091')?.code).toBe('2A003');
    expect(resolveCommuneCode(t, 20004)?.code).toBe('2A004');
  });

  it('prefers a current code over an old code that collides with it', () => {
    expect(resolveCommuneCode(t, '2A002')?.nom).toBe('Sainte-Marie-de-Vaux');
  });

  it('returns undefined for unknown codes', () => {
    expect(resolveCommuneCode(t, '87085')).toBeUndefined();
    expect(resolveCommuneCode(t, '')).toBeUndefined();
    expect(resolveCommuneCode(t, 'constructor')).toBeUndefined();
    expect(resolveCommuneCode(t, '__proto__')).toBeUndefined();
  });

  it('finds communes by name however it is written', () => {
    for (const name of ['saint-junien', 'St Junien', 'Saint-Junien', 'SAINT JUNIEN', 'st-junien']) {
      expect(findCommunesByName(t, name).map((c) => c.code)).toEqual(['2A001', '2A006']);
    }
    expect(findCommunesByName(t, 'Ste Marie de Vaux').map((c) => c.code)).toEqual(['2A002']);
    expect(findCommunesByName(t, 'dompierre les eglises').map((c) => c.code)).toEqual(['2A004']);
    expect(findCommunesByName(t, 'Val d’Oire et Gartempe').map((c) => c.code)).toEqual(['2A003']);
    expect(findCommunesByName(t, 'l abergement clemenciat').map((c) => c.code)).toEqual(['01001']);
    expect(findCommunesByName(t, 'Soeurdres').map((c) => c.code)).toEqual(['2A005']);
  });

  it('finds nothing for unknown or partial names, and returns a fresh array', () => {
    expect(findCommunesByName(t, 'Limoges')).toEqual([]);
    expect(findCommunesByName(t, 'Saint')).toEqual([]);
    findCommunesByName(t, 'Saint-Junien').pop();
    expect(findCommunesByName(t, 'Saint-Junien')).toHaveLength(2);
  });
});

describe('isInsideDepartement', () => {
  it('tests the polygon, holes included', () => {
    const t = makeTerritory(squareData());
    expect(isInsideDepartement(t, 1, 41)).toBe(true);
    expect(isInsideDepartement(t, 9.9, 49.9)).toBe(true);
    expect(isInsideDepartement(t, 5, 45)).toBe(false);
    expect(isInsideDepartement(t, 11, 45)).toBe(false);
    expect(isInsideDepartement(t, 5, 39.99)).toBe(false);
    expect(isInsideDepartement(t, Number.NaN, 45)).toBe(false);
  });

  it('accepts MultiPolygon outlines', () => {
    const data = squareData();
    data.departement.outline = [
      [
        [
          [0, 40],
          [1, 40],
          [1, 41],
          [0, 40],
        ],
      ],
      [
        [
          [5, 45],
          [6, 45],
          [6, 46],
          [5, 46],
          [5, 45],
        ],
      ],
    ];
    const t = makeTerritory(data);
    expect(isInsideDepartement(t, 0.9, 40.5)).toBe(true);
    expect(isInsideDepartement(t, 5.5, 45.5)).toBe(true);
    expect(isInsideDepartement(t, 3, 43)).toBe(false);
    expect(isInsideDepartement(t, 0.1, 40.9)).toBe(false);
  });

  it('uses the bounding box as a first filter', () => {
    const data = squareData();
    data.departement.bbox = [0, 40, 5, 50];
    const t = makeTerritory(data);
    expect(isInsideDepartement(t, 4, 41)).toBe(true);
    expect(isInsideDepartement(t, 8, 41)).toBe(false);
  });

  it('follows the real outline of Haute-Vienne', () => {
    const d = departements['87']!;
    const t = makeTerritory({ departement: { code: '87', ...d }, communes: [], anciensCodes: {} });
    const [minLon, minLat, maxLon, maxLat] = d.bbox;
    expect(minLon).toBeCloseTo(0.6297, 3);
    expect(maxLat).toBeCloseTo(46.4016, 3);
    expect(isInsideDepartement(t, 1.2611, 45.8336)).toBe(true); // Limoges, town hall
    expect(isInsideDepartement(t, 0.9011, 45.887)).toBe(true); // Saint-Junien
    expect(isInsideDepartement(t, 2.3522, 48.8566)).toBe(false); // Paris
    expect(isInsideDepartement(t, minLon - 0.001, 45.9)).toBe(false);
    expect(isInsideDepartement(t, maxLon + 0.001, 45.9)).toBe(false);
    expect(isInsideDepartement(t, 1.3, minLat - 0.001)).toBe(false);
    expect(isInsideDepartement(t, 1.3, maxLat + 0.001)).toBe(false);
    // Inside the bounding box, outside the outline: Guéret (Creuse) and Brive (Corrèze) corners.
    expect(isInsideDepartement(t, 1.8714, 46.1716)).toBe(false);
    expect(isInsideDepartement(t, 1.85, 45.45)).toBe(false);
  });

  it('follows the real outline of Corse-du-Sud, islands included', () => {
    const d = departements['2A']!;
    const t = makeTerritory({ departement: { code: '2A', ...d }, communes: [], anciensCodes: {} });
    expect(isInsideDepartement(t, 8.7369, 41.9192)).toBe(true); // Ajaccio
    expect(isInsideDepartement(t, 9.1569, 41.3874)).toBe(true); // Bonifacio
    expect(isInsideDepartement(t, 9.4503, 42.6973)).toBe(false); // Bastia, Haute-Corse
    expect(isInsideDepartement(t, 8.6, 41.8)).toBe(false); // at sea, inside the bounding box
  });
});

describe('isInsideDepartement against a plain ray cast over every edge', () => {
  // The function only looks at the edges of the point's latitude band; this oracle looks at all.
  function everyEdge(outline: Outline, lon: number, lat: number): boolean {
    const first = outline[0]?.[0]?.[0];
    const polygons = typeof first === 'number' ? [outline as number[][][]] : (outline as number[][][][]);
    let inside = false;
    for (const ring of polygons.flat()) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[j] as [number, number];
        const [x2, y2] = ring[i] as [number, number];
        if (y1 > lat !== y2 > lat && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
      }
    }
    return inside;
  }

  it.each(['87', '2A', '29', '974'])('gives the same answer on 5,000 points of département %s', (code) => {
    const d = departements[code]!;
    const t = makeTerritory({ departement: { code, ...d }, communes: [], anciensCodes: {} });
    const [minLon, minLat, maxLon, maxLat] = d.bbox;
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let inside = 0;
    for (let n = 0; n < 5_000; n++) {
      const lon = minLon + (maxLon - minLon) * random();
      const lat = minLat + (maxLat - minLat) * random();
      const expected = everyEdge(d.outline, lon, lat);
      if (expected) inside++;
      expect(isInsideDepartement(t, lon, lat), `${lon} ${lat}`).toBe(expected);
    }
    expect(inside).toBeGreaterThan(500);
  });
});

describe('distanceKm', () => {
  it('gives great-circle distances', () => {
    expect(distanceKm([1.2611, 45.8336], [1.2611, 45.8336])).toBe(0);
    expect(distanceKm([0, 45], [0, 46])).toBeCloseTo(111.2, 0);
    expect(distanceKm([2.3522, 48.8566], [5.3698, 43.2965])).toBeGreaterThan(655);
    expect(distanceKm([2.3522, 48.8566], [5.3698, 43.2965])).toBeLessThan(665);
    expect(distanceKm([0, 0], [180, 0])).toBeCloseTo(Math.PI * 6371, -1);
  });

  it('is symmetric; Limoges to Saint-Junien is about 28 km', () => {
    const limoges: [number, number] = [1.2611, 45.8336];
    const saintJunien: [number, number] = [0.9011, 45.887];
    const d = distanceKm(limoges, saintJunien);
    expect(d).toBeGreaterThan(28);
    expect(d).toBeLessThan(29.5);
    expect(distanceKm(saintJunien, limoges)).toBeCloseTo(d, 10);
  });
});
