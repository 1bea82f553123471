// A loopback emulator of the Google Sheets API v4, for tests. It answers the real `@googleapis/sheets`
// client (`sheets({ version: 'v4', rootUrl: api.url, auth })`) on 127.0.0.1 with the same shapes,
// defaults and error bodies as the real service:
//   GET  /v4/spreadsheets/{id}                      (with `fields=` partial responses)
//   GET  /v4/spreadsheets/{id}/values:batchGet      (ranges, valueRenderOption, dateTimeRenderOption, majorDimension)
//   GET  /v4/spreadsheets/{id}/values/{range}
//   POST /v4/spreadsheets/{id}/values:batchUpdate   (RAW / USER_ENTERED)
// Every request is logged and counted; faults (429 with Retry-After, 5xx, 403, dropped connections, a
// connection that never answers or stalls mid-body, a captive portal's HTML page) can be scripted N
// times (or `times: Infinity`) before the normal answer resumes.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bounds, columnLetters, formatA1, parseA1, quoteSheetName } from './a1.js';
import {
  type DateTimeRenderOption,
  isEmptyCell,
  parseUserEntered,
  type RenderOptions,
  renderCell,
  type StoredCell,
  type ValueRenderOption,
} from './cells.js';
import { applyFields, parseFields } from './fields.js';

export { columnIndex, columnLetters, formatA1, parseA1, quoteSheetName } from './a1.js';
export type { StoredCell } from './cells.js';
export { instantFromWallClock, serialFromDate, wallClock } from './cells.js';

export interface SheetsApiFault {
  /**
   * HTTP status to answer; 0 drops the connection without an answer (a network error for the client).
   * With `hang` or `html`, the status of that answer.
   */
  status: number;
  /**
   * `headers`: the connection is accepted and the request read, then nothing is ever sent (a stalled
   * server or proxy); `body`: the status and headers are sent with the start of the JSON, then
   * nothing more. Either lasts until the client gives up or the emulator is closed.
   */
  hang?: 'headers' | 'body';
  /** Answers an HTML page with this title (a captive portal, a proxy's page) instead of JSON. */
  html?: string;
  /** Seconds, sent as a `Retry-After` header. */
  retryAfter?: number;
  /** How many requests get this fault (default 1). */
  times?: number;
  /** Overrides the standard message of the status. */
  message?: string;
  /** Adds a google.rpc.ErrorInfo detail with this reason (e.g. RATE_LIMIT_EXCEEDED, SERVICE_DISABLED). */
  reason?: string;
  /** Only requests whose path matches (substring or pattern) get the fault. */
  path?: string | RegExp;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. `/v4/spreadsheets/abc/values:batchGet`. */
  path: string;
  /** Query parameters; a repeated parameter (`ranges`) is an array, a single one a string. */
  query: Record<string, string | string[]>;
  /** Status answered (0 when the connection was dropped). */
  status: number;
  authorization?: string;
  body?: unknown;
}

export interface SheetsApiOptions {
  /** Spreadsheet id -> tab title -> rows (row 0 = header). Cells: string, number, boolean, Date, null/''. */
  spreadsheets: Record<string, Record<string, unknown[][]>>;
  faults?: SheetsApiFault[];
  /** Spreadsheet time zone used for serial dates (default Europe/Paris). */
  timeZone?: string;
  /** Spreadsheet locale used for FORMATTED_VALUE and USER_ENTERED (default fr_FR). */
  locale?: string;
  /** When set, only these bearer tokens are accepted (others get 401); by default any token or API key is. */
  acceptedTokens?: readonly string[];
}

export interface FakeSheetsApi {
  /** Root URL to give the client, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  requests: RecordedRequest[];
  count(): number;
  /** Clears the request log and pending faults (not the data). */
  reset(): void;
  fail(next: SheetsApiFault): void;
  /** Current stored cells of a tab (a copy), undefined if the spreadsheet or tab does not exist. */
  values(spreadsheetId: string, tab: string): StoredCell[][] | undefined;
  /** Adds or replaces a spreadsheet. */
  put(spreadsheetId: string, tabs: Record<string, unknown[][]>): void;
  close(): Promise<void>;
}

interface FakeSheet {
  sheetId: number;
  title: string;
  rows: StoredCell[][];
  rowCount: number;
  columnCount: number;
}

interface FakeSpreadsheet {
  id: string;
  sheets: FakeSheet[];
}

interface PendingFault extends SheetsApiFault {
  remaining: number;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: [
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  ],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ABORTED', 'The operation was aborted.'],
  429: [
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  ],
  500: ['INTERNAL', 'Internal error encountered.'],
  502: ['UNAVAILABLE', 'Bad Gateway'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out. Please try again.'],
};

const MISSING_CREDENTIALS =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

const VALUE_RENDER: readonly ValueRenderOption[] = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
const DATE_RENDER: readonly DateTimeRenderOption[] = ['SERIAL_NUMBER', 'FORMATTED_STRING'];

function toSheets(tabs: Record<string, unknown[][]>): FakeSheet[] {
  return Object.entries(tabs).map(([title, rows], index) => {
    const copy = rows.map((r) => (Array.isArray(r) ? [...(r as StoredCell[])] : []));
    const width = copy.reduce((w, r) => Math.max(w, r.length), 0);
    return {
      sheetId: index === 0 ? 0 : 1_000_000 + index * 7919,
      title,
      rows: copy,
      rowCount: Math.max(1000, copy.length),
      columnCount: Math.max(26, width),
    };
  });
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

function enumParam<T extends string>(
  params: URLSearchParams,
  name: string,
  wire: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw badRequest(`Invalid value at '${wire}' (type.googleapis.com/google.apps.sheets.v4), "${v}"`);
  }
  return v as T;
}

export async function startSheetsApi(options: SheetsApiOptions): Promise<FakeSheetsApi> {
  const books = new Map<string, FakeSpreadsheet>();
  for (const [id, tabs] of Object.entries(options.spreadsheets))
    books.set(id, { id, sheets: toSheets(tabs) });
  const timeZone = options.timeZone ?? 'Europe/Paris';
  const locale = options.locale ?? 'fr_FR';
  const requests: RecordedRequest[] = [];
  let faults: PendingFault[] = [];
  const fail = (f: SheetsApiFault) => faults.push({ ...f, remaining: f.times ?? 1 });
  for (const f of options.faults ?? []) fail(f);

  function takeFault(path: string): PendingFault | undefined {
    const f = faults.find(
      (x) =>
        x.remaining > 0 &&
        (x.path === undefined || (typeof x.path === 'string' ? path.includes(x.path) : x.path.test(path))),
    );
    if (!f) return undefined;
    f.remaining--;
    faults = faults.filter((x) => x.remaining > 0);
    return f;
  }

  function findSheet(book: FakeSpreadsheet, name: string): FakeSheet | undefined {
    return (
      book.sheets.find((s) => s.title === name) ??
      book.sheets.find((s) => s.title.toLowerCase() === name.toLowerCase())
    );
  }

  /** Resolves a range for reading or writing; bounds are unclipped (undefined = open side). */
  function resolve(book: FakeSpreadsheet, text: string) {
    const parsed = parseA1(text);
    const unable = badRequest(`Unable to parse range: ${text}`);
    if (!parsed) throw unable;
    let sheet: FakeSheet | undefined;
    let p = parsed;
    if (p.sheet === undefined) {
      // Bare text that also reads as cells (a sheet called "A1"?): sheet names win, as in the API.
      const named = findSheet(book, text.trim());
      if (named) {
        sheet = named;
        p = { ...p, startRow: undefined, endRow: undefined, startColumn: undefined, endColumn: undefined };
      } else {
        sheet = book.sheets[0];
      }
    } else {
      sheet = findSheet(book, p.sheet);
    }
    if (!sheet) throw unable;
    return { sheet, parsed: p };
  }

  function readBounds(book: FakeSpreadsheet, text: string): { sheet: FakeSheet; bounds: Bounds } {
    const { sheet, parsed: p } = resolve(book, text);
    const startRow = p.startRow ?? 0;
    const startColumn = p.startColumn ?? 0;
    if (startRow >= sheet.rowCount || startColumn >= sheet.columnCount) {
      const cells = text.slice(text.lastIndexOf('!') + 1);
      throw badRequest(
        `Range (${quoteSheetName(sheet.title)}!${cells}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
      );
    }
    return {
      sheet,
      bounds: {
        startRow,
        startColumn,
        endRow: Math.min(p.endRow ?? sheet.rowCount - 1, sheet.rowCount - 1),
        endColumn: Math.min(p.endColumn ?? sheet.columnCount - 1, sheet.columnCount - 1),
      },
    };
  }

  function valueRange(
    book: FakeSpreadsheet,
    text: string,
    majorDimension: 'ROWS' | 'COLUMNS',
    render: RenderOptions,
  ): Record<string, unknown> {
    const { sheet, bounds } = readBounds(book, text);
    const lastDataRow = Math.min(bounds.endRow, sheet.rows.length - 1);
    const rect: StoredCell[][] = [];
    for (let r = bounds.startRow; r <= lastDataRow; r++) {
      const row = sheet.rows[r] ?? [];
      rect.push(row.slice(bounds.startColumn, bounds.endColumn + 1));
    }
    let lines: StoredCell[][] = rect;
    if (majorDimension === 'COLUMNS') {
      const width = rect.reduce((w, r) => Math.max(w, r.length), 0);
      lines = Array.from({ length: width }, (_, c) => rect.map((r) => r[c]));
    }
    const values: unknown[][] = [];
    for (const line of lines) {
      let end = line.length;
      while (end > 0 && isEmptyCell(line[end - 1])) end--;
      const out: unknown[] = new Array(end);
      for (let i = 0; i < end; i++) out[i] = renderCell(line[i], render);
      values.push(out);
    }
    while (values.length > 0 && values[values.length - 1]!.length === 0) values.pop();
    const result: Record<string, unknown> = { range: formatA1(sheet.title, bounds), majorDimension };
    if (values.length > 0) result.values = values;
    return result;
  }

  function renderOptions(params: URLSearchParams, prefix = ''): RenderOptions {
    const name = (n: string) => (prefix ? prefix + n[0]!.toUpperCase() + n.slice(1) : n);
    return {
      valueRenderOption: enumParam(
        params,
        name('valueRenderOption'),
        'value_render_option',
        VALUE_RENDER,
        'FORMATTED_VALUE',
      ),
      dateTimeRenderOption: enumParam(
        params,
        name('dateTimeRenderOption'),
        'date_time_render_option',
        DATE_RENDER,
        'SERIAL_NUMBER',
      ),
      timeZone,
      locale,
    };
  }

  function majorDimensionOf(v: string | null | undefined): 'ROWS' | 'COLUMNS' {
    if (v === null || v === undefined || v === '' || v === 'ROWS' || v === 'DIMENSION_UNSPECIFIED')
      return 'ROWS';
    if (v === 'COLUMNS') return 'COLUMNS';
    throw badRequest(
      `Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "${v}"`,
    );
  }

  function getSpreadsheet(book: FakeSpreadsheet, params: URLSearchParams): unknown {
    const full = {
      spreadsheetId: book.id,
      properties: {
        title: `Classeur ${book.id}`,
        locale,
        autoRecalc: 'ON_CHANGE',
        timeZone,
      },
      sheets: book.sheets.map((s, index) => ({
        properties: {
          sheetId: s.sheetId,
          title: s.title,
          index,
          sheetType: 'GRID',
          gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount },
        },
      })),
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
    };
    const fields = params.get('fields');
    if (!fields) return full;
    try {
      return applyFields(full, parseFields(fields));
    } catch {
      throw badRequest(`Invalid field selection ${fields}`);
    }
  }

  function batchGet(book: FakeSpreadsheet, params: URLSearchParams): unknown {
    const render = renderOptions(params);
    const majorDimension = majorDimensionOf(params.get('majorDimension'));
    const ranges = params.getAll('ranges');
    const out: Record<string, unknown> = { spreadsheetId: book.id };
    if (ranges.length > 0) out.valueRanges = ranges.map((r) => valueRange(book, r, majorDimension, render));
    return out;
  }

  function batchUpdate(book: FakeSpreadsheet, body: unknown): unknown {
    const req = (body ?? {}) as {
      valueInputOption?: string;
      data?: Array<{ range?: string; majorDimension?: string; values?: unknown[][] }>;
      includeValuesInResponse?: boolean;
      responseValueRenderOption?: string;
      responseDateTimeRenderOption?: string;
    };
    const input = req.valueInputOption;
    if (input === undefined || input === 'INPUT_VALUE_OPTION_UNSPECIFIED') {
      throw badRequest("'valueInputOption' is required but not specified");
    }
    if (input !== 'RAW' && input !== 'USER_ENTERED') {
      throw badRequest(
        `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${input}"`,
      );
    }
    const responses: Record<string, unknown>[] = [];
    const touched = new Set<FakeSheet>();
    let totalRows = 0;
    let totalColumns = 0;
    let totalCells = 0;
    for (const item of req.data ?? []) {
      if (typeof item.range !== 'string') throw badRequest('Invalid data[].range: missing');
      const { sheet, parsed } = resolve(book, item.range);
      let values = (item.values ?? []) as unknown[][];
      if (majorDimensionOf(item.majorDimension) === 'COLUMNS') {
        const width = values.reduce((w, r) => Math.max(w, r.length), 0);
        values = Array.from({ length: width }, (_, c) => values.map((r) => r[c]));
      }
      const startRow = parsed.startRow ?? 0;
      const startColumn = parsed.startColumn ?? 0;
      const height = values.length;
      const width = values.reduce((w, r) => Math.max(w, r.length), 0);
      const cellText = item.range.slice(item.range.lastIndexOf('!') + 1);
      const rangeText = `${quoteSheetName(sheet.title)}!${cellText}`;
      // A single cell (`Vide!A1`) anchors the block; only a real range (`A1:C3`) bounds it.
      const bounded = parsed.hasCells && cellText.includes(':');
      if (bounded && parsed.endRow !== undefined && startRow + height - 1 > parsed.endRow) {
        throw badRequest(
          `Requested writing within range [${rangeText}], but tried writing to row [${startRow + height}]`,
        );
      }
      if (bounded && parsed.endColumn !== undefined && startColumn + width - 1 > parsed.endColumn) {
        throw badRequest(
          `Requested writing within range [${rangeText}], but tried writing to column [${columnLetters(startColumn + width - 1)}]`,
        );
      }
      let cells = 0;
      const rowsTouched = new Set<number>();
      const columnsTouched = new Set<number>();
      values.forEach((row, i) => {
        (row ?? []).forEach((v, j) => {
          if (v === null || v === undefined) return;
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
            throw badRequest(`Invalid values[${i}][${j}]: ${JSON.stringify(v)}`);
          }
          const stored = input === 'RAW' ? v : parseUserEntered(v, locale, timeZone);
          const r = startRow + i;
          const c = startColumn + j;
          while (sheet.rows.length <= r) sheet.rows.push([]);
          sheet.rows[r]![c] = stored;
          cells++;
          rowsTouched.add(r);
          columnsTouched.add(c);
        });
      });
      sheet.rowCount = Math.max(sheet.rowCount, startRow + height);
      sheet.columnCount = Math.max(sheet.columnCount, startColumn + width);
      if (cells > 0) touched.add(sheet);
      const updated: Bounds = {
        startRow,
        startColumn,
        endRow: startRow + Math.max(height, 1) - 1,
        endColumn: startColumn + Math.max(width, 1) - 1,
      };
      const response: Record<string, unknown> = {
        spreadsheetId: book.id,
        updatedRange: formatA1(sheet.title, updated),
        updatedRows: rowsTouched.size,
        updatedColumns: columnsTouched.size,
        updatedCells: cells,
      };
      if (req.includeValuesInResponse) {
        const params = new URLSearchParams();
        if (req.responseValueRenderOption) params.set('valueRenderOption', req.responseValueRenderOption);
        if (req.responseDateTimeRenderOption)
          params.set('dateTimeRenderOption', req.responseDateTimeRenderOption);
        response.updatedData = valueRange(
          book,
          formatA1(sheet.title, updated),
          'ROWS',
          renderOptions(params),
        );
      }
      responses.push(response);
      totalRows += rowsTouched.size;
      totalColumns += columnsTouched.size;
      totalCells += cells;
    }
    return {
      spreadsheetId: book.id,
      totalUpdatedRows: totalRows,
      totalUpdatedColumns: totalColumns,
      totalUpdatedCells: totalCells,
      totalUpdatedSheets: touched.size,
      responses,
    };
  }

  function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  function sendError(
    res: ServerResponse,
    code: number,
    message?: string,
    extra: { retryAfter?: number; reason?: string } = {},
  ) {
    const [status, standard] = STATUS_TEXT[code] ?? ['UNKNOWN', 'Unknown error.'];
    const headers: Record<string, string> = {};
    if (extra.retryAfter !== undefined) headers['retry-after'] = String(extra.retryAfter);
    if (code === 401) headers['www-authenticate'] = 'Bearer realm="https://accounts.google.com/"';
    if (code === 502) {
      // Google's front end answers gateway errors with an HTML page, not JSON.
      const html =
        '<!DOCTYPE html><html lang=en><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That’s an error.</ins></html>';
      res.writeHead(502, { 'content-type': 'text/html; charset=UTF-8', ...headers });
      res.end(html);
      return;
    }
    const error: Record<string, unknown> = { code, message: message ?? standard, status };
    const reason = extra.reason ?? (code === 429 ? 'RATE_LIMIT_EXCEEDED' : undefined);
    if (reason) {
      error.details = [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason,
          domain: 'googleapis.com',
          metadata: { service: 'sheets.googleapis.com' },
        },
      ];
    }
    sendJson(res, code, { error }, headers);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: RecordedRequest) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = url.searchParams;
    const fault = takeFault(record.path);
    if (fault) {
      if (fault.hang === 'headers') {
        record.status = 0;
        return;
      }
      if (fault.hang === 'body') {
        record.status = fault.status;
        res.writeHead(fault.status, {
          'content-type': 'application/json; charset=UTF-8',
          'content-length': 1000,
        });
        res.write('{"sheets": [');
        return;
      }
      if (fault.html !== undefined) {
        record.status = fault.status;
        const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${fault.html}</title></head><body><h1>${fault.html}</h1><form method="post"><button>Accepter et se connecter</button></form></body></html>`;
        res.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      if (fault.status === 0) {
        record.status = 0;
        req.socket.destroy();
        return;
      }
      record.status = fault.status;
      sendError(res, fault.status, fault.message, { retryAfter: fault.retryAfter, reason: fault.reason });
      return;
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const key = params.get('key');
    if (!bearer && !key) throw new ApiError(401, MISSING_CREDENTIALS);
    if (bearer && options.acceptedTokens && !options.acceptedTokens.includes(bearer)) {
      throw new ApiError(401, STATUS_TEXT[401]![1]);
    }
    const prefix = '/v4/spreadsheets/';
    if (!record.path.startsWith(prefix)) throw new ApiError(404, 'Method not found.');
    const rest = record.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const id = slash === -1 ? rest : rest.slice(0, slash);
    const tail = slash === -1 ? '' : rest.slice(slash + 1);
    if (id === '' || id.includes(':')) throw new ApiError(404, 'Method not found.');
    const book = books.get(id);
    const method = req.method ?? 'GET';
    const route =
      tail === ''
        ? 'get'
        : tail === 'values:batchGet'
          ? 'batchGet'
          : tail === 'values:batchUpdate'
            ? 'batchUpdate'
            : tail.startsWith('values/') && !tail.includes(':')
              ? 'valuesGet'
              : undefined;
    const expected = route === 'batchUpdate' ? 'POST' : 'GET';
    if (!route || method !== expected) throw new ApiError(404, 'Method not found.');
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req);
      try {
        body = text === '' ? {} : JSON.parse(text);
      } catch {
        throw badRequest(`Invalid JSON payload received. ${text.slice(0, 40)}`);
      }
      record.body = body;
    }
    if (!book) throw new ApiError(404, 'Requested entity was not found.');
    let answer: unknown;
    if (route === 'get') answer = getSpreadsheet(book, params);
    else if (route === 'batchGet') answer = batchGet(book, params);
    else if (route === 'batchUpdate') answer = batchUpdate(book, body);
    else {
      const range = tail.slice('values/'.length);
      answer = valueRange(book, range, majorDimensionOf(params.get('majorDimension')), renderOptions(params));
    }
    record.status = 200;
    sendJson(res, 200, answer);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: queryRecord(url.searchParams),
      status: 0,
    };
    if (req.headers.authorization) record.authorization = req.headers.authorization;
    requests.push(record);
    handle(req, res, record).catch((err: unknown) => {
      if (err instanceof ApiError) {
        record.status = err.code;
        sendError(res, err.code, err.message);
        return;
      }
      record.status = 500;
      sendError(res, 500);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    count: () => requests.length,
    reset() {
      requests.length = 0;
      faults = [];
    },
    fail,
    values(spreadsheetId, tab) {
      const sheet = books.get(spreadsheetId)?.sheets.find((s) => s.title === tab);
      return sheet?.rows.map((r) => [...r]);
    },
    put(spreadsheetId, tabs) {
      books.set(spreadsheetId, { id: spreadsheetId, sheets: toSheets(tabs) });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
