/**
 * The contract of `lieux.geojson`, the feed websites' maps read (RFC 7946 FeatureCollection).
 * Written by the publisher (src/core/publish), read by the map (src/web). Property names of the
 * national standard stay verbatim; multi-value fields are arrays. The standard's properties are
 * computed from the model's public columns: a new public column touches the model and the view only.
 */
import { type ColumnDef, publicColumns, type TABS } from '../model';
import type { Outline } from '../territory';

type LieuColumn = (typeof TABS)['Lieux']['columns'][number];
/** The model's public columns of `Lieux`: the standard's fields, in model order. */
type PublicLieuColumn = Extract<LieuColumn, { public: true }>;

/**
 * Public text columns written with `|` between values in one cell, published as lists (the
 * standard's other multi-value fields are `multiple` in the model already).
 */
const SPLIT_IN_FEED = ['autres_formations_labels'] as const;

/** How a public column becomes a feed property. */
export type FeedKind = 'list' | 'text' | 'optional' | 'latitude' | 'longitude';

type KindOf<C extends LieuColumn> = C['key'] extends (typeof SPLIT_IN_FEED)[number]
  ? 'list'
  : C extends { multiple: true }
    ? 'list'
    : C['type'] extends 'latitude' | 'longitude'
      ? C['type']
      : C extends { required: true }
        ? 'text'
        : 'optional';

interface ValueOfKind {
  list: string[];
  text: string;
  optional: string | null;
  latitude: number;
  longitude: number;
}

/** The standard's public fields as published in a feature, computed from the model's public columns. */
export type StandardProperties = {
  [C in PublicLieuColumn as C['key']]: ValueOfKind[KindOf<C>];
};

export type FeedKey = keyof StandardProperties;
/** The properties published as lists of texts. */
export type FeedListKey = { [K in FeedKey]: StandardProperties[K] extends string[] ? K : never }[FeedKey];

export interface FeedField {
  key: FeedKey;
  kind: FeedKind;
}

function kindOf(column: ColumnDef): FeedKind {
  if (column.multiple || (SPLIT_IN_FEED as readonly string[]).includes(column.key)) return 'list';
  if (column.type === 'latitude' || column.type === 'longitude') return column.type;
  return column.required ? 'text' : 'optional';
}

/**
 * The feed's standard properties, in order, with the kind of each: what the serialiser
 * (geojson.ts) writes and what the map (src/web/carte/places.ts) reads. The same rule as
 * StandardProperties, at run time (test/core/publish/geojson.test.ts checks they agree).
 */
export const FEED_FIELDS: readonly FeedField[] = publicColumns('Lieux').map((c) => ({
  key: c.key as FeedKey,
  kind: kindOf(c),
}));

/** One upcoming permanence of the bus at a stop. */
export interface UpcomingPermanence {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, Europe/Paris */
  debut: string;
  fin: string;
  offres: string[];
  statut: 'prévue' | 'confirmée' | 'annulée';
}

export interface FeatureProperties extends StandardProperties {
  /** `lieu`: a fixed place; `arret`: a stop of the bus, with its upcoming permanences. */
  categorie: 'lieu' | 'arret';
  /** `adresse`: the row's own coordinates; `commune`: the commune's point (approximate). */
  precision: 'adresse' | 'commune';
  /** 0-100: share of the useful optional fields that are filled. */
  completude: number;
  /** The place accepts Pass Numérique (APTIC) cheques: the network's column, outside the standard. */
  pass_numerique: boolean;
  /** Stops only: upcoming permanences, soonest first (cancelled ones kept, flagged). */
  permanences?: UpcomingPermanence[];
}

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: FeatureProperties;
}

export interface FeedMetadata {
  /** ISO date-time of the run. */
  genere_le: string;
  /** The day taken as today (YYYY-MM-DD). */
  date: string;
  departement: { code: string; nom: string };
  /** [minLon, minLat, maxLon, maxLat] of the département. */
  emprise: [number, number, number, number];
  /** The département's outline (GeoJSON Polygon or MultiPolygon coordinates, simplified, about 4 kB). */
  contour: Outline;
  lieux: number;
  arrets: number;
  /** Relative URL of the bus calendar. */
  calendrier: string;
  standard: string;
}

export interface PlacesFeed {
  type: 'FeatureCollection';
  bbox?: [number, number, number, number];
  /** Foreign member (RFC 7946 §6.1). */
  maillage: FeedMetadata;
  features: PlaceFeature[];
}

/**
 * `lieux-carte.json`, beside the feed: what the map's list, filters, search and markers need of
 * each place, read first on a slow connection (the whole feed, for a place's fiche, comes after).
 * The same values as the feed's properties (the same code makes them), only these fields, one
 * place per line: `[id, longitude, latitude, categorie, precision, pass_numerique, permanences
 * (stops) or null, ...MAP_LIST_FIELDS]`.
 */
export const MAP_LIST_FILE = 'lieux-carte.json';
export const MAP_LIST_TYPE = 'maillage-carte-lieux';

/** The standard's fields the map's list, filters, search, hours and markers read. */
export const MAP_LIST_FIELDS = [
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'horaires',
  'services',
  'modalites_accompagnement',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'prise_rdv',
] as const satisfies readonly FeedKey[];

/** One place's row of MAP_LIST_FILE, from its feature's id, point and properties. */
export function mapListRow(
  id: string,
  point: readonly [number, number],
  properties: Pick<FeatureProperties, 'categorie' | 'precision' | 'pass_numerique' | 'permanences'> &
    Pick<StandardProperties, (typeof MAP_LIST_FIELDS)[number]>,
): unknown[] {
  return [
    id,
    point[0],
    point[1],
    properties.categorie,
    properties.precision,
    properties.pass_numerique,
    properties.permanences ?? null,
    ...MAP_LIST_FIELDS.map((key) => properties[key]),
  ];
}

/** Folder of the per-stop calendars, beside the whole calendar (`permanences.ics`). */
export const STOP_CALENDAR_FOLDER = 'permanences';

/** A stop's own calendar (its upcoming passages), relative to the whole calendar's folder. */
export function stopCalendarFile(stopId: string): string {
  return `${STOP_CALENDAR_FOLDER}/${encodeURIComponent(stopId)}.ics`;
}
