/**
 * readTable: raw cells of one tab -> typed records + problems. Cells may come from Apps Script
 * (Date objects), the Sheets API (serial numbers, ragged rows), CSV (strings) or xlsx. Columns are
 * matched by header, in any order; unknown columns are kept out and ignored.
 */
import { fold, isBlank } from './cells';
import { type CellResult, type FieldContext, readCell } from './fields';
import { type ColumnDef, type RecordOf, TABS, type TabName } from './model';
import type { Problem, Severity } from './problems';
import { type RawRows, type ReadContext, setupHint } from './read-context';
import { checkRow } from './row-checks';

export interface RowResult<N extends TabName> {
  /** Sheet row number (1 = header row). */
  row: number;
  record: RecordOf<N>;
  problems: Problem[];
  /** No `erreur`: the row may be published. */
  valid: boolean;
}

export interface TableResult<N extends TabName> {
  tab: N;
  rows: RowResult<N>[];
  /** Every problem of the tab: header problems first, then rows in order. */
  problems: Problem[];
  /** Column key -> 0-based index in the sheet. */
  columnIndex: Partial<Record<string, number>>;
  missingColumns: string[];
  unknownColumns: string[];
}

const headerIndexes = new Map<TabName, Map<string, ColumnDef>>();

function headerIndex(tab: TabName): Map<string, ColumnDef> {
  let index = headerIndexes.get(tab);
  if (!index) {
    index = new Map();
    for (const col of TABS[tab].columns) {
      index.set(fold(col.header), col);
      index.set(fold(col.key), col);
    }
    headerIndexes.set(tab, index);
  }
  return index;
}

/** Matches a header row against the model. */
export function matchHeaders(tab: TabName, headerRow: readonly unknown[]) {
  const index = headerIndex(tab);
  const columnIndex: Partial<Record<string, number>> = {};
  const unknownColumns: string[] = [];
  const duplicates: string[] = [];
  headerRow.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const col = index.get(fold(String(cell)));
    if (!col) unknownColumns.push(String(cell));
    else if (columnIndex[col.key] !== undefined) duplicates.push(String(cell));
    else columnIndex[col.key] = i;
  });
  const missing = TABS[tab].columns.filter((c) => columnIndex[c.key] === undefined);
  return { columnIndex, unknownColumns, duplicates, missing };
}

export function problem(
  tab: TabName,
  row: number,
  col: ColumnDef | null,
  message: string,
  severity: Severity = 'erreur',
): Problem {
  return col
    ? { tab, row, column: col.header, field: col.key, message, severity }
    : { tab, row, column: '', message, severity };
}

/**
 * Reads one column's cells. A column repeats a few texts over many rows (communes, postcodes,
 * dates, sources, opening hours, vocabularies): a text already read gives its earlier result, so it
 * is parsed and checked once, and 100,000 rows saying « Saint-Junien » keep one string and one
 * frozen list. A column whose first 128 texts are nearly all distinct (names, addresses: fewer
 * than a quarter repeated) stops remembering: storing and hashing them cost more than reading them.
 * readCell depends on nothing but the column, the cell and the time zone.
 */
class ColumnReader {
  private readonly seen = new Map<string, CellResult>();
  private lookups = 0;
  private hits = 0;
  private active = true;

  constructor(
    private readonly col: ColumnDef,
    private readonly ctx: FieldContext,
  ) {}

  read(raw: unknown): CellResult {
    if (!this.active || typeof raw !== 'string') return readCell(this.col, raw, this.ctx);
    const known = this.seen.get(raw);
    this.lookups++;
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    const result = readCell(this.col, raw, this.ctx);
    if (Array.isArray(result.value)) Object.freeze(result.value);
    if (this.seen.size < 4096) this.seen.set(raw, Object.freeze(result));
    if (this.lookups === 128 && this.hits < 32) {
      this.active = false;
      this.seen.clear();
    }
    return result;
  }
}

type RecordBuilder = (value: (column: number) => unknown) => Record<string, unknown>;

const recordBuilders = new Map<TabName, RecordBuilder>();

/**
 * Every record of a tab comes from one object literal listing all its keys, each value read in
 * column order (`value(0)`, `value(1)`...): one hidden class and in-object properties, so 100,000
 * records take a third less memory than objects grown key by key, and no property is stored by a
 * computed key. The keys are the model's, never workbook data.
 */
function recordBuilder(tab: TabName): RecordBuilder {
  let builder = recordBuilders.get(tab);
  if (!builder) {
    const literal = TABS[tab].columns.map((c, i) => `${JSON.stringify(c.key)}:value(${i})`).join(',');
    builder = new Function('value', `return {${literal}};`) as RecordBuilder;
    recordBuilders.set(tab, builder);
  }
  return builder;
}

/** An array's rows in turn, each dropped from the array once handed out. */
function releasingRows(array: (readonly unknown[] | undefined)[]): Iterator<readonly unknown[] | undefined> {
  let r = 0;
  return {
    next() {
      if (r >= array.length) return { done: true, value: undefined };
      const row = array[r];
      array[r++] = [];
      return { done: false, value: row };
    },
  };
}

/** Reads a tab's rows (an array, or any iterable such as a CSV parser's; row 0 = header). */
export function readTable<N extends TabName>(tab: N, cells: RawRows, ctx: ReadContext): TableResult<N> {
  const def = TABS[tab];
  const result: TableResult<N> = {
    tab,
    rows: [],
    problems: [],
    columnIndex: {},
    missingColumns: [],
    unknownColumns: [],
  };
  // Plain iterators (no generator in between): a CSV tab's parser hands rows straight in.
  const rows: Iterator<readonly unknown[] | undefined> =
    ctx.releaseRows && Array.isArray(cells)
      ? releasingRows(cells as (readonly unknown[] | undefined)[])
      : cells[Symbol.iterator]();
  const first = rows.next();
  const headerRow = first.done ? undefined : first.value;
  if (!headerRow || headerRow.every(isBlank)) {
    rows.return?.();
    result.problems.push(
      problem(tab, 1, null, `L’onglet « ${tab} » n’a pas de ligne d’en-têtes : ${setupHint(ctx)}.`),
    );
    return result;
  }
  const { columnIndex, unknownColumns, duplicates, missing } = matchHeaders(tab, headerRow);
  result.columnIndex = columnIndex;
  result.unknownColumns = unknownColumns;
  result.missingColumns = missing.map((c) => c.header);
  for (const header of duplicates) {
    result.problems.push(
      problem(
        tab,
        1,
        null,
        `La colonne « ${header} » apparaît deux fois : seule la première est lue. Supprimez ou renommez l’autre.`,
      ),
    );
  }
  const missingRequired = missing.filter((c) => c.required && !c.computed);
  if (missingRequired.length > 0) {
    // The other rows are not read: let a parser that reads ahead (a worker) stop.
    rows.return?.();
    for (const col of missingRequired) {
      result.problems.push(
        problem(
          tab,
          1,
          col,
          `Colonne obligatoire « ${col.header} » introuvable dans l’onglet « ${tab} » : rétablissez son nom ou ${setupHint(ctx)}. Aucune ligne de l’onglet n’est lue.`,
        ),
      );
    }
    return result;
  }

  const idCol = def.columns.find((c) => c.key === 'id' && columnIndex[c.key] !== undefined);
  const seenIds = new Map<string, number>();
  const fieldCtx = { ...ctx, departement: ctx.departement ?? ctx.territory.departement.code };
  const readers = def.columns.map((col) => new ColumnReader(col, fieldCtx));
  const indexes = def.columns.map((c) => columnIndex[c.key] ?? -1);
  const build = recordBuilder(tab);
  // The row being read, for `value` (called by the builder for each column in turn).
  let cellsOfRow: readonly unknown[] = [];
  let problems: Problem[] = [];
  let rowNumber = 1;
  const value = (c: number): unknown => {
    const col = def.columns[c]!;
    const i = indexes[c]!;
    if (i < 0) return col.multiple ? [] : null;
    const cell = readers[c]!.read(cellsOfRow[i]);
    if (cell.message && !col.computed)
      problems.push(problem(tab, rowNumber, col, cell.message, cell.severity));
    return cell.value;
  };
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const row = next.value ?? [];
    rowNumber++;
    if (row.every(isBlank)) continue;
    cellsOfRow = row;
    problems = [];
    const record = build(value);
    if (idCol) {
      const id = record.id as string | null;
      if (id) {
        const first = seenIds.get(id);
        if (first === undefined) seenIds.set(id, rowNumber);
        else {
          problems.push(
            problem(
              tab,
              rowNumber,
              idCol,
              `Identifiant « ${id} » déjà utilisé ligne ${first} : effacez cette cellule pour que Maillage attribue un nouvel identifiant.`,
            ),
          );
        }
      } else {
        problems.push(
          problem(
            tab,
            rowNumber,
            idCol,
            'Identifiant manquant : Maillage l’attribue quand la ligne est modifiée ou avec « Vérifier tout le classeur ».',
          ),
        );
      }
    }
    checkRow(tab, record, rowNumber, problems, ctx);
    result.rows.push({
      row: rowNumber,
      record: record as RecordOf<N>,
      problems,
      valid: !problems.some((p) => p.severity === 'erreur'),
    });
    if (problems.length > 0) result.problems.push(...problems);
  }
  return result;
}

/** The records of the rows that may be published. */
export function validRecords<N extends TabName>(table: TableResult<N>): RecordOf<N>[] {
  return table.rows.filter((r) => r.valid).map((r) => r.record);
}
