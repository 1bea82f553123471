/**
 * What importing a national file would do to the `Lieux` tab, decided place by place and never
 * guessed. A place of the file is the same as a known place (a row of the tab, or a place of the
 * file already taken in) when its id matches (same source), or its SIRET and address, or its name
 * and address (spellings and abbreviations aside, in the same commune, and less than 100 m apart
 * when both have a point). A looser likeness (same name elsewhere in the commune, close names at
 * the same address or a few metres apart) is listed for the coordinator to decide. A cell a
 * partner typed is never changed: a different value is listed beside it; only blank cells are filled.
 */
import { isBlank, toText } from '../cells';
import { newIds } from '../ids';
import { type ColumnDef, type Lieu, publicColumns, TABS } from '../model';
import type { Problem } from '../problems';
import type { ReadContext } from '../read-context';
import { type RowResult, readTable, type TableResult } from '../read-table';
import { rowStatus } from '../row-status';
import { distanceKm, normalizeCommuneName, resolveCommuneCode, type Territory } from '../territory';
import { type Decisions, nationalKey } from './decisions';
import { placeKey, similarNames } from './keys';
import type { NationalFile, NationalPlace } from './national';

/** Fields that describe the record rather than the place: never filled nor compared. */
const BOOKKEEPING = new Set(['id', 'source', 'date_maj']);

/** The columns an import fills and compares: the standard's fields of the model, bookkeeping aside. */
export const COMPARED_COLUMNS: readonly ColumnDef[] = publicColumns('Lieux').filter(
  (c) => !BOOKKEEPING.has(c.key),
);

/** Two places closer than this are at the same spot. */
export const SAME_SPOT_METRES = 100;

export interface CellFill {
  key: string;
  header: string;
  /** The value read from the file (typed as the model reads it). */
  value: Lieu[keyof Lieu];
  text: string;
}

export interface Difference {
  key: string;
  header: string;
  /** What the workbook holds (kept). */
  ours: string;
  /** What the national file says. */
  theirs: string;
}

/** A row of the tab that places of the file are the same as. */
export interface RowMerge {
  row: RowResult<'Lieux'>;
  /** The places of the file found the same as this row (duplicates of the file included). */
  places: NationalPlace[];
  reason: string;
  /** Blank cells of the row the file fills. */
  fills: CellFill[];
  /** Cells that differ: the row's value stays. */
  differences: Difference[];
}

/** A place of the file the tab lacks. */
export interface AddedPlace {
  /** The row's id: the file's own when free, else a new one. */
  id: string;
  place: NationalPlace;
  /** The place's record, blanks filled from its duplicates in the file. */
  record: Lieu;
  /** Other records of the file for the same place (collapsed into this one). */
  duplicates: NationalPlace[];
  /** Column keys whose value is taken from a duplicate (valid there). */
  filledFrom: Map<string, NationalPlace>;
}

export interface Candidate {
  /** A row of the tab, or a place of the file taken in by this import. */
  row?: number;
  id: string | null;
  nom: string | null;
  reason: string;
}

/** A place of the file that may or may not be a known one: the coordinator decides. */
export interface UncertainPlace {
  place: NationalPlace;
  candidates: Candidate[];
}

export interface ImportPlan {
  added: AddedPlace[];
  /** Rows with at least one blank cell filled. */
  updated: RowMerge[];
  /** Rows found in the file with nothing to fill. */
  leftAlone: RowMerge[];
  uncertain: UncertainPlace[];
  /** Places of the file outside the département (left out). */
  outside: NationalPlace[];
  /** Records of the file collapsed into another one of the file (same place). */
  duplicates: number;
  /** Rows of the tab no place of the file is (surely or perhaps) the same as. */
  unmatched: RowResult<'Lieux'>[];
}

interface Known {
  record: Lieu;
  commune: string;
  name: string;
  address: string;
  row?: RowResult<'Lieux'>;
  added?: AddedPlace;
}

function keysOf(record: Lieu, t: Territory): Omit<Known, 'row' | 'added'> {
  const code = record.code_insee ? resolveCommuneCode(t, record.code_insee)?.code : undefined;
  return {
    record,
    commune: code ?? normalizeCommuneName(record.commune ?? ''),
    name: placeKey(record.nom),
    address: placeKey(record.adresse),
  };
}

function metresApart(a: Lieu, b: Lieu): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  return distanceKm([a.longitude, a.latitude], [b.longitude, b.latitude]) * 1000;
}

interface Verdict {
  same: boolean;
  reason: string;
}

/** Whether a place of the file is surely (same), perhaps (not same) or not (null) a known place. */
export function judge(a: Omit<Known, 'row' | 'added'>, b: Omit<Known, 'row' | 'added'>): Verdict | null {
  const x = a.record;
  const y = b.record;
  if (x.id && x.id === y.id && (!x.source || !y.source || placeKey(x.source) === placeKey(y.source))) {
    return { same: true, reason: 'même identifiant' };
  }
  if (a.commune === '' || a.commune !== b.commune) return null;
  const sameAddress = a.address !== '' && a.address === b.address;
  const sameName = a.name !== '' && a.name === b.name;
  const samePivot = Boolean(x.pivot && x.pivot === y.pivot);
  const metres = metresApart(x, y);
  const far = metres !== null && metres >= SAME_SPOT_METRES;
  if (sameAddress && (samePivot || sameName)) {
    const what = samePivot ? 'même SIRET et même adresse' : 'même nom et même adresse';
    return far
      ? { same: false, reason: `${what}, mais points à ${Math.round(metres)} m l’un de l’autre` }
      : { same: true, reason: what };
  }
  if (sameName) return { same: false, reason: 'même nom dans la même commune, adresse différente' };
  const close = metres !== null && !far;
  if ((sameAddress || samePivot || close) && similarNames(x.nom, y.nom, x.commune ?? y.commune)) {
    const how = sameAddress
      ? 'même adresse'
      : samePivot
        ? 'même SIRET'
        : `points à ${Math.round(metres ?? 0)} m`;
    return { same: false, reason: `noms proches, ${how}` };
  }
  return null;
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isBlank(value);
}

/** A value as a person reads it. */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.join(' | ');
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return toText(value);
}

function sameValue(col: ColumnDef, a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = new Set(a.map((v) => String(v).toLowerCase()));
    return a.length > 0 && b.length === x.size && b.every((v) => x.has(String(v).toLowerCase()));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    // A thousandth of a degree: about 100 m of latitude, the same spot.
    return Math.abs(a - b) < 1e-3;
  }
  const x = toText(a);
  const y = toText(b);
  // Free text: spellings aside (« St-Junien » is « Saint-Junien », « av. » is « avenue »).
  if (col.type === 'text') return x === y || (placeKey(x) !== '' && placeKey(x) === placeKey(y));
  if (col.type === 'url' || col.type === 'urls') {
    const norm = (s: string) => s.toLowerCase().replace(/\/+(?=$|\|)/g, '');
    return norm(x) === norm(y);
  }
  return x.toLowerCase() === y.toLowerCase();
}

function hasProblem(place: NationalPlace, key: string): boolean {
  return place.problems.some((p) => p.field === key);
}

export interface PlanOptions {
  territory: Territory;
  /**
   * The tab's cells as read (row 0 = header): a cell is blank only when nothing was typed in it.
   * Without them, a cell is blank when its value is empty and nothing unreadable was typed in it.
   */
  cells?: readonly (readonly unknown[] | undefined)[];
  random?: () => number;
  /** The coordination's decisions about uncertain matches (the `Rapprochements` tab). */
  decisions?: Decisions;
}

function byDateThenPosition(a: NationalPlace, b: NationalPlace): number {
  const x = a.record.date_maj ?? '';
  const y = b.record.date_maj ?? '';
  if (x !== y) return x < y ? 1 : -1;
  return a.position - b.position;
}

/** Decides, for every place of the file, whether it is added, merged into a row, or left to decide. */
export function planImport(
  file: NationalFile,
  lieux: TableResult<'Lieux'>,
  options: PlanOptions,
): ImportPlan {
  const t = options.territory;
  const byCommune = new Map<string, Known[]>();
  const byId = new Map<string, Known[]>();
  const remember = (known: Known) => {
    for (const [index, key] of [
      [byCommune, known.commune],
      [byId, known.record.id ?? ''],
    ] as const) {
      if (key === '') continue;
      const list = index.get(key);
      if (list) list.push(known);
      else index.set(key, [known]);
    }
  };
  for (const row of lieux.rows) remember({ ...keysOf(row.record, t), row });

  const usedIds = new Set<string>();
  for (const row of lieux.rows) if (row.record.id) usedIds.add(row.record.id.trim().toLowerCase());
  const merges = new Map<RowResult<'Lieux'>, RowMerge>();
  const plan: ImportPlan = {
    added: [],
    updated: [],
    leftAlone: [],
    uncertain: [],
    outside: file.outside,
    duplicates: 0,
    unmatched: [],
  };
  const touched = new Set<RowResult<'Lieux'>>();
  const columnIndex = lieux.columnIndex;

  for (const place of [...file.places].sort(byDateThenPosition)) {
    const keys = keysOf(place.record, t);
    const seen = new Set<Known>();
    const surely: { known: Known; reason: string }[] = [];
    const perhaps: { known: Known; reason: string }[] = [];
    const decided = options.decisions?.get(nationalKey(place.record));
    for (const known of [...(byId.get(keys.record.id ?? '') ?? []), ...(byCommune.get(keys.commune) ?? [])]) {
      if (seen.has(known)) continue;
      seen.add(known);
      const decision =
        known.row && known.record.id ? decided?.get(known.record.id.trim().toLowerCase()) : undefined;
      if (decision === false) continue;
      if (decision === true) {
        surely.push({ known, reason: 'même lieu (décision de la coordination)' });
        continue;
      }
      const verdict = judge(keys, known);
      if (verdict) (verdict.same ? surely : perhaps).push({ known, reason: verdict.reason });
    }
    if (surely.length === 1 || (surely.length > 1 && surely.every((s) => s.known === surely[0]!.known))) {
      const { known, reason } = surely[0]!;
      if (known.row) mergeIntoRow(known.row, place, reason);
      else if (known.added) collapse(known.added, place);
      continue;
    }
    const doubtful = surely.length > 1 ? surely : perhaps;
    if (doubtful.length > 0) {
      for (const d of doubtful) if (d.known.row) touched.add(d.known.row);
      plan.uncertain.push({
        place,
        candidates: doubtful.map(({ known, reason }) => ({
          ...(known.row ? { row: known.row.row } : {}),
          id: known.added ? known.added.id : known.record.id,
          nom: known.record.nom,
          reason: surely.length > 1 ? `${reason} (plusieurs lieux correspondent)` : reason,
        })),
      });
      continue;
    }
    const nationalId = place.record.id?.trim() ?? '';
    const id =
      nationalId && !usedIds.has(nationalId.toLowerCase())
        ? nationalId
        : newIds('lieu', 1, usedIds, options.random)[0]!;
    usedIds.add(id.toLowerCase());
    const added: AddedPlace = {
      id,
      place,
      record: { ...place.record },
      duplicates: [],
      filledFrom: new Map(),
    };
    plan.added.push(added);
    remember({ ...keys, record: added.record, added });
  }

  function mergeIntoRow(row: RowResult<'Lieux'>, place: NationalPlace, reason: string) {
    touched.add(row);
    let merge = merges.get(row);
    if (!merge) {
      merge = { row, places: [], reason, fills: [], differences: [] };
      merges.set(row, merge);
    }
    merge.places.push(place);
    const raw = options.cells?.[row.row - 1];
    for (const col of COMPARED_COLUMNS) {
      const theirs = place.record[col.key as keyof Lieu];
      if (isEmpty(theirs) || hasProblem(place, col.key)) continue;
      const i = columnIndex[col.key];
      if (i === undefined) continue;
      const filled = merge.fills.find((f) => f.key === col.key);
      const blank = raw
        ? isBlank(raw[i])
        : isEmpty(row.record[col.key as keyof Lieu]) &&
          !row.problems.some((p) => p.field === col.key && !p.message.startsWith('Champ obligatoire'));
      if (blank && !filled) {
        merge.fills.push({ key: col.key, header: col.header, value: theirs, text: valueText(theirs) });
        continue;
      }
      const ours = filled ? filled.value : row.record[col.key as keyof Lieu];
      const oursText = filled ? filled.text : isEmpty(ours) ? toText(raw?.[i]) : valueText(ours);
      if (isEmpty(ours) || !sameValue(col, ours, theirs)) {
        const text = valueText(theirs);
        if (!merge.differences.some((d) => d.key === col.key && d.theirs === text)) {
          merge.differences.push({ key: col.key, header: col.header, ours: oursText, theirs: text });
        }
      }
    }
  }

  function collapse(added: AddedPlace, place: NationalPlace) {
    plan.duplicates++;
    added.duplicates.push(place);
    for (const col of COMPARED_COLUMNS) {
      const key = col.key as keyof Lieu;
      const theirs = place.record[key];
      if (isEmpty(theirs) || hasProblem(place, col.key)) continue;
      if (!isEmpty(added.record[key]) || hasProblem(added.place, col.key)) continue;
      (added.record as Record<string, unknown>)[key] = theirs;
      added.filledFrom.set(col.key, place);
    }
  }

  for (const merge of merges.values()) (merge.fills.length > 0 ? plan.updated : plan.leftAlone).push(merge);
  const byRow = (a: RowMerge, b: RowMerge) => a.row.row - b.row.row;
  plan.updated.sort(byRow);
  plan.leftAlone.sort(byRow);
  plan.added.sort((a, b) => a.place.position - b.place.position);
  plan.uncertain.sort((a, b) => a.place.position - b.place.position);
  plan.unmatched = lieux.rows.filter((row) => !touched.has(row));
  return plan;
}

/**
 * The cells of an added place, by column key: the model's value as a cell holds it (lists joined
 * with |), the file's own text where it could not be read (so the row shows what to correct).
 * `dateCell` turns `YYYY-MM-DD` into what a date cell holds (a Date in Apps Script).
 */
export function addedCells(
  added: AddedPlace,
  dateCell: (iso: string) => unknown = (iso) => iso,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const col of TABS.Lieux.columns) {
    if (col.computed) continue;
    const key = col.key as keyof Lieu;
    const value = added.record[key];
    const source = added.filledFrom.get(col.key) ?? added.place;
    if (hasProblem(source, col.key) && !isBlank(source.rawText(col.key)))
      out[col.key] = source.rawText(col.key);
    else if (isEmpty(value)) continue;
    else if (Array.isArray(value)) out[col.key] = value.join('|');
    else if (col.type === 'date' && typeof value === 'string') out[col.key] = dateCell(value);
    else if (typeof value === 'boolean') out[col.key] = value ? 'oui' : 'non';
    else out[col.key] = value;
  }
  out.id = added.id;
  return out;
}

export interface CellWrite {
  /** Sheet row (1 = header). */
  row: number;
  /** 0-based column. */
  column: number;
  value: unknown;
}

export interface TabWrites {
  /** Cells filled in existing rows. */
  fills: CellWrite[];
  /** New rows, as wide as the header, to go below the last row. */
  rows: unknown[][];
}

/** The writes of a plan on a tab whose header row is `header` (columns in any order). */
export function planWrites(
  plan: ImportPlan,
  columnIndex: Partial<Record<string, number>>,
  width: number,
  dateCell?: (iso: string) => unknown,
): TabWrites {
  const fills: CellWrite[] = [];
  for (const merge of plan.updated) {
    for (const fill of merge.fills) {
      const column = columnIndex[fill.key];
      if (column === undefined) continue;
      const value = Array.isArray(fill.value)
        ? fill.value.join('|')
        : typeof fill.value === 'string' &&
            dateCell &&
            TABS.Lieux.columns.find((c) => c.key === fill.key)?.type === 'date'
          ? dateCell(fill.value)
          : fill.value;
      fills.push({ row: merge.row.row, column, value });
    }
  }
  const rows = plan.added.map((added) => {
    const cells = addedCells(added, dateCell);
    const row: unknown[] = Array.from({ length: width }, () => '');
    for (const [key, value] of Object.entries(cells)) {
      const column = columnIndex[key];
      if (column !== undefined) row[column] = value;
    }
    return row;
  });
  return { fills, rows };
}

/** The tab's cells once the writes are made (a new array; the given cells are left as they are). */
export function applyWrites(
  cells: readonly (readonly unknown[] | undefined)[],
  writes: TabWrites,
): unknown[][] {
  const out = cells.map((row) => [...(row ?? [])]);
  for (const fill of writes.fills) {
    const row = out[fill.row - 1];
    if (!row) continue;
    while (row.length <= fill.column) row.push('');
    row[fill.column] = fill.value;
  }
  // New rows go below the last row holding anything (trailing blank rows are reused).
  let last = out.length;
  while (last > 1 && (out[last - 1] ?? []).every(isBlank)) last--;
  out.length = last;
  out.push(...writes.rows.map((row) => [...row]));
  return out;
}

/**
 * The rows an import writes (filled and new), checked as the tab will hold them: their « État » and
 * « Problèmes » are added to the writes, as « Vérifier » writes them, and their problems returned
 * (sheet rows of the tab once written).
 */
export function withStatus(
  cells: readonly (readonly unknown[] | undefined)[],
  writes: TabWrites,
  ctx: ReadContext,
): Problem[] {
  const after = applyWrites(cells, writes);
  const table = readTable('Lieux', after, ctx);
  const { etat, problemes } = table.columnIndex;
  const firstNew = after.length - writes.rows.length + 1;
  const filled = new Set(writes.fills.map((f) => f.row));
  const found: Problem[] = [];
  for (const row of table.rows) {
    const isNew = row.row >= firstNew;
    if (!isNew && !filled.has(row.row)) continue;
    found.push(...row.problems);
    const status = rowStatus(row.problems);
    for (const [column, value] of [
      [etat, status.etat],
      [problemes, status.problemes],
    ] as const) {
      if (column === undefined) continue;
      if (isNew) writes.rows[row.row - firstNew]![column] = value;
      else writes.fills.push({ row: row.row, column, value });
    }
  }
  return found;
}
