/**
 * The cells Maillage fills on a row once a person has changed it: a stable id for a new row, the
 * État and Problèmes from the core's checks, and the stamps (Dernière modification, Modifié par, and
 * date_maj for Lieux when the caller writes the whole row it validated). Pure: the callers read and
 * write.
 */
import { runs } from '../../core/a1';
import { isBlank, toIsoDate, toText } from '../../core/cells';
import { newIds } from '../../core/ids';
import { isToolColumn } from '../../core/installer-plan';
import { type ColumnDef, TABS, type TabDef, type TabName } from '../../core/model';
import type { ReadContext } from '../../core/read-context';
import { matchHeaders, readTable } from '../../core/read-table';
import { type RowStatus, rowStatus } from './status';

export interface Layout {
  tab: TabName;
  /** Model column key -> 0-based index in the sheet. */
  index: Partial<Record<string, number>>;
  /** Width of the header row. */
  width: number;
  /** 0-based indexes of the columns Maillage fills (never a reason to stamp). */
  toolColumns: Set<number>;
  /** Required columns the partners type that the sheet lacks: rows cannot be checked. */
  missingRequired: ColumnDef[];
}

/**
 * Columns filled by Maillage: computed ones, the id, and `date_maj` (stamped by the sidebar; onEdit
 * leaves it to partners, and an edit of it alone is not a reason to stamp « Dernière modification »).
 */
function isStampedByMaillage(col: ColumnDef): boolean {
  return isToolColumn(col) || col.key === 'date_maj';
}

export function layoutOf(tab: TabName, header: readonly unknown[]): Layout {
  const { columnIndex, missing } = matchHeaders(tab, header);
  const toolColumns = new Set<number>();
  for (const col of TABS[tab].columns) {
    const i = columnIndex[col.key];
    if (i !== undefined && isStampedByMaillage(col)) toolColumns.add(i);
  }
  return {
    tab,
    index: columnIndex,
    width: header.length,
    toolColumns,
    missingRequired: missing.filter((c) => c.required && !c.computed),
  };
}

/** Whether a row holds anything a person typed (tool columns left aside). */
export function hasContent(layout: Layout, row: readonly unknown[]): boolean {
  for (let i = 0; i < row.length; i++) if (!layout.toolColumns.has(i) && !isBlank(row[i])) return true;
  return false;
}

export interface RowsUpdate {
  /** Per row of the input (same order): 0-based column -> new value, only for cells that change. */
  changes: Map<number, unknown>[];
  /** Per row: its status (null for a blank row). */
  statuses: (RowStatus | null)[];
}

export interface UpdateOptions {
  /** Sheet row of the first row given. */
  firstRow: number;
  /** Stamp the rows (a person changed what they hold), or only recompute their status. */
  stamp: boolean;
  /** Who changed them: written in « Modifié par »; '' = unknown (the cell is emptied); null = left alone. */
  editor: string | null;
  now: Date;
  ctx: ReadContext;
  /** Ids already used, besides those of the given rows. */
  knownIds?: Iterable<string>;
  random?: () => number;
  /** `YYYY-MM-DD` -> the value written in a date cell (a Date at midnight in Paris in Apps Script). */
  dateCell: (iso: string) => unknown;
  /**
   * Also stamp the standard's `date_maj` (Lieux). True by default: the sidebar writes the whole row
   * it validated. onEdit passes false: it writes only Maillage's own cells, and the core reads
   * « Dernière modification » as a later date_maj.
   */
  stampDateMaj?: boolean;
}

/**
 * What to write on the given rows (header row given separately). A blank row is left alone; a row
 * without content gets its status but neither an id nor a stamp.
 */
export function updateRows(
  layout: Layout,
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  opts: UpdateOptions,
): RowsUpdate {
  const { tab, index } = layout;
  const def: TabDef = TABS[tab];
  const idCol = index.id;
  const working = rows.map((r) => {
    const copy = [...r];
    while (copy.length < layout.width) copy.push('');
    return copy;
  });
  const changes = working.map(() => new Map<number, unknown>());

  // Stable ids for new rows, drawn against every id in sight.
  if (idCol !== undefined && def.idPrefix) {
    const needing = working
      .map((r, i) => (isBlank(r[idCol]) && hasContent(layout, r) ? i : -1))
      .filter((i) => i >= 0);
    if (needing.length > 0) {
      const seen = [...(opts.knownIds ?? []), ...working.map((r) => toText(r[idCol]))];
      const ids = newIds(def.idPrefix, needing.length, seen, opts.random);
      needing.forEach((i, k) => {
        working[i]![idCol] = ids[k];
        changes[i]!.set(idCol, ids[k]);
      });
    }
  }

  // Stamps, before the checks (a stamped date_maj is part of what is checked).
  const today = opts.ctx.today ?? toIsoDate(opts.now)!;
  if (opts.stamp) {
    working.forEach((r, i) => {
      if (!hasContent(layout, r)) return;
      const set = (key: string, value: unknown, same: (old: unknown) => boolean) => {
        const c = index[key];
        if (c === undefined || same(r[c])) return;
        r[c] = value;
        changes[i]!.set(c, value);
      };
      if (tab === 'Lieux' && opts.stampDateMaj !== false) {
        set('date_maj', opts.dateCell(today), (old) => toIsoDate(old, opts.ctx.timeZone) === today);
      }
      set('modifie_le', opts.now, () => false);
      if (opts.editor !== null)
        set('modifie_par', opts.editor, (old) => toText(old).toLowerCase() === opts.editor);
    });
  }

  // Checks by the core, with the real row numbers (holes before the first row cost nothing).
  const cells: (readonly unknown[])[] = new Array(opts.firstRow - 1 + working.length);
  cells[0] = header;
  working.forEach((r, i) => {
    cells[opts.firstRow - 1 + i] = r;
  });
  const table = readTable(tab, cells, opts.ctx);
  const byRow = new Map(table.rows.map((r) => [r.row, r]));
  const statuses = working.map((r, i) => {
    const result = byRow.get(opts.firstRow + i);
    if (!result) return null;
    const status = rowStatus(result.problems);
    const etat = index.etat;
    const problemes = index.problemes;
    if (etat !== undefined && toText(r[etat]) !== status.etat) changes[i]!.set(etat, status.etat);
    if (problemes !== undefined && toText(r[problemes]) !== status.problemes) {
      changes[i]!.set(problemes, status.problemes);
    }
    return status;
  });
  return { changes, statuses };
}

/**
 * New rows for below the last row of `cells` (row 0 = header), with what Maillage fills on them:
 * ids, stamps and status, as on a row a person typed. Pure: the caller writes them.
 */
export function stampedNewRows(
  layout: Layout,
  cells: readonly (readonly unknown[])[],
  rows: readonly (readonly unknown[])[],
  opts: Omit<UpdateOptions, 'firstRow' | 'stamp' | 'knownIds'>,
): unknown[][] {
  const idCol = layout.index.id;
  const { changes } = updateRows(layout, cells[0] ?? [], rows, {
    ...opts,
    firstRow: cells.length + 1,
    stamp: true,
    knownIds: idCol === undefined ? [] : cells.slice(1).map((r) => toText(r[idCol])),
  });
  return rows.map((row, i) => {
    const out = [...row];
    for (const [c, v] of changes[i]!) out[c] = v;
    return out;
  });
}

/** Maillage's own block of columns on every editable tab: État, Problèmes, Dernière modification, Modifié par. */
export const TRACKING_KEYS = ['etat', 'problemes', 'modifie_le', 'modifie_par'] as const;

/**
 * Writes of Maillage's own cells on `rows` (read from sheet row `firstRow`), given the changes per row
 * (0-based column -> value); `guard` protects a value written back as read (text Sheets would take
 * for a formula).
 */
type CellWriter = (
  layout: Layout,
  rows: readonly (readonly unknown[])[],
  changes: readonly Map<number, unknown>[],
  firstRow: number,
  guard?: (value: unknown) => unknown,
) => CellWrite[];

/** The 0-based columns of the tracking block present in the sheet, in order. */
function trackingColumns(layout: Layout): number[] {
  return TRACKING_KEYS.map((k) => layout.index[k])
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
}

export interface CellWrite {
  /** 1-based sheet row and column of the top-left cell. */
  row: number;
  column: number;
  values: unknown[][];
}

/**
 * The writes of an edit, on Maillage's own cells only, so that a partner's cell (a value typed since
 * it was read, a formula) is never rewritten:
 * - the tracking block (État, Problèmes, Dernière modification, Modifié par), located by header: one
 *   rectangle per run of contiguous tracking columns (one in the model's layout), over the rows and
 *   columns of the run that change; a tracking cell inside it that does not change is written back
 *   with the value just read (Maillage's cell, not a partner's);
 * - the id column, for the rows that had none (ids are only given to such rows): one write per run
 *   of consecutive new rows.
 * Any other change is a programming error (a caller that stamps date_maj must write the row itself).
 */
export const ownCellWrites: CellWriter = (layout, rows, changes, firstRow, guard = (v) => v) => {
  const tracking = trackingColumns(layout);
  const idCol = layout.index.id;
  const allowed = new Set(tracking);
  changes.forEach((m, i) => {
    for (const c of m.keys()) {
      if (!allowed.has(c) && c !== idCol) {
        throw new Error(
          `Maillage écrirait la colonne ${c + 1} de la ligne ${firstRow + i}, qui n’est pas la sienne.`,
        );
      }
    }
  });

  const writes: CellWrite[] = [];
  if (idCol !== undefined) {
    const newRows = changes.map((m, i) => (m.has(idCol) ? i : -1)).filter((i) => i >= 0);
    for (const run of runs(newRows)) {
      writes.push({
        row: firstRow + run[0]!,
        column: idCol + 1,
        values: run.map((i) => [changes[i]!.get(idCol)]),
      });
    }
  }
  return [...writes, ...trackingWrites(layout, rows, changes, firstRow, guard)];
};

/**
 * The writes of the tracking block (État, Problèmes, Dernière modification, Modifié par), located by
 * header: one rectangle per run of contiguous tracking columns (one in the model's layout), over the
 * rows and columns of the run that change; a tracking cell inside it that does not change is written
 * back with the value just read (Maillage's cell, not a partner's). Changes to other columns are
 * left to the caller.
 */
export const trackingWrites: CellWriter = (layout, rows, changes, firstRow, guard = (v) => v) => {
  const tracking = trackingColumns(layout);
  const writes: CellWrite[] = [];
  for (const run of runs(tracking)) {
    let rMin = Number.POSITIVE_INFINITY;
    let rMax = -1;
    let cMin = Number.POSITIVE_INFINITY;
    let cMax = -1;
    changes.forEach((m, i) => {
      for (const c of run) {
        if (!m.has(c)) continue;
        rMin = Math.min(rMin, i);
        rMax = Math.max(rMax, i);
        cMin = Math.min(cMin, c);
        cMax = Math.max(cMax, c);
      }
    });
    if (rMax < 0) continue;
    const values: unknown[][] = [];
    for (let i = rMin; i <= rMax; i++) {
      const row = rows[i] ?? [];
      const m = changes[i]!;
      const out: unknown[] = [];
      for (let c = cMin; c <= cMax; c++) out.push(m.has(c) ? m.get(c) : guard(row[c] ?? ''));
      values.push(out);
    }
    writes.push({ row: firstRow + rMin, column: cMin + 1, values });
  }
  return writes;
};
