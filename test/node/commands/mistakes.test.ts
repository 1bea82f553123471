/**
 * User mistakes against the built command line, as a user meets them: each gets one French message
 * on stderr and the exit code the README documents, never a stack trace or a Node warning.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli } from '../publish/run-cli';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'maillage-erreurs-'));
  writeFileSync(join(root, 'fichier.txt'), 'un fichier, pas un dossier');
  writeFileSync(join(root, 'incomplete.json'), JSON.stringify({ type: 'service_account', project_id: 'x' }));
  mkdirSync(join(root, 'vide'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One French message (« Erreur : … », after any progress line), no stack frame, no Node warning, nothing in English from a library. */
function expectFrench(r: CliResult) {
  expect(r.stderr).toMatch(/^Erreur : /m);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stderr).not.toMatch(/Warning|ExperimentalWarning|node:internal|Error:/);
  expect(r.stderr).not.toMatch(/no such file|permission denied|is required|Cannot /i);
}

const DAY = ['--date', '2026-11-28'];

describe('user mistakes at the command line', () => {
  const cases: [string, () => string[], () => Record<string, string>, number, RegExp][] = [
    [
      'indicateurs --sortie into a missing folder',
      () => ['indicateurs', '--sortie', '/nonexistent/x.csv', ...DAY],
      () => ({}),
      1,
      /Impossible d’écrire le fichier \/nonexistent\/x\.csv : le dossier n’existe pas \(ENOENT\)/,
    ],
    [
      'rapport --sortie onto an existing file',
      () => ['rapport', '--trimestre', '2026-T3', '--sortie', join(root, 'fichier.txt'), ...DAY],
      () => ({ MAILLAGE_CHROMIUM: '' }),
      1,
      /Impossible d’écrire dans le dossier .*fichier\.txt : .*--sortie désigne un dossier/,
    ],
    [
      'publier --sortie onto an existing file',
      () => ['publier', '--sortie', join(root, 'fichier.txt'), ...DAY],
      () => ({}),
      1,
      /Impossible d’écrire dans le dossier .*fichier\.txt/,
    ],
    [
      'a Google key file that does not exist',
      () => ['publier', '--classeur', '1AbC', '--sortie', join(root, 'pub'), ...DAY],
      () => ({ GOOGLE_APPLICATION_CREDENTIALS: join(root, 'absente.json') }),
      1,
      /GOOGLE_APPLICATION_CREDENTIALS \(.*absente\.json\) est introuvable/,
    ],
    [
      'a Google key without its private key',
      () => ['verifier', '--classeur', '1AbC', ...DAY],
      () => ({ GOOGLE_APPLICATION_CREDENTIALS: join(root, 'incomplete.json') }),
      1,
      /est incomplète \(il manque client_email, private_key\)/,
    ],
    [
      'a CSV folder that does not exist',
      () => ['publier', '--dossier', join(root, 'absent'), '--sortie', join(root, 'pub'), ...DAY],
      () => ({}),
      2,
      /Le dossier .*absent est introuvable/,
    ],
    ['an unknown option', () => ['publier', '--sortir', 'x'], () => ({}), 1, /option inconnue --sortir/],
  ];
  for (const [name, args, env, code, message] of cases) {
    it(`${name}: exit ${code}, in French`, async () => {
      const r = await runCli(args(), { env: env(), cwd: root });
      expect(r.code, r.stderr).toBe(code);
      expectFrench(r);
      expect(r.stderr).toMatch(message);
    });
  }
});
