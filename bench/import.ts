/**
 * Importing a national file: the seeded export of ~500 places into the sample workbook, then ten
 * times as many other places (the same communes, so each commune holds ten times more candidates)
 * into the workbook the first import gave. Read, check and match, no I/O.
 * Run: npx tsx bench/import.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { makeNationalSample } from '../scripts/make-national-sample';
import { applyWrites, planImport, planWrites, readNationalFile } from '../src/core/import';
import { readTable } from '../src/core/read-table';
import { loadTerritory } from '../src/node/territory';

const territory = loadTerritory('87');
const ctx = { territory };
const sample = makeNationalSample();
const national = parse(sample.csv, { bom: true }) as string[][];
const workbook = parse(readFileSync(join(import.meta.dirname, '../sheets-templates/exemple/Lieux.csv')), {
  bom: true,
}) as string[][];

function run(label: string, rows: string[][], cells: unknown[][]): unknown[][] {
  const start = performance.now();
  const file = readNationalFile({ rows }, ctx);
  const lieux = readTable('Lieux', cells, ctx);
  const plan = planImport(file, lieux, { territory, cells });
  const after = applyWrites(cells, planWrites(plan, lieux.columnIndex, cells[0]!.length));
  const ms = performance.now() - start;
  console.log(
    `${label} : ${rows.length - 1} lieux du fichier, ${cells.length - 1} lignes au classeur -> ${plan.added.length} ajoutés, ${plan.updated.length} complétés, ${plan.leftAlone.length} laissés, ${plan.uncertain.length} incertains en ${ms.toFixed(0)} ms`,
  );
  return after;
}

const once = run('Fichier national d’exemple', national, workbook);
// Distinct places: another name, address, SIRET and point (330 m further north for each copy).
const header = national[0]!;
const at = (name: string) => header.indexOf(name);
const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett'];
const many = [header];
WORDS.forEach((word, k) => {
  for (const row of national.slice(1)) {
    const copy = [...row];
    copy[at('id')] = `${row[at('id')]}-${k}`;
    copy[at('nom')] = `${row[at('nom')]} ${word}`;
    copy[at('adresse')] = `${100 * (k + 1)} ${row[at('adresse')]}`;
    copy[at('pivot')] = '';
    if (row[at('latitude')]) copy[at('latitude')] = String(Number(row[at('latitude')]) + 0.003 * (k + 1));
    many.push(copy);
  }
});
run('Dix fois plus de lieux', many, once);
console.log(`Mémoire du processus : ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} Mo.`);
