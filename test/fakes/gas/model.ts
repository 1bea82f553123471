/** Internal state of the fake spreadsheet: cells, sheets, stored ranges that follow row/column moves. */
import type { BooleanCriteriaName, DataValidationCriteriaName } from './enums';
import type { Runtime } from './runtime';
import type { CellValue } from './values';

export interface Cell {
  value: CellValue;
  formula?: string;
  note?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontLine?: string;
  fontSize?: number;
  fontFamily?: string;
  numberFormat?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapStrategy?: 'WRAP' | 'OVERFLOW' | 'CLIP';
  validation?: ValidationModel;
}

export type FormatKey = Exclude<keyof Cell, 'value' | 'formula' | 'note' | 'validation'>;
export const FORMAT_KEYS: readonly FormatKey[] = [
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontLine',
  'fontSize',
  'fontFamily',
  'numberFormat',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
];

export function hasContent(c: Cell | undefined): boolean {
  return c !== undefined && (c.value !== '' || (c.formula !== undefined && c.formula !== ''));
}

/** A rectangle stored by the spreadsheet (protection, rule, chart, validation source, named range). */
export class RangeRef {
  constructor(
    public sheet: SheetModel,
    public row: number,
    public col: number,
    public numRows: number,
    public numCols: number,
  ) {
    sheet.refs.add(this);
  }

  get dead(): boolean {
    return this.numRows <= 0 || this.numCols <= 0 || this.sheet.deleted;
  }

  get lastRow(): number {
    return this.row + this.numRows - 1;
  }

  get lastCol(): number {
    return this.col + this.numCols - 1;
  }

  contains(row: number, col: number): boolean {
    return row >= this.row && row <= this.lastRow && col >= this.col && col <= this.lastCol;
  }

  intersects(row: number, col: number, numRows: number, numCols: number): boolean {
    return (
      row <= this.lastRow &&
      row + numRows - 1 >= this.row &&
      col <= this.lastCol &&
      col + numCols - 1 >= this.col
    );
  }
}

export interface ValidationModel {
  readonly criteria: DataValidationCriteriaName;
  /** Criteria values; a VALUE_IN_RANGE source is a RangeRef. */
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

export interface ConditionModel {
  readonly criteria: BooleanCriteriaName;
  readonly values: readonly unknown[];
}

export interface RuleFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

export interface ConditionalRuleModel {
  readonly condition: ConditionModel | null;
  readonly format: Readonly<RuleFormat>;
  readonly ranges: readonly RangeRef[];
}

export interface ProtectionModel {
  type: 'RANGE' | 'SHEET';
  sheet: SheetModel;
  /** Protected rectangle for RANGE protections. */
  ref: RangeRef | null;
  description: string;
  /** While true the editors mirror the spreadsheet's own sharing (nothing changed yet). */
  mirror: boolean;
  editors: string[];
  warningOnly: boolean;
  domainEdit: boolean;
  unprotected: RangeRef[];
  removed: boolean;
}

export interface ChartModel {
  id: number | null;
  type: string;
  ranges: RangeRef[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
  numHeaders: number;
  transposeRowsAndColumns: boolean;
}

export class SheetModel {
  grid: ((Cell | undefined)[] | undefined)[] = [];
  frozenRows = 0;
  frozenCols = 0;
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  hiddenCols = new Set<number>();
  hiddenRows = new Set<number>();
  tabColor: string | null = null;
  hidden = false;
  deleted = false;
  sheetProtection: ProtectionModel | null = null;
  rangeProtections: ProtectionModel[] = [];
  rules: ConditionalRuleModel[] = [];
  charts: ChartModel[] = [];
  readonly refs = new Set<RangeRef>();

  constructor(
    public name: string,
    public readonly id: number,
    public maxRows: number,
    public maxCols: number,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.grid[row - 1]?.[col - 1];
  }

  ensureCell(row: number, col: number): Cell {
    let r = this.grid[row - 1];
    if (!r) {
      r = [];
      this.grid[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = { value: '' };
      r[col - 1] = c;
    }
    return c;
  }

  lastRow(): number {
    for (let r = Math.min(this.grid.length, this.maxRows); r >= 1; r--) {
      const row = this.grid[r - 1];
      if (row?.some((c) => hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.grid) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  liveRefs(): RangeRef[] {
    return [...this.refs].filter((r) => !r.dead);
  }

  /** Inserts n empty rows before row `before` (1-based); stored ranges move or grow like in Sheets. */
  insertRows(before: number, n: number): void {
    if (this.grid.length >= before) this.grid.splice(before - 1, 0, ...new Array<undefined>(n));
    this.maxRows += n;
    for (const ref of this.refs) {
      if (ref.row >= before) ref.row += n;
      else if (ref.lastRow >= before) ref.numRows += n;
    }
    this.hiddenRows = shiftSet(this.hiddenRows, before, n);
    this.rowHeights = shiftMap(this.rowHeights, before, n);
    if (before <= this.frozenRows) this.frozenRows += n;
  }

  insertColumns(before: number, n: number): void {
    for (const row of this.grid) {
      if (row && row.length >= before) row.splice(before - 1, 0, ...new Array<undefined>(n));
    }
    this.maxCols += n;
    for (const ref of this.refs) {
      if (ref.col >= before) ref.col += n;
      else if (ref.lastCol >= before) ref.numCols += n;
    }
    this.hiddenCols = shiftSet(this.hiddenCols, before, n);
    this.columnWidths = shiftMap(this.columnWidths, before, n);
    if (before <= this.frozenCols) this.frozenCols += n;
  }

  deleteRows(start: number, n: number): void {
    this.grid.splice(start - 1, n);
    this.maxRows -= n;
    for (const ref of this.refs) {
      const [s, len] = shrink(ref.row, ref.numRows, start, n);
      ref.row = s;
      ref.numRows = len;
    }
    this.hiddenRows = shiftSet(this.hiddenRows, start, -n);
    this.rowHeights = shiftMap(this.rowHeights, start, -n);
    this.frozenRows = Math.max(0, this.frozenRows - overlap(1, this.frozenRows, start, n));
    this.dropDeadRefs();
  }

  deleteColumns(start: number, n: number): void {
    for (const row of this.grid) row?.splice(start - 1, n);
    this.maxCols -= n;
    for (const ref of this.refs) {
      const [s, len] = shrink(ref.col, ref.numCols, start, n);
      ref.col = s;
      ref.numCols = len;
    }
    this.hiddenCols = shiftSet(this.hiddenCols, start, -n);
    this.columnWidths = shiftMap(this.columnWidths, start, -n);
    this.frozenCols = Math.max(0, this.frozenCols - overlap(1, this.frozenCols, start, n));
    this.dropDeadRefs();
  }

  /** Protections, rule ranges and chart ranges whose cells were all deleted disappear. */
  private dropDeadRefs(): void {
    for (const p of this.rangeProtections) if (p.ref?.dead) p.removed = true;
    this.rangeProtections = this.rangeProtections.filter((p) => !p.removed);
    this.rules = this.rules
      .map((r) => ({ ...r, ranges: r.ranges.filter((x) => !x.dead) }))
      .filter((r) => r.ranges.length > 0);
    for (const c of this.charts) c.ranges = c.ranges.filter((x) => !x.dead);
    for (const ref of [...this.refs]) if (ref.dead) this.refs.delete(ref);
  }
}

function overlap(aStart: number, aLen: number, bStart: number, bLen: number): number {
  return Math.max(0, Math.min(aStart + aLen, bStart + bLen) - Math.max(aStart, bStart));
}

/** New [start, length] of the span [s, s+len) after deleting [start, start+n). */
function shrink(s: number, len: number, start: number, n: number): [number, number] {
  const lost = overlap(s, len, start, n);
  const newStart = s >= start + n ? s - n : Math.min(s, start);
  return [newStart, len - lost];
}

function shiftSet(set: Set<number>, from: number, delta: number): Set<number> {
  const out = new Set<number>();
  for (const i of set) {
    if (i < from) out.add(i);
    else if (delta > 0) out.add(i + delta);
    else if (i >= from - delta) out.add(i + delta);
  }
  return out;
}

function shiftMap<V>(map: Map<number, V>, from: number, delta: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [i, v] of map) {
    if (i < from) out.set(i, v);
    else if (delta > 0) out.set(i + delta, v);
    else if (i >= from - delta) out.set(i + delta, v);
  }
  return out;
}

export interface UiLogEntry {
  kind: 'alert' | 'prompt' | 'sidebar' | 'modalDialog' | 'modelessDialog' | 'toast';
  title: string;
  /** Message of an alert, prompt or toast; HTML content of a sidebar or dialog. */
  content: string;
  buttons?: string;
  /** Button pressed (alert, prompt), and text typed (prompt). */
  answer?: string;
  responseText?: string;
  width?: number;
  height?: number;
  timeoutSeconds?: number;
}

export interface WorkbookModel {
  id: string;
  name: string;
  sheets: SheetModel[];
  active: SheetModel;
  activeRange: RangeRef | null;
  owner: string;
  editors: string[];
  viewers: string[];
  namedRanges: Map<string, RangeRef>;
  nextSheetId: number;
  nextChartId: number;
}

export interface Context {
  rt: Runtime;
  wb: WorkbookModel;
  uiLog: UiLogEntry[];
}
