/**
 * The weekly rollup written to the `Indicateurs` tab, and the merge that lets Apps Script (or the
 * Sheets API) do one read and one write: `upsertRows(read cells, weeklyRollup(...))`.
 */

import type { PeriodKind } from '../calendar/periods';
import { isBlank, toText } from '../cells';
import { headers, type IndicateurRow, TABS } from '../model';
import { matchHeaders } from '../read-table';
import type { WorkbookTables } from '../workbook';
import { indicatorData, indicatorSeries, type PeriodIndicators } from './compute';

/** One `Indicateurs` row from the indicators of one period. */
export function indicatorRow(ind: PeriodIndicators): IndicateurRow {
  const taux = ind.satisfaction.taux;
  return {
    periode: ind.period.key,
    du: ind.period.du,
    au: ind.period.au,
    communes_couvertes: ind.communes.total,
    communes_assistance: ind.communes.parOffre.Assistance,
    communes_formation: ind.communes.parOffre.Formation,
    communes_acces_libre: ind.communes.parOffre['Accès libre'],
    permanences_realisees: ind.permanences.realisees,
    permanences_prevues: ind.permanences.prevues,
    permanences_annulees: ind.permanences.annulees,
    personnes_recues: ind.personnesRecues,
    accompagnements: ind.accompagnements.total,
    accompagnements_individuels: ind.accompagnements.individuels,
    participants_ateliers: ind.accompagnements.participantsAteliers,
    reponses_satisfaction: ind.satisfaction.reponses,
    satisfaits: ind.satisfaction.satisfaits,
    taux_satisfaction: taux === null ? null : Math.round(taux * 10_000) / 10_000,
    relais_actifs: ind.relais.actifs,
    relais_mobilises: ind.relais.mobilises,
    lieux_actifs: ind.lieux?.actifs ?? null,
    lieux_anciens: ind.lieux?.anciens ?? null,
    donnees_au: ind.donneesAu,
  };
}

export interface RollupOptions {
  /** Reference day, `YYYY-MM-DD` in the workbook's zone (see calendar/wall-clock dayIn). */
  today: string;
  /** First day to roll up (default: the first permanence's date). */
  from?: string;
  /** Semaine (the tab), mois or trimestre. */
  kind?: PeriodKind;
}

/**
 * One row per ISO week from the first permanence's week to the current week, empty weeks included.
 * A pure function of the workbook and `today`: run twice, it gives the same rows; edit a permanence
 * of a past week and that week's row changes on the next run.
 */
export function weeklyRollup(
  tables: Pick<WorkbookTables, 'Permanences' | 'Lieux' | 'Relais'>,
  options: RollupOptions,
): IndicateurRow[] {
  const data = indicatorData(tables);
  const series = indicatorSeries(data, options.kind ?? 'semaine', {
    today: options.today,
    ...(options.from === undefined ? {} : { from: options.from }),
  });
  return series.map(indicatorRow);
}

/** Directory snapshots: kept from the sheet when a new row has none (they cannot be recomputed later). */
const SNAPSHOT_KEYS: readonly (keyof IndicateurRow)[] = ['lieux_actifs', 'lieux_anciens'];

function cellValue(value: string | number | null): string | number {
  return value === null ? '' : value;
}

/** The key of a Période cell as written by Maillage (tolerates numbers Sheets may have made of it). */
function periodKey(cell: unknown): string {
  return toText(cell).toUpperCase();
}

/**
 * Merges rows into the cells of the `Indicateurs` tab (header row first, as read in one call).
 * Rows whose Période matches a new row are rewritten in place; other rows, and columns Maillage does
 * not know, are left untouched; new periods are appended in order. Missing model columns are added at
 * the right. The result is rectangular, ready for one write of the whole range.
 */
export function upsertRows(
  existingCells: readonly (readonly unknown[])[],
  newRows: readonly IndicateurRow[],
): unknown[][] {
  const columns = TABS.Indicateurs.columns;
  const hasHeader = existingCells.length > 0 && !(existingCells[0] ?? []).every(isBlank);
  const header: unknown[] = hasHeader ? [...existingCells[0]!] : headers('Indicateurs');
  const { columnIndex } = matchHeaders('Indicateurs', header);
  for (const col of columns) {
    if (columnIndex[col.key] === undefined) {
      columnIndex[col.key] = header.length;
      header.push(col.header);
    }
  }
  const width = header.length;
  const body = (hasHeader ? existingCells.slice(1) : []).map((row) => {
    const copy = [...row];
    while (copy.length < width) copy.push('');
    return copy;
  });
  const periodCol = columnIndex.periode!;
  const rowOf = new Map<string, number>();
  body.forEach((row, i) => {
    const key = periodKey(row[periodCol]);
    if (key && !rowOf.has(key)) rowOf.set(key, i);
  });
  for (const record of newRows) {
    const key = periodKey(record.periode);
    let i = rowOf.get(key);
    const existing = i === undefined ? null : body[i]!;
    const row = existing ?? new Array<unknown>(width).fill('');
    for (const col of columns) {
      const c = columnIndex[col.key]!;
      const value = record[col.key as keyof IndicateurRow];
      if (
        value === null &&
        existing &&
        SNAPSHOT_KEYS.includes(col.key as keyof IndicateurRow) &&
        !isBlank(existing[c])
      ) {
        continue;
      }
      row[c] = cellValue(value);
    }
    if (i === undefined) {
      i = body.length;
      body.push(row);
      rowOf.set(key, i);
    }
  }
  return [header, ...body];
}
