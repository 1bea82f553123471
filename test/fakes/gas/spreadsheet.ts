/** SpreadsheetApp, Spreadsheet, Sheet, Range, RangeList. */
import { columnLetters, formatA1, parseA1, quoteSheetName } from './a1';
import { cloneChart, EmbeddedChartBuilderImpl, EmbeddedChartImpl } from './charts';
import { normalizeColor } from './colors';
import { ConditionalFormatRuleBuilderImpl, ConditionalFormatRuleImpl } from './conditional-format';
import { raw } from './counting';
import {
  BooleanCriteria,
  BorderStyle,
  CopyPasteType,
  DataValidationCriteria,
  Dimension,
  Direction,
  enumName,
  ProtectionType,
  RelativeDate,
  SheetType,
  WrapStrategy,
} from './enums';
import {
  type Cell,
  type Context,
  FORMAT_KEYS,
  type FormatKey,
  hasContent,
  type ProtectionModel,
  RangeRef,
  SheetModel,
  type ValidationModel,
} from './model';
import { ProtectionImpl, protectionAllows } from './protection';
import type { Runtime } from './runtime';
import { isDate } from './time';
import type { UiImpl } from './ui';
import { emailOf, makeUser } from './users';
import { DataValidationBuilderImpl, DataValidationImpl } from './validation';
import {
  type CellValue,
  defaultDateFormat,
  displayValue,
  type FormatContext,
  GENERAL_FORMAT,
  PLAIN_TEXT_FORMAT,
  parseUserEntered,
} from './values';

/** A rectangle on a sheet (RangeRef or a plain one). */
export interface Rect {
  sheet: SheetModel;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

type A1Form = 'columns' | 'rows' | 'openBottom' | null;

/** Factory and helpers shared by the spreadsheet facades. */
export class Host {
  private readonly sheetFacades = new WeakMap<SheetModel, SheetImpl>();
  private spreadsheetFacade: SpreadsheetImpl | null = null;

  constructor(
    readonly ctx: Context,
    readonly ui: () => UiImpl,
  ) {}

  get rt(): Runtime {
    return this.ctx.rt;
  }

  spreadsheet(): SpreadsheetImpl {
    this.spreadsheetFacade ??= this.rt.wrap('Spreadsheet', new SpreadsheetImpl(this));
    return this.spreadsheetFacade;
  }

  sheet(model: SheetModel): SheetImpl {
    let s = this.sheetFacades.get(model);
    if (!s) {
      s = this.rt.wrap('Sheet', new SheetImpl(this, model));
      this.sheetFacades.set(model, s);
    }
    return s;
  }

  range(
    sheet: SheetModel,
    row: number,
    col: number,
    numRows: number,
    numCols: number,
    form: A1Form = null,
  ): RangeImpl {
    return this.rt.wrap('Range', new RangeImpl(this, sheet, row, col, numRows, numCols, form));
  }

  rangeOf(rect: Rect): RangeImpl {
    return this.range(rect.sheet, rect.row, rect.col, rect.numRows, rect.numCols);
  }

  wholeSheetRect(sheet: SheetModel): Rect {
    return { sheet, row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols };
  }

  wholeSheet(sheet: SheetModel): RangeImpl {
    return this.rangeOf(this.wholeSheetRect(sheet));
  }

  /**
   * Real Sheets refuses a script's write to cells its user may not edit (the script runs as the
   * effective user): « You are trying to edit a protected cell or object. Please contact the
   * spreadsheet owner to remove protection if you need to edit. »
   */
  assertEditable(sheet: SheetModel, row: number, col: number, numRows: number, numCols: number): void {
    const email = this.rt.exec.effectiveUser;
    const protections = [
      ...(sheet.sheetProtection ? [sheet.sheetProtection] : []),
      ...sheet.rangeProtections,
    ];
    for (const p of protections) {
      if (protectionAllows(this, p, email)) continue;
      let covered = false;
      if (p.type === 'SHEET') {
        for (let r = row; r < row + numRows && !covered; r++) {
          for (let c = col; c < col + numCols && !covered; c++) {
            covered = !p.unprotected.some((u) => !u.dead && u.contains(r, c));
          }
        }
      } else covered = p.ref !== null && !p.ref.dead && p.ref.intersects(row, col, numRows, numCols);
      if (covered) this.rt.fail(PROTECTED_MESSAGE);
    }
  }

  protection(model: ProtectionModel): ProtectionImpl {
    return this.rt.wrap('Protection', new ProtectionImpl(this, model));
  }

  /** Who can edit while a protection mirrors the spreadsheet's sharing. */
  mirrorEditors(): string[] {
    const { owner, editors } = this.ctx.wb;
    const list = [owner, ...editors];
    const me = this.rt.exec.effectiveUser;
    if (me && !list.includes(me)) list.push(me);
    return list.filter((e, i) => e !== '' && list.indexOf(e) === i);
  }

  /** "Tab!A1:B2" */
  a1(rect: Rect): string {
    return `${quoteSheetName(rect.sheet.name)}!${formatA1(rect.row, rect.col, rect.numRows, rect.numCols)}`;
  }

  findSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.ctx.wb.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  formatContext(): FormatContext {
    return { locale: this.rt.locale, timeZone: this.rt.timeZone, now: this.rt.now() };
  }

  /** Throws Apps Script's errors for bad coordinates. */
  checkCoords(sheet: SheetModel, method: string, args: unknown[]): [number, number, number, number] {
    const [row, col, numRows = 1, numCols = 1] = args as number[];
    if (args.length < 2 || args.length > 4 || !args.every((a) => typeof a === 'number')) {
      return this.rt.signatureError(method, args);
    }
    if (![row, col, numRows, numCols].every((n) => Number.isInteger(n))) {
      this.rt.fail(`Cannot convert ${args.find((n) => !Number.isInteger(n))} to int.`);
    }
    if (row! < 1) this.rt.fail('The starting row of the range is too small.');
    if (col! < 1) this.rt.fail('The starting column of the range is too small.');
    if (numRows < 1) this.rt.fail('The number of rows in the range must be at least 1.');
    if (numCols < 1) this.rt.fail('The number of columns in the range must be at least 1.');
    if (row! + numRows - 1 > sheet.maxRows || col! + numCols - 1 > sheet.maxCols) {
      this.rt.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return [row!, col!, numRows, numCols];
  }

  rangeFromA1(sheet: SheetModel | null, a1: string): RangeImpl {
    const p = parseA1(a1);
    if (!p) return this.rt.fail('Range not found');
    let target = sheet ?? this.ctx.wb.active;
    if (p.sheetName !== undefined) {
      const named = this.findSheet(p.sheetName);
      if (!named || (sheet && named !== sheet)) return this.rt.fail('Range not found');
      target = named;
    }
    let r1 = p.row1 ?? 1;
    let c1 = p.col1 ?? 1;
    let r2 = p.row2 ?? target.maxRows;
    let c2 = p.col2 ?? target.maxCols;
    if (r2 < r1) [r1, r2] = [r2, r1];
    if (c2 < c1) [c1, c2] = [c2, c1];
    if (r2 > target.maxRows || c2 > target.maxCols) {
      this.rt.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    const form: A1Form =
      p.row1 === undefined
        ? 'columns'
        : p.col1 === undefined
          ? 'rows'
          : p.row2 === undefined
            ? 'openBottom'
            : null;
    return this.range(target, r1, c1, r2 - r1 + 1, c2 - c1 + 1, form);
  }

  asRange(method: string, value: unknown): RangeImpl {
    const r = raw(value);
    if (!(r instanceof RangeImpl)) return this.rt.signatureError(method, [value]);
    return r;
  }

  asSheet(method: string, value: unknown): SheetImpl {
    const s = raw(value);
    if (!(s instanceof SheetImpl)) return this.rt.signatureError(method, [value]);
    return s;
  }

  /** Stores a value written by a script or typed by a user (strings parsed as user-entered text). */
  write(cell: Cell, value: unknown, method: string): void {
    if (value === null || value === undefined) {
      cell.value = '';
      cell.formula = undefined;
      return;
    }
    if (typeof value === 'string') {
      const parsed = parseUserEntered(value, this.formatContext(), cell.numberFormat === PLAIN_TEXT_FORMAT);
      cell.value = parsed.value;
      cell.formula = parsed.formula;
      if (parsed.autoFormat && (!cell.numberFormat || cell.numberFormat === GENERAL_FORMAT)) {
        cell.numberFormat = parsed.autoFormat;
      }
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        this.rt.fail(`${method}: cannot write ${value} to a cell (the fake refuses NaN and Infinity).`);
      cell.value = value;
      cell.formula = undefined;
      return;
    }
    if (typeof value === 'boolean') {
      cell.value = value;
      cell.formula = undefined;
      return;
    }
    if (isDate(value)) {
      if (Number.isNaN(value.getTime())) this.rt.fail(`${method}: cannot write an invalid Date to a cell.`);
      cell.value = new Date(value.getTime());
      cell.formula = undefined;
      if (!cell.numberFormat || cell.numberFormat === GENERAL_FORMAT) {
        cell.numberFormat = defaultDateFormat(value, this.formatContext());
      }
      return;
    }
    this.rt.fail(
      `${method}: cannot write a value of type ${typeof value} (${Object.prototype.toString.call(value)}) to a cell.`,
    );
  }
}

function readValue(cell: Cell | undefined): CellValue {
  if (!cell) return '';
  const v = cell.value;
  return isDate(v) ? new Date(v.getTime()) : v;
}

const DEFAULT_FORMATS: Record<FormatKey, unknown> = {
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontSize: 10,
  fontFamily: 'Arial',
  numberFormat: GENERAL_FORMAT,
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrapStrategy: 'OVERFLOW',
};

/** Rows (or columns) left outside the frozen ones after deleting n from position p. */
function nonFrozenLeft(max: number, frozen: number, p: number, n: number): number {
  const frozenDeleted = Math.max(0, Math.min(frozen, p + n - 1) - p + 1);
  return max - n - (frozen - frozenDeleted);
}

export class RangeImpl {
  constructor(
    readonly _host: Host,
    readonly _sheet: SheetModel,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
    readonly _form: A1Form = null,
  ) {}

  private get _rt(): Runtime {
    return this._host.rt;
  }

  _rect(): Rect {
    return {
      sheet: this._sheet,
      row: this._row,
      col: this._col,
      numRows: this._numRows,
      numCols: this._numCols,
    };
  }

  _ref(): RangeRef {
    return new RangeRef(this._sheet, this._row, this._col, this._numRows, this._numCols);
  }

  private _alive(): SheetModel {
    if (this._sheet.deleted) this._rt.fail(`The sheet ${this._sheet.name} has been deleted.`);
    return this._sheet;
  }

  /** Calls fn for each cell position of the range. */
  private _each(fn: (row: number, col: number, i: number, j: number) => void): void {
    this._alive();
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) fn(this._row + i, this._col + j, i, j);
    }
  }

  private _grid<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const s = this._alive();
    const out: T[][] = [];
    for (let i = 0; i < this._numRows; i++) {
      const row: T[] = [];
      const src = s.grid[this._row - 1 + i];
      for (let j = 0; j < this._numCols; j++) row.push(fn(src?.[this._col - 1 + j]));
      out.push(row);
    }
    return out;
  }

  private _first<T>(fn: (cell: Cell | undefined) => T): T {
    return fn(this._alive().cell(this._row, this._col));
  }

  /** Checks a 2-D argument has the range's dimensions, with Apps Script's messages. */
  private _check2d(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
      return this._rt.signatureError(`SpreadsheetApp.Range.${method}`, [data]);
    }
    if (data.length !== this._numRows) {
      this._rt.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._numRows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this._numCols) {
        this._rt.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._numCols}.`,
        );
      }
    }
    return data as unknown[][];
  }

  private _setFormat(key: FormatKey, value: unknown): this {
    this._each((r, c) => {
      const cell = this._sheet.ensureCell(r, c);
      if (value === null || value === undefined) delete cell[key];
      else (cell as unknown as Record<string, unknown>)[key] = value;
    });
    return this;
  }

  private _setFormats(
    method: string,
    key: FormatKey,
    data: unknown,
    map: (v: unknown) => unknown = (v) => v,
  ): this {
    const rows = this._check2d(method, data);
    this._each((r, c, i, j) => {
      const v = rows[i]![j];
      const cell = this._sheet.ensureCell(r, c);
      if (v === null || v === undefined) delete cell[key];
      else (cell as unknown as Record<string, unknown>)[key] = map(v);
    });
    return this;
  }

  private _getFormat<T>(key: FormatKey): T {
    return this._first((c) => (c?.[key] ?? DEFAULT_FORMATS[key]) as T);
  }

  private _getFormats<T>(key: FormatKey): T[][] {
    return this._grid((c) => (c?.[key] ?? DEFAULT_FORMATS[key]) as T);
  }

  // --- position ---------------------------------------------------------------------------
  getRow(): number {
    return this._row;
  }
  getRowIndex(): number {
    return this._row;
  }
  getColumn(): number {
    return this._col;
  }
  getColumnIndex(): number {
    return this._col;
  }
  getNumRows(): number {
    return this._numRows;
  }
  getNumColumns(): number {
    return this._numCols;
  }
  getHeight(): number {
    return this._numRows;
  }
  getWidth(): number {
    return this._numCols;
  }
  getLastRow(): number {
    return this._row + this._numRows - 1;
  }
  getLastColumn(): number {
    return this._col + this._numCols - 1;
  }
  getA1Notation(): string {
    const c1 = columnLetters(this._col);
    const c2 = columnLetters(this._col + this._numCols - 1);
    const r2 = this._row + this._numRows - 1;
    switch (this._form) {
      case 'columns':
        return `${c1}:${c2}`;
      case 'rows':
        return `${this._row}:${r2}`;
      case 'openBottom':
        return `${c1}${this._row}:${c2}`;
      default:
        return formatA1(this._row, this._col, this._numRows, this._numCols);
    }
  }
  getSheet(): SheetImpl {
    return this._host.sheet(this._alive());
  }
  getGridId(): number {
    return this._sheet.id;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeImpl {
    const args = [rowOffset, columnOffset, numRows ?? this._numRows, numColumns ?? this._numCols];
    if (!args.every((a) => typeof a === 'number')) {
      return this._rt.signatureError('SpreadsheetApp.Range.offset', [
        rowOffset,
        columnOffset,
        numRows,
        numColumns,
      ]);
    }
    const [r, c, nr, nc] = this._host.checkCoords(this._alive(), 'SpreadsheetApp.Range.offset', [
      this._row + rowOffset,
      this._col + columnOffset,
      args[2],
      args[3],
    ]);
    return this._host.range(this._sheet, r, c, nr, nc);
  }
  getCell(row: number, column: number): RangeImpl {
    if (typeof row !== 'number' || typeof column !== 'number') {
      return this._rt.signatureError('SpreadsheetApp.Range.getCell', [row, column]);
    }
    if (row < 1 || column < 1 || row > this._numRows || column > this._numCols)
      this._rt.fail('Cell reference out of range');
    return this._host.range(this._sheet, this._row + row - 1, this._col + column - 1, 1, 1);
  }
  activate(): this {
    const wb = this._host.ctx.wb;
    wb.active = this._alive();
    wb.activeRange = this._ref();
    return this;
  }
  activateAsCurrentCell(): this {
    return this.activate();
  }

  // --- values -----------------------------------------------------------------------------
  getValues(): CellValue[][] {
    return this._grid(readValue);
  }
  getValue(): CellValue {
    return this._first(readValue);
  }
  getDisplayValues(): string[][] {
    const ctx = this._host.formatContext();
    return this._grid((c) => (c ? displayValue(c.value, c.numberFormat, ctx) : ''));
  }
  getDisplayValue(): string {
    const ctx = this._host.formatContext();
    return this._first((c) => (c ? displayValue(c.value, c.numberFormat, ctx) : ''));
  }
  /** Writes every cell of the range (like Apps Script, setValue on a multi-cell range fills it). */
  setValue(value: unknown): this {
    if (Array.isArray(value)) return this._rt.signatureError('SpreadsheetApp.Range.setValue', [value]);
    this._each((r, c) => this._host.write(this._sheet.ensureCell(r, c), value, 'Range.setValue'));
    return this;
  }
  setValues(values: unknown): this {
    const rows = this._check2d('setValues', values);
    this._each((r, c, i, j) =>
      this._host.write(this._sheet.ensureCell(r, c), rows[i]![j], 'Range.setValues'),
    );
    return this;
  }
  getFormulas(): string[][] {
    return this._grid((c) => c?.formula ?? '');
  }
  getFormula(): string {
    return this._first((c) => c?.formula ?? '');
  }
  /** The formula is stored as given (relative references are not shifted) and not evaluated: value ''. */
  setFormula(formula: string): this {
    if (typeof formula !== 'string')
      return this._rt.signatureError('SpreadsheetApp.Range.setFormula', [formula]);
    this._each((r, c) => {
      const cell = this._sheet.ensureCell(r, c);
      cell.value = '';
      cell.formula = formula === '' ? undefined : formula.startsWith('=') ? formula : `=${formula}`;
    });
    return this;
  }
  setFormulas(formulas: unknown): this {
    const rows = this._check2d('setFormulas', formulas);
    this._each((r, c, i, j) => {
      const f = String(rows[i]![j] ?? '');
      const cell = this._sheet.ensureCell(r, c);
      cell.value = f === '' ? cell.value : '';
      if (f !== '') cell.formula = f;
    });
    return this;
  }
  isBlank(): boolean {
    let blank = true;
    this._each((r, c) => {
      if (hasContent(this._sheet.cell(r, c))) blank = false;
    });
    return blank;
  }
  clearContent(): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell) {
        cell.value = '';
        cell.formula = undefined;
      }
    });
    return this;
  }
  clearFormat(): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell) for (const k of FORMAT_KEYS) delete cell[k];
    });
    return this;
  }
  clearNote(): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell) delete cell.note;
    });
    return this;
  }
  clearDataValidations(): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell) delete cell.validation;
    });
    return this;
  }
  /** clear() clears contents and formats; options pick contentsOnly, formatOnly, commentsOnly, validationsOnly. */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
    if (!any || o.contentsOnly) this.clearContent();
    if (!any || o.formatOnly) this.clearFormat();
    if (o.commentsOnly) this.clearNote();
    if (o.validationsOnly) this.clearDataValidations();
    return this;
  }

  // --- notes ------------------------------------------------------------------------------
  getNote(): string {
    return this._first((c) => c?.note ?? '');
  }
  getNotes(): string[][] {
    return this._grid((c) => c?.note ?? '');
  }
  setNote(note: string | null): this {
    this._each((r, c) => {
      const cell = this._sheet.ensureCell(r, c);
      if (note === null || note === undefined || note === '') delete cell.note;
      else cell.note = String(note);
    });
    return this;
  }
  setNotes(notes: unknown): this {
    const rows = this._check2d('setNotes', notes);
    this._each((r, c, i, j) => {
      const n = rows[i]![j];
      const cell = this._sheet.ensureCell(r, c);
      if (n === null || n === undefined || n === '') delete cell.note;
      else cell.note = String(n);
    });
    return this;
  }

  // --- data validation --------------------------------------------------------------------
  private _validationModel(method: string, rule: unknown): ValidationModel | undefined {
    if (rule === null) return undefined;
    const r = raw(rule);
    if (r instanceof DataValidationImpl) return r._model;
    if (r instanceof DataValidationBuilderImpl) {
      return this._rt.fail(
        `The parameters (SpreadsheetApp.DataValidationBuilder) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    return this._rt.signatureError(`SpreadsheetApp.Range.${method}`, [rule]);
  }
  getDataValidation(): DataValidationImpl | null {
    const m = this._first((c) => c?.validation);
    return m ? this._rt.wrap('DataValidation', new DataValidationImpl(this._host, m)) : null;
  }
  getDataValidations(): (DataValidationImpl | null)[][] {
    return this._grid((c) =>
      c?.validation
        ? this._rt.wrap('DataValidation', new DataValidationImpl(this._host, c.validation))
        : null,
    );
  }
  setDataValidation(rule: unknown): this {
    const model = this._validationModel('setDataValidation', rule);
    this._each((r, c) => {
      const cell = this._sheet.ensureCell(r, c);
      if (model) cell.validation = model;
      else delete cell.validation;
    });
    return this;
  }
  setDataValidations(rules: unknown): this {
    const rows = this._check2d('setDataValidations', rules);
    const models = rows.map((row) => row.map((x) => this._validationModel('setDataValidations', x ?? null)));
    this._each((r, c, i, j) => {
      const cell = this._sheet.ensureCell(r, c);
      const m = models[i]![j];
      if (m) cell.validation = m;
      else delete cell.validation;
    });
    return this;
  }
  /** Adds checkbox validation and sets every cell to the unchecked value (false), like Apps Script. */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    const model: ValidationModel = { criteria: 'CHECKBOX', values, allowInvalid: false, helpText: '' };
    const unchecked = checkedValue === undefined ? false : uncheckedValue === undefined ? '' : uncheckedValue;
    this._each((r, c) => {
      const cell = this._sheet.ensureCell(r, c);
      cell.validation = model;
      this._host.write(cell, unchecked, 'Range.insertCheckboxes');
    });
    return this;
  }
  removeCheckboxes(): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell?.validation?.criteria !== 'CHECKBOX') return;
      const v = cell.validation.values;
      const checked = v.length === 0 ? [true, false] : v;
      if (checked.some((x) => x === cell.value)) cell.value = '';
      delete cell.validation;
    });
    return this;
  }
  private _setChecked(checked: boolean): this {
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell?.validation?.criteria !== 'CHECKBOX') return;
      const v = cell.validation.values;
      cell.value = (v.length === 0 ? checked : checked ? v[0] : (v[1] ?? '')) as CellValue;
    });
    return this;
  }
  check(): this {
    return this._setChecked(true);
  }
  uncheck(): this {
    return this._setChecked(false);
  }
  isChecked(): boolean | null {
    let result: boolean | null | undefined;
    this._each((r, c) => {
      const cell = this._sheet.cell(r, c);
      if (cell?.validation?.criteria !== 'CHECKBOX') {
        result = null;
        return;
      }
      const v = cell.validation.values;
      const on = v.length === 0 ? cell.value === true : cell.value === v[0];
      if (result === undefined) result = on;
      else if (result !== on) result = null;
    });
    return result ?? null;
  }

  // --- formats ----------------------------------------------------------------------------
  getBackground(): string {
    return this._getFormat('background');
  }
  getBackgrounds(): string[][] {
    return this._getFormats('background');
  }
  setBackground(color: string | null): this {
    return this._setFormat('background', color === null ? null : normalizeColor(String(color)));
  }
  setBackgrounds(colors: unknown): this {
    return this._setFormats('setBackgrounds', 'background', colors, (v) => normalizeColor(String(v)));
  }
  setBackgroundRGB(red: number, green: number, blue: number): this {
    const hex = (n: number) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0');
    return this._setFormat('background', `#${hex(red)}${hex(green)}${hex(blue)}`);
  }
  getFontColor(): string {
    return this._getFormat('fontColor');
  }
  getFontColors(): string[][] {
    return this._getFormats('fontColor');
  }
  setFontColor(color: string | null): this {
    return this._setFormat('fontColor', color === null ? null : normalizeColor(String(color)));
  }
  setFontColors(colors: unknown): this {
    return this._setFormats('setFontColors', 'fontColor', colors, (v) => normalizeColor(String(v)));
  }
  getFontWeight(): string {
    return this._getFormat('fontWeight');
  }
  getFontWeights(): string[][] {
    return this._getFormats('fontWeight');
  }
  setFontWeight(fontWeight: string | null): this {
    if (fontWeight !== null && fontWeight !== 'bold' && fontWeight !== 'normal') {
      return this._rt.fail(
        `Invalid argument: fontWeight (${String(fontWeight)}); use 'bold', 'normal' or null.`,
      );
    }
    return this._setFormat('fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: unknown): this {
    return this._setFormats('setFontWeights', 'fontWeight', fontWeights);
  }
  getFontStyle(): string {
    return this._getFormat('fontStyle');
  }
  setFontStyle(fontStyle: string | null): this {
    return this._setFormat('fontStyle', fontStyle);
  }
  getFontLine(): string {
    return this._getFormat('fontLine');
  }
  setFontLine(fontLine: string | null): this {
    return this._setFormat('fontLine', fontLine);
  }
  getFontSize(): number {
    return this._getFormat('fontSize');
  }
  setFontSize(size: number): this {
    return this._setFormat('fontSize', size);
  }
  getFontFamily(): string {
    return this._getFormat('fontFamily');
  }
  setFontFamily(fontFamily: string | null): this {
    return this._setFormat('fontFamily', fontFamily);
  }
  getNumberFormat(): string {
    return this._getFormat('numberFormat');
  }
  getNumberFormats(): string[][] {
    return this._getFormats('numberFormat');
  }
  setNumberFormat(numberFormat: string): this {
    if (typeof numberFormat !== 'string')
      return this._rt.signatureError('SpreadsheetApp.Range.setNumberFormat', [numberFormat]);
    return this._setFormat('numberFormat', numberFormat);
  }
  setNumberFormats(numberFormats: unknown): this {
    return this._setFormats('setNumberFormats', 'numberFormat', numberFormats, String);
  }
  getHorizontalAlignment(): string {
    return this._getFormat('horizontalAlignment');
  }
  getHorizontalAlignments(): string[][] {
    return this._getFormats('horizontalAlignment');
  }
  setHorizontalAlignment(alignment: string | null): this {
    if (alignment !== null && !['left', 'center', 'right', 'normal', 'general'].includes(alignment)) {
      return this._rt.fail(`Invalid argument: alignment (${String(alignment)}).`);
    }
    return this._setFormat('horizontalAlignment', alignment === 'normal' ? null : alignment);
  }
  setHorizontalAlignments(alignments: unknown): this {
    return this._setFormats('setHorizontalAlignments', 'horizontalAlignment', alignments);
  }
  getVerticalAlignment(): string {
    return this._getFormat('verticalAlignment');
  }
  setVerticalAlignment(alignment: string | null): this {
    return this._setFormat('verticalAlignment', alignment);
  }
  getWrap(): boolean {
    return this._first((c) => (c?.wrapStrategy ?? 'OVERFLOW') === 'WRAP');
  }
  getWraps(): boolean[][] {
    return this._grid((c) => (c?.wrapStrategy ?? 'OVERFLOW') === 'WRAP');
  }
  setWrap(isWrapEnabled: boolean): this {
    return this._setFormat('wrapStrategy', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
  }
  setWraps(wraps: unknown): this {
    return this._setFormats('setWraps', 'wrapStrategy', wraps, (v) => (v ? 'WRAP' : 'OVERFLOW'));
  }
  getWrapStrategy() {
    return WrapStrategy[this._getFormat<'WRAP' | 'OVERFLOW' | 'CLIP'>('wrapStrategy')];
  }
  setWrapStrategy(strategy: unknown): this {
    const name = enumName(strategy);
    if (!name || !(name in WrapStrategy))
      return this._rt.signatureError('SpreadsheetApp.Range.setWrapStrategy', [strategy]);
    return this._setFormat('wrapStrategy', name);
  }
  /** Borders are accepted and not stored. */
  setBorder(..._args: unknown[]): this {
    this._alive();
    return this;
  }
  setTextStyle(_style: unknown): this {
    return this;
  }

  // --- others -----------------------------------------------------------------------------
  protect(): ProtectionImpl {
    const s = this._alive();
    const model: ProtectionModel = {
      type: 'RANGE',
      sheet: s,
      ref: this._ref(),
      description: '',
      mirror: true,
      editors: [],
      warningOnly: false,
      domainEdit: false,
      unprotected: [],
      removed: false,
    };
    s.rangeProtections.push(model);
    return this._host.protection(model);
  }

  /** Copies cells (values, formulas, formats, notes, validation) to destination (its top-left cell). */
  copyTo(destination: unknown, options?: unknown): void {
    const dest = this._host.asRange('SpreadsheetApp.Range.copyTo', destination);
    const name = enumName(options);
    const opts = (name ? {} : (options ?? {})) as { contentsOnly?: boolean; formatOnly?: boolean };
    const contents = name ? name === 'PASTE_VALUES' || name === 'PASTE_NORMAL' : !opts.formatOnly;
    const formats = name ? name === 'PASTE_FORMAT' || name === 'PASTE_NORMAL' : !opts.contentsOnly;
    const snapshot = this._grid((c) => (c ? { ...c } : undefined));
    const ds = dest._alive();
    if (dest._row + this._numRows - 1 > ds.maxRows || dest._col + this._numCols - 1 > ds.maxCols) {
      this._rt.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    snapshot.forEach((row, i) => {
      row.forEach((src, j) => {
        const cell = ds.ensureCell(dest._row + i, dest._col + j);
        if (contents) {
          cell.value = src ? (isDate(src.value) ? new Date(src.value.getTime()) : src.value) : '';
          cell.formula = name === 'PASTE_VALUES' ? undefined : src?.formula;
          if (!name) cell.note = src?.note;
          if (!name) cell.validation = src?.validation;
        }
        if (formats) {
          for (const k of FORMAT_KEYS) {
            if (src?.[k] === undefined) delete cell[k];
            else (cell as unknown as Record<string, unknown>)[k] = src[k];
          }
        }
      });
    });
  }

  /** Sorts the rows of the range (whole cells move). Spec: column number, {column, ascending}, or an array. */
  sort(sortSpecObj: unknown): this {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : (s as { column: number; ascending?: boolean }),
    );
    for (const s of specs) {
      if (typeof s?.column !== 'number' || s.column < this._col || s.column > this.getLastColumn()) {
        this._rt.fail('The column of the sort specification is outside the range.');
      }
    }
    const s = this._alive();
    const rows = Array.from({ length: this._numRows }, (_, i) =>
      Array.from({ length: this._numCols }, (_, j) => s.cell(this._row + i, this._col + j)),
    );
    const rank = (v: CellValue): [number, number | string] => {
      if (v === '') return [4, 0];
      if (typeof v === 'number') return [0, v];
      if (isDate(v)) return [0, v.getTime()];
      if (typeof v === 'boolean') return [2, v ? 1 : 0];
      return [1, v.toLowerCase()];
    };
    rows.sort((a, b) => {
      for (const spec of specs) {
        const ka = rank(a[spec.column - this._col]?.value ?? '');
        const kb = rank(b[spec.column - this._col]?.value ?? '');
        if (ka[0] === 4 || kb[0] === 4) {
          if (ka[0] !== kb[0]) return ka[0] === 4 ? 1 : -1;
          continue;
        }
        let cmp = ka[0] - kb[0];
        if (cmp === 0) cmp = ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0;
        if (cmp !== 0) return spec.ascending === false ? -cmp : cmp;
      }
      return 0;
    });
    rows.forEach((row, i) => {
      row.forEach((cell, j) => {
        const r = this._row + i - 1;
        s.grid[r] ??= [];
        s.grid[r]![this._col + j - 1] = cell;
      });
    });
    return this;
  }

  toString(): string {
    return 'Range';
  }
}

export class RangeListImpl {
  constructor(
    readonly _host: Host,
    readonly _ranges: RangeImpl[],
  ) {}
  getRanges(): RangeImpl[] {
    return this._ranges.map((r) =>
      this._host.range(r._sheet, r._row, r._col, r._numRows, r._numCols, r._form),
    );
  }
  /** One call of the script: the ranges inside are the service's own work, not counted calls. */
  private _all(fn: (r: RangeImpl) => void): this {
    for (const r of this._ranges) fn(raw(r));
    return this;
  }
  activate(): this {
    const last = this._ranges[this._ranges.length - 1];
    if (last) last.activate();
    return this;
  }
  clear(options?: Parameters<RangeImpl['clear']>[0]): this {
    return this._all((r) => r.clear(options));
  }
  clearContent(): this {
    return this._all((r) => r.clearContent());
  }
  clearFormat(): this {
    return this._all((r) => r.clearFormat());
  }
  clearNote(): this {
    return this._all((r) => r.clearNote());
  }
  clearDataValidations(): this {
    return this._all((r) => r.clearDataValidations());
  }
  setValue(value: unknown): this {
    return this._all((r) => r.setValue(value));
  }
  setNote(note: string | null): this {
    return this._all((r) => r.setNote(note));
  }
  setBackground(color: string | null): this {
    return this._all((r) => r.setBackground(color));
  }
  setFontColor(color: string | null): this {
    return this._all((r) => r.setFontColor(color));
  }
  setFontWeight(weight: string | null): this {
    return this._all((r) => r.setFontWeight(weight));
  }
  setNumberFormat(format: string): this {
    return this._all((r) => r.setNumberFormat(format));
  }
  setDataValidation(rule: unknown): this {
    return this._all((r) => r.setDataValidation(rule));
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this._all((r) => r.setHorizontalAlignment(alignment));
  }
  setWrap(wrap: boolean): this {
    return this._all((r) => r.setWrap(wrap));
  }
  insertCheckboxes(): this {
    return this._all((r) => r.insertCheckboxes());
  }
}

export class SheetImpl {
  constructor(
    readonly _host: Host,
    readonly _model: SheetModel,
  ) {}

  private get _rt(): Runtime {
    return this._host.rt;
  }

  private _alive(): SheetModel {
    if (this._model.deleted) this._rt.fail(`The sheet ${this._model.name} has been deleted.`);
    return this._model;
  }

  private _int(method: string, args: unknown[]): number[] {
    if (!args.every((a) => typeof a === 'number' && Number.isInteger(a))) {
      return this._rt.signatureError(`SpreadsheetApp.Sheet.${method}`, args);
    }
    return args as number[];
  }

  getName(): string {
    return this._alive().name;
  }
  setName(name: string): this {
    const s = this._alive();
    if (typeof name !== 'string' || name.trim() === '')
      return this._rt.signatureError('SpreadsheetApp.Sheet.setName', [name]);
    const other = this._host.findSheet(name);
    if (other && other !== s) {
      this._rt.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    s.name = name;
    return this;
  }
  getSheetId(): number {
    return this._alive().id;
  }
  getSheetName(): string {
    return this._alive().name;
  }
  getIndex(): number {
    return this._host.ctx.wb.sheets.indexOf(this._alive()) + 1;
  }
  getParent() {
    return this._host.spreadsheet();
  }
  getType() {
    return SheetType.GRID;
  }
  activate(): this {
    const wb = this._host.ctx.wb;
    wb.active = this._alive();
    wb.activeRange = new RangeRef(this._model, 1, 1, 1, 1);
    return this;
  }
  getRange(...args: unknown[]): RangeImpl {
    const s = this._alive();
    if (args.length === 1 && typeof args[0] === 'string') return this._host.rangeFromA1(s, args[0]);
    const [r, c, nr, nc] = this._host.checkCoords(s, 'SpreadsheetApp.Sheet.getRange', args);
    return this._host.range(s, r, c, nr, nc);
  }
  getRangeList(a1Notations: unknown): RangeListImpl {
    if (!Array.isArray(a1Notations) || !a1Notations.every((a) => typeof a === 'string')) {
      return this._rt.signatureError('SpreadsheetApp.Sheet.getRangeList', [a1Notations]);
    }
    const s = this._alive();
    return this._rt.wrap(
      'RangeList',
      new RangeListImpl(
        this._host,
        a1Notations.map((a) => this._host.rangeFromA1(s, a)),
      ),
    );
  }
  getDataRange(): RangeImpl {
    const s = this._alive();
    return this._host.range(s, 1, 1, Math.max(1, s.lastRow()), Math.max(1, s.lastColumn()));
  }
  /** getSheetValues(startRow, startColumn, numRows, numColumns); -1 means up to the last row/column with content. */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): CellValue[][] {
    const s = this._alive();
    const nr = numRows === -1 ? s.lastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? s.lastColumn() - startColumn + 1 : numColumns;
    const [r, c, rr, cc] = this._host.checkCoords(s, 'SpreadsheetApp.Sheet.getSheetValues', [
      startRow,
      startColumn,
      nr,
      nc,
    ]);
    // One call for the script: the internal read is not counted.
    return raw(this._host.range(s, r, c, rr, cc)).getValues();
  }
  getLastRow(): number {
    return this._alive().lastRow();
  }
  getLastColumn(): number {
    return this._alive().lastColumn();
  }
  getMaxRows(): number {
    return this._alive().maxRows;
  }
  getMaxColumns(): number {
    return this._alive().maxCols;
  }

  /** Appends after the last row with content; grows the sheet when full. Strings are parsed like setValues. */
  appendRow(rowContents: unknown): this {
    const s = this._alive();
    if (!Array.isArray(rowContents))
      return this._rt.signatureError('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const row = s.lastRow() + 1;
    this._host.assertEditable(s, row, 1, 1, Math.max(1, rowContents.length));
    if (row > s.maxRows) s.insertRows(s.maxRows + 1, row - s.maxRows);
    if (rowContents.length > s.maxCols) s.insertColumns(s.maxCols + 1, rowContents.length - s.maxCols);
    rowContents.forEach((v, j) => {
      this._host.write(s.ensureCell(row, j + 1), v, 'Sheet.appendRow');
    });
    return this;
  }

  // --- rows and columns -------------------------------------------------------------------
  private _insertRows(before: number, howMany: number, method: string): this {
    const s = this._alive();
    if (howMany < 1) this._rt.fail('The number of rows to insert must be at least 1.');
    if (before < 1 || before > s.maxRows + 1) this._rt.fail('Those rows are out of bounds.');
    s.insertRows(before, howMany);
    void method;
    return this;
  }
  private _insertColumns(before: number, howMany: number): this {
    const s = this._alive();
    if (howMany < 1) this._rt.fail('The number of columns to insert must be at least 1.');
    if (before < 1 || before > s.maxCols + 1) this._rt.fail('Those columns are out of bounds.');
    s.insertColumns(before, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    const [a] = this._int('insertRowAfter', [afterPosition]);
    if (a! > this._model.maxRows) this._rt.fail('Those rows are out of bounds.');
    return this._insertRows(a! + 1, 1, 'insertRowAfter');
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    const [a, n] = this._int('insertRowsAfter', [afterPosition, howMany]);
    if (a! > this._model.maxRows) this._rt.fail('Those rows are out of bounds.');
    return this._insertRows(a! + 1, n!, 'insertRowsAfter');
  }
  insertRowBefore(beforePosition: number): this {
    const [b] = this._int('insertRowBefore', [beforePosition]);
    if (b! > this._model.maxRows) this._rt.fail('Those rows are out of bounds.');
    return this._insertRows(b!, 1, 'insertRowBefore');
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    const [b, n] = this._int('insertRowsBefore', [beforePosition, howMany]);
    if (b! > this._model.maxRows) this._rt.fail('Those rows are out of bounds.');
    return this._insertRows(b!, n!, 'insertRowsBefore');
  }
  insertRows(rowIndex: number, numRows = 1): void {
    const [b, n] = this._int('insertRows', [rowIndex, numRows]);
    this._insertRows(b!, n!, 'insertRows');
  }
  insertColumnAfter(afterPosition: number): this {
    const [a] = this._int('insertColumnAfter', [afterPosition]);
    if (a! > this._model.maxCols) this._rt.fail('Those columns are out of bounds.');
    return this._insertColumns(a! + 1, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    const [a, n] = this._int('insertColumnsAfter', [afterPosition, howMany]);
    if (a! > this._model.maxCols) this._rt.fail('Those columns are out of bounds.');
    return this._insertColumns(a! + 1, n!);
  }
  insertColumnBefore(beforePosition: number): this {
    const [b] = this._int('insertColumnBefore', [beforePosition]);
    if (b! > this._model.maxCols) this._rt.fail('Those columns are out of bounds.');
    return this._insertColumns(b!, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    const [b, n] = this._int('insertColumnsBefore', [beforePosition, howMany]);
    if (b! > this._model.maxCols) this._rt.fail('Those columns are out of bounds.');
    return this._insertColumns(b!, n!);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    const [b, n] = this._int('insertColumns', [columnIndex, numColumns]);
    this._insertColumns(b!, n!);
  }
  deleteRow(rowPosition: number): this {
    return this.deleteRows(rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): this {
    const [p, n] = this._int('deleteRows', [rowPosition, howMany]);
    const s = this._alive();
    if (p! < 1 || n! < 1 || p! + n! - 1 > s.maxRows) this._rt.fail('Those rows are out of bounds.');
    if (nonFrozenLeft(s.maxRows, s.frozenRows, p!, n!) <= 0) {
      this._rt.fail('Sorry, it is not possible to delete all non-frozen rows.');
    }
    s.deleteRows(p!, n!);
    return this;
  }
  deleteColumn(columnPosition: number): this {
    return this.deleteColumns(columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): this {
    const [p, n] = this._int('deleteColumns', [columnPosition, howMany]);
    const s = this._alive();
    if (p! < 1 || n! < 1 || p! + n! - 1 > s.maxCols) this._rt.fail('Those columns are out of bounds.');
    if (nonFrozenLeft(s.maxCols, s.frozenCols, p!, n!) <= 0) {
      this._rt.fail('Sorry, it is not possible to delete all non-frozen columns.');
    }
    s.deleteColumns(p!, n!);
    return this;
  }
  setFrozenRows(rows: number): void {
    const [n] = this._int('setFrozenRows', [rows]);
    if (n! < 0 || n! >= this._alive().maxRows) this._rt.fail('Sorry, it is not possible to freeze all rows.');
    this._model.frozenRows = n!;
  }
  getFrozenRows(): number {
    return this._alive().frozenRows;
  }
  setFrozenColumns(columns: number): void {
    const [n] = this._int('setFrozenColumns', [columns]);
    if (n! < 0 || n! >= this._alive().maxCols)
      this._rt.fail('Sorry, it is not possible to freeze all columns.');
    this._model.frozenCols = n!;
  }
  getFrozenColumns(): number {
    return this._alive().frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    const [c, w] = this._int('setColumnWidth', [columnPosition, width]);
    this._alive().columnWidths.set(c!, w!);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    const [c, n, w] = this._int('setColumnWidths', [startColumn, numColumns, width]);
    for (let i = 0; i < n!; i++) this._alive().columnWidths.set(c! + i, w!);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this._alive().columnWidths.get(columnPosition) ?? 100;
  }
  setRowHeight(rowPosition: number, height: number): this {
    const [r, h] = this._int('setRowHeight', [rowPosition, height]);
    this._alive().rowHeights.set(r!, h!);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    const [r, n, h] = this._int('setRowHeights', [startRow, numRows, height]);
    for (let i = 0; i < n!; i++) this._alive().rowHeights.set(r! + i, h!);
    return this;
  }
  setRowHeightsForced(startRow: number, numRows: number, height: number): this {
    return this.setRowHeights(startRow, numRows, height);
  }
  getRowHeight(rowPosition: number): number {
    return this._alive().rowHeights.get(rowPosition) ?? 21;
  }
  autoResizeColumn(columnPosition: number): this {
    this._int('autoResizeColumn', [columnPosition]);
    return this;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this._int('autoResizeColumns', [startColumn, numColumns]);
    return this;
  }
  autoResizeRows(startRow: number, numRows: number): this {
    this._int('autoResizeRows', [startRow, numRows]);
    return this;
  }
  private _spanArgs(method: string, args: unknown[]): [number, number] {
    const first = raw(args[0]);
    if (first instanceof RangeImpl) {
      return method.includes('Row') ? [first._row, first._numRows] : [first._col, first._numCols];
    }
    const [i, n = 1] = this._int(method, args);
    return [i!, n];
  }
  hideColumns(columnIndex: unknown, numColumns?: number): void {
    const [c, n] = this._spanArgs(
      'hideColumns',
      numColumns === undefined ? [columnIndex] : [columnIndex, numColumns],
    );
    for (let i = 0; i < n; i++) this._alive().hiddenCols.add(c + i);
  }
  hideColumn(column: unknown): void {
    this.hideColumns(column);
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    const [c, n] = this._spanArgs(
      'showColumns',
      numColumns === undefined ? [columnIndex] : [columnIndex, numColumns],
    );
    for (let i = 0; i < n; i++) this._alive().hiddenCols.delete(c + i);
  }
  unhideColumn(column: unknown): void {
    const [c, n] = this._spanArgs('unhideColumn', [column]);
    for (let i = 0; i < n; i++) this._alive().hiddenCols.delete(c + i);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._alive().hiddenCols.has(columnPosition);
  }
  hideRows(rowIndex: unknown, numRows?: number): void {
    const [r, n] = this._spanArgs('hideRows', numRows === undefined ? [rowIndex] : [rowIndex, numRows]);
    for (let i = 0; i < n; i++) this._alive().hiddenRows.add(r + i);
  }
  hideRow(row: unknown): void {
    this.hideRows(row);
  }
  showRows(rowIndex: number, numRows?: number): void {
    const [r, n] = this._spanArgs('showRows', numRows === undefined ? [rowIndex] : [rowIndex, numRows]);
    for (let i = 0; i < n; i++) this._alive().hiddenRows.delete(r + i);
  }
  unhideRow(row: unknown): void {
    const [r, n] = this._spanArgs('unhideRow', [row]);
    for (let i = 0; i < n; i++) this._alive().hiddenRows.delete(r + i);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._alive().hiddenRows.has(rowPosition);
  }
  hideSheet(): this {
    const s = this._alive();
    const visible = this._host.ctx.wb.sheets.filter((x) => !x.hidden);
    if (visible.length === 1 && visible[0] === s)
      this._rt.fail("You can't hide all the sheets in a document.");
    s.hidden = true;
    return this;
  }
  showSheet(): this {
    this._alive().hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._alive().hidden;
  }
  setTabColor(color: string | null): this {
    this._alive().tabColor = color === null ? null : normalizeColor(color);
    return this;
  }
  getTabColor(): string | null {
    return this._alive().tabColor;
  }

  // --- clearing ---------------------------------------------------------------------------
  clear(options?: Parameters<RangeImpl['clear']>[0]): this {
    this._host.wholeSheet(this._alive()).clear(options);
    return this;
  }
  clearContents(): this {
    this._host.wholeSheet(this._alive()).clearContent();
    return this;
  }
  clearFormats(): this {
    this._host.wholeSheet(this._alive()).clearFormat();
    return this;
  }
  clearNotes(): this {
    this._host.wholeSheet(this._alive()).clearNote();
    return this;
  }

  // --- protections, rules, charts ---------------------------------------------------------
  /** Returns the existing sheet protection if there is one (as Apps Script does). */
  protect(): ProtectionImpl {
    const s = this._alive();
    if (!s.sheetProtection) {
      s.sheetProtection = {
        type: 'SHEET',
        sheet: s,
        ref: null,
        description: '',
        mirror: true,
        editors: [],
        warningOnly: false,
        domainEdit: false,
        unprotected: [],
        removed: false,
      };
    }
    return this._host.protection(s.sheetProtection);
  }
  getProtections(type: unknown): ProtectionImpl[] {
    const name = enumName(type);
    if (name !== 'RANGE' && name !== 'SHEET')
      return this._rt.signatureError('SpreadsheetApp.Sheet.getProtections', [type]);
    const s = this._alive();
    const list = name === 'SHEET' ? (s.sheetProtection ? [s.sheetProtection] : []) : s.rangeProtections;
    return list.map((p) => this._host.protection(p));
  }
  getConditionalFormatRules(): ConditionalFormatRuleImpl[] {
    return this._alive().rules.map((m) =>
      this._rt.wrap('ConditionalFormatRule', new ConditionalFormatRuleImpl(this._host, m)),
    );
  }
  setConditionalFormatRules(rules: unknown): void {
    if (!Array.isArray(rules))
      throw this._rt.badSignature('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    const s = this._alive();
    const models = rules.map((r) => {
      const x = raw(r);
      if (!(x instanceof ConditionalFormatRuleImpl)) {
        return this._rt.signatureError('SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
      }
      if (x._model.ranges.length === 0)
        this._rt.fail('A conditional format rule must have at least one range.');
      if (x._model.ranges.some((ref) => ref.sheet !== s)) {
        this._rt.fail('A conditional format rule cannot reference a different sheet.');
      }
      return {
        ...x._model,
        ranges: x._model.ranges.map((ref) => new RangeRef(s, ref.row, ref.col, ref.numRows, ref.numCols)),
      };
    });
    s.rules = models;
  }
  clearConditionalFormatRules(): void {
    this._alive().rules = [];
  }
  newChart(): EmbeddedChartBuilderImpl {
    return this._rt.wrap('EmbeddedChartBuilder', new EmbeddedChartBuilderImpl(this._host, this._alive()));
  }
  private _chart(method: string, chart: unknown): EmbeddedChartImpl {
    const c = raw(chart);
    if (!(c instanceof EmbeddedChartImpl))
      return this._rt.signatureError(`SpreadsheetApp.Sheet.${method}`, [chart]);
    return c;
  }
  insertChart(chart: unknown): void {
    const c = this._chart('insertChart', chart);
    const s = this._alive();
    const model = cloneChart(c._model);
    model.id = this._host.ctx.wb.nextChartId++;
    c._model.id = model.id;
    s.charts.push(model);
  }
  getCharts(): EmbeddedChartImpl[] {
    const s = this._alive();
    return s.charts.map((m) => this._rt.wrap('EmbeddedChart', new EmbeddedChartImpl(this._host, s, m)));
  }
  updateChart(chart: unknown): void {
    const c = this._chart('updateChart', chart);
    const s = this._alive();
    const i = s.charts.findIndex((m) => m.id !== null && m.id === c._model.id);
    if (i < 0) this._rt.fail('The chart is not on this sheet: insert it with insertChart() first.');
    s.charts[i] = { ...cloneChart(c._model), id: s.charts[i]!.id };
  }
  removeChart(chart: unknown): void {
    const c = this._chart('removeChart', chart);
    const s = this._alive();
    s.charts = s.charts.filter((m) => m.id !== c._model.id);
  }

  // --- selection ----------------------------------------------------------------------------
  getActiveRange(): RangeImpl | null {
    const ar = this._host.ctx.wb.activeRange;
    return ar && ar.sheet === this._model
      ? this._host.rangeOf(ar)
      : this._host.range(this._alive(), 1, 1, 1, 1);
  }
  getActiveCell(): RangeImpl {
    const r = this.getActiveRange();
    return r
      ? this._host.range(this._model, r._row, r._col, 1, 1)
      : this._host.range(this._alive(), 1, 1, 1, 1);
  }
  getCurrentCell(): RangeImpl | null {
    return this.getActiveCell();
  }
  setActiveRange(range: unknown): RangeImpl {
    const r = this._host.asRange('SpreadsheetApp.Sheet.setActiveRange', range);
    if (r._sheet !== this._model) this._rt.fail('The range must be on this sheet.');
    r.activate();
    return this._host.rangeOf(r._rect());
  }
  setActiveSelection(range: unknown): RangeImpl {
    const r =
      typeof range === 'string'
        ? this._host.rangeFromA1(this._alive(), range)
        : this._host.asRange('SpreadsheetApp.Sheet.setActiveSelection', range);
    r.activate();
    return this._host.rangeOf(r._rect());
  }
  setCurrentCell(cell: unknown): RangeImpl {
    return this.setActiveRange(cell);
  }

  toString(): string {
    return 'Sheet';
  }
}

export interface SheetOptions {
  defaultRows: number;
  defaultColumns: number;
}

export class SpreadsheetImpl {
  constructor(readonly _host: Host) {}

  private get _rt(): Runtime {
    return this._host.rt;
  }
  private get _wb() {
    return this._host.ctx.wb;
  }

  getId(): string {
    return this._wb.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._wb.id}/edit`;
  }
  getName(): string {
    return this._wb.name;
  }
  rename(newName: string): void {
    this._wb.name = String(newName);
  }
  getSpreadsheetTimeZone(): string {
    return this._rt.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._rt.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this._rt.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._rt.locale = locale;
  }
  getSheets(): SheetImpl[] {
    return this._wb.sheets.map((s) => this._host.sheet(s));
  }
  getNumSheets(): number {
    return this._wb.sheets.length;
  }
  /** Sheet names are case-insensitive in Sheets. */
  getSheetByName(name: string): SheetImpl | null {
    if (typeof name !== 'string')
      return this._rt.signatureError('SpreadsheetApp.Spreadsheet.getSheetByName', [name]);
    const s = this._host.findSheet(name);
    return s ? this._host.sheet(s) : null;
  }
  getSheetById(id: number): SheetImpl | null {
    const s = this._wb.sheets.find((x) => x.id === id);
    return s ? this._host.sheet(s) : null;
  }
  /** insertSheet(), (index), (name), (name, index), (name, index, options), (index, options), (name, options). */
  insertSheet(...args: unknown[]): SheetImpl {
    let name: string | undefined;
    let index: number | undefined;
    let options: { template?: unknown } | undefined;
    for (const a of args) {
      if (typeof a === 'string') name = a;
      else if (typeof a === 'number') index = a;
      else if (a && typeof a === 'object') options = a as { template?: unknown };
      else return this._rt.signatureError('SpreadsheetApp.Spreadsheet.insertSheet', args);
    }
    const wb = this._wb;
    if (name === undefined) {
      const base = this._rt.locale.toLowerCase().startsWith('fr') ? 'Feuille ' : 'Sheet';
      let k = wb.sheets.length + 1;
      while (this._host.findSheet(`${base}${k}`)) k++;
      name = `${base}${k}`;
    }
    if (this._host.findSheet(name)) {
      this._rt.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (index !== undefined && (index < 0 || !Number.isInteger(index)))
      this._rt.fail('Invalid argument: sheetIndex');
    const template =
      options?.template === undefined
        ? undefined
        : this._host.asSheet('SpreadsheetApp.Spreadsheet.insertSheet', options.template)._model;
    const s = new SheetModel(name, wb.nextSheetId++, template?.maxRows ?? 1000, template?.maxCols ?? 26);
    if (template) {
      s.grid = template.grid.map(
        (row) =>
          row?.map((c) =>
            c ? { ...c, value: isDate(c.value) ? new Date(c.value.getTime()) : c.value } : undefined,
          ) ?? [],
      );
      s.frozenRows = template.frozenRows;
      s.frozenCols = template.frozenCols;
      s.columnWidths = new Map(template.columnWidths);
    }
    const at = index === undefined ? wb.sheets.length : Math.min(index, wb.sheets.length);
    wb.sheets.splice(at, 0, s);
    wb.active = s;
    wb.activeRange = new RangeRef(s, 1, 1, 1, 1);
    return this._host.sheet(s);
  }
  deleteSheet(sheet: unknown): void {
    const s = this._host.asSheet('SpreadsheetApp.Spreadsheet.deleteSheet', sheet)._model;
    const wb = this._wb;
    if (wb.sheets.length === 1) this._rt.fail("You can't remove all the sheets in a document.");
    wb.sheets = wb.sheets.filter((x) => x !== s);
    s.deleted = true;
    if (wb.active === s) {
      wb.active = wb.sheets[0]!;
      wb.activeRange = new RangeRef(wb.active, 1, 1, 1, 1);
    }
  }
  getActiveSheet(): SheetImpl {
    return this._host.sheet(this._wb.active);
  }
  setActiveSheet(sheet: unknown, _restoreSelection?: boolean): SheetImpl {
    const s = this._host.asSheet('SpreadsheetApp.Spreadsheet.setActiveSheet', sheet);
    s.activate();
    return this._host.sheet(s._model);
  }
  moveActiveSheet(pos: number): void {
    const wb = this._wb;
    if (!Number.isInteger(pos) || pos < 1 || pos > wb.sheets.length) this._rt.fail('Invalid argument: pos');
    wb.sheets = wb.sheets.filter((s) => s !== wb.active);
    wb.sheets.splice(pos - 1, 0, wb.active);
  }
  getActiveRange(): RangeImpl | null {
    const ar = this._wb.activeRange;
    return ar && !ar.sheet.deleted ? this._host.rangeOf(ar) : null;
  }
  getActiveRangeList(): RangeListImpl | null {
    const r = this.getActiveRange();
    return r ? this._rt.wrap('RangeList', new RangeListImpl(this._host, [raw(r)])) : null;
  }
  getActiveCell(): RangeImpl {
    return this._host.sheet(this._wb.active).getActiveCell();
  }
  getCurrentCell(): RangeImpl | null {
    return this.getActiveCell();
  }
  setActiveRange(range: unknown): RangeImpl {
    const r = this._host.asRange('SpreadsheetApp.Spreadsheet.setActiveRange', range);
    r.activate();
    return this._host.rangeOf(r._rect());
  }
  setActiveSelection(range: unknown): RangeImpl {
    const r =
      typeof range === 'string'
        ? this._host.rangeFromA1(null, range)
        : this._host.asRange('SpreadsheetApp.Spreadsheet.setActiveSelection', range);
    r.activate();
    return this._host.rangeOf(r._rect());
  }
  /** getRange('Tab!A1:B2'); without a sheet name, the active sheet. */
  getRange(a1Notation: string): RangeImpl {
    if (typeof a1Notation !== 'string')
      return this._rt.signatureError('SpreadsheetApp.Spreadsheet.getRange', [a1Notation]);
    return this._host.rangeFromA1(null, a1Notation);
  }
  getRangeList(a1Notations: string[]): RangeListImpl {
    return this._rt.wrap(
      'RangeList',
      new RangeListImpl(
        this._host,
        a1Notations.map((a) => this._host.rangeFromA1(null, a)),
      ),
    );
  }
  getRangeByName(name: string): RangeImpl | null {
    const ref = this._wb.namedRanges.get(name);
    return ref && !ref.dead ? this._host.rangeOf(ref) : null;
  }
  setNamedRange(name: string, range: unknown): void {
    const r = this._host.asRange('SpreadsheetApp.Spreadsheet.setNamedRange', range);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) this._rt.fail(`Invalid argument: name (${name})`);
    this._wb.namedRanges.set(name, r._ref());
  }
  removeNamedRange(name: string): void {
    this._wb.namedRanges.delete(name);
  }
  getProtections(type: unknown): ProtectionImpl[] {
    const name = enumName(type);
    if (name !== 'RANGE' && name !== 'SHEET')
      return this._rt.signatureError('SpreadsheetApp.Spreadsheet.getProtections', [type]);
    return this._wb.sheets.flatMap((s) =>
      (name === 'SHEET' ? (s.sheetProtection ? [s.sheetProtection] : []) : s.rangeProtections).map((p) =>
        this._host.protection(p),
      ),
    );
  }
  /** Shown only when a user has the spreadsheet open (not in time-driven triggers). */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    if (!this._rt.exec.ui) return;
    this._host.ctx.uiLog.push({
      kind: 'toast',
      title: title === undefined ? '' : String(title),
      content: String(msg),
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }
  getOwner() {
    return makeUser(this._rt, this._wb.owner);
  }
  getEditors() {
    return [this._wb.owner, ...this._wb.editors.filter((e) => e !== this._wb.owner)].map((e) =>
      makeUser(this._rt, e),
    );
  }
  getViewers() {
    return [...this._wb.viewers].map((e) => makeUser(this._rt, e));
  }
  addEditor(emailOrUser: unknown): this {
    const email = emailOf(this._rt, 'SpreadsheetApp.Spreadsheet.addEditor', emailOrUser);
    if (email !== this._wb.owner && !this._wb.editors.includes(email)) this._wb.editors.push(email);
    this._wb.viewers = this._wb.viewers.filter((v) => v !== email);
    return this;
  }
  addEditors(emailAddresses: unknown): this {
    if (!Array.isArray(emailAddresses))
      return this._rt.signatureError('SpreadsheetApp.Spreadsheet.addEditors', [emailAddresses]);
    for (const e of emailAddresses) this.addEditor(e);
    return this;
  }
  removeEditor(emailOrUser: unknown): this {
    const email = emailOf(this._rt, 'SpreadsheetApp.Spreadsheet.removeEditor', emailOrUser);
    this._wb.editors = this._wb.editors.filter((e) => e !== email);
    return this;
  }
  addViewer(emailOrUser: unknown): this {
    const email = emailOf(this._rt, 'SpreadsheetApp.Spreadsheet.addViewer', emailOrUser);
    if (!this._wb.viewers.includes(email) && !this._wb.editors.includes(email)) this._wb.viewers.push(email);
    return this;
  }
  addViewers(emailAddresses: unknown): this {
    if (!Array.isArray(emailAddresses))
      return this._rt.signatureError('SpreadsheetApp.Spreadsheet.addViewers', [emailAddresses]);
    for (const e of emailAddresses) this.addViewer(e);
    return this;
  }
  removeViewer(emailOrUser: unknown): this {
    const email = emailOf(this._rt, 'SpreadsheetApp.Spreadsheet.removeViewer', emailOrUser);
    this._wb.viewers = this._wb.viewers.filter((e) => e !== email);
    return this;
  }
  // Shortcuts acting on the active sheet.
  appendRow(rowContents: unknown[]): this {
    raw(this._host.sheet(this._wb.active)).appendRow(rowContents);
    return this;
  }
  getDataRange(): RangeImpl {
    return raw(this._host.sheet(this._wb.active)).getDataRange();
  }
  getLastRow(): number {
    return this._wb.active.lastRow();
  }
  getLastColumn(): number {
    return this._wb.active.lastColumn();
  }
  getSheetName(): string {
    return this._wb.active.name;
  }
  getFrozenRows(): number {
    return this._wb.active.frozenRows;
  }
  setFrozenRows(rows: number): void {
    raw(this._host.sheet(this._wb.active)).setFrozenRows(rows);
  }
  toString(): string {
    return 'Spreadsheet';
  }
}

export class SpreadsheetAppImpl {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  readonly Direction = Direction;
  readonly BorderStyle = BorderStyle;
  readonly RelativeDate = RelativeDate;
  readonly SheetType = SheetType;
  readonly CopyPasteType = CopyPasteType;

  constructor(readonly _host: Host) {}

  private get _rt(): Runtime {
    return this._host.rt;
  }

  getActive() {
    return this._host.spreadsheet();
  }
  getActiveSpreadsheet() {
    return this._host.spreadsheet();
  }
  /** Only the fake's own spreadsheet can be opened; simple triggers may not open files. */
  openById(id: string) {
    this._rt.requireAuth('SpreadsheetApp.openById', 'spreadsheets');
    if (id !== this._host.ctx.wb.id) {
      this._rt.fail(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this._host.spreadsheet();
  }
  openByUrl(url: string) {
    this._rt.requireAuth('SpreadsheetApp.openByUrl', 'spreadsheets');
    if (!String(url).includes(`/d/${this._host.ctx.wb.id}`)) {
      this._rt.fail(
        'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
      );
    }
    return this._host.spreadsheet();
  }
  getUi(): UiImpl {
    if (!this._rt.exec.ui) this._rt.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return this._host.ui();
  }
  flush(): void {}
  newDataValidation(): DataValidationBuilderImpl {
    return this._rt.wrap('DataValidationBuilder', new DataValidationBuilderImpl(this._host));
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilderImpl {
    return this._rt.wrap('ConditionalFormatRuleBuilder', new ConditionalFormatRuleBuilderImpl(this._host));
  }
  getActiveSheet(): SheetImpl {
    return this._host.sheet(this._host.ctx.wb.active);
  }
  getActiveRange(): RangeImpl | null {
    return raw(this._host.spreadsheet()).getActiveRange();
  }
  getActiveRangeList(): RangeListImpl | null {
    return raw(this._host.spreadsheet()).getActiveRangeList();
  }
  getCurrentCell(): RangeImpl | null {
    return raw(this._host.spreadsheet()).getCurrentCell();
  }
  setActiveSheet(sheet: unknown): SheetImpl {
    return raw(this._host.spreadsheet()).setActiveSheet(sheet);
  }
  setActiveRange(range: unknown): RangeImpl {
    return raw(this._host.spreadsheet()).setActiveRange(range);
  }
  create(name: string): never {
    return this._rt.fail(
      `SpreadsheetApp.create("${name}") is not supported by the fake (one spreadsheet only).`,
    );
  }
}

/** Apps Script's error when a script writes to cells its user may not edit. */
export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** Range methods that change cells: each checks the protections first (see Host.assertEditable). */
const RANGE_WRITES =
  /^(setValues?|setFormulas?|setNotes?|setDataValidations?|clear\w*|insertCheckboxes|removeCheckboxes|setBackgrounds?|setBackgroundRGB|setFontColors?|setFontWeights?|setFontStyle|setFontLine|setFontSize|setFontFamily|setNumberFormats?|setHorizontalAlignments?|setVerticalAlignment|setWraps?|setWrapStrategy|setBorder|setTextStyle|sort)$/;
for (const name of Object.getOwnPropertyNames(RangeImpl.prototype)) {
  if (!RANGE_WRITES.test(name)) continue;
  const proto = RangeImpl.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = proto[name]!;
  proto[name] = function (this: RangeImpl, ...args: unknown[]) {
    this._host.assertEditable(this._sheet, this._row, this._col, this._numRows, this._numCols);
    return original.apply(this, args);
  };
}
