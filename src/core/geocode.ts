/**
 * Geocoding places with the Base Adresse Nationale (Géoplateforme, `data.geopf.fr/geocodage/search`).
 *
 * Pure: builds the request URLs (with encodeURIComponent only: Apps Script has neither `URL` nor
 * `URLSearchParams`) and judges the answers. A result is accepted only when its score is high enough
 * and its INSEE code (`citycode`) is the row's commune; otherwise the row gets its commune's point and
 * is flagged as approximate, so that nobody mistakes a town-hall pin for the place's door.
 */
import type { LonLat } from './territory';

export const DEFAULT_GEOCODER_URL = 'https://data.geopf.fr/geocodage/search';
/** BAN scores run from 0 to 1; below this, the match is too often the wrong street. */
export const DEFAULT_MIN_SCORE = 0.6;
/** The Géoplateforme allows 50 requests per second per IP. */
export const GEOCODER_BATCH_SIZE = 40;
/** Past that rate the service answers 429 and blocks the caller for 5 seconds. */
export const GEOCODER_BLOCK_MS = 5_000;
/** A busy answer is asked again at most this many times. */
export const GEOCODER_RETRIES = 2;
/** Longest wait honoured from a Retry-After header. */
const MAX_RETRY_WAIT_MS = 60_000;

/**
 * How long to wait before asking again after a busy answer, or null when asking again is pointless:
 * 429 (too many requests) or 503 (unavailable), the Retry-After header (seconds or an HTTP date)
 * when given, never less than the 5-second block after a 429, at most a minute.
 */
export function retryDelayMs(status: number, retryAfter: string | undefined, nowMs: number): number | null {
  if (status !== 429 && status !== 503) return null;
  let asked = 0;
  const header = (retryAfter ?? '').trim();
  if (/^\d+$/.test(header)) asked = Number(header) * 1000;
  else if (header) {
    const at = Date.parse(header);
    if (Number.isFinite(at)) asked = at - nowMs;
  }
  const floor = status === 429 ? GEOCODER_BLOCK_MS : 1_000;
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(floor, asked));
}

export interface AddressInput {
  adresse: string | null;
  code_postal: string | null;
  commune: string | null;
}

/** The free-text query: « 2 place Aimé-Césaire 87100 Limoges ». */
export function geocodeQuery(input: AddressInput): string {
  return [input.adresse, input.code_postal, input.commune]
    .map((p) => (p ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
}

/** The search URL for one query (one result, addresses and streets only, whole words: no autocomplete). */
export function searchUrl(baseUrl: string, query: string): string {
  const base = baseUrl.trim().replace(/[?&]+$/, '');
  const join = base.includes('?') ? '&' : '?';
  return `${base}${join}q=${encodeURIComponent(query)}&limit=1&index=address&autocomplete=0`;
}

export interface GeocoderHit {
  lon: number;
  lat: number;
  score: number;
  citycode: string;
  label: string;
  type: string;
}

/** The best feature of a BAN answer (a GeoJSON FeatureCollection), or null when there is none. */
export function parseAnswer(body: string): GeocoderHit | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features) || features.length === 0) return null;
  const f = features[0] as {
    geometry?: { coordinates?: unknown };
    properties?: Record<string, unknown>;
  };
  const coords = f.geometry?.coordinates;
  const props = f.properties ?? {};
  if (!Array.isArray(coords) || typeof coords[0] !== 'number' || typeof coords[1] !== 'number') return null;
  return {
    lon: coords[0],
    lat: coords[1],
    score: typeof props.score === 'number' ? props.score : 0,
    citycode: typeof props.citycode === 'string' ? props.citycode : '',
    label: typeof props.label === 'string' ? props.label : '',
    type: typeof props.type === 'string' ? props.type : '',
  };
}

export type GeocodeOutcome =
  | { kind: 'adresse'; lat: number; lon: number; label: string; score: number }
  | { kind: 'commune'; lat: number; lon: number; reason: string }
  | { kind: 'echec'; reason: string };

/** Five decimals: about one metre, as precise as a geocoded address can be. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function scoreText(score: number): string {
  return `${Math.round(score * 100)} %`;
}

/**
 * Accepts the hit, or falls back to the commune's point with the reason, or gives up (no commune
 * point known). `citycode` is the row's current INSEE code.
 */
export function judgeHit(
  hit: GeocoderHit | null,
  citycode: string | null,
  communePoint: LonLat | null,
  minScore: number = DEFAULT_MIN_SCORE,
): GeocodeOutcome {
  let reason: string;
  if (!hit) reason = 'adresse introuvable dans la Base Adresse Nationale';
  else if (hit.score < minScore) {
    reason = `résultat incertain (« ${hit.label} », confiance ${scoreText(hit.score)})`;
  } else if (!citycode) reason = 'commune du lieu inconnue : impossible de vérifier le résultat';
  else if (hit.citycode !== citycode) {
    reason = `le résultat « ${hit.label} » est dans une autre commune (code ${hit.citycode || 'inconnu'})`;
  } else {
    return {
      kind: 'adresse',
      lat: roundCoordinate(hit.lat),
      lon: roundCoordinate(hit.lon),
      label: hit.label,
      score: hit.score,
    };
  }
  if (!communePoint) return { kind: 'echec', reason };
  return {
    kind: 'commune',
    lat: roundCoordinate(communePoint[1]),
    lon: roundCoordinate(communePoint[0]),
    reason,
  };
}
