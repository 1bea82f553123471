// A workbook downloaded from Google Sheets (File > Download > Microsoft Excel (.xlsx)): one sheet per tab.
// Values come as the .xlsx reader gives them (string, number, boolean, Date); empty cells become ''.
//
// Dates: an .xlsx cell holds a wall-clock date and time with no zone, and the reader encodes it in the
// Date's UTC fields. So that every source hands the core the same thing, a Date here is turned into the
// instant at which that wall clock is shown in the workbook's zone (Europe/Paris) — exactly what Apps
// Script's getValues() returns for the same cell. Date cells the reader does not recognise stay numbers
// (serial days since 1899-12-30), as the Sheets API gives them.

import { createRequire } from 'node:module';
import type readXlsxFile from 'read-excel-file/node';
import { DEFAULT_TIME_ZONE, instantOfWallClock } from '../../core/calendar/wall-clock';
import { readNamedFile } from './named-file.js';
import { findName, uniqueTabs } from './names.js';
import { type RawWorkbook, SourceError, type WorkbookSource } from './types.js';

const requireXlsx = createRequire(import.meta.url);

const DOWNLOAD = 'téléchargez-le depuis Google Sheets (Fichier > Télécharger > Microsoft Excel (.xlsx))';

export interface XlsxFileOptions {
  /** Zone the workbook's dates and times are written in (default Europe/Paris). */
  timeZone?: string;
}

/**
 * The reader floors milliseconds when it converts a serial number, so 10:00 can come out as 09:59:59.999.
 * Sheets stores times to the millisecond at best: snap to the second when within a millisecond of it.
 */
function snapToSecond(ms: number): number {
  const second = Math.round(ms / 1000) * 1000;
  return Math.abs(second - ms) <= 1 ? second : ms;
}

function cell(value: unknown, timeZone: string): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return instantOfWallClock(new Date(snapToSecond(value.getTime())), timeZone);
  return value;
}

export function xlsxFileSource(file: string, options: XlsxFileOptions = {}): WorkbookSource {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    label: `fichier ${file}`,
    async read(tabs) {
      const bytes = await readNamedFile(
        file,
        `Le fichier ${file}`,
        'fichier .xlsx',
        `indiquez le classeur .xlsx, ${DOWNLOAD}`,
      );
      let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
      try {
        // Loaded on first use: runs from other sources never pay for it. Its CommonJS build, in the
        // tests as in the bundled command line (where import() becomes require()).
        const readXlsx = (requireXlsx('read-excel-file/node') as { default: typeof readXlsxFile }).default;
        sheets = await readXlsx(bytes, { trim: false });
      } catch (cause) {
        throw new SourceError(
          `Le fichier ${file} n'est pas un classeur .xlsx lisible (${(cause as Error).message}) : ${DOWNLOAD}.`,
          { cause },
        );
      }
      const names = sheets.map((s) => s.sheet);
      const workbook: RawWorkbook = {};
      for (const tab of uniqueTabs(tabs)) {
        const name = findName(tab, names);
        if (name === undefined) continue;
        const sheet = sheets.find((s) => s.sheet === name)!;
        workbook[tab] = sheet.data.map((row) => row.map((v) => cell(v, timeZone)));
      }
      return { workbook, requests: 0 };
    },
  };
}
