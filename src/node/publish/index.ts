/**
 * `maillage publier` without the command line: read the workbook, build every output, check the
 * circuit breaker against the previous feed, then swap the files into the output folder atomically
 * (with the built map under `carte/` when there is one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Problem } from '../../core/problems';
import {
  type BreakerVerdict,
  checkDrop,
  emptyRefusalMessage,
  isEmptyPublication,
} from '../../core/publish/circuit-breaker';
import { STOP_CALENDAR_FOLDER } from '../../core/publish/feed-types';
import { firstPagePlaces, mappedPlaces } from '../../core/publish/geojson';
import { isMaillageCalendar } from '../../core/publish/ics';
import {
  buildPublication,
  CALENDAR_FILE,
  FEED_FILE,
  type Publication,
  RENCONTRES_FILE,
  unreadableTabProblems,
} from '../../core/publish/index';
import { MAP_COMMUNES_FILE, mapCommunes } from '../../core/publish/map-communes';
import { withFirstPage } from '../../core/publish/map-first-page';
import { type LoadedWorkbook, loadWorkbook, SAMPLE_FOLDER, type WorkbookInput } from '../workbook-input';
import { type AtomicHooks, filesUnder, type OutputFile, publishAtomically } from './atomic';
import { previousFeedAside, previousFeedEntries } from './previous-feed';

export { previousFeedEntries };

/**
 * The built pages (scripts/build.ts writes dist/web/<page>/): each folder is copied to
 * `<sortie>/<page>/` (the map in carte/, the diagnostic in diagnostic/).
 */
export const BUILT_PAGES_FOLDER = resolve(SAMPLE_FOLDER, '..', '..', 'dist', 'web');
export const MAP_SUBFOLDER = 'carte';

export interface PublishOptions {
  input: WorkbookInput;
  outDir: string;
  force: boolean;
  now: Date;
  /** Folder of the built pages, one folder each; null for none (default: dist/web, when built). */
  pagesFolder?: string | null;
  hooks?: AtomicHooks;
  progress?: (line: string) => void;
}

export type PublishOutcome =
  | {
      kind: 'published';
      workbook: LoadedWorkbook;
      publication: Publication;
      verdict: BreakerVerdict;
      /** Page folder -> files copied (the map's communes.json included). */
      pages: Record<string, number>;
      /** Files of a previous publication removed because this one no longer writes them. */
      removed: string[];
    }
  | { kind: 'unreadable'; workbook: LoadedWorkbook; problems: Problem[] }
  | { kind: 'refused'; workbook: LoadedWorkbook; publication: Publication; verdict: BreakerVerdict }
  /** No place would be published: `message` says how many rows were read, rejected, and why. */
  | { kind: 'empty'; workbook: LoadedWorkbook; publication: Publication; message: string };

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function publish(options: PublishOptions): Promise<PublishOutcome> {
  const { input, outDir } = options;
  const progress = options.progress ?? (() => undefined);
  progress(`Lecture du ${input.source.label}…`);
  // Yesterday's feed is scanned (for the circuit breaker) while the workbook is read.
  const previousFeedScan = previousFeedAside(join(outDir, FEED_FILE));
  previousFeedScan.catch(() => undefined);
  const workbook = await loadWorkbook(input);
  const unreadable = unreadableTabProblems(workbook);
  if (unreadable.length > 0) return { kind: 'unreadable', workbook, problems: unreadable };

  progress('Construction des fichiers…');
  const [previousFeed, previousCalendar, previousRencontres] = await Promise.all([
    previousFeedScan,
    readIfExists(join(outDir, CALENDAR_FILE)),
    readIfExists(join(outDir, RENCONTRES_FILE)),
  ]);
  const publication = buildPublication(workbook, {
    territory: input.territory,
    today: input.today,
    now: options.now,
    source: input.source.label,
    requests: workbook.requests,
    previousCalendar,
    previousRencontres,
    sampleShift: workbook.sampleShift,
  });
  if (isEmptyPublication(publication.catalogue) && !options.force) {
    const message = emptyRefusalMessage(
      publication.catalogue,
      workbook.problems,
      workbook.tables.Lieux.rows.length,
    );
    return { kind: 'empty', workbook, publication, message };
  }
  const verdict = checkDrop(
    previousFeed,
    mappedPlaces(publication.catalogue).map((p) => ({
      id: p.record.id ?? '',
      arret: p.categorie === 'arret',
    })),
  );
  if (verdict.tripped && !options.force) return { kind: 'refused', workbook, publication, verdict };

  const pagesFolder = options.pagesFolder === undefined ? BUILT_PAGES_FOLDER : options.pagesFolder;
  const pageFiles: OutputFile[] = [];
  for (const page of pagesFolder ? pageFolders(pagesFolder) : []) {
    pageFiles.push(...filesUnder(join(pagesFolder!, page), page));
  }
  const mapIndex = pageFiles.find((f) => f.name === `${MAP_SUBFOLDER}/index.html`);
  if (mapIndex && typeof mapIndex.content === 'object' && 'copyOf' in mapIndex.content) {
    // The map's first page of results, in the page itself: on screen before its script and feed.
    const template = readFileSync(mapIndex.content.copyOf, 'utf8');
    mapIndex.content = withFirstPage(template, firstPagePlaces(publication.catalogue));
  }
  if (pageFiles.some((f) => f.name.startsWith(`${MAP_SUBFOLDER}/`))) {
    // The map's commune search reads carte/communes.json (the département's communes only).
    pageFiles.push({
      name: `${MAP_SUBFOLDER}/${MAP_COMMUNES_FILE}`,
      content: `${JSON.stringify(mapCommunes(input.territory))}\n`,
    });
  }
  const pages: Record<string, number> = {};
  for (const f of pageFiles) {
    const page = f.name.split('/')[0]!;
    pages[page] = (pages[page] ?? 0) + 1;
  }
  const files: OutputFile[] = [
    ...pageFiles,
    ...publication.files.map((f) => ({ name: f.name, content: f.chunks })),
  ];
  progress(`Écriture de ${files.length} fichiers dans ${outDir}…`);
  const { removed } = await publishAtomically(outDir, files, {
    ...options.hooks,
    // A stop that left the bus: its calendar goes too (only calendars we wrote, in permanences/).
    owned: [
      {
        folder: STOP_CALENDAR_FOLDER,
        isOurs: (name, head) => name.endsWith('.ics') && isMaillageCalendar(head),
      },
    ],
  });
  return {
    kind: 'published',
    workbook,
    publication,
    verdict,
    pages,
    removed,
  };
}

/** The page folders of a build (none when it was not built). */
function pageFolders(dir: string): string[] {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
