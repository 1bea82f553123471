/**
 * The lean `opening_hours` of the map and of the Apps Script bundle (scripts/opening-hours-lean.ts:
 * France's holidays only, for the bundle its département's region only, French and English
 * messages, the cross-language words read on first use, minified) answers exactly as the published
 * library, through the same core code, on every hours value the tests use: the check (messages,
 * suggestion, past dates) and the open intervals of every day of 2027.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanOpeningHours } from '../../scripts/opening-hours-lean';
import { addDays, type CivilDate } from '../../src/core/calendar/civil';
import { openingHoursState } from '../../src/core/calendar/regions';
import { checkWithLibrary } from '../../src/core/hours/check';
import { compileOsm } from '../../src/core/hours/osm';
import type { Schedule } from '../../src/core/hours/schedule';
import { ROOT, sampleWorkbook } from '../helpers/workbook';

interface HoursApi {
  checkWithLibrary: typeof checkWithLibrary;
  compileOsm: typeof compileOsm;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const HOURS_LIKE = /\d\d?[:h]\d\d|\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|off|closed|sunrise|sunset|easter)\b|24\/7/;

/** Every string literal of the tests that looks like opening hours, and the sample's. */
function corpus(): string[] {
  const values = new Set<string>();
  for (const file of testFiles(join(ROOT, 'test'))) {
    const source = readFileSync(file, 'utf8');
    for (const [, , text] of source.matchAll(/(['"`])((?:(?!\1)[^\\\n$])*)\1/g)) {
      if (text && text.length >= 2 && text.length <= 200 && HOURS_LIKE.test(text)) values.add(text);
    }
  }
  const lieux = sampleWorkbook().Lieux ?? [];
  const column = lieux[0]?.indexOf('Horaires') ?? -1;
  for (const row of lieux.slice(1)) if (row[column]) values.add(row[column]);
  // Words in other languages: the cross-language index the lean build reads on first use.
  for (const v of [
    'Montag-Freitag 09:00-12:00',
    'lun-ven 09:00-12:00',
    'lundi,mardi 09:00-12:00; PH off',
    'понедельник-пятница 10:00-18:00',
    'Mo-Tr 09:00-12:00',
    'so 10:00-12:00',
    'Jan-Mär 10:00-12:00',
    'janvier-mars Mo 10:00-12:00',
    'lu-ve 8h-12h',
    'Mo-Fr sunrise-sunset',
    'Mo-Fr 09:00-12:00; SH off',
    'Mo-Fr 09:00-12:00; easter off',
  ])
    values.add(v);
  return [...values];
}

/** The map's build (every French region) and the Apps Script bundle's (its département's region only). */
const BUILDS = [
  { name: 'the map’s', state: undefined, departements: [undefined, '87', '67', '974'] },
  { name: 'the Apps Script bundle’s (87)', state: openingHoursState('87'), departements: [undefined, '87'] },
];
const DAYS_2027: CivilDate[] = Array.from({ length: 365 }, (_, i) => addDays({ y: 2027, m: 1, d: 1 }, i));

function year(schedule: Schedule | null): string[] | null {
  if (!schedule) return null;
  return DAYS_2027.map((d) => JSON.stringify(schedule.day(d, false)));
}

describe.each(BUILDS)('$name build of opening_hours', ({ state, departements }) => {
  let lean: HoursApi;
  const values = corpus();

  beforeAll(async () => {
    const result = await build({
      stdin: {
        contents:
          "export { checkWithLibrary } from './src/core/hours/check'; export { compileOsm } from './src/core/hours/osm';",
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__leanHours',
      target: 'es2019',
      plugins: [leanOpeningHours({ state })],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    // Much smaller than the published library (1.2 MB), and it still is the library.
    expect(code.length).toBeLessThan(400_000);
    lean = vm.runInThisContext(`${code};__leanHours`) as HoursApi;
  });

  it('checks every value as the published library does, in every département and with a day', () => {
    expect(values.length).toBeGreaterThan(100);
    let rejected = 0;
    for (const value of values) {
      for (const dep of departements) {
        for (const today of [undefined, '2026-11-28', '2028-01-15']) {
          const expected = checkWithLibrary(value, today, dep);
          if (!expected.ok) rejected++;
          expect([value, dep, today, lean.checkWithLibrary(value, today, dep)]).toEqual([
            value,
            dep,
            today,
            expected,
          ]);
        }
      }
    }
    // Both readable and unreadable values are compared.
    expect(rejected).toBeGreaterThan(50);
  });

  it('gives the same open hours on every day of 2027', () => {
    let compared = 0;
    for (const value of values) {
      for (const dep of departements.filter((d) => d !== undefined)) {
        const expected = year(compileOsm(value, dep));
        if (expected) compared++;
        expect([value, dep, year(lean.compileOsm(value, dep))]).toEqual([value, dep, expected]);
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
