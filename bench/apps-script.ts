/**
 * Benchmark of the Apps Script bundle: its size, the share of the `opening_hours` library in it, and
 * how long a bare V8 context takes to compile and run it (what Apps Script pays on every execution
 * before a handler runs: a menu click, an edit, a trigger).
 *
 *   npx tsx bench/apps-script.ts [--essais 15]
 *
 * Needs the built bundle (npm run build). Figures are printed in French.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const CODE = join(ROOT, 'dist/gas/Code.js');
const argRuns = process.argv.indexOf('--essais');
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

// The library alone, bundled and minified as the Apps Script bundle is.
const library = await build({
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
});
const librarySize = Buffer.byteLength(library.outputFiles[0]?.text ?? '');

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const script = new vm.Script(code, { filename: 'Code.js' });
  script.runInContext(vm.createContext({}));
  times.push(performance.now() - start);
}

console.log(`Paquet Apps Script (dist/gas/Code.js) : ${ko(size)}`);
console.log(
  `  dont la bibliothèque opening_hours : ${ko(librarySize)} (${Math.round((100 * librarySize) / size)} %)`,
);
console.log(
  `Chargement dans un contexte V8 nu (compilation et exécution, ${RUNS} essais) : médiane ${median(times).toFixed(0)} ms, premier ${times[0]?.toFixed(0)} ms`,
);
