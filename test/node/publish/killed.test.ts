import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_ENV } from '../../../src/node/commands/publier';
import { collect, runCli, startCli } from './run-cli';

/** Every file of a folder (recursively), as bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out.set(path.slice(dir.length + 1), readFileSync(path));
    }
  }
  return out;
}

/** `out` is the published folder; its lock and temporary folders live beside it, in `parent`. */
let parent: string;
let out: string;
beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'maillage-killed-'));
  out = join(parent, 'public');
  const first = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
  expect(first.code, first.stderr).toBe(0);
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Starts a publication of another day that pauses after each step, and kills it at `line`. */
async function killAt(pattern: RegExp) {
  const child = startCli(['publier', '--sortie', out, '--date', '2027-02-10'], {
    env: { [PAUSE_ENV]: '400' },
  });
  const done = collect(child);
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString('utf8');
      if (pattern.test(seen)) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('close', () => reject(new Error(`never reached ${pattern}: ${seen}`)));
  });
  const result = await done;
  expect(result.signal).toBe('SIGKILL');
}

describe('a publication killed mid-way', () => {
  it('while writing: leaves the previous outputs byte-identical', async () => {
    const before = snapshot(out);
    expect([...before.keys()]).toEqual(
      expect.arrayContaining([
        'lieux-de-mediation-numerique.csv',
        'lieux.geojson',
        'permanences.ics',
        'rapport.json',
      ]),
    );
    await killAt(/\[test\] écrit permanences\.ics/);
    const after = snapshot(out);
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
    // The killed run's temporary folder and lock are beside the folder, nothing inside it (a web
    // server or an rsync of the folder never sees them); the next run cleans them up.
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual([
      expect.stringMatching(/^\.public\.maillage-tmp-\d+-\d+$/),
      '.public.maillage.lock',
      'public',
    ]);
    const next = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(parent)).toEqual(['public']);
  });

  it('while swapping: every file stays whole, and the next run finishes the swap', async () => {
    const before = snapshot(out);
    await killAt(/\[test\] remplacé permanences\.ics/);
    const after = snapshot(out);
    // Each file is either its old version or a complete new one.
    expect(
      after.get('lieux-de-mediation-numerique.csv')!.equals(before.get('lieux-de-mediation-numerique.csv')!),
    ).toBe(false);
    expect(after.get('lieux.geojson')!.equals(before.get('lieux.geojson')!)).toBe(true);
    expect(() => JSON.parse(after.get('lieux.geojson')!.toString())).not.toThrow();
    expect(after.get('permanences.ics')!.toString().endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    const next = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(parent)).toEqual(['public']);
  });
});
