/**
 * Benchmark of the Apps Script bundle: its size, the share of the `opening_hours` library in it, and
 * how long a bare V8 context takes to compile and run it (what Apps Script pays on every execution
 * before a handler runs: a menu click, an edit, a trigger); the library as published beside the
 * lighter build the bundle carries (scripts/opening-hours-lean.ts), for the before and after.
 *
 *   npx tsx bench/apps-script.ts [--essais 15]
 *
 * Needs the built bundle (npm run build). Figures are printed in French.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { leanOpeningHours } from '../scripts/opening-hours-lean';
import { openingHoursState } from '../src/core/calendar/regions';
import { departementSetting } from '../src/node/territory';

const ROOT = join(import.meta.dirname, '..');
const CODE = join(ROOT, 'dist/gas/Code.js');
const argRuns = process.argv.indexOf('--essais');
/** The bundle's size when issue #15 was filed (1.16 MB). */
const ISSUE_SIZE = 1.16 * 1024 * 1024;
const RUNS = argRuns > 0 ? Math.max(3, Number(process.argv[argRuns + 1]) || 15) : 15;

function ko(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (!existsSync(CODE)) {
  console.error('dist/gas/Code.js manquant : lancez d’abord npm run build.');
  process.exit(1);
}
const code = readFileSync(CODE, 'utf8');
const size = Buffer.byteLength(code);

/** The library alone in one script, as published or as the Apps Script bundle carries it. */
async function library(plugins: Plugin[]): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import OpeningHours from 'opening_hours'; globalThis.OH = OpeningHours;",
      resolveDir: ROOT,
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}
const published = await library([]);
// As the bundle carries it: for the département it is built for (MAILLAGE_DEPARTEMENT, 87 by default).
const lean = await library([leanOpeningHours({ state: openingHoursState(departementSetting(process.env)) })]);

/** Median and first time to compile and run a script in a fresh bare V8 context. */
function load(source: string, filename: string): { median: number; first: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    new vm.Script(source, { filename }).runInContext(vm.createContext({}));
    times.push(performance.now() - start);
  }
  return { median: median(times), first: times[0] ?? 0 };
}

const bundle = load(code, 'Code.js');
const before = load(published, 'opening_hours.js');
const after = load(lean, 'opening_hours-lean.js');
const ms = (t: { median: number; first: number }) =>
  `médiane ${t.median.toFixed(0)} ms, premier ${t.first.toFixed(0)} ms`;

console.log(
  `Paquet Apps Script (dist/gas/Code.js) : ${ko(size)}, ${Math.round((100 * size) / ISSUE_SIZE)} % des ${ko(ISSUE_SIZE)} de l’issue #15 (objectif : 50 % au plus)`,
);
console.log(
  `  dont la bibliothèque opening_hours : ${ko(Buffer.byteLength(lean))} (${Math.round((100 * Buffer.byteLength(lean)) / size)} %), publiée elle pèse ${ko(Buffer.byteLength(published))} (scripts/opening-hours-lean.ts)`,
);
console.log(`Chargement dans un contexte V8 nu (compilation et exécution, ${RUNS} essais) :`);
console.log(`  paquet entier : ${ms(bundle)}`);
console.log(`  opening_hours seule, publiée : ${ms(before)} ; telle qu’embarquée : ${ms(after)}`);
