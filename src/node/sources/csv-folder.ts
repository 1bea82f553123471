// A workbook kept as a folder of CSV files, one per tab (`Lieux.csv`, `Permanences.csv`, ...): the
// template and the sample workbook in sheets-templates/, or tabs downloaded one by one from Google Sheets
// (File > Download > CSV). UTF-8 with or without BOM, comma-separated; every value stays a string and an
// empty cell is ''.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { findName, uniqueTabs } from './names.js';
import { type RawWorkbook, SourceError, type WorkbookSource } from './types.js';

const REEXPORT =
  'ré-exportez-le depuis Google Sheets (Fichier > Télécharger > Valeurs séparées par des virgules (.csv))';

function csvProblem(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return "un guillemet ouvert n'est jamais refermé";
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `un guillemet est mal placé (dans une cellule, un guillemet s'écrit "")`;
    default:
      return err.message;
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new SourceError(
      `Le fichier ${file} n'est pas encodé en UTF-8 (probablement enregistré par Excel en « CSV » Windows) : ` +
        `enregistrez-le au format « CSV UTF-8 » ou ${REEXPORT}.`,
      { cause },
    );
  }
}

export function parseCsvTab(text: string, file: string): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (cause) {
    if (cause instanceof CsvError) {
      const line = typeof cause.lines === 'number' ? `, ligne ${cause.lines}` : '';
      throw new SourceError(
        `Le fichier ${file}${line} est illisible : ${csvProblem(cause)}. Corrigez-le ou ${REEXPORT}.`,
        {
          cause,
        },
      );
    }
    throw cause;
  }
  const header = rows[0];
  if (header && header.length === 1 && header[0]!.includes(';')) {
    throw new SourceError(
      `Le fichier ${file} utilise le point-virgule comme séparateur ; Maillage attend des virgules : ${REEXPORT}.`,
    );
  }
  return rows;
}

export function csvFolderSource(dir: string): WorkbookSource {
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
          bytes = await readFile(path);
        } catch (cause) {
          throw new SourceError(
            `Le fichier ${path} ne peut pas être lu (${(cause as Error).message}) : vérifiez ses droits.`,
            {
              cause,
            },
          );
        }
        workbook[tab] = parseCsvTab(decodeUtf8(bytes, path), path);
      }
      return { workbook, requests: 0 };
    },
  };
}
