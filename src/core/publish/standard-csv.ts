/**
 * The national standard file (LaMednum/standard-mediation-num v1.0.1): UTF-8, comma separated, the
 * 32 columns in the schema's order, `|` between values, RFC 4180 quoting and CRLF line ends.
 * Places and bus stops; stops only when the bus has its template row (the standard needs a pivot).
 */
import { inertCell } from '../formula';
import { standardFields } from '../standard';
import { type Catalogue, type PublishedPlace, slug } from './catalogue';

export const STANDARD_CSV_FILE = 'lieux-de-mediation-numerique.csv';

/**
 * The name the standard recommends for uploads (data.gouv.fr):
 * `YYYY-MM-DD_<producteur>_lieux-de-mediation-numerique_<territoire>.csv`.
 */
export function recommendedCsvName(date: string, producer: string, territory: string): string {
  return `${date}_${slug(producer)}_lieux-de-mediation-numerique_${slug(territory)}.csv`;
}

const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One RFC 4180 field, never a formula (see formula.ts: an apostrophe before a leading `=`, `+`, `-`,
 * `@`): quoted only when it holds a comma, a quote, a semicolon or a line break. Values the schema's
 * patterns constrain (pivot, postcodes, phone `+33…`, vocabularies) never start a formula once read,
 * so the apostrophe only ever lands in free text; a summary it would push past 280 characters is
 * an error of the row (row-checks.ts), never written.
 */
export function csvField(text: string): string {
  const inert = inertCell(text);
  return NEEDS_QUOTES.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** Shared (frozen) value lists, e.g. a vocabulary cell's: encoded once for all the rows using them. */
const encodedLists = new WeakMap<readonly unknown[], string>();

function listCell(values: readonly unknown[]): string {
  if (values.length === 0) return '';
  if (!Object.isFrozen(values)) return csvField(values.join('|'));
  let encoded = encodedLists.get(values);
  if (encoded === undefined) {
    encoded = csvField(values.join('|'));
    encodedLists.set(values, encoded);
  }
  return encoded;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return csvField(value);
  if (Array.isArray(value)) return listCell(value);
  return csvField(String(value));
}

/** The schema's field names, in order: every one is a public column of `Lieux` (see model.ts). */
const COLUMNS = standardFields.map((f) => f.name);
const HEADER = COLUMNS.join(',');

/**
 * A record's line, compiled once from the schema's field names (`cell(r["id"]) + "," + ...`): each
 * field is read by name, not by a computed key, which V8 reads a third faster over 100,000 rows.
 * The names come from the schema file, never from workbook data.
 */
const recordLine = new Function(
  'cell',
  `return function (r) { return ${COLUMNS.map((c) => `cell(r[${JSON.stringify(c)}])`).join(" + ',' + ")}; };`,
)(cell) as (record: Record<string, unknown>) => string;

/** One record: the row's own coordinates only (a commune's point would mislead the national map). */
export function csvLine(place: PublishedPlace): string {
  return recordLine(place.record as unknown as Record<string, unknown>);
}

/** The records of the national file: places, then stops when the bus has its template row. */
export function standardRecords(catalogue: Catalogue): PublishedPlace[] {
  return catalogue.bus ? [...catalogue.places, ...catalogue.stops] : catalogue.places;
}

/** The file, piece by piece (never held whole). */
export function* standardCsvChunks(catalogue: Catalogue): Iterable<string> {
  yield `${HEADER}\r\n`;
  for (const place of standardRecords(catalogue)) yield `${csvLine(place)}\r\n`;
}

export function buildStandardCsv(catalogue: Catalogue): string {
  let out = '';
  for (const chunk of standardCsvChunks(catalogue)) out += chunk;
  return out;
}
