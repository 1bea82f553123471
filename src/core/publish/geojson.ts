/**
 * `lieux.geojson`: the feed websites' maps read, exactly as feed-types.ts says (RFC 7946
 * FeatureCollection, one Point per published place and per bus stop, `maillage` foreign member).
 * Written feature by feature from the catalogue's rows (no feature objects are built: 100,000
 * places stay cheap), through the feed's fields (feed-types.ts: the model's public columns) only.
 */
import type { Lieu } from '../model';
import { STANDARD_VERSION } from '../standard';
import type { Territory } from '../territory';
import type { Catalogue, PublishedPlace } from './catalogue';
import {
  FEED_FIELDS,
  type FeatureProperties,
  type FeedMetadata,
  MAP_LIST_FIELDS,
  MAP_LIST_TYPE,
  mapListRow,
} from './feed-types';
import type { FirstPagePlace } from './map-first-page';

export const FEED_FILE = 'lieux.geojson';
export const CALENDAR_FILE = 'permanences.ics';

/** Optional fields a visitor finds useful: the completeness score is the share that is filled. */
const USEFUL_FIELDS = [
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'typologie',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const satisfies readonly (keyof Lieu)[];

/** 0-100: share of the useful optional fields that are filled, plus precise coordinates. */
export function completeness(place: PublishedPlace): number {
  let filled = place.precision === 'adresse' ? 1 : 0;
  const rec = place.record;
  for (const key of USEFUL_FIELDS) {
    const v = rec[key];
    if (Array.isArray(v) ? v.length > 0 : v !== null && v !== '') filled++;
  }
  return Math.round((100 * filled) / (USEFUL_FIELDS.length + 1));
}

const NONE: readonly string[] = Object.freeze([]);

function splitPipes(text: unknown): readonly string[] {
  if (typeof text !== 'string' || text === '') return NONE;
  return text
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

type PropertiesFactory = (
  record: Record<string, unknown>,
  point: [number, number],
  place: PublishedPlace,
  completude: number,
  split: typeof splitPipes,
) => Record<string, unknown>;

/**
 * A factory of properties listing `fields` (and what maps need), compiled once. A feature's
 * properties come from one object literal listing every key (the model's keys, never workbook
 * data): one hidden class for all features, which V8's JSON.stringify walks fastest. An undefined
 * `permanences` (places) is left out by JSON.stringify.
 */
function propertiesFactory(fields: readonly (typeof FEED_FIELDS)[number][]): PropertiesFactory {
  return new Function(
    'r',
    'pt',
    'place',
    'completude',
    'split',
    `return {${fields
      .map((p) => {
        const key = JSON.stringify(p.key);
        const value = `r[${key}]`;
        switch (p.kind) {
          case 'latitude':
            return `${key}:pt[1]`;
          case 'longitude':
            return `${key}:pt[0]`;
          case 'list':
            // Multi-value columns are read as arrays; a text column published as a list is split here.
            return `${key}:Array.isArray(${value})?${value}:split(${value})`;
          case 'text':
            return `${key}:${value}??''`;
          default:
            return `${key}:${value}===undefined?null:${value}`;
        }
      })
      .join(
        ',',
      )},categorie:place.categorie,precision:place.precision,completude:completude,pass_numerique:r.pass_numerique===true,permanences:place.permanences};`,
  ) as PropertiesFactory;
}

const makeProperties = propertiesFactory(FEED_FIELDS);
/** Only the properties the map's list reads (MAP_LIST_FIELDS): the same values, fewer made. */
const makeListProperties = propertiesFactory(
  FEED_FIELDS.filter((f) => (MAP_LIST_FIELDS as readonly string[]).includes(f.key)),
);

/** One feature as JSON: the public columns (multi values as arrays) and what maps need. */
export function featureJson(place: PublishedPlace, point: [number, number]): string {
  const rec = place.record as unknown as Record<string, unknown>;
  return JSON.stringify({
    type: 'Feature',
    id: rec.id ?? '',
    geometry: { type: 'Point', coordinates: point },
    properties: makeProperties(rec, point, place, completeness(place), splitPipes),
  });
}

export interface FeedOptions {
  territory: Territory;
  /** The day taken as today (YYYY-MM-DD). */
  today: string;
  /** ISO date-time of the run. */
  generatedAt: string;
}

/** The places and stops that go on the map (those with a point), in feed order. */
export function mappedPlaces(catalogue: Catalogue): PublishedPlace[] {
  return [...catalogue.places, ...catalogue.stops].filter((p) => p.point !== null);
}

export interface PlacesFeedWriter {
  metadata: FeedMetadata;
  bbox: [number, number, number, number] | null;
  /** Feature ids, in order (for the circuit breaker). */
  ids: string[];
  /** The file, piece by piece: one feature per line (readable diffs, never held whole). */
  chunks(): Iterable<string>;
  /** MAP_LIST_FILE, piece by piece: one place per line. */
  listChunks(): Iterable<string>;
}

export function placesFeed(catalogue: Catalogue, options: FeedOptions): PlacesFeedWriter {
  const mapped = mappedPlaces(catalogue);
  let lieux = 0;
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const place of mapped) {
    if (place.categorie === 'lieu') lieux++;
    const [lon, lat] = place.point!;
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  const { departement } = options.territory;
  const metadata: FeedMetadata = {
    genere_le: options.generatedAt,
    date: options.today,
    departement: { code: departement.code, nom: departement.nom },
    emprise: [...departement.bbox],
    contour: departement.outline,
    lieux,
    arrets: mapped.length - lieux,
    calendrier: CALENDAR_FILE,
    standard: `standard-mediation-num ${STANDARD_VERSION}`,
  };
  const bbox: [number, number, number, number] | null =
    mapped.length > 0 ? [minLon, minLat, maxLon, maxLat] : null;
  return {
    metadata,
    bbox,
    ids: mapped.map((p) => p.record.id ?? ''),
    *chunks() {
      const head = bbox
        ? { type: 'FeatureCollection', bbox, maillage: metadata }
        : { type: 'FeatureCollection', maillage: metadata };
      const top = JSON.stringify(head).slice(0, -1);
      if (mapped.length === 0) {
        yield `${top},"features":[]}\n`;
        return;
      }
      yield `${top},"features":[\n`;
      for (let i = 0; i < mapped.length; i++) {
        const place = mapped[i]!;
        yield `${featureJson(place, place.point!)}${i < mapped.length - 1 ? ',\n' : '\n'}`;
      }
      yield ']}\n';
    },
    *listChunks() {
      const head = { type: MAP_LIST_TYPE, maillage: metadata, champs: MAP_LIST_FIELDS };
      yield `${JSON.stringify(head).slice(0, -1)},"lieux":[\n`;
      for (let i = 0; i < mapped.length; i++) {
        const place = mapped[i]!;
        const point = place.point!;
        const rec = place.record as unknown as Record<string, unknown>;
        const props = makeListProperties(rec, point, place, 0, splitPipes) as unknown as FeatureProperties;
        yield `${JSON.stringify(mapListRow(String(rec.id ?? ''), point, props))}${i < mapped.length - 1 ? ',\n' : '\n'}`;
      }
      yield ']}\n';
    },
  };
}

/** The places and stops of the feed (in feed order) as the first page reads them. */
export function firstPagePlaces(catalogue: Catalogue): FirstPagePlace[] {
  return mappedPlaces(catalogue).map(({ record, categorie }) => ({
    id: record.id ?? '',
    nom: record.nom ?? '',
    commune: record.commune ?? '',
    adresse: record.adresse ?? null,
    code_postal: record.code_postal ?? null,
    categorie,
  }));
}
