/** Everything the quarterly report shows, computed from the workbook (pure: the outlines are handed in). */

import { earlierDay, type Period, shiftPeriod } from '../calendar/periods';
import { type CommuneRef, type CoverageResult, computeCoverage, type OfferPoint } from '../coverage/coverage';
import { busStops, fixedPlaces, isFixedPlace } from '../coverage/from-workbook';
import {
  activeLieux,
  type DirectoryBreakdown,
  directoryBreakdown,
  type IndicatorData,
  indicatorData,
  indicatorSeries,
  type PeriodIndicators,
} from '../indicators/compute';
import { type NetworkQuarter, networkQuarter } from '../indicators/network';
import { type OfferTable, offerTable } from '../indicators/offer';
import { RELAIS_TYPES } from '../model';
import type { WorkbookTables } from '../workbook';
import type { CommuneOutlines } from './map';

export interface NetworkLife {
  /** Directory on the reference day. */
  directory: DirectoryBreakdown;
  /** Active places that are the bus (itinerant only): not fixed places, not on the coverage map. */
  lieuxItinerants: number;
  /** Active places whose record was last updated in the quarter. */
  lieuxMisAJour: number;
  /** Active places that signed the charter in the quarter. */
  chartesSignees: { nom: string; commune: string }[];
  /** Relays whose agreement was signed in the quarter. */
  nouveauxRelais: { nom: string; type: string; commune: string }[];
  relaisActifs: number;
  relaisMobilises: number;
  relaisParType: { type: string; actifs: number }[];
  /** Meetings, trainings, members, charter, Pass Numérique and recent records in the quarter. */
  vie: NetworkQuarter;
}

export interface ReportInput {
  departement: { code: string; nom: string };
  quarter: Period;
  /** Reference day. */
  today: string;
  /** The report's quarter and the ones before it, oldest first. */
  quarters: PeriodIndicators[];
  /** Active places per quarter (aligned with `quarters`): the last weekly snapshot of the quarter, or today's. */
  lieuxActifsHistory: (number | null)[];
  coverage: CoverageResult;
  fixedPlaces: OfferPoint[];
  busStops: string[];
  outlines: CommuneOutlines | null;
  network: NetworkLife;
  /** Qui propose quoi, où: services × EPCI on the reference day. */
  offre: OfferTable;
  excluded: IndicatorData['excluded'];
  /** The bundled sample only: its permanence dates moved by `days` from its reference day. */
  sampleShift?: { reference: string; days: number } | undefined;
}

export interface ReportOptions {
  territory: { departement: { code: string; nom: string }; communes: readonly CommuneRef[] };
  quarter: Period;
  today: string;
  outlines: CommuneOutlines | null;
  /** Quarters shown in the trends, the report's included (default 5: a year back and the quarter). */
  history?: number;
  /** Additional stops to rank (default 8). */
  suggestions?: number;
  /** The bundled sample only: how its dates were shifted (the report says so). */
  sampleShift?: { reference: string; days: number } | undefined;
}

function communeName(
  communes: ReadonlyMap<string, CommuneRef>,
  code: string | null,
  fallback: string | null,
): string {
  return (code ? communes.get(code)?.nom : undefined) ?? fallback ?? '';
}

export function buildReportInput(
  tables: Pick<
    WorkbookTables,
    'Permanences' | 'Lieux' | 'Relais' | 'Indicateurs' | 'Rencontres' | 'Inscriptions' | 'Pass Numérique'
  >,
  options: ReportOptions,
): ReportInput {
  const { territory, quarter, today } = options;
  const data = indicatorData(tables);
  const count = Math.max(1, options.history ?? 5);
  const first = shiftPeriod(quarter, -(count - 1));
  const quarters = indicatorSeries(data, 'trimestre', { today, from: first.du, to: quarter.du });

  const snapshots = tables.Indicateurs.rows
    .map((r) => r.record)
    .filter((r) => r.au !== null && r.lieux_actifs !== null && /W/.test(r.periode ?? ''));
  const directory = directoryBreakdown(data, today, territory.communes);
  const lieuxActifsHistory = quarters.map((q) => {
    if (q.period.du <= today && today <= q.period.au) return directory.actifs;
    const inQuarter = snapshots.filter((s) => s.au! >= q.period.du && s.au! <= q.period.au);
    const last = inQuarter.sort((a, b) => (a.au! < b.au! ? -1 : 1)).at(-1);
    return last?.lieux_actifs ?? null;
  });

  const places = fixedPlaces(data, territory.communes);
  const stops = busStops(data, quarter, today);
  const coverage = computeCoverage(
    { communes: territory.communes, fixedPlaces: places, busStops: stops },
    { suggestions: options.suggestions ?? 8 },
  );

  const communes = new Map(territory.communes.map((c) => [c.code, c]));
  const lastDay = earlierDay(quarter.au, today);
  const inQuarter = (d: string | null) => d !== null && d >= quarter.du && d <= lastDay;
  const active = activeLieux(data);
  const current = quarters.at(-1)!;
  const activeRelais = data.relais.filter(
    (r) => r.actif === true && (r.convention_le === null || r.convention_le <= quarter.au),
  );
  const network: NetworkLife = {
    directory,
    lieuxItinerants: active.filter((l) => !isFixedPlace(l)).length,
    lieuxMisAJour: active.filter((l) => inQuarter(l.date_maj)).length,
    chartesSignees: active
      .filter((l) => inQuarter(l.charte_signee_le))
      .map((l) => ({ nom: l.nom ?? '', commune: communeName(communes, l.code_insee, l.commune) })),
    nouveauxRelais: data.relais
      .filter((r) => inQuarter(r.convention_le))
      .map((r) => ({
        nom: r.nom ?? '',
        type: r.type ?? '',
        commune: communeName(communes, r.code_insee, r.commune),
      })),
    relaisActifs: current.relais.actifs,
    relaisMobilises: current.relais.mobilises,
    relaisParType: RELAIS_TYPES.map((type) => ({
      type,
      actifs: activeRelais.filter((r) => r.type === type).length,
    })).filter((t) => t.actifs > 0),
    vie: networkQuarter(tables, quarter, today, (l) => communeName(communes, l.code_insee, l.commune)),
  };

  return {
    sampleShift: options.sampleShift,
    departement: territory.departement,
    quarter,
    today,
    quarters,
    lieuxActifsHistory,
    coverage,
    fixedPlaces: places,
    busStops: stops,
    outlines: options.outlines,
    network,
    offre: offerTable(data.lieux, territory.communes),
    excluded: data.excluded,
  };
}
