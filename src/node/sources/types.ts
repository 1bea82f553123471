// Where the command line reads the workbook from. Every source stops at raw cells: the core's
// `readTable(tab, cells)` turns them into records.

import type { RawRows } from '../../core/read-context';

/**
 * Tab name -> rows as received (row 0 = header). Rows may be ragged and trailing empty cells or rows
 * may be missing. A tab absent from the workbook is absent from the object. A source may hand rows
 * over lazily (the CSV folder parses them as they are read): reading them may then throw SourceError.
 */
export type RawWorkbook = Record<string, RawRows>;

export interface WorkbookRead {
  workbook: RawWorkbook;
  /** HTTP requests actually sent (retries included); 0 for local sources. */
  requests: number;
}

export interface WorkbookSource {
  /** French, for messages: « classeur Google Sheets 1AbC… », « dossier sheets-templates/exemple ». */
  readonly label: string;
  read(tabs: readonly string[]): Promise<WorkbookRead>;
}

/**
 * A workbook that cannot be read. The message (French) says what is wrong and what to do. Exit 2,
 * or 1 when the fault is in this machine's configuration (a missing or invalid Google key, no
 * credentials at all, credentials Google refuses), as the README documents.
 */
export class SourceError extends Error {
  readonly exitCode: 1 | 2;
  override readonly name = 'SourceError';
  /** HTTP requests sent before giving up, when the source talks to a server. */
  readonly requests: number | undefined;

  constructor(
    message: string,
    options: { cause?: unknown; requests?: number; configuration?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.requests = options.requests;
    this.exitCode = options.configuration ? 1 : 2;
  }
}
