/**
 * While partners type: the edited rows only are read (with the header row), checked by the core, given
 * an id when new, stamped, and their État and Problèmes written.
 *
 * Maillage writes only its own cells, never a partner's (a value typed while this runs, a formula):
 * the tracking block (État, Problèmes, Dernière modification, Modifié par), and the id of a row that
 * has none. It does not write `date_maj`: the core reads « Dernière modification » as a later
 * date_maj.
 *
 * What the event object gives is not asked again (Google's « Event objects » page, Edit):
 * - `range`: « A Range object, representing the cell or range of cells that were edited »; its
 *   rowStart, rowEnd, columnStart and columnEnd fields give the rectangle without a call (Range
 *   getters otherwise);
 * - `source`: « A Spreadsheet object, representing the Google Sheets file to which the script is
 *   bound »: its time zone is read there (no SpreadsheetApp.getActiveSpreadsheet);
 * - `user`: « A User object, representing the active user, if available »: who edits, asked only when
 *   the row is stamped (no Session.getActiveUser);
 * - `value` and `oldValue` are not used: « Only available if the edited range is a single cell »
 *   (undefined for a paste over several cells, and `value` undefined when a cell is cleared), and the
 *   checks need the whole row anyway.
 *
 * Service calls for a one-cell edit of a row with an id: Range.getSheet, Sheet.getName,
 * Sheet.getSheetValues (header), Sheet.getSheetValues (the edited rows),
 * Spreadsheet.getSpreadsheetTimeZone, User.getEmail, Sheet.getRange, Range.setValues: 8, whatever the
 * size of the sheet (the model's tracking columns are contiguous). The first edit of a new row also
 * writes its id cell: Sheet.getRange and Range.setValues more, 10 in all. A workbook whose tracking
 * columns are scattered costs two calls more per separate run. The caller (the simple onEdit,
 * src/gas/triggers.ts) adds its lock (LockService.getScriptLock, Lock.tryLock; the lock is released
 * when the execution ends): 10 calls for an edit, 12 for a new row's first.
 */
import { TABS, type TabName } from '../../core/model';
import { type Range, type Sheet, type Spreadsheet, safeText, tabOfName } from '../adapters/spreadsheet';
import { midnight, readContext } from '../env';
import { hasContent, layoutOf, ownCellWrites, updateRows } from './rows';

export interface EditEventLike {
  range: Range & { rowStart?: number; rowEnd?: number; columnStart?: number; columnEnd?: number };
  /** The workbook (absent when a test calls onEdit by hand: SpreadsheetApp then). */
  source?: Spreadsheet;
  /** Who edits, when Google tells (absent: Session.getActiveUser). */
  user?: GoogleAppsScript.Base.User;
}

export interface EditOutcome {
  tab: string | null;
  rows: number;
  written: boolean;
}

function bounds(range: EditEventLike['range']) {
  const rowStart = typeof range.rowStart === 'number' ? range.rowStart : range.getRow();
  const rowEnd = typeof range.rowEnd === 'number' ? range.rowEnd : range.getLastRow();
  const columnStart = typeof range.columnStart === 'number' ? range.columnStart : range.getColumn();
  const columnEnd = typeof range.columnEnd === 'number' ? range.columnEnd : range.getLastColumn();
  return { rowStart, rowEnd, columnStart, columnEnd };
}

/** An edit Maillage handles: rows below the header of a tab partners type in (2 calls to know). */
export interface EditTarget {
  sheet: Sheet;
  tab: TabName;
  rowStart: number;
  rowEnd: number;
  columnStart: number;
  columnEnd: number;
}

export function editTarget(e: EditEventLike): EditTarget | null {
  if (!e?.range) return null;
  const b = bounds(e.range);
  if (b.rowEnd < 2) return null; // the header row: nothing to check
  const sheet = e.range.getSheet();
  const tab = tabOfName(sheet.getName());
  if (!tab || !TABS[tab].editable) return null;
  return { sheet, tab, ...b };
}

/**
 * `editor` is asked only when the edit stamps the row: who edits (`''` when Google does not say: « Modifié
 * par » is then emptied).
 */
export function handleEdit(target: EditTarget, editor: () => string, now: Date = new Date()): EditOutcome {
  const { sheet, tab, rowStart, rowEnd, columnStart, columnEnd } = target;
  const none: EditOutcome = { tab: null, rows: 0, written: false };

  let header: unknown[];
  try {
    header = (sheet.getSheetValues(1, 1, 1, -1)[0] ?? []) as unknown[];
  } catch {
    return { ...none, tab };
  }
  const layout = layoutOf(tab, header);
  if (layout.width === 0 || layout.missingRequired.length > 0) return { ...none, tab };

  const firstRow = Math.max(rowStart, 2);
  const count = rowEnd - firstRow + 1;
  const rows = sheet.getSheetValues(firstRow, 1, count, layout.width) as unknown[][];

  // Edits made only in the columns Maillage fills are not a change of the row: no stamp.
  let personColumn = false;
  for (let c = columnStart; c <= columnEnd; c++) {
    if (!layout.toolColumns.has(c - 1)) personColumn = true;
  }
  const { changes } = updateRows(layout, header, rows, {
    firstRow,
    stamp: personColumn,
    editor: personColumn ? editor() : null,
    now,
    ctx: readContext(now),
    dateCell: midnight,
    stampDateMaj: false,
  });
  const writes = ownCellWrites(layout, rows, changes, firstRow, safeText);
  if (writes.length === 0)
    return { tab, rows: rows.filter((r) => hasContent(layout, r)).length, written: false };
  for (const w of writes) {
    sheet.getRange(w.row, w.column, w.values.length, w.values[0]!.length).setValues(w.values);
  }
  return { tab, rows: changes.filter((m) => m.size > 0).length, written: true };
}
