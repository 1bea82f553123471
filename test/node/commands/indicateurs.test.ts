import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorData, indicatorRow, indicatorSeries } from '../../../src/core/indicators';
import { headers, TABS } from '../../../src/core/model';
import { readWorkbook } from '../../../src/core/workbook';
import { indicateurs, indicatorsCsv } from '../../../src/node/commands/indicateurs';
import { type Environment, UsageError } from '../../../src/node/environment';
import { loadTerritory } from '../../../src/node/territory';
import { formulaCell, spreadsheetCells } from '../../helpers/spreadsheet';
import { sampleWorkbook } from '../../helpers/workbook';

let dir: string;

function environment() {
  const out: string[] = [];
  const err: string[] = [];
  const e: Environment = {
    env: {},
    cwd: dir,
    isTTY: false,
    now: () => new Date('2026-11-28T09:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return { e, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-indicateurs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = '2026-11-28';
const sample = indicatorData(
  readWorkbook(sampleWorkbook(), { territory: loadTerritory('87'), today }).tables,
);

describe('maillage indicateurs', () => {
  it('prints a French table, one line per month of the sample', async () => {
    const { e, out } = environment();
    expect(await indicateurs.run(['--periode', 'mois'], e)).toBe(0);
    const months = indicatorSeries(sample, 'mois', { today });
    expect(months.map((m) => m.period.key)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    const table = out[0]!.split('\n');
    expect(table[0]).toMatch(/^Période\s+Communes\s+Perm\. réalisées/);
    expect(table).toHaveLength(2 + months.length);
    const november = table.at(-1)!;
    const nov = months.at(-1)!;
    expect(november.startsWith('2026-11')).toBe(true);
    expect(november).toContain(` ${nov.permanences.realisees} `);
    expect(november).toMatch(/\d+\u00a0% \(\d+\)/);
    expect(out[1]).toBe('Données au 2026-11-28. Satisfaction : taux (nombre de réponses).');
  });

  it('writes a CSV with the Indicateurs headers, one row per ISO week', async () => {
    const { e, out } = environment();
    expect(await indicateurs.run(['--sortie', 'semaines.csv'], e)).toBe(0);
    const rows = parse(readFileSync(join(dir, 'semaines.csv'))) as string[][];
    expect(rows[0]).toEqual(headers('Indicateurs'));
    const weeks = indicatorSeries(sample, 'semaine', { today });
    expect(rows.slice(1).map((r) => r[0])).toEqual(weeks.map((w) => w.period.key));
    expect(rows.at(-1)![0]).toBe('2026-W48');
    const col = (name: string) => headers('Indicateurs').indexOf(name);
    expect(rows.slice(1).map((r) => Number(r[col('Personnes reçues')]))).toEqual(
      weeks.map((w) => w.personnesRecues),
    );
    expect(out[0]).toBe(`${weeks.length} périodes écrites dans ${join(dir, 'semaines.csv')}.`);
  });

  it('writes JSON by quarter, from a given day', async () => {
    const { e } = environment();
    expect(
      await indicateurs.run(['--periode', 'trimestre', '--depuis', '2025-10-01', '--sortie', 't.json'], e),
    ).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'));
    expect(json.periode).toBe('trimestre');
    expect(json.donnees_au).toBe(today);
    expect(json.lignes.map((l: { periode: string }) => l.periode)).toEqual([
      '2025-T4',
      '2026-T1',
      '2026-T2',
      '2026-T3',
      '2026-T4',
    ]);
    expect(json.lignes[0].taux_satisfaction).toBeNull();
  });

  it('refuses unknown periods, dates and file types (usage errors in French)', async () => {
    const { e } = environment();
    await expect(indicateurs.run(['--periode', 'annee'], e)).rejects.toThrow(/semaine, mois ou trimestre/);
    await expect(indicateurs.run(['--depuis', '2026-02-30'], e)).rejects.toThrow(/AAAA-MM-JJ/);
    await expect(indicateurs.run(['--sortie', 'x.xlsx'], e)).rejects.toThrow(/\.csv ou \.json/);
  });

  it('says in French, as a usage error, that the folder of --sortie does not exist', async () => {
    const { e } = environment();
    const refusal = indicateurs.run(['--sortie', '/nonexistent/x.csv'], e);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(
      'Impossible d’écrire le fichier /nonexistent/x.csv : le dossier n’existe pas (ENOENT).',
    );
  });

  it('writes no text cell a spreadsheet would run as a formula', () => {
    const row = indicatorRow(indicatorSeries(sample, 'mois', { today })[0]!);
    const csv = indicatorsCsv([
      { ...row, periode: '=HYPERLINK("http://evil","x")' },
      { ...row, periode: 'a;@SUM(1)' },
    ]);
    expect(spreadsheetCells(csv).filter(formulaCell)).toEqual([]);
    const rows = parse(csv) as string[][];
    expect(rows[1]![0]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(rows[2]![0]).toBe("a;'@SUM(1)");
    // Numbers stay numbers.
    expect(rows[1]![1]).toBe(String(row[TABS.Indicateurs.columns[1]!.key as keyof typeof row] ?? ''));
  });
});
