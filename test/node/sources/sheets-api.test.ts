import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SourceError,
  sheetsApiSource,
  spreadsheetIdFrom,
  wholeTabRange,
} from '../../../src/node/sources/index.js';
import { type FakeSheetsApi, instantFromWallClock, startSheetsApi } from '../../fakes/sheets-api/index.js';

const TABS = ['Lieux', 'Permanences', 'Relais', 'Indicateurs', 'Communes', 'Journal'] as const;
const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
const SMALL = 'classeur-10-lignes';
const LARGE = 'classeur-10000-lignes';
const PARTIAL = 'classeur-incomplet';
const QUOTED = 'classeur-noms-speciaux';
const SERVICE_ACCOUNT = 'maillage-lecture@maillage-87.iam.gserviceaccount.com';

/** 2026-03-29 is the spring daylight-saving day in Paris (02:00 -> 03:00). */
const SPRING_10H = new Date('2026-03-29T10:00:00+02:00');
const SERIAL_2026_03_29 = 46110;

function rows(n: number): unknown[][] {
  const out: unknown[][] = [['id', 'nom', 'commune', 'code_insee', 'actif']];
  for (let i = 1; i <= n; i++) out.push([`L${i}`, `Lieu ${i}`, 'Limoges', '87085', i % 2 === 0]);
  return out;
}

function tokenAuth(token = 'x'): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token });
  return client;
}

let api: FakeSheetsApi;
let sleeps: number[];
const sleep = async (ms: number) => {
  sleeps.push(ms);
};
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'maillage-sources-'));
  api = await startSheetsApi({
    spreadsheets: {
      [ID]: {
        Lieux: [
          ['id', 'nom', 'commune', 'note', '', ''],
          ['L1', 'Médiathèque', 'Limoges', '', null],
          ['L2', null, 'Saint-Junien', 3.5, true, ''],
          [],
          ['L4', 'Tiers-lieu', '', '', false],
          ['', '', ''],
          [],
        ],
        Permanences: [
          ['lieu', 'début', 'jour', 'heure'],
          [
            'L1',
            SPRING_10H,
            new Date('2026-03-29T00:00:00+01:00'),
            instantFromWallClock(
              { year: 1899, month: 12, day: 30, hour: 14, minute: 30, second: 0, millisecond: 0 },
              'Europe/Paris',
            ),
          ],
          ['L2', new Date('2026-03-28T10:00:00+01:00'), new Date('2026-10-25T02:30:00+01:00')],
        ],
        Relais: [['id', 'nom']],
        Indicateurs: [
          ['mois', 'valeur'],
          ['2026-01', 12],
        ],
        Communes: [
          ['code_insee', 'nom'],
          ['87085', 'Limoges'],
        ],
        Journal: [],
      },
      [SMALL]: { Lieux: rows(10) },
      [LARGE]: { Lieux: rows(10_000) },
      [PARTIAL]: { Lieux: [['id']], Permanences: [['lieu']], Relais: [['id']], Communes: [['code_insee']] },
      [QUOTED]: {
        "Relais 'été'": [
          ['id', 'nom'],
          ['R1', "L'Escale"],
        ],
        "Lieux d'accueil": [['id'], ['A1']],
        'Écoles & ateliers': [['id'], ['E1']],
      },
    },
  });
});

afterAll(async () => {
  await api.close();
  rmSync(tmp, { recursive: true, force: true });
});

afterEach(() => {
  api.reset();
  vi.unstubAllEnvs();
});

function source(spreadsheetId: string, extra: Partial<Parameters<typeof sheetsApiSource>[0]> = {}) {
  sleeps = [];
  return sheetsApiSource({ spreadsheetId, rootUrl: api.url, accessToken: 'x', sleep, env: {}, ...extra });
}

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('sheetsApiSource', () => {
  it('reads every tab with one spreadsheets.get and one values.batchGet', async () => {
    const { workbook, requests } = await source(ID).read(TABS);
    expect(requests).toBe(2);
    expect(api.count()).toBe(2);
    const [get, batch] = api.requests;
    expect(get).toMatchObject({
      method: 'GET',
      path: `/v4/spreadsheets/${ID}`,
      query: { fields: 'sheets.properties(title)' },
      authorization: 'Bearer x',
    });
    expect(batch).toMatchObject({
      method: 'GET',
      path: `/v4/spreadsheets/${ID}/values:batchGet`,
      query: {
        ranges: TABS.map((t) => `'${t}'!A:ZZ`),
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
        majorDimension: 'ROWS',
      },
    });
    expect(Object.keys(workbook).sort()).toEqual([...TABS].sort());
    expect(workbook.Communes).toEqual([
      ['code_insee', 'nom'],
      ['87085', 'Limoges'],
    ]);
    expect(workbook.Indicateurs).toEqual([
      ['mois', 'valeur'],
      ['2026-01', 12],
    ]);
  });

  it('passes ragged rows through: trailing empty cells and rows dropped, empty tab = []', async () => {
    const { workbook } = await source(ID).read(['Lieux', 'Journal']);
    expect(workbook.Lieux).toEqual([
      ['id', 'nom', 'commune', 'note'],
      ['L1', 'Médiathèque', 'Limoges'],
      ['L2', '', 'Saint-Junien', 3.5, true],
      [],
      ['L4', 'Tiers-lieu', '', '', false],
    ]);
    expect(workbook.Journal).toEqual([]);
  });

  it('gives dates and times as serial days computed in Europe/Paris, daylight-saving day included', async () => {
    const { workbook } = await source(ID).read(['Permanences']);
    const [, first, second] = workbook.Permanences!;
    const [, start, day, time] = first as number[];
    expect(start).toBeCloseTo(SERIAL_2026_03_29 + 10 / 24, 9);
    expect(Math.round((start! % 1) * 1440)).toBe(600); // 10:00, not 09:00 or 11:00
    expect(day).toBe(SERIAL_2026_03_29);
    expect(time).toBeCloseTo(14.5 / 24, 9);
    const [, dayBefore, autumn] = second as number[];
    expect(dayBefore).toBeCloseTo(SERIAL_2026_03_29 - 1 + 10 / 24, 9);
    // 2026-10-25 02:30 CET (after the autumn change): wall clock 02:30.
    expect(autumn).toBeCloseTo(46320 + 2.5 / 24, 9);
  });

  it('quotes tab names with spaces, accents and apostrophes', async () => {
    const tabs = ["Relais 'été'", "Lieux d'accueil", 'Écoles & ateliers'];
    const { workbook, requests } = await source(QUOTED).read(tabs);
    expect(requests).toBe(2);
    expect(api.requests[1]!.query.ranges).toEqual([
      "'Relais ''été'''!A:ZZ",
      "'Lieux d''accueil'!A:ZZ",
      "'Écoles & ateliers'!A:ZZ",
    ]);
    expect(workbook).toEqual({
      "Relais 'été'": [
        ['id', 'nom'],
        ['R1', "L'Escale"],
      ],
      "Lieux d'accueil": [['id'], ['A1']],
      'Écoles & ateliers': [['id'], ['E1']],
    });
    expect(wholeTabRange("Relais 'été'")).toBe("'Relais ''été'''!A:ZZ");
  });

  it('leaves a missing tab out of the workbook, still in exactly 2 requests', async () => {
    const { workbook, requests } = await source(PARTIAL).read(TABS);
    expect(requests).toBe(2);
    expect(api.count()).toBe(2);
    expect(Object.keys(workbook).sort()).toEqual(['Communes', 'Lieux', 'Permanences', 'Relais']);
    expect('Indicateurs' in workbook).toBe(false);
    expect('Journal' in workbook).toBe(false);
    expect(api.requests[1]!.query.ranges).toEqual([
      "'Lieux'!A:ZZ",
      "'Permanences'!A:ZZ",
      "'Relais'!A:ZZ",
      "'Communes'!A:ZZ",
    ]);
  });

  it('sends only spreadsheets.get when no requested tab exists', async () => {
    const { workbook, requests } = await source(PARTIAL).read(['Indicateurs', 'Journal']);
    expect(workbook).toEqual({});
    expect(requests).toBe(1);
    expect(api.count()).toBe(1);
  });

  it('needs 2 requests for 10 rows and for 10,000 rows', async () => {
    const small = await source(SMALL).read(TABS);
    expect(small.requests).toBe(2);
    expect(small.workbook.Lieux).toHaveLength(11);
    api.reset();
    const large = await source(LARGE).read(TABS);
    expect(large.requests).toBe(2);
    expect(api.count()).toBe(2);
    expect(large.workbook.Lieux).toHaveLength(10_001);
    expect(Array.from(large.workbook.Lieux!)[10_000]).toEqual([
      'L10000',
      'Lieu 10000',
      'Limoges',
      '87085',
      true,
    ]);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    api.fail({ status: 429, retryAfter: 2, times: 1 });
    const { workbook, requests } = await source(SMALL).read(['Lieux']);
    expect(sleeps).toEqual([2000]);
    expect(requests).toBe(3);
    expect(api.count()).toBe(3);
    expect(api.requests.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(workbook.Lieux).toHaveLength(11);
  });

  it('backs off exponentially with jitter when no Retry-After is given', async () => {
    api.fail({ status: 429, times: 2 });
    const { requests } = await source(SMALL, { random: () => 0.5 }).read(['Lieux']);
    expect(sleeps).toEqual([750, 1500]);
    expect(requests).toBe(4);
  });

  it('gives up on 500 after 4 attempts with a clear SourceError', async () => {
    api.fail({ status: 500, times: 5 });
    const err = await sourceError(source(SMALL).read(['Lieux']));
    expect(api.count()).toBe(4);
    expect(err.requests).toBe(4);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/indisponible \(erreur 500\) après 4 tentatives/);
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => {
      const ceiling = 1000 * 2 ** i;
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it('honours the retries option', async () => {
    api.fail({ status: 503, times: 5 });
    const err = await sourceError(source(SMALL, { retries: 1 }).read(['Lieux']));
    expect(api.count()).toBe(2);
    expect(err.requests).toBe(2);
  });

  it('retries each request on its own (5xx on batchGet only)', async () => {
    api.fail({ status: 503, times: 2, path: 'values:batchGet' });
    const { requests } = await source(SMALL).read(['Lieux']);
    expect(requests).toBe(4);
    expect(api.requests.map((r) => [r.path.endsWith('batchGet') ? 'batchGet' : 'get', r.status])).toEqual([
      ['get', 200],
      ['batchGet', 503],
      ['batchGet', 503],
      ['batchGet', 200],
    ]);
  });

  it('fails at once when Retry-After asks for more than a minute', async () => {
    api.fail({ status: 429, retryAfter: 3600, times: 1 });
    const err = await sourceError(source(SMALL).read(['Lieux']));
    expect(sleeps).toEqual([]);
    expect(api.count()).toBe(1);
    expect(err.message).toMatch(/attendre 3600 s/);
  });

  it('retries a dropped connection', async () => {
    api.fail({ status: 0, times: 1 });
    const { requests } = await source(SMALL).read(['Lieux']);
    expect(requests).toBe(3);
    expect(api.count()).toBe(3);
    expect(sleeps).toHaveLength(1);
  });

  it('names the service account of the key file on 403', async () => {
    const keyFile = join(tmp, 'cle-compte-de-service.json');
    writeFileSync(
      keyFile,
      JSON.stringify({ type: 'service_account', project_id: 'maillage-87', client_email: SERVICE_ACCOUNT }),
    );
    api.fail({ status: 403, times: 1 });
    const err = await sourceError(
      sheetsApiSource({
        spreadsheetId: SMALL,
        rootUrl: api.url,
        auth: tokenAuth(),
        env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile },
        sleep,
      }).read(['Lieux']),
    );
    expect(err.message).toContain(
      `Le classeur n'est pas partagé avec le compte de service ${SERVICE_ACCOUNT} : partagez-le en lecture avec ce compte`,
    );
    expect(api.count()).toBe(1); // not retried
    expect(err.requests).toBe(1);
  });

  it('says « le compte utilisé » on 403 with an access token', async () => {
    api.fail({ status: 403, times: 1 });
    const err = await sourceError(source(SMALL).read(['Lieux']));
    expect(err.message).toMatch(/n'est pas partagé avec le compte utilisé : partagez-le en lecture/);
  });

  it('explains a 403 from a disabled API', async () => {
    api.fail({
      status: 403,
      reason: 'SERVICE_DISABLED',
      message: 'Google Sheets API has not been used in project 123 before or it is disabled.',
    });
    const err = await sourceError(source(SMALL).read(['Lieux']));
    expect(err.message).toMatch(/API Google Sheets n'est pas activée/);
  });

  it('names the id and where to find it on 404', async () => {
    const err = await sourceError(source('1inconnu-Xyz').read(['Lieux']));
    expect(api.requests[0]!.status).toBe(404);
    expect(api.count()).toBe(1);
    expect(err.message).toContain('« 1inconnu-Xyz »');
    expect(err.message).toContain('https://docs.google.com/spreadsheets/d/IDENTIFIANT/edit');
  });

  it('says the MAILLAGE_JETON token is refused on 401', async () => {
    const strict = await startSheetsApi({
      spreadsheets: { [SMALL]: { Lieux: rows(1) } },
      acceptedTokens: ['bon'],
    });
    try {
      const err = await sourceError(
        sheetsApiSource({ spreadsheetId: SMALL, rootUrl: strict.url, accessToken: 'périmé', sleep }).read([
          'Lieux',
        ]),
      );
      expect(strict.requests[0]).toMatchObject({ status: 401, authorization: 'Bearer périmé' });
      expect(strict.count()).toBe(1);
      expect(err.message).toMatch(/MAILLAGE_JETON est refusé/);
      const ok = await sheetsApiSource({
        spreadsheetId: SMALL,
        rootUrl: strict.url,
        accessToken: 'bon',
      }).read(['Lieux']);
      expect(ok.workbook.Lieux).toHaveLength(2);
    } finally {
      await strict.close();
    }
  });

  it('gives up on a silent API within its time budget, each try bounded by what is left', async () => {
    api.reset();
    api.fail({ status: 200, hang: 'headers', times: Infinity });
    const started = performance.now();
    const source = sheetsApiSource({
      spreadsheetId: SMALL,
      rootUrl: api.url,
      accessToken: 'x',
      sleep,
      env: {},
      timeoutMs: 100,
      budgetMs: 2000,
      random: () => 0,
    });
    sleeps = [];
    const error = await source.read(['Lieux']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /^127\.0\.0\.1:\d+ n'a pas répondu à temps : lecture abandonnée après \d+ s et 3 tentatives\. Vérifiez la connexion Internet, le proxy \(variable HTTPS_PROXY\) et MAILLAGE_API_SHEETS/,
    );
    // Tries of 100 ms after waits of 0.5 and 1 s (not slept here): the next wait, 2 s, would pass
    // the budget.
    expect(sleeps).toEqual([500, 1000]);
    expect(api.count()).toBe(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300 - 50);
    api.reset();
  });

  it('gives up on a stalled answer body the same way', async () => {
    api.reset();
    api.fail({ status: 200, hang: 'body', times: Infinity });
    const error = await source(SMALL, { timeoutMs: 150, budgetMs: 1000, retries: 1, random: () => 0 })
      .read(['Lieux'])
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/n'a pas répondu à temps/);
    expect(api.count()).toBe(2);
    api.reset();
  });

  it('stops retrying endless 429 and 500 answers when the wait would pass the budget', async () => {
    for (const status of [429, 500]) {
      api.reset();
      api.fail({ status, times: Infinity });
      let clock = 0;
      const error = await sheetsApiSource({
        spreadsheetId: SMALL,
        rootUrl: api.url,
        accessToken: 'x',
        env: {},
        retries: 100,
        random: () => 0.5,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
      })
        .read(['Lieux'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toMatch(
        status === 429 ? /Quota .* \(429\) après \d+ tentatives/ : /erreur 500\) après \d+ tentatives/,
      );
      // Waits of 0.75, 1.5, 3, 6, 12, 24 and 24 s (71.25 s in all): the next would end past 75 s.
      expect(clock).toBe(71_250);
      expect(api.count()).toBe(8);
    }
    api.reset();
  });

  it('names a captive portal or proxy page instead of reading it as an empty workbook', async () => {
    for (const status of [200, 403, 511]) {
      api.reset();
      api.fail({ status, html: 'Portail Wi-Fi — Gare de Limoges' });
      const error = await source(SMALL)
        .read(['Lieux'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toMatch(
        /^Ce n'est pas l'API Google Sheets qui a répondu \(127\.0\.0\.1:\d+\) mais une page web \(« Portail Wi-Fi — Gare de Limoges »\) : sans doute un portail de connexion Wi-Fi, un proxy .*HTTPS_PROXY.*MAILLAGE_API_SHEETS/,
      );
      expect(api.count()).toBe(1);
    }
    api.reset();
  });

  it('says in French what to check when the connection fails in a way it has no word for', async () => {
    api.reset();
    // Node's fetch refuses a 407 (proxy authentication) answer outright: « fetch failed ».
    api.fail({ status: 407, html: 'Proxy : authentification requise' });
    const error = await source(SMALL)
      .read(['Lieux'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /^Lecture du classeur classeur-10-lignes impossible, la connexion à 127\.0\.0\.1:\d+ a échoué \(détail technique : .+\) : vérifiez la connexion Internet, le proxy \(variable HTTPS_PROXY\) et MAILLAGE_API_SHEETS/,
    );
    api.reset();
  });

  it('reports a refused connection without retrying', async () => {
    const gone = await startSheetsApi({ spreadsheets: {} });
    const url = gone.url;
    await gone.close();
    const err = await sourceError(source(SMALL, { rootUrl: url }).read(['Lieux']));
    expect(err.message).toContain(`Connexion refusée par ${new URL(url).host}`);
    expect(err.requests).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('explains how to provide credentials when none are found', async () => {
    const home = mkdtempSync(join(tmp, 'home-'));
    vi.stubEnv('HOME', home);
    vi.stubEnv('CLOUDSDK_CONFIG', join(home, 'gcloud'));
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', '');
    vi.stubEnv('METADATA_SERVER_DETECTION', 'none'); // no probe of the GCE metadata server
    const err = await sourceError(
      sheetsApiSource({ spreadsheetId: SMALL, rootUrl: api.url, env: {}, sleep }).read(['Lieux']),
    );
    expect(api.count()).toBe(0);
    expect(err.requests).toBe(0);
    expect(err.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(err.message).toContain('MAILLAGE_JETON');
    expect(err.message).toContain('gcloud auth application-default login');
    expect(err.exitCode).toBe(1);
  });

  it('says when the key file named by GOOGLE_APPLICATION_CREDENTIALS is missing or not a key', async () => {
    const withKey = (path: string) =>
      sourceError(
        sheetsApiSource({
          spreadsheetId: SMALL,
          rootUrl: api.url,
          env: { GOOGLE_APPLICATION_CREDENTIALS: path },
        }).read(['Lieux']),
      );
    const missing = join(tmp, 'absente.json');
    let err = await withKey(missing);
    expect(err.message).toContain(`GOOGLE_APPLICATION_CREDENTIALS (${missing}) est introuvable`);
    const garbage = join(tmp, 'pas-une-cle.json');
    writeFileSync(garbage, 'pas du JSON');
    err = await withKey(garbage);
    expect(err.message).toContain("n'est pas une clé JSON Google valide");
    expect(err.exitCode).toBe(1);
    // A service account key without its private key: google-auth-library would say, in English,
    // "private_key and client_email are required".
    const incomplete = join(tmp, 'incomplete.json');
    writeFileSync(incomplete, JSON.stringify({ type: 'service_account', project_id: 'maillage-87' }));
    err = await withKey(incomplete);
    expect(err.message).toContain(
      `La clé ${incomplete} indiquée par GOOGLE_APPLICATION_CREDENTIALS est incomplète (il manque client_email, private_key)`,
    );
    expect(err.exitCode).toBe(1);
    // A private key that is not one: refused by the crypto library before any request.
    const broken = join(tmp, 'abimee.json');
    writeFileSync(
      broken,
      JSON.stringify({
        type: 'service_account',
        client_email: SERVICE_ACCOUNT,
        private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
      }),
    );
    err = await withKey(broken);
    expect(err.message).toMatch(
      /^La clé indiquée par GOOGLE_APPLICATION_CREDENTIALS \(.*abimee\.json\) est incomplète ou abîmée/,
    );
    expect(err.exitCode).toBe(1);
    expect(api.count()).toBe(0);
  });

  it('accepts the whole address of the spreadsheet and labels it in French', async () => {
    const src = source(`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`);
    expect(src.label).toBe('classeur Google Sheets 1AbCdEfGhI…');
    const { workbook } = await src.read(['Communes']);
    expect(workbook.Communes).toHaveLength(2);
    expect(spreadsheetIdFrom(`  ${ID} `)).toBe(ID);
    expect(() => sheetsApiSource({ spreadsheetId: ' ' })).toThrow(SourceError);
  });
});
