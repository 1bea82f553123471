/**
 * `npm run bench`: the publication benchmark, then the map's, the coverage's, the import's and the Apps Script bundle's when they exist.
 * Each runs in its own process (its memory and timings stay its own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
let failed = false;
for (const name of ['publish', 'map', 'coverage', 'import', 'apps-script']) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${name}.ts ==`);
  const result = spawnSync(tsx, [file], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench/${name}.ts a échoué (code ${result.status ?? result.signal}).`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
