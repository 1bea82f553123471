/**
 * Start-up first: `maillage --help` against a bare `node -e 0`.
 * Publication benchmark: workbooks of 1,000, 10,000 and 100,000 places (with bus permanences) as CSV
 * folders, each published by the built command line in a child process; prints rows per second and
 * peak memory (/usr/bin/time -v, else the child's own resourceUsage), the Sheets API requests of one
 * size read from the loopback emulator, and, where ogr2ogr exists, the ratio of our time to its
 * plain conversion of the same places CSV to GeoJSON.
 * Each size is published into a new folder (15 times at 1,000 places, 5 at 10,000, 3 above), then
 * again into the same folder (the cron case: the previous feed is read for the circuit breaker),
 * alternating with ogr2ogr; medians and the highest peak memory are printed.
 * NODE_EXTRA_CA_CERTS: when the environment sets it, Node.js 20 parses that file's certificates at
 * every start, before the first line of any script, and OpenSSL 3 parses them slowly
 * (nodejs/node#40524). This machine sets it to the system's bundle: `node -e 0` takes 58 ms with it,
 * 21 ms without. ogr2ogr does not pay it. The benchmark then also publishes without it
 * (alternating too) and prints both ratios.
 * Run: npm run build && npx tsx bench/publish.ts   (BENCH_SIZES=1000,10000 to choose sizes,
 * BENCH_REPEAT=1 for one run each)
 * Profile: npx tsx bench/publish.ts --generer /tmp/classeur 100000, then
 *   node --cpu-prof dist/node/maillage.js publier --dossier /tmp/classeur --sortie /tmp/sortie --forcer
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isValidSiret } from '../src/core/identifiers';
import { headers, OFFRES, TABS, type TabName } from '../src/core/model';
import { csvField } from '../src/core/publish/standard-csv';
import { VOCABULARIES } from '../src/core/standard';
import { isInsideDepartement } from '../src/core/territory';
import { loadTerritory } from '../src/node/territory';
import { startSheetsApi } from '../test/fakes/sheets-api/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/node/maillage.js');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const API_SIZE = Number(process.env.BENCH_API_SIZE ?? 10_000);
/**
 * Runs per measure (their median is printed): this machine's timings vary from run to run, by
 * more than the difference measured at 1,000 places (a run takes a fifth of a second there).
 */
const REPEAT = process.env.BENCH_REPEAT ? Math.max(1, Number(process.env.BENCH_REPEAT)) : null;
const runsFor = (n: number) => REPEAT ?? (n <= 1000 ? 15 : n <= 10_000 ? 5 : 3);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const territory = loadTerritory('87');

let seed = 87;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function siret(n: number): string {
  const base = `8${String(n).padStart(12, '0')}`;
  for (let d = 0; d < 10; d++) if (isValidSiret(`${base}${d}`)) return `${base}${d}`;
  throw new Error('no siret');
}

/**
 * The hours' own generator (mulberry32): `random` above multiplies past 2^53 and cycles within a
 * few hundred draws, which would make the hours repeat.
 */
let hoursSeed = 87;
function hoursRandom(): number {
  hoursSeed = (hoursSeed + 0x6d2b79f5) | 0;
  let t = Math.imul(hoursSeed ^ (hoursSeed >>> 15), 1 | hoursSeed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const hoursPick = <T>(list: readonly T[]): T => list[Math.floor(hoursRandom() * list.length)]!;

const DAYS = ['Mo-Fr', 'Mo-Sa', 'Tu-Sa', 'Mo,We,Fr', 'Tu,Th', 'We', 'Mo-Th', 'Tu-Fr', 'Mo,Tu,Th,Fr'];
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A quarter of an hour between `from` and `to` (hours). */
const quarter = (from: number, to: number) => from * 60 + 15 * Math.floor(hoursRandom() * (to - from) * 4);

/**
 * Opening hours as partners write them, nearly all different from one another: days, morning and
 * afternoon times by the quarter hour, a Saturday morning, a day off, public holidays.
 */
function hours(): string {
  const morning = `${hhmm(quarter(8, 10))}-${hhmm(quarter(11.5, 12.75))}`;
  const afternoon = `${hhmm(quarter(13.25, 14.5))}-${hhmm(quarter(16.5, 19))}`;
  const rules = [`${hoursPick(DAYS)} ${hoursRandom() < 0.3 ? morning : `${morning},${afternoon}`}`];
  if (hoursRandom() < 0.35) rules.push(`Sa ${hhmm(quarter(9, 10))}-${hhmm(quarter(11.75, 12.5))}`);
  if (hoursRandom() < 0.15) rules.push(`${hoursPick(['Mo', 'We', 'Fr'])} off`);
  if (hoursRandom() < 0.8) rules.push('PH off');
  return rules.join('; ');
}
const SLOTS = [
  ['08:30', '10:00'],
  ['10:15', '11:45'],
  ['13:30', '15:00'],
  ['15:15', '16:45'],
] as const;

function csv(rows: readonly (readonly unknown[])[]): string {
  return `${rows.map((r) => r.map((v) => csvField(v === null || v === undefined ? '' : String(v))).join(',')).join('\r\n')}\r\n`;
}

function row(tab: TabName, record: Record<string, unknown>): unknown[] {
  return TABS[tab].columns.map((c) => record[c.key] ?? '');
}

/** A valid workbook of `n` places, one bus and n/20 permanences (four a day, Tuesday to Friday). */
function generate(dir: string, n: number): { places: number; permanences: number } {
  mkdirSync(dir, { recursive: true });
  const communes = territory.communes.filter((c) => c.point);
  const lieux: unknown[][] = [headers('Lieux')];
  for (let i = 1; i <= n; i++) {
    const c = communes[i % communes.length]!;
    let lon = Number((c.point![0] + (random() - 0.5) * 0.002).toFixed(5));
    let lat = Number((c.point![1] + (random() - 0.5) * 0.002).toFixed(5));
    if (!isInsideDepartement(territory, lon, lat)) [lon, lat] = c.point!;
    const bus = i === n;
    lieux.push(
      row('Lieux', {
        id: `lieu-${i}`,
        pivot: siret(i),
        nom: bus ? 'Bus numérique' : `Lieu de médiation numérique ${i}`,
        commune: c.nom,
        code_postal: c.codesPostaux[0],
        code_insee: c.code,
        // Addresses and summaries differ from row to row, as in a real directory.
        adresse: `${1 + (i % 90)} rue ${i}`,
        latitude: i % 7 === 0 ? '' : lat,
        longitude: i % 7 === 0 ? '' : lon,
        typologie: bus ? 'ENM' : pick(['BIB', 'MSAP', 'CCAS', 'ASSO|ESS', 'EPN']),
        telephone: `05 36 49 ${String(10 + (i % 90))} ${String(10 + ((i * 7) % 90))}`,
        courriels: `contact-${i}@lieu.example`,
        site_web: i % 3 === 0 ? '' : `https://lieu-${i}.example/`,
        horaires: bus ? '' : hours(),
        presentation_resume: `Accompagnement aux démarches en ligne et initiation au numérique (lieu ${i}).`,
        source: 'Réseau départemental',
        itinerance: bus ? 'Itinérant' : 'Fixe',
        structure_parente: bus ? 'Association porteuse du bus' : '',
        date_maj: '2026-10-01',
        services: `${pick(VOCABULARIES.services)}|${pick(VOCABULARIES.services)}`,
        frais_a_charge: pick(VOCABULARIES.frais_a_charge),
        modalites_acces: pick(VOCABULARIES.modalites_acces),
        modalites_accompagnement: pick(VOCABULARIES.modalites_accompagnement),
        referent_courriel: `referent-${i}@prive.example`,
        statut: 'actif',
      }),
    );
  }
  const distinct = new Set(
    lieux.slice(1).map((r) => r[TABS.Lieux.columns.findIndex((c) => c.key === 'horaires')]),
  );
  console.log(`  (${fmt(n)} lieux : ${fmt(distinct.size)} horaires différents)`);
  const permanences: unknown[][] = [headers('Permanences')];
  const count = Math.max(20, Math.floor(n / 20));
  const rural = communes.filter((c) => c.population < 3500);
  let day = Date.UTC(2026, 8, 1);
  for (let i = 1; i <= count; ) {
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 2 && weekday <= 5) {
      for (const [debut, fin] of SLOTS) {
        if (i > count) break;
        const c = rural[i % rural.length]!;
        const date = new Date(day).toISOString().slice(0, 10);
        permanences.push(
          row('Permanences', {
            id: `perm-${i}`,
            date,
            debut,
            fin,
            code_insee: c.code,
            commune: c.nom,
            lieu: 'Place de la Mairie',
            offres: OFFRES.join('|'),
            statut: date < '2026-11-28' ? 'réalisée' : 'prévue',
            personnes_recues: date < '2026-11-28' ? 5 : '',
          }),
        );
        i++;
      }
    }
    day += 86_400_000;
  }
  writeFileSync(join(dir, 'Lieux.csv'), csv(lieux));
  writeFileSync(join(dir, 'Permanences.csv'), csv(permanences));
  writeFileSync(join(dir, 'Relais.csv'), csv([headers('Relais')]));
  for (const tab of ['Indicateurs', 'Communes', 'Journal'] as const)
    writeFileSync(join(dir, `${tab}.csv`), csv([headers(tab)]));
  return { places: n, permanences: count };
}

interface Measure {
  seconds: number;
  maxRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const hasGnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** Runs a command, measuring its wall time and peak resident memory. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measure> {
  const [cmd, argv] = hasGnuTime ? ['/usr/bin/time', ['-v', command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  return new Promise((done) => {
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      done({ seconds, maxRssMb: kb / 1024, code, stdout, stderr });
    });
  });
}

function publishArgs(source: string[], out: string): string[] {
  return [cli, 'publier', ...source, '--sortie', out, '--date', '2026-11-28', '--forcer'];
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The certificates file Node.js 20 parses at every start, when the environment names one. */
const extraCerts = process.env.NODE_EXTRA_CA_CERTS || null;
/** This environment without NODE_EXTRA_CA_CERTS. */
const withoutExtraCerts: NodeJS.ProcessEnv = { ...process.env };
delete withoutExtraCerts.NODE_EXTRA_CA_CERTS;

/**
 * Median wall times over `runs` runs, alternating: `node <cli> --help`, a bare `node -e 0`, and
 * the bare one again without NODE_EXTRA_CA_CERTS when it is set.
 */
function startup(runs = 15): { bare: number; help: number; bareWithoutCerts: number | null } {
  const bare: number[] = [];
  const help: number[] = [];
  const bareWithoutCerts: number[] = [];
  const time = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', env });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} : code ${r.status}`);
    return performance.now() - started;
  };
  for (let k = 0; k < runs; k++) {
    bare.push(time(['-e', '0']));
    help.push(time([cli, '--help']));
    if (extraCerts) bareWithoutCerts.push(time(['-e', '0'], withoutExtraCerts));
  }
  return {
    bare: median(bare),
    help: median(help),
    bareWithoutCerts: extraCerts ? median(bareWithoutCerts) : null,
  };
}

async function main() {
  if (!existsSync(cli)) throw new Error('dist/node/maillage.js manque : lancez « npm run build » d’abord.');
  const start = startup();
  console.log(
    `Démarrage (médiane de 15, en alternance) : « maillage --help » ${fmt(start.help)} ms, node seul (node -e 0) ${fmt(start.bare)} ms, écart ${fmt(start.help - start.bare)} ms (objectif : --help sous 100 ms).`,
  );
  if (start.bareWithoutCerts !== null) {
    console.log(
      `NODE_EXTRA_CA_CERTS=${extraCerts} : Node.js 20 lit ces certificats à chaque démarrage, avant toute ligne du programme ; node seul en prend ${fmt(start.bare)} ms avec, ${fmt(start.bareWithoutCerts)} ms sans (${fmt(start.bare - start.bareWithoutCerts)} ms de plus pour toute commande node ; ogr2ogr ne les lit pas). Les publications sont mesurées avec et sans.`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const ogr = spawnSync('ogr2ogr', ['--version']).status === 0;
  console.log(
    `Publication (node ${process.version}, mémoire mesurée par ${hasGnuTime ? '/usr/bin/time -v' : 'rien : /usr/bin/time absent'})`,
  );
  console.log(
    `Chaque mesure : médiane de ${sizes.map((n) => `${runsFor(n)} à ${fmt(n)}`).join(', ')} exécutions alternées avec ogr2ogr ; « 2e » = republication dans le même dossier (le cas d’un cron : flux précédent relu, disjoncteur).`,
  );
  console.log(
    `${'lieux'.padStart(8)} ${'perm.'.padStart(7)} ${'durée'.padStart(8)} ${'lignes/s'.padStart(10)} ${'mémoire max'.padStart(12)} ${'2e durée'.padStart(9)} ${'2e mémoire'.padStart(11)} ${'geojson'.padStart(9)}${ogr ? `  ${'ogr2ogr'.padStart(8)}  ${'rapport'.padStart(7)}` : ''}${extraCerts ? `  ${'durée sans NODE_EXTRA_CA_CERTS'.padStart(31)}${ogr ? `  ${'rapport'.padStart(7)}` : ''}` : ''}`,
  );
  const ratios: string[] = [];
  const ratiosWithoutCerts: string[] = [];
  try {
    for (const n of sizes) {
      const dir = join(work, `classeur-${n}`);
      const counts = generate(dir, n);
      const fresh: Measure[] = [];
      const again: Measure[] = [];
      const ogrRuns: Measure[] = [];
      const freshWithoutCerts: Measure[] = [];
      let size = 0;
      for (let k = 0; k < runsFor(n); k++) {
        const out = join(work, `public-${n}-${k}`);
        const first = await measure(process.execPath, publishArgs(['--dossier', dir], out));
        if (first.code !== 0) throw new Error(`publier ${n} : code ${first.code}\n${first.stderr}`);
        fresh.push(first);
        size = statSync(join(out, 'lieux.geojson')).size / 1e6;
        const second = await measure(process.execPath, publishArgs(['--dossier', dir], out));
        if (second.code !== 0) throw new Error(`publier ${n} (2e) : code ${second.code}\n${second.stderr}`);
        again.push(second);
        rmSync(out, { recursive: true, force: true });
        if (extraCerts) {
          const run = await measure(
            process.execPath,
            publishArgs(['--dossier', dir], out),
            withoutExtraCerts,
          );
          if (run.code !== 0)
            throw new Error(`publier ${n} (sans certificats) : code ${run.code}\n${run.stderr}`);
          freshWithoutCerts.push(run);
          rmSync(out, { recursive: true, force: true });
        }
        if (ogr) {
          const target = join(work, `ogr-${n}.geojson`);
          rmSync(target, { force: true });
          const o = await measure('ogr2ogr', [
            '-f',
            'GeoJSON',
            target,
            join(dir, 'Lieux.csv'),
            '-oo',
            'X_POSSIBLE_NAMES=Longitude',
            '-oo',
            'Y_POSSIBLE_NAMES=Latitude',
            '-oo',
            'AUTODETECT_TYPE=YES',
          ]);
          if (o.code !== 0) throw new Error(`ogr2ogr : ${o.stderr}`);
          ogrRuns.push(o);
        }
      }
      const rows = counts.places + counts.permanences;
      const seconds = median(fresh.map((m) => m.seconds));
      const peak = Math.max(...fresh.map((m) => m.maxRssMb));
      const peakAgain = Math.max(...again.map((m) => m.maxRssMb));
      let ogrColumns = '';
      const ogrSeconds = ogr ? median(ogrRuns.map((m) => m.seconds)) : Number.NaN;
      if (ogr) {
        ogrColumns = `  ${`${fmt(ogrSeconds, 2)} s`.padStart(8)}  ${fmt(seconds / ogrSeconds, 2).padStart(7)}`;
        ratios.push(`${fmt(counts.places)} lieux : ${fmt(seconds / ogrSeconds, 2)}`);
      }
      if (extraCerts) {
        const secondsWithoutCerts = median(freshWithoutCerts.map((m) => m.seconds));
        ogrColumns += `  ${`${fmt(secondsWithoutCerts, 2)} s`.padStart(31)}`;
        if (ogr) {
          ogrColumns += `  ${fmt(secondsWithoutCerts / ogrSeconds, 2).padStart(7)}`;
          ratiosWithoutCerts.push(
            `${fmt(counts.places)} lieux : ${fmt(secondsWithoutCerts / ogrSeconds, 2)}`,
          );
        }
      }
      console.log(
        `${fmt(counts.places).padStart(8)} ${fmt(counts.permanences).padStart(7)} ${`${fmt(seconds, 2)} s`.padStart(8)} ${fmt(rows / seconds).padStart(10)} ${`${fmt(peak)} Mo`.padStart(12)} ${`${fmt(median(again.map((m) => m.seconds)), 2)} s`.padStart(9)} ${`${fmt(peakAgain)} Mo`.padStart(11)} ${`${fmt(size, 1)} Mo`.padStart(9)}${ogrColumns}`,
      );
    }
    if (ogr) {
      console.log(
        `Rapport publication / ogr2ogr (même fichier Lieux.csv vers GeoJSON, mesurés l’un après l’autre) : ${ratios.join(' ; ')} (objectif : 2 au plus à 1 000 lieux).`,
      );
      if (extraCerts) {
        console.log(
          `Le même rapport sans NODE_EXTRA_CA_CERTS (Node.js ne lit plus de certificats au démarrage ; ogr2ogr n’en lit jamais) : ${ratiosWithoutCerts.join(' ; ')}.`,
        );
      }
    } else {
      console.log(
        'ogr2ogr ABSENT : pas de comparaison avec ogr2ogr (installez-le : apt-get install -y gdal-bin).',
      );
    }

    // Sheets API requests for one size, through the loopback emulator.
    const dir = join(work, `classeur-api-${API_SIZE}`);
    generate(dir, API_SIZE);
    const { parse } = await import('csv-parse/sync');
    const { readFileSync } = await import('node:fs');
    const tabs: Record<string, unknown[][]> = {};
    for (const tab of ['Lieux', 'Permanences', 'Relais', 'Indicateurs', 'Communes', 'Journal']) {
      tabs[tab] = parse(readFileSync(join(dir, `${tab}.csv`))) as unknown[][];
    }
    const api = await startSheetsApi({ spreadsheets: { bench: tabs } });
    try {
      const run = await measure(
        process.execPath,
        publishArgs(['--classeur', 'bench'], join(work, 'public-api')),
        { ...process.env, MAILLAGE_API_SHEETS: api.url, MAILLAGE_JETON: 'bench' },
      );
      if (run.code !== 0) throw new Error(`publier (API) : ${run.stderr}`);
      console.log(
        `API Sheets (émulateur), ${fmt(API_SIZE)} lieux : ${api.count()} requêtes, ${fmt(run.seconds, 2)} s, ${fmt(run.maxRssMb)} Mo au plus.`,
      );
    } finally {
      await api.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// `npx tsx bench/publish.ts --generer <dossier> <lieux>` only writes a workbook (to profile a run by hand).
const at = process.argv.indexOf('--generer');
if (at >= 0) generate(resolve(process.argv[at + 1]!), Number(process.argv[at + 2] ?? 1000));
else await main();
