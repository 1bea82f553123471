/** Conditional formatting: ConditionalFormatRuleBuilder, ConditionalFormatRule, BooleanCondition. */
import { normalizeColor } from './colors';
import { raw } from './counting';
import { BooleanCriteria, type BooleanCriteriaName, enumName } from './enums';
import type { ConditionalRuleModel, ConditionModel, RangeRef, RuleFormat } from './model';
import type { Host, Rect } from './spreadsheet';
import { isDate } from './time';

export class BooleanConditionImpl {
  constructor(
    readonly _condition: ConditionModel,
    readonly _format: RuleFormat,
  ) {}
  getCriteriaType() {
    return BooleanCriteria[this._condition.criteria];
  }
  getCriteriaValues(): unknown[] {
    return this._condition.values.map((v) => (isDate(v) ? new Date(v.getTime()) : v));
  }
  getBackground(): string | null {
    return this._format.background ?? null;
  }
  getFontColor(): string | null {
    return this._format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this._format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this._format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this._format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this._format.underline ?? null;
  }
}

export class ConditionalFormatRuleImpl {
  constructor(
    readonly _host: Host,
    readonly _model: ConditionalRuleModel,
  ) {}
  getBooleanCondition(): BooleanConditionImpl | null {
    const c = this._model.condition;
    return c ? this._host.rt.wrap('BooleanCondition', new BooleanConditionImpl(c, this._model.format)) : null;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges() {
    return this._model.ranges.filter((r) => !r.dead).map((r) => this._host.rangeOf(r));
  }
  copy(): ConditionalFormatRuleBuilderImpl {
    const b = new ConditionalFormatRuleBuilderImpl(this._host);
    b._condition = this._model.condition;
    b._format = { ...this._model.format };
    b._ranges = [...this._model.ranges];
    return this._host.rt.wrap('ConditionalFormatRuleBuilder', b);
  }
}

export class ConditionalFormatRuleBuilderImpl {
  _condition: ConditionModel | null = null;
  _format: RuleFormat = {};
  _ranges: RangeRef[] = [];

  constructor(readonly _host: Host) {}

  private _when(criteria: BooleanCriteriaName, values: unknown[]): this {
    this._condition = { criteria, values };
    return this;
  }
  private _num(method: string, args: unknown[]): number[] {
    if (!args.every((a) => typeof a === 'number')) {
      this._host.rt.signatureError(`SpreadsheetApp.ConditionalFormatRuleBuilder.${method}`, args);
    }
    return args as number[];
  }
  private _str(method: string, arg: unknown): string[] {
    if (typeof arg !== 'string')
      return this._host.rt.signatureError(`SpreadsheetApp.ConditionalFormatRuleBuilder.${method}`, [arg]);
    return [arg];
  }

  build(): ConditionalFormatRuleImpl {
    return this._host.rt.wrap(
      'ConditionalFormatRule',
      new ConditionalFormatRuleImpl(this._host, {
        condition: this._condition,
        format: { ...this._format },
        ranges: [...this._ranges],
      }),
    );
  }
  copy(): ConditionalFormatRuleBuilderImpl {
    const b = new ConditionalFormatRuleBuilderImpl(this._host);
    b._condition = this._condition;
    b._format = { ...this._format };
    b._ranges = [...this._ranges];
    return this._host.rt.wrap('ConditionalFormatRuleBuilder', b);
  }
  getBooleanCondition(): BooleanConditionImpl | null {
    return this._condition
      ? this._host.rt.wrap('BooleanCondition', new BooleanConditionImpl(this._condition, this._format))
      : null;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges() {
    return this._ranges.map((r) => this._host.rangeOf(r));
  }
  setRanges(ranges: unknown): this {
    if (!Array.isArray(ranges))
      return this._host.rt.signatureError('SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges', [ranges]);
    this._ranges = ranges.map((r) => {
      const x = raw(r) as { _ref?: () => RangeRef } | null;
      if (!x || typeof x._ref !== 'function') {
        return this._host.rt.signatureError('SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges', [
          ranges,
        ]);
      }
      return x._ref();
    });
    return this;
  }
  setBackground(color: string | null): this {
    this._format.background = color === null ? undefined : normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null): this {
    this._format.fontColor = color === null ? undefined : normalizeColor(color);
    return this;
  }
  setBold(bold: boolean | null): this {
    this._format.bold = bold ?? undefined;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this._format.italic = italic ?? undefined;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null): this {
    this._format.strikethrough = strikethrough ?? undefined;
    return this;
  }
  setUnderline(underline: boolean | null): this {
    this._format.underline = underline ?? undefined;
    return this;
  }
  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenFormulaSatisfied(formula: string): this {
    return this._when('CUSTOM_FORMULA', this._str('whenFormulaSatisfied', formula));
  }
  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', this._str('whenTextEqualTo', text));
  }
  whenTextNotEqualTo(text: string): this {
    return this._when('TEXT_NOT_EQUAL_TO', this._str('whenTextNotEqualTo', text));
  }
  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', this._str('whenTextContains', text));
  }
  whenTextDoesNotContain(text: string): this {
    return this._when('TEXT_DOES_NOT_CONTAIN', this._str('whenTextDoesNotContain', text));
  }
  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', this._str('whenTextStartsWith', text));
  }
  whenTextEndsWith(text: string): this {
    return this._when('TEXT_ENDS_WITH', this._str('whenTextEndsWith', text));
  }
  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', this._num('whenNumberBetween', [start, end]));
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this._when('NUMBER_NOT_BETWEEN', this._num('whenNumberNotBetween', [start, end]));
  }
  whenNumberEqualTo(n: number): this {
    return this._when('NUMBER_EQUAL_TO', this._num('whenNumberEqualTo', [n]));
  }
  whenNumberNotEqualTo(n: number): this {
    return this._when('NUMBER_NOT_EQUAL_TO', this._num('whenNumberNotEqualTo', [n]));
  }
  whenNumberGreaterThan(n: number): this {
    return this._when('NUMBER_GREATER_THAN', this._num('whenNumberGreaterThan', [n]));
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', this._num('whenNumberGreaterThanOrEqualTo', [n]));
  }
  whenNumberLessThan(n: number): this {
    return this._when('NUMBER_LESS_THAN', this._num('whenNumberLessThan', [n]));
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', this._num('whenNumberLessThanOrEqualTo', [n]));
  }
  whenDateAfter(date: unknown): this {
    return this._when(isDate(date) ? 'DATE_AFTER' : 'DATE_AFTER_RELATIVE', [date]);
  }
  whenDateBefore(date: unknown): this {
    return this._when(isDate(date) ? 'DATE_BEFORE' : 'DATE_BEFORE_RELATIVE', [date]);
  }
  whenDateEqualTo(date: unknown): this {
    return this._when(isDate(date) ? 'DATE_EQUAL_TO' : 'DATE_EQUAL_TO_RELATIVE', [date]);
  }
  withCriteria(criteria: unknown, args: unknown[]): this {
    const name = enumName(criteria);
    if (!name || !(name in BooleanCriteria) || !Array.isArray(args)) {
      this._host.rt.signatureError('SpreadsheetApp.ConditionalFormatRuleBuilder.withCriteria', [
        criteria,
        args,
      ]);
    }
    return this._when(name as BooleanCriteriaName, [...args]);
  }
}

/** Plain description of a rule, for test assertions. */
export function describeRule(model: ConditionalRuleModel, a1: (ref: Rect) => string) {
  return {
    ranges: model.ranges.filter((r) => !r.dead).map(a1),
    criteria: model.condition?.criteria ?? null,
    values: model.condition ? model.condition.values.map((v) => enumName(v) ?? v) : [],
    format: { ...model.format },
  };
}
