/** Embedded charts: EmbeddedChartBuilder (all as*Chart() variants share it), EmbeddedChart, ChartOptions. */
import { deepCopy } from './copy';
import { raw } from './counting';
import { ChartHiddenDimensionStrategy, ChartMergeStrategy, ChartType, enumName } from './enums';
import type { ChartModel, RangeRef, SheetModel } from './model';
import type { Host, Rect } from './spreadsheet';

export function emptyChart(): ChartModel {
  return {
    id: null,
    type: 'COLUMN',
    ranges: [],
    options: {},
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    hiddenDimensionStrategy: 'IGNORE_ROWS',
    mergeStrategy: 'MERGE_COLUMNS',
    numHeaders: -1,
    transposeRowsAndColumns: false,
  };
}

export function cloneChart(m: ChartModel): ChartModel {
  return { ...m, ranges: [...m.ranges], options: deepCopy(m.options), position: { ...m.position } };
}

export class ChartOptionsImpl {
  constructor(readonly _options: Record<string, unknown>) {}
  get(option: string): unknown {
    return this._options[option] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this._options[option] ?? null;
  }
}

export class ContainerInfoImpl {
  constructor(readonly _position: ChartModel['position']) {}
  getAnchorRow(): number {
    return this._position.anchorRow;
  }
  getAnchorColumn(): number {
    return this._position.anchorColumn;
  }
  getOffsetX(): number {
    return this._position.offsetX;
  }
  getOffsetY(): number {
    return this._position.offsetY;
  }
}

export class EmbeddedChartImpl {
  constructor(
    readonly _host: Host,
    readonly _sheet: SheetModel,
    readonly _model: ChartModel,
  ) {}
  getChartId(): number | null {
    return this._model.id;
  }
  getId(): string | null {
    return this._model.id === null ? null : `u${this._model.id}`;
  }
  getRanges() {
    return this._model.ranges.filter((r) => !r.dead).map((r) => this._host.rangeOf(r));
  }
  getOptions(): ChartOptionsImpl {
    return this._host.rt.wrap('ChartOptions', new ChartOptionsImpl(deepCopy(this._model.options)));
  }
  getContainerInfo(): ContainerInfoImpl {
    return this._host.rt.wrap('ContainerInfo', new ContainerInfoImpl({ ...this._model.position }));
  }
  getHiddenDimensionStrategy() {
    return ChartHiddenDimensionStrategy[
      this._model.hiddenDimensionStrategy as keyof typeof ChartHiddenDimensionStrategy
    ];
  }
  getMergeStrategy() {
    return ChartMergeStrategy[this._model.mergeStrategy as keyof typeof ChartMergeStrategy];
  }
  getNumHeaders(): number {
    return this._model.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._model.transposeRowsAndColumns;
  }
  modify(): EmbeddedChartBuilderImpl {
    return this._host.rt.wrap(
      'EmbeddedChartBuilder',
      new EmbeddedChartBuilderImpl(this._host, this._sheet, cloneChart(this._model)),
    );
  }
}

const LEGEND = (p: unknown) => (enumName(p) ?? String(p)).toLowerCase();

export class EmbeddedChartBuilderImpl {
  constructor(
    readonly _host: Host,
    readonly _sheet: SheetModel,
    readonly _model: ChartModel = emptyChart(),
  ) {}

  private _range(method: string, range: unknown): RangeRef {
    const r = raw(range) as { _ref?: () => RangeRef } | null;
    if (!r || typeof r._ref !== 'function')
      return this._host.rt.signatureError(`Charts.EmbeddedChartBuilder.${method}`, [range]);
    return r._ref();
  }
  private _as(type: keyof typeof ChartType): this {
    this._model.type = type;
    return this;
  }

  build(): EmbeddedChartImpl {
    return this._host.rt.wrap(
      'EmbeddedChart',
      new EmbeddedChartImpl(this._host, this._sheet, cloneChart(this._model)),
    );
  }
  addRange(range: unknown): this {
    this._model.ranges.push(this._range('addRange', range));
    return this;
  }
  removeRange(range: unknown): this {
    const ref = this._range('removeRange', range);
    this._model.ranges = this._model.ranges.filter(
      (r) =>
        !(
          r.sheet === ref.sheet &&
          r.row === ref.row &&
          r.col === ref.col &&
          r.numRows === ref.numRows &&
          r.numCols === ref.numCols
        ),
    );
    return this;
  }
  clearRanges(): this {
    this._model.ranges = [];
    return this;
  }
  getRanges() {
    return this._model.ranges.map((r) => this._host.rangeOf(r));
  }
  getChartType() {
    return ChartType[this._model.type as keyof typeof ChartType];
  }
  setChartType(type: unknown): this {
    const name = enumName(type);
    if (!name || !(name in ChartType))
      return this._host.rt.signatureError('Charts.EmbeddedChartBuilder.setChartType', [type]);
    this._model.type = name;
    return this;
  }
  setOption(option: string, value: unknown): this {
    this._model.options[String(option)] = deepCopy(value);
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every((a) => typeof a === 'number'))
      return this._host.rt.signatureError('Charts.EmbeddedChartBuilder.setPosition', args);
    this._model.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  setHiddenDimensionStrategy(strategy: unknown): this {
    this._model.hiddenDimensionStrategy = enumName(strategy) ?? 'IGNORE_ROWS';
    return this;
  }
  setMergeStrategy(strategy: unknown): this {
    this._model.mergeStrategy = enumName(strategy) ?? 'MERGE_COLUMNS';
    return this;
  }
  setNumHeaders(headers: number): this {
    this._model.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this._model.transposeRowsAndColumns = Boolean(transpose);
    return this;
  }
  asAreaChart(): this {
    return this._as('AREA');
  }
  asBarChart(): this {
    return this._as('BAR');
  }
  asColumnChart(): this {
    return this._as('COLUMN');
  }
  asComboChart(): this {
    return this._as('COMBO');
  }
  asHistogramChart(): this {
    return this._as('HISTOGRAM');
  }
  asLineChart(): this {
    return this._as('LINE');
  }
  asPieChart(): this {
    return this._as('PIE');
  }
  asScatterChart(): this {
    return this._as('SCATTER');
  }
  asTableChart(): this {
    return this._as('TABLE');
  }
  // Typed-builder setters (EmbeddedColumnChartBuilder...) all write chart options.
  setTitle(title: string): this {
    return this.setOption('title', title);
  }
  setXAxisTitle(title: string): this {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): this {
    return this.setOption('vAxis.title', title);
  }
  setLegendPosition(position: unknown): this {
    return this.setOption('legend.position', LEGEND(position));
  }
  setStacked(): this {
    return this.setOption('isStacked', true);
  }
  setColors(colors: string[]): this {
    return this.setOption('colors', colors);
  }
  set3D(): this {
    return this.setOption('is3D', true);
  }
  setDimensions(width: number, height: number): this {
    this.setOption('width', width);
    return this.setOption('height', height);
  }
}

export function describeChart(m: ChartModel, a1: (ref: Rect) => string) {
  return {
    id: m.id,
    type: m.type,
    ranges: m.ranges.filter((r) => !r.dead).map(a1),
    options: deepCopy(m.options),
    position: { ...m.position },
  };
}
