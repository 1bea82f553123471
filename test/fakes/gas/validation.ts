/** Data validation: DataValidationBuilder, DataValidation, and what a user edit is allowed to type. */
import { raw } from './counting';
import { DataValidationCriteria, type DataValidationCriteriaName, enumName } from './enums';
import { RangeRef, type ValidationModel } from './model';
import type { Host, Rect } from './spreadsheet';
import { isDate } from './time';
import type { CellValue } from './values';

export class DataValidationImpl {
  constructor(
    readonly _host: Host,
    readonly _model: ValidationModel,
  ) {}

  getCriteriaType() {
    return DataValidationCriteria[this._model.criteria];
  }
  getCriteriaValues(): unknown[] {
    return criteriaValuesOut(this._host, this._model.values);
  }
  getHelpText(): string {
    return this._model.helpText;
  }
  getAllowInvalid(): boolean {
    return this._model.allowInvalid;
  }
  copy(): DataValidationBuilderImpl {
    const b = new DataValidationBuilderImpl(this._host);
    b._criteria = this._model.criteria;
    b._values = [...this._model.values];
    b._allowInvalid = this._model.allowInvalid;
    b._helpText = this._model.helpText;
    return this._host.rt.wrap('DataValidationBuilder', b);
  }
}

function criteriaValuesOut(host: Host, values: readonly unknown[]): unknown[] {
  return values.map((v) => {
    if (v instanceof RangeRef) return host.rangeOf(v);
    if (Array.isArray(v)) return [...v];
    if (isDate(v)) return new Date(v.getTime());
    return v;
  });
}

export class DataValidationBuilderImpl {
  _criteria: DataValidationCriteriaName | null = null;
  _values: unknown[] = [];
  _allowInvalid = true;
  _helpText = '';

  constructor(readonly _host: Host) {}

  private _set(criteria: DataValidationCriteriaName, values: unknown[]): this {
    this._criteria = criteria;
    this._values = values;
    return this;
  }

  private _num(method: string, args: unknown[]): number[] {
    if (!args.every((a) => typeof a === 'number' && Number.isFinite(a))) {
      this._host.rt.signatureError(`SpreadsheetApp.DataValidationBuilder.${method}`, args);
    }
    return args as number[];
  }

  private _date(method: string, args: unknown[]): Date[] {
    if (!args.every((a) => isDate(a)))
      this._host.rt.signatureError(`SpreadsheetApp.DataValidationBuilder.${method}`, args);
    return (args as Date[]).map((d) => new Date(d.getTime()));
  }

  build(): DataValidationImpl {
    const criteria = this._criteria;
    if (!criteria)
      return this._host.rt.fail('The data validation rule has no criteria: call a require...() method.');
    return this._host.rt.wrap(
      'DataValidation',
      new DataValidationImpl(this._host, {
        criteria,
        values: [...this._values],
        allowInvalid: this._allowInvalid,
        helpText: this._helpText,
      }),
    );
  }
  copy(): DataValidationBuilderImpl {
    const b = new DataValidationBuilderImpl(this._host);
    b._criteria = this._criteria;
    b._values = [...this._values];
    b._allowInvalid = this._allowInvalid;
    b._helpText = this._helpText;
    return this._host.rt.wrap('DataValidationBuilder', b);
  }
  clearValidation(): this {
    this._criteria = null;
    this._values = [];
    return this;
  }
  getCriteriaType() {
    return this._criteria ? DataValidationCriteria[this._criteria] : null;
  }
  getCriteriaValues(): unknown[] {
    return criteriaValuesOut(this._host, this._values);
  }
  getHelpText(): string {
    return this._helpText;
  }
  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }
  setAllowInvalid(allowInvalid: boolean): this {
    if (typeof allowInvalid !== 'boolean') {
      this._host.rt.signatureError('SpreadsheetApp.DataValidationBuilder.setAllowInvalid', [allowInvalid]);
    }
    this._allowInvalid = allowInvalid;
    return this;
  }
  setHelpText(helpText: string): this {
    this._helpText = String(helpText);
    return this;
  }
  withCriteria(criteria: unknown, args: unknown[]): this {
    const name = enumName(criteria);
    if (!name || !(name in DataValidationCriteria) || !Array.isArray(args)) {
      this._host.rt.signatureError('SpreadsheetApp.DataValidationBuilder.withCriteria', [criteria, args]);
    }
    return this._set(
      name as DataValidationCriteriaName,
      args.map((a) => {
        const r = raw(a) as { _ref?: () => RangeRef };
        return r && typeof r === 'object' && typeof r._ref === 'function' ? r._ref() : a;
      }),
    );
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    const values = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this._set('CHECKBOX', values);
  }
  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this._set('DATE_AFTER', this._date('requireDateAfter', [date]));
  }
  requireDateBefore(date: Date): this {
    return this._set('DATE_BEFORE', this._date('requireDateBefore', [date]));
  }
  requireDateBetween(start: Date, end: Date): this {
    return this._set('DATE_BETWEEN', this._date('requireDateBetween', [start, end]));
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this._set('DATE_NOT_BETWEEN', this._date('requireDateNotBetween', [start, end]));
  }
  requireDateEqualTo(date: Date): this {
    return this._set('DATE_EQUAL_TO', this._date('requireDateEqualTo', [date]));
  }
  requireDateOnOrAfter(date: Date): this {
    return this._set('DATE_ON_OR_AFTER', this._date('requireDateOnOrAfter', [date]));
  }
  requireDateOnOrBefore(date: Date): this {
    return this._set('DATE_ON_OR_BEFORE', this._date('requireDateOnOrBefore', [date]));
  }
  requireFormulaSatisfied(formula: string): this {
    if (typeof formula !== 'string') {
      this._host.rt.signatureError('SpreadsheetApp.DataValidationBuilder.requireFormulaSatisfied', [formula]);
    }
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this._set('NUMBER_BETWEEN', this._num('requireNumberBetween', [start, end]));
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this._set('NUMBER_NOT_BETWEEN', this._num('requireNumberNotBetween', [start, end]));
  }
  requireNumberEqualTo(n: number): this {
    return this._set('NUMBER_EQUAL_TO', this._num('requireNumberEqualTo', [n]));
  }
  requireNumberNotEqualTo(n: number): this {
    return this._set('NUMBER_NOT_EQUAL_TO', this._num('requireNumberNotEqualTo', [n]));
  }
  requireNumberGreaterThan(n: number): this {
    return this._set('NUMBER_GREATER_THAN', this._num('requireNumberGreaterThan', [n]));
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', this._num('requireNumberGreaterThanOrEqualTo', [n]));
  }
  requireNumberLessThan(n: number): this {
    return this._set('NUMBER_LESS_THAN', this._num('requireNumberLessThan', [n]));
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', this._num('requireNumberLessThanOrEqualTo', [n]));
  }
  requireTextContains(text: string): this {
    return this._set('TEXT_CONTAINS', [String(text)]);
  }
  requireTextDoesNotContain(text: string): this {
    return this._set('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  requireTextEqualTo(text: string): this {
    return this._set('TEXT_EQUAL_TO', [String(text)]);
  }
  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: unknown, showDropdown: unknown = true): this {
    if (!Array.isArray(values) || typeof showDropdown !== 'boolean') {
      return this._host.rt.signatureError('SpreadsheetApp.DataValidationBuilder.requireValueInList', [
        values,
        showDropdown,
      ]);
    }
    if (values.length === 0) this._host.rt.fail('The list of values for the data validation rule is empty.');
    return this._set('VALUE_IN_LIST', [values.map((v) => String(v)), showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown: unknown = true): this {
    const r = raw(range) as { _ref?: () => RangeRef } | null;
    if (!r || typeof r !== 'object' || typeof r._ref !== 'function' || typeof showDropdown !== 'boolean') {
      return this._host.rt.signatureError('SpreadsheetApp.DataValidationBuilder.requireValueInRange', [
        range,
        showDropdown,
      ]);
    }
    return this._set('VALUE_IN_RANGE', [r._ref(), showDropdown]);
  }
}

/** The text Sheets compares against list items. */
function itemText(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return v.toISOString();
  return String(v);
}

/**
 * Whether a value typed by a user satisfies a rule. CUSTOM_FORMULA and relative dates cannot be
 * evaluated by the fake and always pass. An empty value always passes.
 */
export function satisfies(model: ValidationModel, value: CellValue): boolean {
  if (value === '') return true;
  const v = model.values;
  const num = (i: number) => v[i] as number;
  const time = (i: number) => (isDate(v[i]) ? (v[i] as Date).getTime() : Number.NaN);
  const n = typeof value === 'number' ? value : Number.NaN;
  const t = isDate(value) ? value.getTime() : Number.NaN;
  const text = typeof value === 'string' ? value : itemText(value);
  switch (model.criteria) {
    case 'VALUE_IN_LIST':
      return (v[0] as string[]).includes(itemText(value));
    case 'VALUE_IN_RANGE': {
      const ref = v[0] as RangeRef;
      const items: string[] = [];
      for (let r = ref.row; r <= ref.lastRow; r++) {
        for (let c = ref.col; c <= ref.lastCol; c++) {
          const cell = ref.sheet.cell(r, c);
          if (cell && cell.value !== '') items.push(itemText(cell.value));
        }
      }
      return items.includes(itemText(value));
    }
    case 'CHECKBOX':
      if (v.length === 0) return typeof value === 'boolean';
      return v.some((x) => itemText(x as CellValue) === itemText(value));
    case 'NUMBER_BETWEEN':
      return n >= num(0) && n <= num(1);
    case 'NUMBER_NOT_BETWEEN':
      return n < num(0) || n > num(1);
    case 'NUMBER_EQUAL_TO':
      return n === num(0);
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(n) && n !== num(0);
    case 'NUMBER_GREATER_THAN':
      return n > num(0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= num(0);
    case 'NUMBER_LESS_THAN':
      return n < num(0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= num(0);
    case 'DATE_IS_VALID_DATE':
      return isDate(value);
    case 'DATE_AFTER':
      return isDate(v[0]) ? t > time(0) : isDate(value);
    case 'DATE_BEFORE':
      return isDate(v[0]) ? t < time(0) : isDate(value);
    case 'DATE_ON_OR_AFTER':
      return isDate(v[0]) ? t >= time(0) : isDate(value);
    case 'DATE_ON_OR_BEFORE':
      return isDate(v[0]) ? t <= time(0) : isDate(value);
    case 'DATE_EQUAL_TO':
      return isDate(v[0]) ? t === time(0) : isDate(value);
    case 'DATE_BETWEEN':
      return t >= time(0) && t <= time(1);
    case 'DATE_NOT_BETWEEN':
      return isDate(value) && (t < time(0) || t > time(1));
    case 'TEXT_CONTAINS':
      return text.includes(String(v[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(v[0]));
    case 'TEXT_EQUAL_TO':
      return text === String(v[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'TEXT_IS_VALID_URL':
      return /^(https?:\/\/|ftp:\/\/|www\.)[^\s]+\.[^\s]+$/i.test(text);
    case 'CUSTOM_FORMULA':
      return true;
  }
  return true;
}

/** Plain description of a rule, for test assertions. */
export function describeValidation(model: ValidationModel, a1: (ref: Rect) => string) {
  return {
    criteria: model.criteria,
    values: model.values.map((x) =>
      x instanceof RangeRef ? a1(x) : Array.isArray(x) ? [...x] : isDate(x) ? new Date(x.getTime()) : x,
    ),
    allowInvalid: model.allowInvalid,
    helpText: model.helpText,
  };
}
