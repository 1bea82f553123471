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

let out: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'maillage-killed-'));
  const first = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
  expect(first.code, first.stderr).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

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
    // Only the killed run's temporary folder and lock are left; the next run cleans them up.
    const next = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
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
    const next = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
