import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GEOCODER_URL,
  geocodeQuery,
  judgeHit,
  parseAnswer,
  retryDelayMs,
  searchUrl,
} from '../../src/core/geocode';

function answer(features: { score: number; citycode: string; label: string; lon: number; lat: number }[]) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
      properties: { score: f.score, citycode: f.citycode, label: f.label, type: 'housenumber' },
    })),
  });
}

describe('geocoder requests', () => {
  it('builds the query and the URL with encodeURIComponent only', () => {
    const q = geocodeQuery({ adresse: ' 2  place Aimé-Césaire ', code_postal: '87100', commune: 'Limoges' });
    expect(q).toBe('2 place Aimé-Césaire 87100 Limoges');
    expect(searchUrl(DEFAULT_GEOCODER_URL, q)).toBe(
      'https://data.geopf.fr/geocodage/search?q=2%20place%20Aim%C3%A9-C%C3%A9saire%2087100%20Limoges&limit=1&index=address&autocomplete=0',
    );
    expect(searchUrl('http://127.0.0.1:9/search?apikey=x&', 'a&b')).toBe(
      'http://127.0.0.1:9/search?apikey=x&q=a%26b&limit=1&index=address&autocomplete=0',
    );
  });

  it('reads the best feature of a FeatureCollection, and nothing from garbage', () => {
    expect(
      parseAnswer(answer([{ score: 0.93, citycode: '87085', label: 'x', lon: 1.25, lat: 45.83 }])),
    ).toEqual({ lon: 1.25, lat: 45.83, score: 0.93, citycode: '87085', label: 'x', type: 'housenumber' });
    expect(parseAnswer('{"features":[]}')).toBeNull();
    expect(parseAnswer('<html>')).toBeNull();
  });
});

describe('judging an answer', () => {
  const point: [number, number] = [1.248, 45.8315];
  it('accepts a confident result in the row’s commune, rounded to the metre', () => {
    const hit = { lon: 1.2507912, lat: 45.8333917, score: 0.91, citycode: '87085', label: 'L', type: '' };
    expect(judgeHit(hit, '87085', point)).toEqual({
      kind: 'adresse',
      lat: 45.83339,
      lon: 1.25079,
      label: 'L',
      score: 0.91,
    });
  });

  it('falls back to the commune point when unsure or elsewhere, with the reason', () => {
    const low = { lon: 1, lat: 45, score: 0.41, citycode: '87085', label: 'Rue X', type: '' };
    expect(judgeHit(low, '87085', point)).toEqual({
      kind: 'commune',
      lat: 45.8315,
      lon: 1.248,
      reason: 'résultat incertain (« Rue X », confiance 41 %)',
    });
    const elsewhere = { ...low, score: 0.95, citycode: '87187' };
    expect(judgeHit(elsewhere, '87085', point)).toMatchObject({
      kind: 'commune',
      reason: 'le résultat « Rue X » est dans une autre commune (code 87187)',
    });
    expect(judgeHit(null, '87085', null)).toEqual({
      kind: 'echec',
      reason: 'adresse introuvable dans la Base Adresse Nationale',
    });
  });
});

describe('the service’s rate rules', () => {
  const now = Date.parse('2027-03-01T09:00:00Z');
  it('waits at least the 5-second block after a 429, longer when Retry-After asks, at most a minute', () => {
    expect(retryDelayMs(429, undefined, now)).toBe(5_000);
    expect(retryDelayMs(429, '2', now)).toBe(5_000);
    expect(retryDelayMs(429, '12', now)).toBe(12_000);
    expect(retryDelayMs(429, 'Mon, 01 Mar 2027 09:00:20 GMT', now)).toBe(20_000);
    expect(retryDelayMs(429, '3600', now)).toBe(60_000);
    expect(retryDelayMs(503, undefined, now)).toBe(1_000);
    expect(retryDelayMs(503, '3', now)).toBe(3_000);
  });

  it('does not ask again after any other answer', () => {
    for (const status of [200, 400, 404, 500, 502]) expect(retryDelayMs(status, '5', now)).toBeNull();
  });
});
