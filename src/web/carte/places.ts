/**
 * The feed (`lieux.geojson`, src/core/publish/feed-types.ts) read defensively into the places the
 * map shows. Every value is coerced to plain text or a list of texts: the page never trusts the
 * shape of what it downloaded, and never renders any of it as markup.
 */
import {
  FEED_FIELDS,
  type FeatureProperties,
  type FeedMetadata,
  MAP_LIST_TYPE,
  type StandardProperties,
  type UpcomingPermanence,
} from '../../core/publish/feed-types';
import { compareDefaultOrder } from '../../core/publish/map-first-page';
import { normalizeName } from '../common/text';

export type Permanence = UpcomingPermanence;

/**
 * A place or a bus stop, ready for filtering and display: the feed's standard properties under
 * their own names (read through FEED_FIELDS), and what the map adds.
 */
export interface Place extends StandardProperties {
  /** Position in the default order (commune, then name). */
  rank: number;
  categorie: FeatureProperties['categorie'];
  precision: FeatureProperties['precision'];
  /** Accepts Pass Numérique (APTIC) cheques. */
  pass_numerique: boolean;
  /** normalizeName(commune) */
  communeKey: string;
  permanences: Permanence[];
}

export interface Feed {
  places: Place[];
  meta: Partial<FeedMetadata> & { departement: { code: string; nom: string } };
  /** Features left out because they had no usable point. */
  skipped: number;
}

export class FeedError extends Error {
  constructor(
    readonly reason: 'reseau' | 'http' | 'format',
    message: string,
  ) {
    super(message);
  }
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function optionalText(value: unknown): string | null {
  const t = text(value);
  return t === '' ? null : t;
}

function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((t) => t !== '');
  const t = text(value);
  return t === '' ? [] : t.split('|').map((s) => s.trim());
}

function permanences(value: unknown): Permanence[] {
  if (!Array.isArray(value)) return [];
  const out: Permanence[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const p = item as Record<string, unknown>;
    const statut = text(p.statut);
    out.push({
      id: text(p.id),
      date: text(p.date),
      debut: text(p.debut),
      fin: text(p.fin),
      offres: texts(p.offres),
      statut: statut === 'confirmée' || statut === 'annulée' ? statut : 'prévue',
    });
  }
  return out.sort((a, b) => (a.date + a.debut).localeCompare(b.date + b.debut));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Few distinct communes for many places: their keys are computed once. */
function communeKeyOf(cache: Map<string, string>, commune: string): string {
  let key = cache.get(commune);
  if (key === undefined) {
    key = normalizeName(commune);
    cache.set(commune, key);
  }
  return key;
}

/** Checks and converts a parsed feed. Throws FeedError('format') when it is not a places feed. */
export function readFeed(json: unknown): Feed {
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new FeedError(
      'format',
      'Ce fichier n’est pas une liste de lieux (FeatureCollection GeoJSON attendue).',
    );
  }
  const meta = isObject(json.maillage) ? (json.maillage as Partial<FeedMetadata>) : {};
  const departement =
    isObject(meta.departement) && typeof meta.departement.code === 'string'
      ? { code: text(meta.departement.code), nom: text(meta.departement.nom) }
      : { code: '', nom: '' };
  const places: Place[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  const communeKeys = new Map<string, string>();
  for (const feature of json.features as unknown[]) {
    if (!isObject(feature) || !isObject(feature.properties)) {
      skipped++;
      continue;
    }
    const p = feature.properties as Partial<Record<keyof FeatureProperties, unknown>>;
    const geometry = isObject(feature.geometry) ? feature.geometry : null;
    const coords = geometry && Array.isArray(geometry.coordinates) ? geometry.coordinates : null;
    const lon = Number(coords?.[0] ?? p.longitude);
    const lat = Number(coords?.[1] ?? p.latitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      skipped++;
      continue;
    }
    let id = text(feature.id) || text(p.id) || `lieu-${places.length + 1}`;
    while (seen.has(id)) id = `${id}-bis`;
    seen.add(id);
    const standard: Record<string, unknown> = {};
    for (const field of FEED_FIELDS) {
      const value = p[field.key];
      switch (field.kind) {
        case 'list':
          standard[field.key] = texts(value);
          break;
        case 'text':
          standard[field.key] = text(value);
          break;
        case 'optional':
          standard[field.key] = optionalText(value);
          break;
        case 'latitude':
          standard[field.key] = lat;
          break;
        case 'longitude':
          standard[field.key] = lon;
          break;
      }
    }
    const place = standard as unknown as Place;
    place.id = id;
    place.nom ||= 'Lieu sans nom';
    place.rank = 0;
    place.categorie = p.categorie === 'arret' ? 'arret' : 'lieu';
    place.precision = p.precision === 'commune' ? 'commune' : 'adresse';
    place.pass_numerique = p.pass_numerique === true;
    place.communeKey = communeKeyOf(communeKeys, place.commune);
    place.permanences = permanences(p.permanences);
    places.push(place);
  }
  places.sort(compareDefaultOrder);
  places.forEach((place, i) => {
    place.rank = i;
  });
  return { places, meta: { ...meta, departement }, skipped };
}

/**
 * Reads `lieux-carte.json` (MAP_LIST_FILE: the places' list fields, one row each) into the same
 * places as the feed gives, their other fields empty until the feed is read (`mergeFeed`).
 */
export function readMapList(json: unknown): Feed {
  if (
    !isObject(json) ||
    json.type !== MAP_LIST_TYPE ||
    !Array.isArray(json.lieux) ||
    !Array.isArray(json.champs)
  ) {
    throw new FeedError('format', 'Ce fichier n’est pas la liste des lieux de la carte.');
  }
  const fields = json.champs.map(text);
  const features = json.lieux.map((row: unknown) => {
    if (!Array.isArray(row)) return null;
    const [id, lon, lat, categorie, precision, pass, permanences, ...values] = row as unknown[];
    const properties: Record<string, unknown> = { categorie, precision, pass_numerique: pass, permanences };
    fields.forEach((field, i) => {
      properties[field] = values[i];
    });
    return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
  });
  return readFeed({ type: 'FeatureCollection', maillage: json.maillage, features });
}

/**
 * The whole feed's fields copied onto the places read from the map's list (same ids): the objects
 * the list and the map hold stay the same, their rank too. Returns how many were completed.
 */
export function mergeFeed(places: readonly Place[], full: Feed): number {
  const byId = new Map(full.places.map((p) => [p.id, p]));
  let merged = 0;
  for (const place of places) {
    const whole = byId.get(place.id);
    if (!whole) continue;
    Object.assign(place, whole, { rank: place.rank });
    merged++;
  }
  return merged;
}

/** Downloads index.html started before the map's script (see public/index.html), by kind. */
interface EarlyDownload {
  url: string;
  reponse: Promise<Response>;
}

/** The download index.html started for `url`, taken once; null when there is none. */
export function takeEarlyDownload(
  kind: 'lieux' | 'liste' | 'communes',
  url: string,
): Promise<Response> | null {
  const w = window as unknown as { __maillagePrechargement?: Partial<Record<string, EarlyDownload>> };
  const early = w.__maillagePrechargement?.[kind];
  if (!early || early.url !== url) return null;
  w.__maillagePrechargement![kind] = undefined;
  return early.reponse;
}

/** Downloads and reads the feed; every failure becomes a FeedError with a French message. */
export function loadFeed(url: string): Promise<Feed> {
  return load('lieux', url, readFeed);
}

/** Downloads and reads the map's list of places (lieux-carte.json), with the same errors. */
export function loadMapList(url: string): Promise<Feed> {
  return load('liste', url, readMapList);
}

async function load(kind: 'lieux' | 'liste', url: string, read: (json: unknown) => Feed): Promise<Feed> {
  let response: Response;
  try {
    response = await (takeEarlyDownload(kind, url) ?? fetch(url));
  } catch {
    throw new FeedError('reseau', 'Le serveur des lieux ne répond pas.');
  }
  if (!response.ok) throw new FeedError('http', `Le serveur a répondu « erreur ${response.status} ».`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new FeedError('format', 'Le fichier des lieux est abîmé (JSON illisible).');
  }
  return read(json);
}
