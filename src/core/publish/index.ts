/**
 * Everything `maillage publier` writes, built from a read workbook: pure (no I/O), so the same
 * workbook gives the same bytes wherever it was read from.
 */
import { DIAGNOSTIC_FILE, type DiagnosticOutcome, publishedDiagnostic } from '../diagnostic/content';
import { publicColumns, TABS } from '../model';
import type { Problem } from '../problems';
import { validRecords } from '../read-table';
import type { Territory } from '../territory';
import type { WorkbookResult } from '../workbook';
import { AGENDA_FILE, agendaFeed } from './agenda';
import { buildCatalogue, type Catalogue } from './catalogue';
import { MAP_LIST_FILE, stopCalendarFile } from './feed-types';
import { CALENDAR_FILE, FEED_FILE, type PlacesFeedWriter, placesFeed } from './geojson';
import { buildCalendars, buildRencontresCalendar, type PublicRencontre } from './ics';
import { buildReport, REPORT_FILE, type Report } from './report';
import { STANDARD_CSV_FILE, standardCsvChunks, standardRecords } from './standard-csv';

export {
  AGENDA_FILE,
  CALENDAR_FILE,
  DIAGNOSTIC_FILE,
  FEED_FILE,
  MAP_LIST_FILE,
  REPORT_FILE,
  STANDARD_CSV_FILE,
};

/** The network's public meetings and trainings. */
export const RENCONTRES_FILE = 'rencontres.ics';

/** The meetings marked « Publiée » and without error, reduced to the model's public columns. */
export function publicRencontres(workbook: WorkbookResult): PublicRencontre[] {
  const keys = publicColumns('Rencontres').map((c) => c.key);
  return validRecords(workbook.tables.Rencontres)
    .filter((r) => r.publique === true)
    .map((r) => Object.fromEntries(keys.map((k) => [k, r[k as keyof typeof r]])) as PublicRencontre);
}

/** The tabs whose rows are published (Relais is read to check the permanences' relays). */
const PUBLISHED_TABS = ['Lieux', 'Permanences', 'Relais'] as const;

/**
 * Problems that make a publication meaningless: a published tab missing, without headers, or without
 * one of its required columns (none of its rows could be read). Publishing then would empty the map.
 */
export function unreadableTabProblems(workbook: WorkbookResult): Problem[] {
  const out: Problem[] = [];
  for (const tab of PUBLISHED_TABS) {
    const table = workbook.tables[tab];
    const unread = TABS[tab].columns.some(
      (c) => c.required && !c.computed && table.columnIndex[c.key] === undefined,
    );
    if (unread) out.push(...table.problems.filter((p) => p.row === 1 && p.severity === 'erreur'));
  }
  return out;
}

export interface PublicationOptions {
  territory: Territory;
  /** The day taken as today (YYYY-MM-DD). */
  today: string;
  /** The run's instant. */
  now: Date;
  /** French label of the source, for the report. */
  source: string;
  /** Sheets API requests made to read the workbook. */
  requests: number;
  /** The previously published calendar: unchanged events keep their DTSTAMP and SEQUENCE. */
  previousCalendar?: string | null;
  /** The previously published `rencontres.ics`, likewise. */
  previousRencontres?: string | null;
  sampleShift?: { reference: string; days: number } | undefined;
}

export interface PublishedFile {
  name: string;
  /** The content, piece by piece: large files are never held whole in memory. */
  chunks: () => Iterable<string>;
}

/** A file's whole text (tests, small files). */
export function fileText(file: PublishedFile): string {
  let out = '';
  for (const chunk of file.chunks()) out += chunk;
  return out;
}

export interface Publication {
  catalogue: Catalogue;
  feed: PlacesFeedWriter;
  report: Report;
  diagnostic: DiagnosticOutcome;
  /** In the order they should be swapped into place: the map's feed last. */
  files: PublishedFile[];
}

export function buildPublication(workbook: WorkbookResult, options: PublicationOptions): Publication {
  const { territory, today } = options;
  const generatedAt = options.now.toISOString();
  const catalogue = buildCatalogue(workbook, { territory, today });
  const feed = placesFeed(catalogue, { territory, today, generatedAt });
  const calendars = buildCalendars(catalogue, {
    now: options.now,
    previous: options.previousCalendar ?? null,
    today,
  });
  const meetings = publicRencontres(workbook);
  const network = `Rencontres du réseau d’inclusion numérique — ${territory.departement.nom}`;
  const rencontres = buildRencontresCalendar(meetings, network, {
    now: options.now,
    previous: options.previousRencontres ?? null,
  });
  // The agenda page's data: the same public rows as rencontres.ics.
  const agenda = `${JSON.stringify(agendaFeed(meetings, { reseau: network, generatedAt, calendrier: RENCONTRES_FILE }), null, 1)}\n`;
  const diagnostic = publishedDiagnostic(workbook.tables.Diagnostic, { territory, today });
  const diagnosticJson = diagnostic.content ? `${JSON.stringify(diagnostic.content, null, 1)}\n` : null;
  const names = [
    STANDARD_CSV_FILE,
    CALENDAR_FILE,
    RENCONTRES_FILE,
    AGENDA_FILE,
    REPORT_FILE,
    ...(diagnosticJson ? [DIAGNOSTIC_FILE] : []),
    MAP_LIST_FILE,
    FEED_FILE,
  ];
  const report = buildReport({
    workbook,
    catalogue,
    generatedAt,
    today,
    source: options.source,
    departement: { code: territory.departement.code, nom: territory.departement.nom },
    requests: options.requests,
    mapped: feed.ids.length,
    standardRows: standardRecords(catalogue).length,
    files: names,
    diagnostic,
    sampleShift: options.sampleShift,
  });
  return {
    catalogue,
    feed,
    report,
    diagnostic,
    files: [
      { name: STANDARD_CSV_FILE, chunks: () => standardCsvChunks(catalogue) },
      { name: CALENDAR_FILE, chunks: () => [calendars.whole] },
      // One calendar per stop (its upcoming passages), for the map's « add to my calendar » link.
      ...calendars.stops.map((stop) => ({ name: stopCalendarFile(stop.stopId), chunks: () => [stop.text] })),
      { name: RENCONTRES_FILE, chunks: () => [rencontres] },
      { name: AGENDA_FILE, chunks: () => [agenda] },
      { name: REPORT_FILE, chunks: () => [`${JSON.stringify(report, null, 2)}\n`] },
      ...(diagnosticJson ? [{ name: DIAGNOSTIC_FILE, chunks: () => [diagnosticJson] }] : []),
      // What the map reads first (its list and markers), then the whole feed (swapped last).
      { name: MAP_LIST_FILE, chunks: () => feed.listChunks() },
      { name: FEED_FILE, chunks: () => feed.chunks() },
    ],
  };
}
