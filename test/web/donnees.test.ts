/**
 * The map's data side, without a browser: communes.json and the commune search, the view state in
 * the URL, reading a feed defensively, safe links.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAP_LIST_FIELDS, MAP_LIST_FILE } from '../../src/core/publish/feed-types';
import { FEED_FILE } from '../../src/core/publish/geojson';
import { mapCommunes } from '../../src/core/publish/map-communes';
import { loadTerritory } from '../../src/node/territory';
import { indexCommunes, readCommunes, searchCommunes } from '../../src/web/carte/communes';
import {
  decodeState,
  emptyState,
  encodeState,
  GROUPS,
  type GroupKey,
  groupOptions,
  type ViewState,
} from '../../src/web/carte/filters';
import { FeedError, mergeFeed, type Place, readFeed, readMapList } from '../../src/web/carte/places';
import { mailUrl, webUrl } from '../../src/web/common/text';
import { fileOf, publishSample } from '../core/publish/helpers';
import { feature, makeFeed, properties } from './feed-fixture';

describe('communes.json', () => {
  const communes = mapCommunes(loadTerritory('87'));

  it('lists the 195 communes of Haute-Vienne, compact and sorted by name', () => {
    expect(communes).toHaveLength(195);
    expect(communes[0]?.nom).toBe('Aixe-sur-Vienne');
    const limoges = communes.find((c) => c.code === '87085');
    expect(limoges).toMatchObject({ nom: 'Limoges', codesPostaux: ['87000', '87100', '87280'] });
    expect(limoges?.point?.[0]).toBeCloseTo(1.25, 1);
    expect(Object.keys(limoges ?? {}).sort()).toEqual(['code', 'codesPostaux', 'nom', 'point', 'population']);
    // Small enough to download on an old phone.
    expect(JSON.stringify(communes).length).toBeLessThan(25_000);
  });

  it('survives JSON and is read back as it was written', () => {
    expect(readCommunes(JSON.parse(JSON.stringify(communes)))).toEqual(communes);
  });

  it('finds a commune whatever the accents, hyphens and « St »', () => {
    const index = indexCommunes(communes);
    for (const query of ['saint-junien', 'St Junien', 'Saint-Junien', 'SAINT JUNIEN', 'st-junien']) {
      expect(searchCommunes(index, query)[0]?.nom, query).toBe('Saint-Junien');
    }
    expect(searchCommunes(index, 'saint leonard')[0]?.nom).toBe('Saint-Léonard-de-Noblat');
    expect(searchCommunes(index, '87200').map((c) => c.nom)).toContain('Saint-Junien');
    expect(searchCommunes(index, '87100').map((c) => c.nom)).toEqual(['Limoges']);
    expect(searchCommunes(index, 'Bordeaux')).toEqual([]);
    // A prefix lists the candidates, largest first.
    const saints = searchCommunes(index, 'saint', 20);
    expect(saints.length).toBeGreaterThan(10);
    expect(saints.every((c) => c.nom.startsWith('Saint'))).toBe(true);
  });
});

describe('the view in the URL', () => {
  const options = Object.fromEntries(GROUPS.map((g) => [g.key, g.vocabulary])) as Record<
    GroupKey,
    readonly string[]
  >;

  it('round-trips every filter and the selected place', () => {
    const state: ViewState = {
      services: ['Aide aux démarches administratives', 'Accès internet et matériel informatique'],
      modalites: ['Dans un atelier collectif'],
      publics: ['Seniors'],
      priseEnCharge: ['Langues étrangères (anglais)'],
      gratuit: true,
      passNumerique: true,
      rdvEnLigne: true,
      ouvertMaintenant: true,
      weekEnd: true,
      type: 'bus',
      commune: '87154',
      rayon: 20,
      lieu: 'lieu-42',
    };
    const fragment = encodeState(state);
    expect(fragment).toContain('services=aide-aux-demarches-administratives%2Cacces-internet');
    expect(decodeState(`#${fragment}`, options)).toEqual(state);
  });

  it('writes nothing for the default view and ignores unknown values', () => {
    expect(encodeState(emptyState())).toBe('');
    const state = decodeState(
      '#services=n-existe-pas,aide-aux-demarches-administratives&type=avion&rayon=7',
      options,
    );
    expect(state.services).toEqual(['Aide aux démarches administratives']);
    expect(state.type).toBe('tous');
    expect(state.rayon).toBe(10);
  });

  it('offers the values present in the feed, in the standard’s order, with their counts', () => {
    const group = GROUPS[0];
    if (!group) throw new Error('no group');
    expect(
      groupOptions(group, [
        ['Accès internet et matériel informatique', 'Aide aux démarches administratives'],
        ['Aide aux démarches administratives'],
        ['Autre chose'],
      ]),
    ).toEqual([
      { value: 'Aide aux démarches administratives', count: 2 },
      { value: 'Accès internet et matériel informatique', count: 1 },
      { value: 'Autre chose', count: 1 },
    ]);
  });
});

describe('reading the feed', () => {
  it('reads the fixture feed, places sorted by commune then name', () => {
    const feed = readFeed(JSON.parse(JSON.stringify(makeFeed({ places: 20 }))));
    expect(feed.places).toHaveLength(20 + 6 + 3);
    expect(feed.meta.departement).toEqual({ code: '87', nom: 'Haute-Vienne' });
    const communes = feed.places.map((p) => p.commune);
    expect(communes).toEqual([...communes].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
    const stop = feed.places.find((p) => p.id === 'arret-saint-junien');
    expect(stop?.categorie).toBe('arret');
    expect(stop?.permanences.map((p) => p.statut)).toEqual(['confirmée', 'annulée', 'prévue']);
  });

  it('turns anything odd into text, and skips features without a point', () => {
    const good = feature(properties({ id: 'a', nom: 'A' }));
    const json = {
      type: 'FeatureCollection',
      features: [
        {
          ...good,
          properties: {
            ...good.properties,
            nom: 42,
            services: 'Aide aux démarches administratives|Autre',
            telephone: { x: 1 },
          },
        },
        { type: 'Feature', geometry: null, properties: { id: 'b', nom: 'B' } },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [500, 45] },
          properties: { id: 'c', nom: 'C' },
        },
        'nonsense',
      ],
    };
    const feed = readFeed(json);
    expect(feed.skipped).toBe(3);
    expect(feed.places[0]).toMatchObject({
      nom: '42',
      services: ['Aide aux démarches administratives', 'Autre'],
      telephone: null,
    });
  });

  it('refuses what is not a places feed', () => {
    expect(() => readFeed({ hello: 'world' })).toThrow(/FeatureCollection/);
    expect(() => readFeed(null)).toThrow();
  });
});

describe('links made from workbook values', () => {
  it('only ever links to web pages and e-mail addresses', () => {
    expect(webUrl('https://exemple.fr/rdv')).toBe('https://exemple.fr/rdv');
    expect(webUrl('www.exemple.fr')).toBe('https://www.exemple.fr/');
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(webUrl('pas une adresse')).toBeNull();
    expect(mailUrl('accueil@mairie.example')).toBe('mailto:accueil@mairie.example');
    expect(mailUrl('a@b.c?subject=<x>')).toBeNull();
  });
});

describe('lieux-carte.json, the map’s list of places', () => {
  const publication = publishSample();
  const feedText = fileOf(publication, FEED_FILE);
  const listText = fileOf(publication, MAP_LIST_FILE);
  const fromFeed = readFeed(JSON.parse(feedText));
  const fromList = readMapList(JSON.parse(listText));

  it('gives the map the same places as the feed: ids, order, points, kind and every list field', () => {
    expect(fromList.places.length).toBeGreaterThan(70);
    expect(fromList.places.map((p) => p.id)).toEqual(fromFeed.places.map((p) => p.id));
    expect(fromList.meta).toEqual(fromFeed.meta);
    const listed = [
      ...MAP_LIST_FIELDS,
      'id',
      'latitude',
      'longitude',
      'rank',
      'categorie',
      'precision',
      'pass_numerique',
      'communeKey',
      'permanences',
    ] as const;
    const pick = (p: Place) => Object.fromEntries(listed.map((k) => [k, p[k]]));
    expect(fromList.places.map(pick)).toEqual(fromFeed.places.map(pick));
    expect(fromFeed.places.some((p) => p.permanences.length > 0)).toBe(true);
    expect(fromFeed.places.some((p) => p.pass_numerique)).toBe(true);
  });

  it('holds only those fields, and is much smaller than the feed', () => {
    const list = JSON.parse(listText) as { champs: string[]; lieux: unknown[][] };
    expect(list.champs).toEqual([...MAP_LIST_FIELDS]);
    for (const row of list.lieux) expect(row).toHaveLength(7 + MAP_LIST_FIELDS.length);
    // The details (phones, mails, presentation…) are left to the feed.
    expect(fromList.places.every((p) => p.telephone === null && p.courriels.length === 0)).toBe(true);
    expect(fromFeed.places.some((p) => p.telephone !== null)).toBe(true);
    expect(gzipSync(listText).length).toBeLessThan(gzipSync(feedText).length * 0.7);
  });

  it('completes the places read from the list with the feed, keeping the same objects', () => {
    const places = readMapList(JSON.parse(listText)).places;
    const same = [...places];
    expect(mergeFeed(places, fromFeed)).toBe(places.length);
    expect(places.every((p, i) => p === same[i])).toBe(true);
    expect(places).toEqual(fromFeed.places);
  });

  it('refuses another file', () => {
    expect(() => readMapList(JSON.parse(feedText))).toThrow(FeedError);
    expect(() => readMapList({ type: 'maillage-carte-lieux', lieux: {} })).toThrow(FeedError);
  });
});
