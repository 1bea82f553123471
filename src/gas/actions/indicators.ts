/**
 * « Calculer les indicateurs » and the Monday trigger: the weekly rollup of the core upserted into
 * Indicateurs with one read and one write, and an embedded chart of the last twelve months.
 * Service calls do not depend on the number of rows.
 */

import { columnLetter } from '../../core/a1';
import { toIsoDate, toText } from '../../core/cells';
import { offerCells, offerRows, offerTable, upsertRows, weeklyRollup } from '../../core/indicators';
import { headers, type TabName } from '../../core/model';
import { matchHeaders, validRecords } from '../../core/read-table';
import { readAll, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { territory, timeZone, today as todayOf } from '../env';
import { readTabs, validate } from './book';

export const CHART_TITLE = 'Réseau numérique : les 12 derniers mois';
/** Series of the chart, by column key. */
const CHART_SERIES = [
  'permanences_realisees',
  'personnes_recues',
  'accompagnements',
  'communes_couvertes',
] as const;

export interface RollupResult {
  periods: number;
  from: string | null;
  to: string | null;
  today: string;
  excluded: { permanences: number; lieux: number; relais: number };
  /** Rows written to the Offre tab (services × EPCI). */
  offre: number;
}

function monthsBack(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/** Runs the rollup and writes it (call under the lock). */
export function rollup(ss: Spreadsheet, now: Date = new Date()): RollupResult {
  const day = todayOf(now);
  const book = readTabs(ss, ['Permanences', 'Lieux', 'Relais']);
  const result = validate(book, now);
  const rows = weeklyRollup(result.tables, { today: day });
  const sheet = tabSheet(ss, 'Indicateurs');
  const merged = upsertRows(readAll(sheet), rows);
  writeCells(sheet, merged);
  updateChart(sheet, merged, day);
  // « Qui propose quoi, où »: the Offre tab is Maillage's alone, rewritten whole each time.
  const offre = offerRows(offerTable(validRecords(result.tables.Lieux), territory().communes), day);
  const offreSheet = tabSheet(ss, 'Offre');
  offreSheet.clearContents();
  writeCells(offreSheet, offerCells(offre));
  const excluded = {
    permanences: result.tables.Permanences.rows.filter((r) => !r.valid).length,
    lieux: result.tables.Lieux.rows.filter((r) => !r.valid).length,
    relais: result.tables.Relais.rows.filter((r) => !r.valid).length,
  };
  return {
    periods: rows.length,
    from: rows[0]?.periode ?? null,
    to: rows[rows.length - 1]?.periode ?? null,
    today: day,
    excluded,
    offre: offre.length,
  };
}

/** A tool-written tab, created at the end with its headers when missing. */
function tabSheet(ss: Spreadsheet, name: TabName): Sheet {
  const existing = ss.getSheetByName(name);
  if (existing) return existing;
  const sheet = ss.insertSheet(name, ss.getNumSheets());
  sheet.getRange(1, 1, 1, headers(name).length).setValues([headers(name)]);
  return sheet;
}

/** Writes rectangular cells from A1 in one call, growing the sheet first when it is too small. */
function writeCells(sheet: Sheet, cells: unknown[][]): void {
  const width = cells[0]!.length;
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (maxRows < cells.length) sheet.insertRowsAfter(maxRows, cells.length - maxRows);
  if (maxColumns < width) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  sheet.getRange(1, 1, cells.length, width).setValues(cells);
}

/** The chart of the last twelve months: created once, then its ranges follow the rows. */
function updateChart(sheet: Sheet, cells: unknown[][], day: string): void {
  const header = cells[0] ?? [];
  const { columnIndex } = matchHeaders('Indicateurs', header);
  const du = columnIndex.du;
  const periode = columnIndex.periode;
  if (du === undefined || periode === undefined) return;
  const cutoff = monthsBack(day, 12);
  let first = -1;
  let last = -1;
  for (let r = 1; r < cells.length; r++) {
    const start = toIsoDate(cells[r]![du], timeZone());
    if (!start || start < cutoff || start > day) continue;
    if (first < 0) first = r + 1;
    last = r + 1;
  }
  const charts = sheet.getCharts();
  const existing = charts.find((c) => toText(c.getOptions().get('title')) === CHART_TITLE);
  if (first < 0) return;
  const column = (c: number) => `${columnLetter(c + 1)}${first}:${columnLetter(c + 1)}${last}`;
  const series = CHART_SERIES.map((k) => columnIndex[k]).filter((c): c is number => c !== undefined);
  const labels = Object.fromEntries(series.map((c, i) => [String(i), { labelInLegend: toText(header[c]) }]));
  const builder = existing ? existing.modify().clearRanges() : sheet.newChart();
  builder.addRange(sheet.getRange(column(periode)));
  for (const c of series) builder.addRange(sheet.getRange(column(c)));
  const chart = builder
    .setChartType(Charts.ChartType.LINE)
    .setNumHeaders(0)
    .setOption('title', CHART_TITLE)
    .setOption('series', labels)
    .setOption('legend', { position: 'bottom' })
    .setPosition(2, header.length + 2, 0, 0)
    .build();
  if (existing) sheet.updateChart(chart);
  else sheet.insertChart(chart);
}
