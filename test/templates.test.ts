import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultDiagnosticCells } from '../src/core/diagnostic/defaults';
import { headers, TAB_NAMES } from '../src/core/model';
import { ROOT } from './helpers/workbook';

const templates = join(ROOT, 'sheets-templates');

describe('sheets-templates', () => {
  it('holds one CSV per tab whose header row is the model, in both the template and the sample', () => {
    for (const folder of ['modele', 'exemple']) {
      expect(readdirSync(join(templates, folder)).sort()).toEqual(TAB_NAMES.map((t) => `${t}.csv`).sort());
      for (const tab of TAB_NAMES) {
        const rows: string[][] = parse(readFileSync(join(templates, folder, `${tab}.csv`)), { bom: true });
        expect(rows[0], `${folder}/${tab}.csv`).toEqual(headers(tab));
        if (folder === 'modele') {
          // Headers only, but for the default diagnostic kit (what the installer writes).
          const expected =
            tab === 'Diagnostic' ? [headers(tab), ...defaultDiagnosticCells()] : [headers(tab)];
          expect(rows, `${folder}/${tab}.csv`).toEqual(expected);
        }
      }
    }
  });

  it('is exactly what scripts/make-sample.ts generates from the model', () => {
    const out = mkdtempSync(join(tmpdir(), 'maillage-templates-'));
    execFileSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'scripts/make-sample.ts'), '--sortie', out],
      {
        cwd: ROOT,
      },
    );
    for (const folder of ['modele', 'exemple']) {
      for (const tab of TAB_NAMES) {
        const fresh = readFileSync(join(out, folder, `${tab}.csv`), 'utf8');
        const committed = readFileSync(join(templates, folder, `${tab}.csv`), 'utf8');
        expect(fresh, `${folder}/${tab}.csv drifted: run npx tsx scripts/make-sample.ts`).toBe(committed);
      }
    }
  });
});
