// A workbook kept as a folder of CSV files, one per tab (`Lieux.csv`, `Permanences.csv`, ...): the
// template and the sample workbook in sheets-templates/, or tabs downloaded one by one from Google Sheets
// (File > Download > CSV), or saved by Excel or LibreOffice: UTF-8 with or without BOM, or Windows-1252
// (French Excel's « CSV (séparateur : point-virgule) »); `,` or `;` between cells (detected from the
// header line; decimal commas are read by the core). Every value stays a string; an empty cell is ''.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { asUtf8, CsvSyntaxError, csvRows, detectSeparator } from './csv.js';
import { CSV_WORKER_URL, csvWorkerAvailable, NotUtf8Error, workerRows } from './csv-worker.js';
import { findName, uniqueTabs } from './names.js';
import { type RawWorkbook, SourceError, type WorkbookSource } from './types.js';

const REEXPORT =
  'ré-exportez-le depuis Google Sheets (Fichier > Télécharger > Valeurs séparées par des virgules (.csv))';

function csvProblem(err: CsvSyntaxError): string {
  return err.code === 'UNCLOSED_QUOTE'
    ? "un guillemet ouvert n'est jamais refermé"
    : `un guillemet est mal placé (dans une cellule, un guillemet s'écrit "")`;
}

function notUtf8(file: string): SourceError {
  return new SourceError(
    `Le fichier ${file} n'est ni en UTF-8 ni en Windows-1252 (peut-être « Texte Unicode » ou un fichier ` +
      'qui n’est pas un CSV) : dans Excel, Fichier > Enregistrer sous > Type « CSV UTF-8 (délimité par des ' +
      'virgules) (*.csv) » ; dans LibreOffice, Enregistrer sous > « Texte CSV », jeu de caractères « Unicode ' +
      `(UTF-8) » ; ou ${REEXPORT}.`,
  );
}

/** From this size on, a tab is parsed by a worker thread (below, starting one costs more). */
export const WORKER_MIN_BYTES = 4 << 20;

/**
 * The rows of one tab's CSV file, parsed as they are read (readTable reads them one at a time, so a
 * large tab's cells are never all in memory): `parse` starts a pass over the file (in this thread
 * or a worker's). A malformed file throws a SourceError naming the file and line when the reader
 * reaches it: readWorkbook stops there and nothing is published.
 */
function csvTab(parse: () => Iterator<string[]>, file: string): Iterable<string[]> {
  return {
    [Symbol.iterator](): Iterator<string[]> {
      const rows = parse();
      // A plain iterator around the parser's (a generator here would cost a resume per row).
      return {
        next() {
          let step: IteratorResult<string[]>;
          try {
            step = rows.next();
          } catch (cause) {
            if (cause instanceof CsvSyntaxError) {
              throw new SourceError(
                `Le fichier ${file}, ligne ${cause.line} est illisible : ${csvProblem(cause)}. Corrigez-le ou ${REEXPORT}.`,
                { cause },
              );
            }
            if (cause instanceof NotUtf8Error) throw notUtf8(file);
            if (cause instanceof Error && !(cause instanceof SourceError)) {
              throw new SourceError(`Le fichier ${file} ne peut pas être lu (${cause.message}).`, { cause });
            }
            throw cause;
          }
          return step;
        },
        return(): IteratorResult<string[]> {
          return rows.return?.() ?? { done: true, value: undefined };
        },
      };
    },
  };
}

export interface CsvFolderOptions {
  /** The built worker that parses large tabs (default: next to the command line, when built). */
  workerUrl?: URL;
  /** Tabs from this size on go to the worker (default WORKER_MIN_BYTES). */
  workerMinBytes?: number;
}

export function csvFolderSource(dir: string, options: CsvFolderOptions = {}): WorkbookSource {
  const workerUrl = options.workerUrl ?? CSV_WORKER_URL;
  const workerMinBytes = options.workerMinBytes ?? WORKER_MIN_BYTES;
  return {
    label: `dossier ${dir}`,
    async read(tabs) {
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(dir);
      } catch (cause) {
        throw new SourceError(
          `Le dossier ${dir} est introuvable : indiquez le dossier qui contient un fichier CSV par onglet (${tabs
            .map((t) => `${t}.csv`)
            .join(', ')}).`,
          { cause },
        );
      }
      if (!info.isDirectory()) {
        throw new SourceError(
          `${dir} n'est pas un dossier : indiquez le dossier qui contient un fichier CSV par onglet (par exemple Lieux.csv).`,
        );
      }
      const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.csv'));
      const workbook: RawWorkbook = {};
      for (const tab of uniqueTabs(tabs)) {
        const file = findName(`${tab}.csv`, files);
        if (file === undefined) continue;
        const path = join(dir, file);
        let bytes: Buffer;
        try {
          if ((await stat(path)).size >= workerMinBytes && csvWorkerAvailable(workerUrl)) {
            // Started now, so the first rows are parsed by the time readTable asks for them.
            let started: Iterator<string[]> | undefined = workerRows(path, workerUrl);
            workbook[tab] = csvTab(() => {
              const rows = started ?? workerRows(path, workerUrl);
              started = undefined;
              return rows;
            }, path);
            continue;
          }
          bytes = await readFile(path);
        } catch (cause) {
          throw new SourceError(
            `Le fichier ${path} ne peut pas être lu (${(cause as Error).message}) : vérifiez ses droits.`,
            {
              cause,
            },
          );
        }
        const text = asUtf8(bytes);
        if (!text) throw notUtf8(path);
        const separator = detectSeparator(text.bytes);
        workbook[tab] = csvTab(() => csvRows(text.bytes, separator), path);
      }
      return { workbook, requests: 0 };
    },
  };
}
