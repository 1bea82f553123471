// The loopback Sheets API emulator, driven by the real @googleapis/sheets client.

import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  columnIndex,
  columnLetters,
  type FakeSheetsApi,
  parseA1,
  quoteSheetName,
  startSheetsApi,
} from '../../fakes/sheets-api/index.js';

const ID = 'classeur-emule';
let api: FakeSheetsApi;
let client: sheets_v4.Sheets;
const noRetry = { retry: false };

function errorOf(e: unknown): { status: number; body: unknown; headers: Headers } {
  const r = (e as { response: { status: number; data: unknown; headers: Headers } }).response;
  return { status: r.status, body: r.data, headers: r.headers };
}

async function failure(promise: Promise<unknown>) {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeDefined();
  return errorOf(e);
}

beforeAll(async () => {
  api = await startSheetsApi({
    spreadsheets: {
      [ID]: {
        Lieux: [
          ['id', 'nom', 'actif', 'note'],
          ['L1', 'Médiathèque', true, 3.5],
          ['L2', '', false],
        ],
        "Relais 'été'": [
          ['id', 'début'],
          ['R1', new Date('2026-07-01T09:30:00+02:00')],
        ],
        Vide: [],
      },
    },
  });
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'x' });
  client = sheets({ version: 'v4', rootUrl: api.url, auth });
});

afterAll(() => api.close());
afterEach(() => api.reset());

describe('A1 notation', () => {
  it('parses quoted names, whole columns, rows and bare names', () => {
    expect(parseA1("'Relais ''été'''!A1:C")).toEqual({
      sheet: "Relais 'été'",
      startRow: 0,
      endRow: undefined,
      startColumn: 0,
      endColumn: 2,
      hasCells: true,
    });
    expect(parseA1('Lieux!A:ZZ')).toMatchObject({
      sheet: 'Lieux',
      startRow: undefined,
      startColumn: 0,
      endColumn: 701,
    });
    expect(parseA1('Lieux!3:7')).toMatchObject({ startRow: 2, endRow: 6, startColumn: undefined });
    expect(parseA1('Lieux')).toMatchObject({ sheet: 'Lieux', hasCells: false });
    expect(parseA1("'Relais été'")).toMatchObject({ sheet: 'Relais été', hasCells: false });
    expect(parseA1('B2:A1')).toMatchObject({
      sheet: undefined,
      startRow: 0,
      endRow: 1,
      startColumn: 0,
      endColumn: 1,
    });
    expect(parseA1("'Relais 'été'!A1")).toBeUndefined();
    expect(parseA1('Lieux!A')).toBeUndefined();
    expect(columnLetters(columnIndex('ZZ'))).toBe('ZZ');
    expect(columnLetters(26)).toBe('AA');
    expect(quoteSheetName('Lieux')).toBe('Lieux');
    expect(quoteSheetName("Relais 'été'")).toBe("'Relais ''été'''");
    expect(quoteSheetName('A1')).toBe("'A1'");
  });
});

describe('startSheetsApi', () => {
  it('answers spreadsheets.get, honouring fields', async () => {
    const full = await client.spreadsheets.get({ spreadsheetId: ID }, noRetry);
    expect(full.data.properties).toMatchObject({ timeZone: 'Europe/Paris', locale: 'fr_FR' });
    expect(full.data.sheets?.map((s) => s.properties)).toEqual([
      {
        sheetId: 0,
        title: 'Lieux',
        index: 0,
        sheetType: 'GRID',
        gridProperties: { rowCount: 1000, columnCount: 26 },
      },
      expect.objectContaining({ title: "Relais 'été'", index: 1 }),
      expect.objectContaining({ title: 'Vide', index: 2 }),
    ]);
    const titles = await client.spreadsheets.get(
      { spreadsheetId: ID, fields: 'sheets.properties(title)' },
      noRetry,
    );
    expect(titles.data).toEqual({
      sheets: [
        { properties: { title: 'Lieux' } },
        { properties: { title: "Relais 'été'" } },
        { properties: { title: 'Vide' } },
      ],
    });
    const mixed = await client.spreadsheets.get(
      { spreadsheetId: ID, fields: 'spreadsheetId,sheets(properties(title,index))' },
      noRetry,
    );
    expect(mixed.data).toEqual({
      spreadsheetId: ID,
      sheets: [
        { properties: { title: 'Lieux', index: 0 } },
        { properties: { title: "Relais 'été'", index: 1 } },
        { properties: { title: 'Vide', index: 2 } },
      ],
    });
  });

  it('batchGet: unformatted values, serial dates, ragged rows, empty tab without values', async () => {
    const res = await client.spreadsheets.values.batchGet(
      {
        spreadsheetId: ID,
        ranges: ["'Lieux'!A:ZZ", "'Relais ''été'''!A1:C", 'Vide'],
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      },
      noRetry,
    );
    const [lieux, relais, vide] = res.data.valueRanges!;
    expect(lieux).toEqual({
      range: 'Lieux!A1:Z1000',
      majorDimension: 'ROWS',
      values: [
        ['id', 'nom', 'actif', 'note'],
        ['L1', 'Médiathèque', true, 3.5],
        ['L2', '', false],
      ],
    });
    expect(relais!.range).toBe("'Relais ''été'''!A1:C1000");
    expect(relais!.values![1]![1]).toBeCloseTo(46204 + 9.5 / 24, 9);
    expect(vide).toEqual({ range: 'Vide!A1:Z1000', majorDimension: 'ROWS' });
  });

  it('batchGet: formatted values (fr_FR), columns, sub-ranges', async () => {
    const res = await client.spreadsheets.values.batchGet(
      { spreadsheetId: ID, ranges: ['Lieux!B2:D3', "'Relais ''été'''!B2", 'A1:A2'] },
      noRetry,
    );
    const [part, date, firstSheet] = res.data.valueRanges!;
    expect(part!.values).toEqual([
      ['Médiathèque', 'VRAI', '3,5'],
      ['', 'FAUX'],
    ]);
    expect(date!.values).toEqual([['01/07/2026 09:30:00']]);
    expect(firstSheet).toMatchObject({ range: 'Lieux!A1:A2', values: [['id'], ['L1']] });
    const cols = await client.spreadsheets.values.batchGet(
      {
        spreadsheetId: ID,
        ranges: ['Lieux!C:D'],
        majorDimension: 'COLUMNS',
        valueRenderOption: 'UNFORMATTED_VALUE',
      },
      noRetry,
    );
    expect(cols.data.valueRanges![0]!.values).toEqual([
      ['actif', true, false],
      ['note', 3.5],
    ]);
  });

  it('answers 400 Unable to parse range for an unknown tab, 404 for an unknown id, 401 without credentials', async () => {
    const unknownTab = await failure(
      client.spreadsheets.values.batchGet(
        { spreadsheetId: ID, ranges: ["'Lieux'!A:ZZ", "'Absent'!A:ZZ"] },
        noRetry,
      ),
    );
    expect(unknownTab).toMatchObject({
      status: 400,
      body: {
        error: { code: 400, message: "Unable to parse range: 'Absent'!A:ZZ", status: 'INVALID_ARGUMENT' },
      },
    });
    const beyond = await failure(
      client.spreadsheets.values.batchGet({ spreadsheetId: ID, ranges: ['Lieux!A2000'] }, noRetry),
    );
    expect(beyond.body).toMatchObject({
      error: { message: 'Range (Lieux!A2000) exceeds grid limits. Max rows: 1000, max columns: 26' },
    });
    const unknownId = await failure(client.spreadsheets.get({ spreadsheetId: 'inconnu' }, noRetry));
    expect(unknownId).toMatchObject({
      status: 404,
      body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } },
    });
    const anonymous = sheets({ version: 'v4', rootUrl: api.url });
    const noAuth = await failure(anonymous.spreadsheets.get({ spreadsheetId: ID }, noRetry));
    expect(noAuth).toMatchObject({ status: 401, body: { error: { status: 'UNAUTHENTICATED' } } });
    const withKey = sheets({ version: 'v4', rootUrl: api.url, auth: 'cle-api' });
    expect((await withKey.spreadsheets.get({ spreadsheetId: ID }, noRetry)).status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([400, 400, 404, 401, 200]);
  });

  it('plays scripted faults N times, then answers normally', async () => {
    api.fail({ status: 429, retryAfter: 7, times: 2 });
    api.fail({ status: 403 });
    for (let i = 0; i < 2; i++) {
      const quota = await failure(client.spreadsheets.get({ spreadsheetId: ID }, noRetry));
      expect(quota.status).toBe(429);
      expect(quota.headers.get('retry-after')).toBe('7');
      expect(quota.body).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    }
    const denied = await failure(client.spreadsheets.get({ spreadsheetId: ID }, noRetry));
    expect(denied.body).toEqual({
      error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' },
    });
    expect((await client.spreadsheets.get({ spreadsheetId: ID }, noRetry)).status).toBe(200);
    expect(api.count()).toBe(4);
  });

  it('hangs before the headers or mid-body until the client gives up, and answers without end', async () => {
    api.fail({ status: 200, hang: 'headers' });
    const silent = await client.spreadsheets.get({ spreadsheetId: ID }, { ...noRetry, timeout: 150 }).then(
      () => null,
      (e: { name?: string; cause?: { name?: string } }) => e,
    );
    expect(silent).not.toBeNull();
    api.fail({ status: 200, hang: 'body' });
    const stalled = await client.spreadsheets.get({ spreadsheetId: ID }, { ...noRetry, timeout: 150 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(stalled).not.toBeNull();
    expect(api.requests.map((r) => r.status)).toEqual([0, 200]);
    api.reset();
    api.fail({ status: 500, times: Infinity });
    for (let i = 0; i < 5; i++) {
      expect((await failure(client.spreadsheets.get({ spreadsheetId: ID }, noRetry))).status).toBe(500);
    }
    api.reset();
    expect((await client.spreadsheets.get({ spreadsheetId: ID }, noRetry)).status).toBe(200);
  });

  it('answers a captive portal’s HTML page, which the client hands over as text', async () => {
    api.fail({ status: 200, html: 'Wi-Fi de la médiathèque — connexion' });
    const res = await client.spreadsheets.get({ spreadsheetId: ID }, noRetry);
    expect(res.status).toBe(200);
    expect((res.headers as unknown as Headers).get('content-type')).toBe('text/html; charset=utf-8');
    expect(typeof res.data).toBe('string');
    expect(String(res.data)).toContain('<title>Wi-Fi de la médiathèque — connexion</title>');
  });

  it('counts the retries gaxios makes on its own by default', async () => {
    api.fail({ status: 503, times: 1 });
    const res = await client.spreadsheets.get({ spreadsheetId: ID });
    expect(res.status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('stores values written with values.batchUpdate (RAW and USER_ENTERED)', async () => {
    const res = await client.spreadsheets.values.batchUpdate(
      {
        spreadsheetId: ID,
        requestBody: {
          valueInputOption: 'USER_ENTERED',
          data: [
            { range: 'Vide!A1', values: [['mois', 'valeur', 'le', 'actif', 'texte']] },
            { range: 'Vide!A2:E2', values: [['2026-03', '12,5', '29/03/2026 10:00', 'VRAI', "'0042"]] },
          ],
        },
      },
      noRetry,
    );
    expect(res.data).toMatchObject({
      totalUpdatedCells: 10,
      totalUpdatedSheets: 1,
      responses: [{ updatedRange: 'Vide!A1:E1' }, { updatedRange: 'Vide!A2:E2', updatedCells: 5 }],
    });
    await client.spreadsheets.values.batchUpdate(
      {
        spreadsheetId: ID,
        requestBody: {
          valueInputOption: 'RAW',
          data: [{ range: "'Vide'!A3", values: [['12,5', null, '=1+1']] }],
        },
      },
      noRetry,
    );
    const read = await client.spreadsheets.values.batchGet(
      { spreadsheetId: ID, ranges: ['Vide'], valueRenderOption: 'UNFORMATTED_VALUE' },
      noRetry,
    );
    const values = read.data.valueRanges![0]!.values!;
    expect(values[0]).toEqual(['mois', 'valeur', 'le', 'actif', 'texte']);
    expect(values[1]!.slice(0, 2)).toEqual(['2026-03', 12.5]);
    expect(values[1]![2]).toBeCloseTo(46110 + 10 / 24, 9);
    expect(values[1]!.slice(3)).toEqual([true, '0042']);
    expect(values[2]).toEqual(['12,5', '', '=1+1']);
    expect(api.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v4/spreadsheets/${ID}/values:batchUpdate`,
    });

    const overflow = await failure(
      client.spreadsheets.values.batchUpdate(
        {
          spreadsheetId: ID,
          requestBody: { valueInputOption: 'RAW', data: [{ range: 'Vide!A1:A1', values: [['a', 'b']] }] },
        },
        noRetry,
      ),
    );
    expect(overflow.body).toMatchObject({
      error: {
        code: 400,
        message: 'Requested writing within range [Vide!A1:A1], but tried writing to column [B]',
      },
    });
    const noOption = await failure(
      client.spreadsheets.values.batchUpdate(
        { spreadsheetId: ID, requestBody: { data: [{ range: 'Vide!A1', values: [['a']] }] } },
        noRetry,
      ),
    );
    expect(noOption.status).toBe(400);
    expect(api.values(ID, 'Vide')![0]![0]).toBe('mois');
  });
});
