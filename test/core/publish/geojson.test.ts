import { check } from '@placemarkio/check-geojson';
import { describe, expect, it } from 'vitest';
import { checkHours } from '../../../src/core/hours/check';
import { publicColumns, TABS } from '../../../src/core/model';
import { stopHours } from '../../../src/core/publish/catalogue';
import {
  FEED_FIELDS,
  type FeedKind,
  type PlaceFeature,
  type PlacesFeed,
} from '../../../src/core/publish/feed-types';
import { FEED_FILE } from '../../../src/core/publish/geojson';
import { isInsideDepartement } from '../../../src/core/territory';
import { sampleWorkbook } from '../../helpers/workbook';
import { fileOf, publishRaw, publishSample, TODAY, territory } from './helpers';

const EXTRA = ['categorie', 'precision', 'completude', 'pass_numerique', 'permanences'];

function col(key: string): string {
  return TABS.Lieux.columns.find((c) => c.key === key)!.header;
}

describe('lieux.geojson', () => {
  const publication = publishSample();
  const text = fileOf(publication, FEED_FILE);
  const feed = JSON.parse(text) as PlacesFeed;

  it('is valid GeoJSON (check-geojson) and an RFC 7946 FeatureCollection of Points', () => {
    expect(() => check(text)).not.toThrow();
    expect(feed.type).toBe('FeatureCollection');
    for (const f of feed.features) expect(f.geometry.type).toBe('Point');
  });

  it('has coordinates in range and inside the département, unique stable ids', () => {
    const ids = new Set<string>();
    for (const f of feed.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(isInsideDepartement(territory, lon, lat), `${f.id} ${lon},${lat}`).toBe(true);
      expect(f.id).toBe(f.properties.id);
      expect(ids.has(f.id)).toBe(false);
      ids.add(f.id);
      expect([f.properties.longitude, f.properties.latitude]).toEqual(f.geometry.coordinates);
    }
    const again = JSON.parse(
      fileOf(publishSample({ now: new Date('2026-11-28T18:00:00Z') }), FEED_FILE),
    ) as PlacesFeed;
    expect(again.features.map((f) => f.id)).toEqual(feed.features.map((f) => f.id));
  });

  it('has a bbox around its features and the contract’s metadata', () => {
    const lons = feed.features.map((f) => f.geometry.coordinates[0]);
    const lats = feed.features.map((f) => f.geometry.coordinates[1]);
    expect(feed.bbox).toEqual([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
    expect(feed.maillage).toMatchObject({
      date: TODAY,
      departement: { code: '87', nom: 'Haute-Vienne' },
      lieux: 61,
      arrets: publication.catalogue.stops.length,
      calendrier: 'permanences.ics',
      standard: 'standard-mediation-num v1.0.1',
    });
    expect(feed.maillage.emprise).toEqual(territory.departement.bbox);
  });

  it('carries only the columns the model marks public, plus what maps need', () => {
    const allowed = new Set([...publicColumns('Lieux').map((c) => c.key), ...EXTRA]);
    for (const f of feed.features) {
      for (const key of Object.keys(f.properties)) expect(allowed.has(key), key).toBe(true);
      for (const c of publicColumns('Lieux')) expect(f.properties).toHaveProperty(c.key);
    }
    // Pass Numérique: the network's own column, published for the map's ordering (a boolean).
    const pass = feed.features.filter((f) => f.properties.pass_numerique === true);
    expect(pass.length).toBeGreaterThan(0);
    expect(pass.length).toBeLessThan(feed.features.length);
    for (const f of feed.features) expect(typeof f.properties.pass_numerique).toBe('boolean');
    const permanenceKeys = new Set(publicColumns('Permanences').map((c) => c.key));
    for (const f of feed.features.filter((x) => x.properties.permanences)) {
      for (const p of f.properties.permanences!)
        for (const key of Object.keys(p)) expect(permanenceKeys.has(key), key).toBe(true);
    }
  });

  it('writes each standard property as the typed contract says (FEED_FIELDS, from the model)', () => {
    // The contract's kinds, checked on what the fast serialiser wrote: a property the model adds,
    // renames or changes breaks this test, not a map.
    const isText = (v: unknown) => typeof v === 'string';
    const check: Record<FeedKind, (v: unknown, f: PlaceFeature) => boolean> = {
      list: (v) => Array.isArray(v) && v.every(isText),
      text: (v) => isText(v),
      optional: (v) => v === null || (isText(v) && v !== ''),
      latitude: (v, f) => v === f.geometry.coordinates[1],
      longitude: (v, f) => v === f.geometry.coordinates[0],
    };
    expect(FEED_FIELDS.map((f) => f.key)).toEqual(publicColumns('Lieux').map((c) => c.key));
    const kinds = new Set<FeedKind>();
    for (const f of feed.features) {
      const props = f.properties as unknown as Record<string, unknown>;
      expect(Object.keys(props).filter((k) => !EXTRA.includes(k))).toEqual(FEED_FIELDS.map((x) => x.key));
      for (const field of FEED_FIELDS) {
        expect(check[field.kind](props[field.key], f), `${f.id} ${field.key} ${field.kind}`).toBe(true);
        kinds.add(field.kind);
      }
    }
    expect(kinds).toEqual(new Set(['list', 'text', 'optional', 'latitude', 'longitude']));
    // A text column published as a list is split on |.
    const split = FEED_FIELDS.find((f) => f.key === 'autres_formations_labels');
    expect(split?.kind).toBe('list');
    expect(FEED_FIELDS.find((f) => f.key === 'nom')?.kind).toBe('text');
    expect(FEED_FIELDS.find((f) => f.key === 'telephone')?.kind).toBe('optional');
  });

  it('publishes valid active fixed places, with multi values as arrays and a completeness score', () => {
    const places = feed.features.filter((f) => f.properties.categorie === 'lieu');
    expect(places).toHaveLength(61);
    expect(places.some((f) => f.properties.nom.startsWith('Bus numérique'))).toBe(false); // only Itinérant: the template
    expect(places.find((f) => f.id === 'lieu-0011')!.properties.itinerance).toEqual(['Itinérant', 'Fixe']); // both
    expect(places.find((f) => f.id === 'lieu-0060')).toBeUndefined(); // fermé
    for (const f of places) {
      expect(Array.isArray(f.properties.services)).toBe(true);
      expect(Array.isArray(f.properties.autres_formations_labels)).toBe(true);
      expect(f.properties.completude).toBeGreaterThanOrEqual(0);
      expect(f.properties.completude).toBeLessThanOrEqual(100);
    }
    expect(places.find((f) => f.id === 'lieu-0010')!.properties.autres_formations_labels).toEqual([
      'Formation PIX Médiation',
      'Label Numérique Inclusif',
    ]);
  });

  it('uses the commune’s point, flagged, when a row has no coordinates', () => {
    const own = feed.features.find((f) => f.id === 'lieu-0001')!;
    expect(own.properties.precision).toBe('adresse');
    const approx = feed.features.find((f) => f.id === 'lieu-0007')!; // every 7th row has no coordinates
    expect(approx.properties.precision).toBe('commune');
    const limoges = territory.byCode.get('87085')!;
    expect(approx.geometry.coordinates).toEqual(limoges.point);
    expect(own.properties.completude).toBeGreaterThan(0);
  });

  it('has one stop per commune and place, carrying its upcoming permanences soonest first', () => {
    const stops = feed.features.filter((f) => f.properties.categorie === 'arret');
    const bus = publication.catalogue.bus!;
    expect(stops.length).toBeGreaterThanOrEqual(15);
    const keys = new Set(
      stops.map(
        (s) => `${s.properties.code_insee}|${s.properties.complement_adresse ?? s.properties.adresse}`,
      ),
    );
    expect(keys.size).toBe(stops.length);
    for (const s of stops) {
      expect(s.properties).toMatchObject({
        itinerance: ['Itinérant'],
        structure_parente: bus.structure_parente,
        pivot: bus.pivot,
        precision: 'commune',
      });
      expect(s.properties.typologie).toContain('ENM');
      const perms = s.properties.permanences!;
      expect(perms.length).toBeGreaterThan(0);
      const order = perms.map((p) => `${p.date} ${p.debut}`);
      expect(order).toEqual([...order].sort());
      for (const p of perms) {
        expect(p.date >= TODAY).toBe(true);
        expect(['prévue', 'confirmée', 'annulée']).toContain(p.statut);
        expect(p.debut).toMatch(/^\d{2}:\d{2}$/);
      }
      expect(checkHours(s.properties.horaires!).ok, s.properties.horaires!).toBe(true);
    }
    expect(stops.flatMap((s) => s.properties.permanences!).some((p) => p.statut === 'annulée')).toBe(true);
  });

  it('leaves out a stop whose permanences are all past', () => {
    const late = JSON.parse(fileOf(publishSample({ today: '2027-12-01' }), FEED_FILE)) as PlacesFeed;
    expect(late.features.filter((f) => f.properties.categorie === 'arret')).toEqual([]);
  });

  it('keeps stops on the map and says so when no row describes the bus', () => {
    const raw = sampleWorkbook();
    const typo = raw.Lieux![0]!.indexOf(col('typologie'));
    raw.Lieux = raw.Lieux!.filter((r, i) => i === 0 || !r[typo]!.split('|').includes('ENM'));
    const publication = publishRaw(raw);
    const feed = JSON.parse(fileOf(publication, FEED_FILE)) as PlacesFeed;
    expect(feed.features.filter((f) => f.properties.categorie === 'arret').length).toBeGreaterThan(0);
    expect(() => check(fileOf(publication, FEED_FILE))).not.toThrow();
  });

  it('writes OpenStreetMap hours for a stop, one rule per day', () => {
    const p = (date: string, debut: string, fin: string, statut = 'prévue') =>
      ({ date, debut, fin, statut }) as Parameters<typeof stopHours>[0][number];
    expect(
      stopHours([
        p('2026-12-01', '09:30', '12:00'),
        p('2026-12-01', '14:00', '16:30'),
        p('2027-01-05', '09:30', '12:00'),
        p('2027-01-06', '09:30', '12:00', 'annulée'),
      ]),
    ).toBe('2026 Dec 01 09:30-12:00,14:00-16:30; 2027 Jan 05 09:30-12:00');
    expect(stopHours([])).toBeNull();
  });
});
