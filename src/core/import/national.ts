/**
 * A file in the national standard (LaMednum/standard-mediation-num v1.0.1) read as rows of the
 * `Lieux` tab: CSV rows as the adapter parsed them, or the same records as JSON (an array of flat
 * records, values as text, numbers or lists) or GeoJSON (the records as the features' properties,
 * the point as their geometry), as the national cartography exports them. The standard's field
 * names are the model's keys of the public `Lieux` columns: readTable maps them, and every record
 * goes through the checks a typed row goes through.
 */
import { isBlank, toText } from '../cells';
import { type Lieu, publicColumns } from '../model';
import type { Problem } from '../problems';
import type { ReadContext } from '../read-context';
import { matchHeaders, readTable } from '../read-table';
import { findCommunesByName, isInsideDepartement, resolveCommuneCode, type Territory } from '../territory';

export type NationalFormat = 'csv' | 'json' | 'geojson';

/** The file's content: CSV rows (header first), or the parsed JSON / GeoJSON. */
export type NationalInput = { rows: readonly (readonly unknown[])[] } | { json: unknown };

export interface NationalPlace {
  /** The CSV line (the header is line 1), or the record's number in a JSON or GeoJSON file (from 1). */
  position: number;
  record: Lieu;
  /** The checks of a typed row (the `id` of the file is the national one: never reported). */
  problems: Problem[];
  valid: boolean;
  /** The cell as the file gave it, by column key (to keep an unreadable value as it was typed). */
  rawText(key: string): string;
}

export interface NationalFile {
  format: NationalFormat;
  /** Places of the département, in file order. */
  places: NationalPlace[];
  /** Places whose commune and point are all outside the département: left out. */
  outside: NationalPlace[];
  /** Why the file cannot be read at all (French); empty when it can. */
  errors: string[];
  /** Columns of the file that are not fields of the standard (ignored). */
  unknownColumns: string[];
}

const PUBLIC_KEYS = publicColumns('Lieux').map((c) => c.key);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonCell(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toText(v)).join('|');
  if (typeof value === 'object') return '';
  return value;
}

/** The records of a JSON or GeoJSON export, as rows of the standard's fields. */
function jsonRows(json: unknown): { format: NationalFormat; rows: unknown[][] } | string {
  let format: NationalFormat = 'json';
  let records: unknown[] | undefined;
  if (Array.isArray(json)) records = json;
  else if (isRecord(json) && json.type === 'FeatureCollection' && Array.isArray(json.features)) {
    format = 'geojson';
    records = json.features.map((feature) => {
      if (!isRecord(feature)) return feature;
      const properties = isRecord(feature.properties) ? { ...feature.properties } : {};
      const geometry = feature.geometry;
      if (isRecord(geometry) && geometry.type === 'Point' && Array.isArray(geometry.coordinates)) {
        const [lon, lat] = geometry.coordinates as unknown[];
        if (isBlank(properties.latitude) && isBlank(properties.longitude)) {
          properties.latitude = lat;
          properties.longitude = lon;
        }
      }
      return properties;
    });
  } else if (isRecord(json)) {
    records = Object.values(json).find((v): v is unknown[] => Array.isArray(v) && v.some(isRecord));
  }
  if (!records) {
    return 'Le fichier JSON ne contient ni une liste de lieux ni une FeatureCollection GeoJSON : exportez les lieux au standard national (CSV, JSON ou GeoJSON).';
  }
  const rows: unknown[][] = [PUBLIC_KEYS];
  for (const record of records) {
    rows.push(isRecord(record) ? PUBLIC_KEYS.map((k) => jsonCell(record[k])) : []);
  }
  return { format, rows };
}

/** Whether a place says where it is and nothing it says is in the département. */
function isOutside(record: Lieu, t: Territory): boolean {
  const code = record.code_insee;
  const name = record.commune;
  const lat = record.latitude;
  const lon = record.longitude;
  const point = lat !== null && lon !== null;
  if (code && resolveCommuneCode(t, code)) return false;
  if (name && findCommunesByName(t, name).length > 0) return false;
  if (point && isInsideDepartement(t, lon, lat)) return false;
  return Boolean(code || name || point);
}

/**
 * Reads a national file. Every record is checked as a typed `Lieux` row (the network's `Statut` is
 * « actif » for an imported place); places outside the département are set apart.
 */
export function readNationalFile(input: NationalInput, ctx: ReadContext): NationalFile {
  let format: NationalFormat = 'csv';
  let rows: readonly (readonly unknown[])[];
  if ('json' in input) {
    const read = jsonRows(input.json);
    if (typeof read === 'string') {
      return { format: 'json', places: [], outside: [], errors: [read], unknownColumns: [] };
    }
    format = read.format;
    rows = read.rows;
  } else rows = input.rows;
  const header = rows[0] ?? [];
  const { columnIndex, unknownColumns } = matchHeaders('Lieux', header);
  const missing = publicColumns('Lieux').filter((c) => c.required && columnIndex[c.key] === undefined);
  if (header.every(isBlank) || missing.length > 0) {
    const names = missing.map((c) => c.key).join(', ');
    return {
      format,
      places: [],
      outside: [],
      errors: [
        header.every(isBlank)
          ? 'Le fichier est vide ou n’a pas de ligne d’en-têtes : exportez les lieux au standard national (CSV, JSON ou GeoJSON).'
          : `Colonnes du standard national introuvables : ${names}. Le fichier doit suivre le standard des lieux de médiation numérique v1.0.1 (première ligne : id,pivot,nom,commune,…).`,
      ],
      unknownColumns,
    };
  }
  // Imported places are active members of the directory: the network's own `statut` column.
  const statut = columnIndex.statut === undefined ? header.length : -1;
  const table = readTable(
    'Lieux',
    statut < 0
      ? rows
      : rows.map((row, r) => {
          if (r > 0 && row.every(isBlank)) return row;
          const cells = [...row];
          cells[statut] = r === 0 ? 'statut' : 'actif';
          return cells;
        }),
    ctx,
  );
  const places: NationalPlace[] = [];
  const outside: NationalPlace[] = [];
  for (const row of table.rows) {
    const raw = rows[row.row - 1] ?? [];
    const problems = row.problems.filter((p) => p.field !== 'id');
    const place: NationalPlace = {
      position: row.row,
      record: row.record,
      problems,
      valid: !problems.some((p) => p.severity === 'erreur'),
      rawText(key) {
        const i = columnIndex[key];
        return i === undefined ? '' : toText(raw[i], ctx.timeZone);
      },
    };
    if (isOutside(row.record, ctx.territory)) outside.push(place);
    else places.push(place);
  }
  return { format, places, outside, errors: [], unknownColumns };
}

/** Where a place is in its file, in French: « ligne 12 » of a CSV, « lieu n° 11 » of a JSON file. */
export function positionLabel(format: NationalFormat, position: number): string {
  return format === 'csv' ? `ligne ${position}` : `lieu n° ${position - 1}`;
}
