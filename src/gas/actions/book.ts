/** Reading the workbook for an action: one call per tab, then the core does the rest. */
import type { TabName } from '../../core/model';
import type { RawWorkbook } from '../../core/read-context';
import { readWorkbook, type WorkbookResult } from '../../core/workbook';
import { type Cells, readAll, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { readContext } from '../env';

export interface TabData {
  sheet: Sheet | null;
  cells: Cells;
}

export type Book = Partial<Record<TabName, TabData>>;

/** Reads the given tabs: getSheetByName and one getSheetValues each. */
export function readTabs(ss: Spreadsheet, tabs: readonly TabName[]): Book {
  const book: Book = {};
  for (const tab of tabs) {
    const sheet = ss.getSheetByName(tab);
    book[tab] = { sheet, cells: sheet ? readAll(sheet) : [] };
  }
  return book;
}

export function rawOf(book: Book): RawWorkbook {
  const raw: RawWorkbook = {};
  for (const [tab, data] of Object.entries(book)) if (data?.sheet) raw[tab] = data.cells;
  return raw;
}

export function validate(book: Book, now: Date = new Date()): WorkbookResult {
  return readWorkbook(rawOf(book), readContext(now));
}
