/**
 * Builds everything from src/:
 * - dist/gas/ and dist/gas-partenaires/: the two Apps Script projects bound to the workbook (the
 *   coordination's, from src/gas/main.ts; the partners' form, from src/gas/partenaires.ts): each one
 *   Code.js (no import/export, one real top-level function per global of the registry, ES2019), its
 *   appsscript.json and the HTML of its dialogs and sidebars;
 * - dist/node/: the command line (maillage.js runs cli.js with the code cache cli.cache);
 * - dist/web/<page>/: the published pages (the embeddable map in dist/web/carte/).
 * The département embedded in the Apps Script bundle: departementSetting (MAILLAGE_DEPARTEMENT).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { openingHoursState } from '../src/core/calendar/regions';
import { WRITE_CACHE_ENV } from '../src/node/launcher-env';
import {
  BUILT_TERRITORIES,
  departementCodes,
  departementSetting,
  territoryData,
} from '../src/node/territory';
import { leanOpeningHours } from './opening-hours-lean';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const departement = departementSetting(process.env);
const quiet = process.argv.includes('--quiet');

function log(message: string) {
  if (!quiet) console.log(message);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} Ko`;
}

/** `import data from 'virtual:territory'` gives the serialisable territory of one département. */
function territoryPlugin(code: string): Plugin {
  return {
    name: 'territory',
    setup(b) {
      b.onResolve({ filter: /^virtual:territory$/ }, () => ({ path: 'territory', namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
        contents: JSON.stringify(territoryData(code)),
        loader: 'json',
      }));
    },
  };
}

/**
 * The two Apps Script projects bound to the workbook (src/gas/menu/registry.ts, PROJECTS): their
 * entry, their output folder (clasp's rootDir) and their manifest.
 */
const GAS_PROJECTS = [
  { entry: 'src/gas/main.ts', out: 'gas', manifest: 'appsscript/appsscript.json' },
  {
    entry: 'src/gas/partenaires.ts',
    out: 'gas-partenaires',
    manifest: 'appsscript/partenaires/appsscript.json',
  },
] as const;

async function buildGas(project: (typeof GAS_PROJECTS)[number]) {
  const entry = join(root, project.entry);
  const common = {
    entryPoints: [entry],
    bundle: true,
    write: false,
    target: 'es2019',
    // The opening-hours library without what Maillage's calls never reach (scripts/opening-hours-lean.ts).
    plugins: [territoryPlugin(departement), leanOpeningHours({ state: openingHoursState(departement) })],
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  // Whitespace and syntax minified, names kept: Apps Script's error stacks stay readable.
  const iife = await build({
    ...common,
    format: 'iife',
    globalName: '__maillage',
    minifySyntax: true,
    minifyWhitespace: true,
  });
  const body = iife.outputFiles?.[0]?.text ?? '';
  // The names come from the menu registry (src/gas/menu/registry.ts): the bundle is loaded once, bare.
  const sandbox: {
    __maillage?: {
      globals?: Record<string, unknown>;
      catalogue?: { menu: ({ dialog: string | null } | null)[] };
    };
  } = {};
  vm.runInNewContext(body, sandbox);
  const names = Object.keys(sandbox.__maillage?.globals ?? {});
  if (names.length === 0) throw new Error(`${project.entry} exports no globals.`);
  const globals = names
    .map((name) => `function ${name}() { return __maillage.globals.${name}.apply(this, arguments); }`)
    .join('\n');
  const code = `${body}\n// Apps Script sees only top-level functions: one per entry of the menu registry's globals.\n${globals}\n`;
  const out = join(dist, project.out);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'Code.js'), code);
  await cp(join(root, project.manifest), join(out, 'appsscript.json'));
  // The HTML of the dialogs and sidebars this project's actions show, and no other.
  const dialogs = new Set(
    (sandbox.__maillage?.catalogue?.menu ?? []).flatMap((a) => (a?.dialog ? [a.dialog] : [])),
  );
  for (const dialog of dialogs)
    await cp(join(root, 'appsscript', `${dialog}.html`), join(out, `${dialog}.html`));
  log(
    `Apps Script : dist/${project.out}/Code.js, ${kb(code.length)} (département ${departement}, ${names.length} fonctions globales, ${dialogs.size} boîte${dialogs.size > 1 ? 's' : ''} de dialogue)`,
  );
}

async function buildNode() {
  const folder = join(dist, 'node');
  await rm(folder, { recursive: true, force: true });
  // CommonJS (dist/node/package.json says so): the launcher runs cli.js with V8's code cache, which
  // Node.js 20 offers for scripts only (src/node/launcher.ts). `import.meta.url` is the file's URL.
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    packages: 'external' as const,
    logLevel: 'warning' as const,
    define: { 'import.meta.url': '__maillage_url' },
    banner: { js: 'var __maillage_url = require("node:url").pathToFileURL(__filename).href;' },
  };
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  await Promise.all([
    // The executable: a few lines that run cli.js with the code cache.
    build({
      ...common,
      entryPoints: [join(root, 'src/node/launcher.ts')],
      outfile: join(folder, 'maillage.js'),
      banner: { js: '#!/usr/bin/env node' },
    }),
    // Every command in one file: each command's modules are evaluated when it runs (esbuild keeps
    // the lazy `import()` of src/node/commands/index.ts), so the general help evaluates none.
    build({
      ...common,
      entryPoints: [join(root, 'src/node/bin.ts')],
      // The opening-hours library is loaded on first use only (src/node/opening-hours-lazy.ts).
      alias: { opening_hours: join(root, 'src/node/opening-hours-lazy.ts') },
      // A package loaded on first use (the Google client, the .xlsx reader) is required then: V8
      // forgets how to import() from code read out of a code cache.
      supported: { 'dynamic-import': false },
      outfile: join(folder, 'cli.js'),
    }),
    // The thread that parses large CSV tabs (src/node/sources/csv-worker.ts), next to the command line.
    build({
      ...common,
      entryPoints: [join(root, 'src/node/sources/csv-worker-main.ts')],
      outfile: join(folder, 'csv-worker.js'),
    }),
    // The thread that scans the previous feed (src/node/publish/previous-feed.ts).
    build({
      ...common,
      entryPoints: [join(root, 'src/node/publish/previous-feed-main.ts')],
      outfile: join(folder, 'previous-feed.js'),
    }),
  ]);
  await chmod(join(folder, 'maillage.js'), 0o755);
  // Every département's territory, computed once here instead of at every start (see territory.ts).
  const territories = join(folder, BUILT_TERRITORIES);
  await rm(territories, { recursive: true, force: true });
  await mkdir(territories, { recursive: true });
  const codes = departementCodes();
  for (const code of codes) {
    await writeFile(join(territories, `${code}.json`), JSON.stringify(territoryData(code)));
  }
  log(
    `Ligne de commande : dist/node/maillage.js et cli.js, ${kb((await stat(join(folder, 'cli.js'))).size)} (+ ${codes.length} territoires)`,
  );
}

/**
 * dist/node/cli.cache: the bytecode V8 compiled while publishing the sample workbook (after
 * everything is built, so that the run is the real one), loaded by every later run. Whatever the
 * builder's environment names (a Google workbook, a key), the run reads the bundled sample. Without
 * the cache the command line works as well, a little slower: a failure is said, not fatal.
 */
async function writeCodeCache() {
  const out = await mkdtemp(join(tmpdir(), 'maillage-cache-'));
  try {
    const cache = join(dist, 'node', 'cli.cache');
    const env: Record<string, string> = { [WRITE_CACHE_ENV]: cache };
    for (const [key, value] of Object.entries(process.env)) {
      const source = key.startsWith('MAILLAGE_') && key !== 'MAILLAGE_DEPARTEMENT';
      if (value !== undefined && !source && key !== 'GOOGLE_APPLICATION_CREDENTIALS') env[key] = value;
    }
    const run = spawnSync(
      process.execPath,
      [join(dist, 'node', 'maillage.js'), 'publier', '--sortie', join(out, 'public'), '--forcer'],
      { env, encoding: 'utf8' },
    );
    if (run.status !== 0 || !existsSync(cache)) {
      console.warn(
        `Cache de code non écrit (la publication de l’exemple a échoué, code ${run.status}) : la ligne de commande fonctionne sans, un peu plus lentement.\n${run.stderr}`,
      );
      return;
    }
    log(`Cache de code : dist/node/cli.cache, ${kb((await stat(cache)).size)}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * The published pages: one folder each in src/web/ (src/web/common/ is the kit they share), built
 * into dist/web/<page>/ with its `public/` files. A page's own CSS is written scoped to its element;
 * every other stylesheet it imports (Leaflet's, src/web/common/) is wrapped in the page's selector
 * here, so that a site embedding the page keeps its own styles (see scopeCss).
 */
interface WebPage {
  /** Folder under src/web/ and dist/web/. */
  name: string;
  /** The element every rule of the page's CSS is scoped to. */
  scope: string;
  /** Entry files (in the page's folder) and the name of what each builds. */
  entries: {
    file: string;
    name: string;
    /** Modules injected where bundled code uses a global (src/web/carte/leaflet.ts). */
    inject?: string[];
  }[];
}

const WEB_PAGES: WebPage[] = [
  {
    name: 'carte',
    scope: 'maillage-carte',
    entries: [
      // carte.js + carte.css: the page, Leaflet and leaflet.markercluster. The plugin uses the
      // global `L`: inject the bundle's own Leaflet instead, so that no window.L is needed or
      // overwritten.
      { file: 'main.ts', name: 'carte', inject: ['leaflet.ts'] },
      // horaires-osm.js: the opening_hours library (about 220 kB), loaded only for unusual `horaires`.
      { file: 'horaires-osm.ts', name: 'horaires-osm' },
    ],
  },
  {
    name: 'diagnostic',
    scope: 'maillage-diagnostic',
    // diagnostic.js + diagnostic.css: the questions, the result, the printable sheets.
    entries: [{ file: 'main.ts', name: 'diagnostic' }],
  },
  {
    name: 'agenda',
    scope: 'maillage-agenda',
    // agenda.js + agenda.css: the network's public meetings and the calendar to subscribe to.
    entries: [{ file: 'main.ts', name: 'agenda' }],
  },
];

/**
 * Wraps every stylesheet that is not the page's own in `scope { ... }`; esbuild lowers the nesting
 * for the browsers targeted (`scope .leaflet-pane`). Rules that cannot be nested (@font-face,
 * @keyframes, @page, @import) are refused: a page must not style its host.
 */
function scopeCss(scope: string, ownFolder: string): Plugin {
  return {
    name: 'scope-css',
    setup(b) {
      b.onLoad({ filter: /\.css$/ }, async (args) => {
        if (args.path.startsWith(`${ownFolder}/`)) return undefined;
        const css = await readFile(args.path, 'utf8');
        const global = /@(font-face|keyframes|page|import)\b/.exec(css);
        if (global) throw new Error(`${args.path}: @${global[1]} ne peut pas être limité à ${scope}`);
        return { contents: `${scope} {\n${css}\n}\n`, loader: 'css' };
      });
    },
  };
}

/** Browsers the pages support (about ES2019): CSS nesting is lowered for them. */
const WEB_TARGET = ['es2019', 'chrome80', 'firefox80', 'safari15'];

async function buildWebPage(page: WebPage) {
  const folder = join(root, 'src/web', page.name);
  const out = join(dist, 'web', page.name);
  await rm(out, { recursive: true, force: true });
  const common = {
    bundle: true,
    format: 'iife' as const,
    target: WEB_TARGET,
    minify: true,
    outdir: out,
    legalComments: 'eof' as const,
    logLevel: 'warning' as const,
    loader: { '.png': 'dataurl', '.svg': 'dataurl' } as const,
    // horaires-osm.js carries opening_hours as the Apps Script bundle does (scripts/opening-hours-lean.ts).
    plugins: [scopeCss(page.scope, folder), leanOpeningHours()],
  };
  await Promise.all(
    page.entries.map((entry) =>
      build({
        ...common,
        entryPoints: [join(folder, entry.file)],
        entryNames: entry.name,
        inject: (entry.inject ?? []).map((file) => join(folder, file)),
      }),
    ),
  );
  // The shared public files (src/web/common/public/) first, then the page's own.
  for (const assets of [join(root, 'src/web/common/public'), join(folder, 'public')]) {
    if (existsSync(assets)) await cp(assets, out, { recursive: true });
  }
  const files = await readdir(out);
  const sizes = await Promise.all(files.map(async (f) => `${f} ${kb((await stat(join(out, f))).size)}`));
  log(`Page ${page.name} : dist/web/${page.name}/ (${sizes.join(', ')})`);
}

async function buildWeb() {
  await rm(join(dist, 'web'), { recursive: true, force: true });
  await Promise.all(WEB_PAGES.map(buildWebPage));
}

await Promise.all([...GAS_PROJECTS.map(buildGas), buildNode(), buildWeb()]);
await writeCodeCache();
