import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../publish/run-cli';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'maillage-built-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the built command line', () => {
  it('waits for the scan of a large previous feed (a worker thread) before deciding', async () => {
    // 40,000 features of 1 KB: the scan outlasts reading the sample workbook.
    const out = join(root, 'public');
    mkdirSync(out);
    const padding = 'x'.repeat(1000);
    const lines = Array.from(
      { length: 40_000 },
      (_, i) =>
        `{"type":"Feature","id":"ancien-${i}","geometry":{"type":"Point","coordinates":[1.2,45.8]},"properties":{"nom":"Ancien lieu ${i}","note":"${padding}"}}`,
    );
    writeFileSync(
      join(out, 'lieux.geojson'),
      `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`,
    );
    const refused = await runCli(['publier', '--sortie', out, '--date', '2026-11-28']);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toMatch(/Lieux fixes : 40000 → \d+, 40000 disparus \(100,0 %\)/);
    expect(refused.stderr).toContain('Ancien lieu 0 (ancien-0)');
    const forced = await runCli(['publier', '--sortie', out, '--date', '2026-11-28', '--forcer']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(
      /Publié malgré tout \(--forcer\) : lieux fixes 40000 → \d+ \(40000 disparus\)/,
    );
    expect(readFileSync(join(out, 'lieux.geojson'), 'utf8')).not.toContain('ancien-0');
  }, 60_000);
});
