import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V8_FLAGS } from '../../../src/node/launcher-env';
import { ROOT, SAMPLE_DIR, writeSampleXlsx } from '../../helpers/workbook';
import { assertBuilt, childEnv, runCli } from '../publish/run-cli';

const DIST = join(ROOT, 'dist', 'node');
const DAY = ['--date', '2026-11-28'];

let root: string;
beforeAll(() => {
  assertBuilt();
  root = mkdtempSync(join(tmpdir(), 'maillage-launcher-'));
  // Copies of dist/node made below find the packages as it does, in a node_modules above them.
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the launcher (dist/node/maillage.js) and its code cache', () => {
  it('has a code cache that this Node.js accepts under the launcher’s V8 flags, and only under them', () => {
    // What the launcher does: V8 refuses a cache made by another V8, other flags or another source.
    // Checked in a child Node.js given the flags on its command line (the same as the launcher's
    // setFlagsFromString): the cache was made under them, so the launcher set them before compiling.
    const accepted = (flags: readonly string[]) => {
      const check = `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');
        const script = new Script(require('node:module').wrap(readFileSync(process.argv[1], 'utf8')),
          { filename: process.argv[1], cachedData: readFileSync(process.argv[2]) });
        process.stdout.write(String(!script.cachedDataRejected));`;
      const run = spawnSync(
        process.execPath,
        [...flags, '-e', check, join(DIST, 'cli.js'), join(DIST, 'cli.cache')],
        { encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      return run.stdout;
    };
    expect(V8_FLAGS.length).toBeGreaterThan(0);
    expect(accepted(V8_FLAGS)).toBe('true');
    expect(accepted([])).toBe('false');
  });

  it('loads the built-ins every command uses before it sets V8’s flags (their code cache is refused after)', async () => {
    // A hook loaded before the launcher notes which built-in modules Node.js loads after the first
    // setFlagsFromString call, until the publication ends (stdout and stderr are pipes here).
    const hook = join(root, 'after-flags.cjs');
    writeFileSync(
      hook,
      `const v8 = require('node:v8');
      const set = v8.setFlagsFromString;
      let before = null;
      v8.setFlagsFromString = (flag) => { before ??= process.moduleLoadList.length; return set(flag); };
      process.on('exit', () => require('node:fs').writeSync(2,
        '\\nAPRES ' + JSON.stringify(before === null ? null : process.moduleLoadList.slice(before))));`,
    );
    const run = await runCli(['publier', '--dossier', SAMPLE_DIR, '--sortie', join(root, 'apres'), ...DAY], {
      env: { NODE_OPTIONS: `--require "${hook}"` },
    });
    expect(run.code, run.stderr).toBe(0);
    const after = JSON.parse(/APRES (.*)$/.exec(run.stderr)?.[1] ?? 'null') as string[] | null;
    expect(after, 'the launcher sets V8_FLAGS').not.toBeNull();
    for (const common of [
      'NativeModule fs/promises',
      'NativeModule internal/util/parse_args/parse_args',
      'NativeModule net',
      'NativeModule internal/streams/writable',
    ]) {
      expect(after).not.toContain(common);
    }
  });

  it('publishes the same files with a foreign cache, with none, and with its own', () => {
    // A copy of dist/node whose cache is garbage (another Node.js would be refused the same way).
    const copies = { own: DIST, foreign: join(root, 'etranger'), none: join(root, 'aucun') };
    for (const folder of [copies.foreign, copies.none]) cpSync(DIST, folder, { recursive: true });
    writeFileSync(join(copies.foreign, 'cli.cache'), Buffer.alloc(4096, 7));
    rmSync(join(copies.none, 'cli.cache'));
    const outputs: Record<string, string> = {};
    for (const [name, folder] of Object.entries(copies)) {
      const out = join(root, `public-${name}`);
      const run = spawnSync(
        process.execPath,
        [join(folder, 'maillage.js'), 'publier', '--dossier', SAMPLE_DIR, '--sortie', out, ...DAY],
        { env: childEnv(), encoding: 'utf8', cwd: ROOT },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      outputs[name] = readFileSync(join(out, 'lieux-de-mediation-numerique.csv'), 'utf8');
    }
    expect(outputs.foreign).toBe(outputs.own);
    expect(outputs.none).toBe(outputs.own);
  });

  it('never runs the cache of a cli.js edited after the build (V8 alone would, at the same length)', () => {
    const folder = join(root, 'edite');
    cpSync(DIST, folder, { recursive: true });
    const cli = join(folder, 'cli.js');
    // A same-length edit of a message of the publication the cache was made from.
    const source = readFileSync(cli, 'utf8');
    expect(source).toContain('Fichiers \\xE9crits dans');
    writeFileSync(cli, source.replace('Fichiers \\xE9crits dans', 'FICHIERS \\xE9crits dans'));
    const publish = () =>
      spawnSync(
        process.execPath,
        [
          join(folder, 'maillage.js'),
          'publier',
          '--dossier',
          SAMPLE_DIR,
          '--sortie',
          join(root, 'edite-out'),
          ...DAY,
        ],
        { env: childEnv(), encoding: 'utf8', cwd: ROOT },
      ).stdout;
    // Fixed times (never the machine's clock): the build at T, its cache a minute later.
    const T = Date.parse('2026-12-01T09:00:00Z') / 1000;
    const cache = join(folder, 'cli.cache');
    utimesSync(cli, T, T);
    utimesSync(cache, T + 60, T + 60);
    // The cache newer than the edited file (as if made after it): V8 takes it, runs the old bytecode.
    expect(publish()).toContain('Fichiers écrits dans');
    // The edit after the build: the launcher does not offer the cache.
    utimesSync(cli, T + 120, T + 120);
    expect(publish()).toContain('FICHIERS écrits dans');
  });

  it('loads the .xlsx reader on first use, from the bundle', async () => {
    const path = join(root, 'classeur.xlsx');
    await writeSampleXlsx(path);
    const run = await runCli(['verifier', '--fichier', path, ...DAY]);
    expect(run.stderr).not.toMatch(/inattendue|TypeError/);
    expect(run.stdout).toMatch(/Lieux : \d+ lignes/);
  });

  it('loads the Google client on first use, from the bundle (its French refusal of a bad key)', async () => {
    const key = join(root, 'incomplete.json');
    writeFileSync(key, '{"type":"service_account"}');
    const run = await runCli(['verifier', '--classeur', '1AbC', ...DAY], {
      env: { GOOGLE_APPLICATION_CREDENTIALS: key },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/est incomplète \(il manque client_email, private_key\)/);
  });
});
