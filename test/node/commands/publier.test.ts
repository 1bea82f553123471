import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_NAMES, TABS } from '../../../src/core/model';
import type { PlacesFeed } from '../../../src/core/publish/feed-types';
import type { Report } from '../../../src/core/publish/report';
import { main } from '../../../src/node/cli';
import type { Environment } from '../../../src/node/environment';
import { type FakeSheetsApi, startSheetsApi } from '../../fakes/sheets-api/index';
import { frenchExcelCsv } from '../../helpers/spreadsheet';
import { asAppsScript, SAMPLE_DIR, sampleWorkbook } from '../../helpers/workbook';

const NOW = new Date('2026-11-28T09:00:00Z');
const ID = '1MaillageClasseurDeTest87';
const FILES = [
  'diagnostic.json',
  'lieux-carte.json',
  'lieux-de-mediation-numerique.csv',
  'lieux.geojson',
  'permanences.ics',
  'rapport.json',
  'rencontres.ics',
  'rencontres.json',
];

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], env: Record<string, string> = {}, isTTY = false): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const environment: Environment = {
    env,
    cwd: work,
    isTTY,
    now: () => NOW,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  const code = await main(args, environment);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort()
      .map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  );
}

/** The sample as CSV files in a folder of its own (a real source: never shifted). */
function writeFolder(dir: string, raw: Record<string, unknown[][]>) {
  for (const [tab, rows] of Object.entries(raw)) {
    writeFileSync(join(dir, `${tab}.csv`), stringify(rows as string[][]));
  }
}

let work: string;
let api: FakeSheetsApi;
const apiEnv = () => ({ MAILLAGE_API_SHEETS: api.url, MAILLAGE_JETON: 'jeton-de-test' });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'maillage-publier-'));
  cpSync(SAMPLE_DIR, join(work, 'classeur'), { recursive: true });
  // The same workbook as the Sheets API holds it: Date cells (served as serial numbers), numbers
  // where Sheets parses them, ragged rows, a tab in another case and an extra tab with a quoted name.
  const cells = asAppsScript(sampleWorkbook());
  api = await startSheetsApi({
    spreadsheets: {
      [ID]: {
        "Notes d'équipe (été)": [['libre'], ['rien à voir']],
        // Every tab of the model (a new tab needs no line here), Lieux named in lower case.
        ...Object.fromEntries(TAB_NAMES.map((tab) => [tab === 'Lieux' ? 'lieux' : tab, cells[tab]!])),
      },
    },
  });
});

afterAll(async () => {
  await api.close();
  rmSync(work, { recursive: true, force: true });
});

describe('maillage publier', () => {
  it('publishes the bundled sample with zero rejected rows and says so in French', async () => {
    const r = await run(['publier', '--sortie', 'public']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Publié : 61 lieux, \d+ arrêts du bus/);
    expect(r.out).toContain('Aucune ligne rejetée.');
    expect(r.out).toMatch(/Classeur d'exemple/);
    expect(r.err).toBe(''); // not a terminal: no progress lines
    expect(Object.keys(files(join(work, 'public')))).toEqual(FILES);
    const report = JSON.parse(readFileSync(join(work, 'public/rapport.json'), 'utf8')) as Report;
    expect(report.rejets).toEqual([]);
    expect(report.comptes.lieux_publies).toBe(61);
  });

  it('shows upcoming bus permanences on the sample whatever the day, moving it by whole weeks', async () => {
    for (const date of ['2025-03-04', '2031-09-19']) {
      const r = await run(['publier', '--sortie', `public-${date}`, '--date', date]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/décalées de -?\d+ semaines/);
      const feed = JSON.parse(
        readFileSync(join(work, `public-${date}`, 'lieux.geojson'), 'utf8'),
      ) as PlacesFeed;
      const upcoming = feed.features.flatMap((f) => f.properties.permanences ?? []);
      expect(upcoming.length).toBeGreaterThan(50);
      const dates = upcoming.map((p) => p.date).sort();
      expect(dates[0]! >= date).toBe(true);
      const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
      for (const d of dates) expect([2, 3, 4, 5]).toContain(weekday(d)); // the bus runs Tuesday to Friday
      expect(r.out).toContain('Aucune ligne rejetée.');
    }
  });

  it('says which calendars of stops no longer published it removed', async () => {
    expect((await run(['publier', '--sortie', 'public-retrait'])).code).toBe(0);
    const folder = join(work, 'public-retrait', 'permanences');
    const [first] = readdirSync(folder);
    // The calendar of a stop that has since left the bus (written by an earlier publication).
    cpSync(join(folder, first!), join(folder, 'arret-87999.ics'));
    const r = await run(['publier', '--sortie', 'public-retrait']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Retiré, car il n’est plus publié : permanences/arret-87999.ics.');
    expect(readdirSync(folder)).not.toContain('arret-87999.ics');
  });

  it('shows progress on a terminal only', async () => {
    const r = await run(['publier', '--sortie', 'public-tty'], {}, true);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Lecture du dossier/);
    expect(r.err).toMatch(/Écriture de \d+ fichiers/);
  });

  it('gives the same outputs from the Sheets API (2 requests) as from the same workbook in CSV', async () => {
    const fromCsv = await run([
      'publier',
      '--dossier',
      'classeur',
      '--sortie',
      'depuis-csv',
      '--date',
      '2026-11-28',
    ]);
    expect(fromCsv.code, fromCsv.err).toBe(0);
    api.reset();
    const fromApi = await run(
      ['publier', '--classeur', ID, '--sortie', 'depuis-api', '--date', '2026-11-28'],
      apiEnv(),
    );
    expect(fromApi.code, fromApi.err).toBe(0);
    expect(api.count()).toBe(2);
    expect(api.count()).toBeLessThanOrEqual(2);
    const a = files(join(work, 'depuis-csv'));
    const b = files(join(work, 'depuis-api'));
    for (const name of FILES.filter((n) => n !== 'rapport.json')) expect(b[name], name).toBe(a[name]);
    const ra = JSON.parse(a['rapport.json']!) as Report;
    const rb = JSON.parse(b['rapport.json']!) as Report;
    expect(rb.requetes_api_sheets).toBe(2);
    expect({ ...rb, source: '', requetes_api_sheets: 0 }).toEqual({
      ...ra,
      source: '',
      requetes_api_sheets: 0,
    });
    expect(fromApi.out).toContain('Aucune ligne rejetée.');
  });

  it('retries a 429 and succeeds', async () => {
    api.reset();
    api.fail({ status: 429, retryAfter: 0, path: 'values:batchGet' });
    const r = await run(['publier', '--classeur', ID, '--sortie', 'apres-429'], apiEnv());
    expect(r.code, r.err).toBe(0);
    expect(api.count()).toBe(3);
  });

  const failures: [string, Parameters<FakeSheetsApi['fail']>[0], RegExp][] = [
    ['403', { status: 403 }, /n'est pas partagé avec le compte utilisé.*Partager/],
    ['404', { status: 404 }, /Aucun classeur Google Sheets ne porte l'identifiant/],
    [
      '429 without end',
      { status: 429, retryAfter: 0, times: 10 },
      /Quota de l'API Google Sheets dépassé \(429\) après 4 tentatives/,
    ],
    [
      '500 without end',
      { status: 500, retryAfter: 0, times: 10 },
      /indisponible \(erreur 500\) après 4 tentatives/,
    ],
    [
      'captive portal’s page',
      { status: 200, html: 'Connexion au Wi-Fi public' },
      /mais une page web \(« Connexion au Wi-Fi public »\).*HTTPS_PROXY.*MAILLAGE_API_SHEETS/,
    ],
  ];
  for (const [name, fault, message] of failures) {
    it(`answers a ${name} with exit 2 and a French message, publishing nothing`, async () => {
      api.reset();
      api.fail(fault);
      const out = `echec-${name.replace(/\s/g, '-')}`;
      const r = await run(['publier', '--classeur', ID, '--sortie', out], apiEnv());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^Erreur : /);
      expect(r.err).toMatch(message);
      expect(() => readdirSync(join(work, out))).toThrow();
    });
  }

  it('refuses (exit 2) a workbook whose tab or required column is missing, keeping the previous files', async () => {
    const dir = join(work, 'sans-permanences');
    mkdirSync(dir);
    const raw = sampleWorkbook();
    delete raw.Permanences;
    writeFolder(dir, raw);
    const before = await run(['publier', '--dossier', 'classeur', '--sortie', 'garde']);
    expect(before.code).toBe(0);
    const snapshot = files(join(work, 'garde'));
    const r = await run(['publier', '--dossier', 'sans-permanences', '--sortie', 'garde']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Onglet « Permanences » introuvable/);
    expect(r.err).toMatch(/Rien n'a été publié/);
    expect(files(join(work, 'garde'))).toEqual(snapshot);
  });

  it('refuses (exit 3) to drop more than 20 % of the map, naming what vanished, unless --forcer', async () => {
    const first = await run([
      'publier',
      '--dossier',
      'classeur',
      '--sortie',
      'disjoncteur',
      '--date',
      '2026-11-28',
    ]);
    expect(first.code).toBe(0);
    const snapshot = files(join(work, 'disjoncteur'));
    const dir = join(work, 'moitie');
    mkdirSync(dir);
    const raw = sampleWorkbook();
    raw.Lieux = raw.Lieux!.slice(0, 30); // header + 29 rows
    writeFolder(dir, raw);
    const refused = await run([
      'publier',
      '--dossier',
      'moitie',
      '--sortie',
      'disjoncteur',
      '--date',
      '2026-11-28',
    ]);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/^Publication refusée : trop de points disparaîtraient/);
    expect(refused.err).toMatch(/Lieux fixes : 61 → \d+, \d+ disparus \(\d+,\d %\) — plus de 20 %/);
    const lieux = raw.Lieux!; // the names of rows 30+ vanish
    const vanished = sampleWorkbook().Lieux![31]![TABS.Lieux.columns.findIndex((c) => c.key === 'nom')]!;
    expect(lieux.length).toBe(30);
    expect(refused.err).toContain(vanished);
    expect(refused.err).toMatch(/--forcer/);
    expect(files(join(work, 'disjoncteur'))).toEqual(snapshot);
    const forced = await run([
      'publier',
      '--dossier',
      'moitie',
      '--sortie',
      'disjoncteur',
      '--date',
      '2026-11-28',
      '--forcer',
    ]);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/Publié malgré tout \(--forcer\) : lieux fixes 61 → \d+/);
    const feed = JSON.parse(readFileSync(join(work, 'disjoncteur/lieux.geojson'), 'utf8')) as PlacesFeed;
    expect(feed.maillage.lieux).toBeLessThan(30);
  });

  it('refuses (exit 3) a publication of no place, first run or not, with the reasons, unless --forcer', async () => {
    // The Haute-Vienne sample read as Corse-du-Sud: every commune is out of the département.
    const first = await run(['publier', '--departement', '2A', '--sortie', 'vide', '--date', '2026-11-28']);
    expect(first.code).toBe(3);
    expect(first.err).toMatch(
      /^Publication refusée : aucun lieu ne serait publié \(\d+ lignes lues dans l’onglet Lieux, \d+ rejetées/,
    );
    expect(first.err).toMatch(/Raisons les plus fréquentes :\n {2}- \d+ × Lieux, ligne \d+, colonne/);
    expect(first.err).toMatch(/--forcer/);
    expect(() => readdirSync(join(work, 'vide'))).toThrow();
    // Not a first run: yesterday's files stay.
    expect((await run(['publier', '--sortie', 'vide', '--date', '2026-11-28'])).code).toBe(0);
    const snapshot = files(join(work, 'vide'));
    const again = await run(['publier', '--departement', '2A', '--sortie', 'vide', '--date', '2026-11-28']);
    expect(again.code).toBe(3);
    expect(files(join(work, 'vide'))).toEqual(snapshot);
    const forced = await run([
      'publier',
      '--departement',
      '2A',
      '--sortie',
      'vide2',
      '--date',
      '2026-11-28',
      '--forcer',
    ]);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toMatch(/Publié malgré tout \(--forcer\) : aucun lieu\./);
  });

  it('publishes a workbook saved tab by tab by French Excel (semicolons, Windows-1252 or UTF-8 with BOM, CRLF, JJ/MM/AAAA, decimal commas) as the original', async () => {
    const raw = sampleWorkbook();
    const original = join(work, 'original');
    mkdirSync(original);
    writeFolder(original, raw);
    expect((await run(['publier', '--dossier', 'original', '--sortie', 'pub-original'])).code).toBe(0);
    const expected = files(join(work, 'pub-original'));
    for (const kind of ['windows-1252', 'utf-8'] as const) {
      const dir = join(work, `excel-${kind}`);
      mkdirSync(dir);
      for (const [tab, rows] of Object.entries(raw))
        writeFileSync(join(dir, `${tab}.csv`), frenchExcelCsv(rows, kind));
      expect(readFileSync(join(dir, 'Lieux.csv')).includes(Buffer.from(';45,8'))).toBe(true);
      expect(readFileSync(join(dir, 'Permanences.csv')).includes(Buffer.from('/2026;'))).toBe(true);
      const r = await run(['publier', '--dossier', `excel-${kind}`, '--sortie', `pub-${kind}`]);
      expect(r.code, r.err).toBe(0);
      const got = files(join(work, `pub-${kind}`));
      for (const name of ['lieux-de-mediation-numerique.csv', 'lieux.geojson', 'permanences.ics']) {
        expect(got[name], `${kind} ${name}`).toBe(expected[name]);
      }
    }
  });

  it('publishes a place whose closure has passed, and verifier gives the cleaned hours as a hint', async () => {
    const raw = sampleWorkbook();
    const header = raw.Lieux![0]!;
    const at = header.indexOf('Horaires');
    const past = 'Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off';
    raw.Lieux![1]![at] = past;
    const dir = join(work, 'fermeture-passee');
    mkdirSync(dir);
    writeFolder(dir, raw);
    const check = await run(['verifier', '--dossier', 'fermeture-passee', '--date', '2026-12-05']);
    expect(check.out).toContain(
      'Attention — Lieux, ligne 2, colonne « Horaires » : Ces horaires contiennent des dates passées, sans effet désormais. Vous pouvez les retirer : « Mo,We,Fr 09:00-12:00; PH off ».',
    );
    expect(check.out).not.toMatch(/Erreur — Lieux, ligne 2,/);
    const published = await run([
      'publier',
      '--dossier',
      'fermeture-passee',
      '--sortie',
      'fermeture-passee-public',
      '--date',
      '2026-12-05',
    ]);
    expect(published.code, published.err).toBe(0);
    const feed = JSON.parse(
      readFileSync(join(work, 'fermeture-passee-public/lieux.geojson'), 'utf8'),
    ) as PlacesFeed;
    const id = raw.Lieux![1]![header.indexOf(header.find((h) => /^Identifiant/.test(h))!)];
    expect(feed.features.find((f) => f.properties.id === id)?.properties.horaires).toBe(past);
  });

  it('answers usage errors with exit 1 and French help', async () => {
    expect((await run(['publier', '--date', '28/11/2026'])).err).toMatch(/écrivez la date AAAA-MM-JJ/);
    expect((await run(['publier', '--date', '28/11/2026'])).code).toBe(1);
    for (const [date, args] of [
      ['2026-02-30', ['publier']],
      ['2026-13-01', ['publier']],
      ['2026-02-30', ['indicateurs']],
      ['2026-13-01', ['rapport']],
      ['2027-02-29', ['verifier']],
    ] as const) {
      const r = await run([...args, '--date', date]);
      expect(r.code, date).toBe(1);
      expect(r.err).toBe(
        `Erreur : --date « ${date} » n'est pas une date réelle : écrivez la date AAAA-MM-JJ, par exemple 2026-11-28.`,
      );
    }
    const depuis = await run(['indicateurs', '--depuis', '2026-13-01']);
    expect(depuis.code).toBe(1);
    expect(depuis.err.split('\n')).toHaveLength(1);
    expect(depuis.err).toMatch(/n'est pas une date réelle/);
    const trimestre = await run(['rapport', '--trimestre', '2026-T0']);
    expect(trimestre.code).toBe(1);
    expect(trimestre.err.split('\n')).toHaveLength(1);
    expect((await run(['publier', '--date', '2028-02-29', '--sortie', 'bissextile'])).code).toBe(0);
    const unknown = await run(['publier', '--inconnue']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/option inconnue --inconnue/);
    const both = await run(['publier', '--dossier', 'a', '--fichier', 'b.xlsx']);
    expect(both.code).toBe(1);
    const help = await run(['publier', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage : maillage publier/);
    expect(help.out).toMatch(/--forcer/);
  });
});
