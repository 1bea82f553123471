import { isUtf8 } from 'node:buffer';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNationalSample, type NationalSample } from '../../../scripts/make-national-sample';
import { headers } from '../../../src/core/model';
import { main } from '../../../src/node/cli';
import type { Environment } from '../../../src/node/environment';
import { xlsxFileSource } from '../../../src/node/sources';
import { expectSampleTodo } from '../../helpers/national';
import { formulaCell, frenchExcelCsv, spreadsheetCells } from '../../helpers/spreadsheet';
import { readCsvFolder, SAMPLE_DIR, writeSampleXlsx } from '../../helpers/workbook';

let dir: string;
let national: NationalSample;

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const e: Environment = {
    env: { USER: 'coordination' },
    cwd: dir,
    isTTY: false,
    now: () => new Date('2026-12-05T13:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return main(args, e).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

function bytesOf(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'latin1')]));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-importer-'));
  national = makeNationalSample();
  writeFileSync(join(dir, 'national.csv'), national.csv);
  writeFileSync(join(dir, 'national.geojson'), national.geojson);
  writeFileSync(join(dir, 'national.json'), national.json);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maillage importer --dossier', () => {
  it('previews with --essai and writes nothing', async () => {
    const folder = join(dir, 'essai');
    cpSync(SAMPLE_DIR, folder, { recursive: true });
    const before = bytesOf(folder);
    const { code, out } = await run(['importer', 'national.csv', '--dossier', 'essai', '--essai']);
    expect(code).toBe(0);
    expect(out).toContain(`${national.expected.newPlaces.length} lieux ajoutés`);
    expect(out).toContain(`${Object.keys(national.expected.fillsSample).length} lieux complétés`);
    expect(out).toContain(`${national.expected.uncertain.length} lieux incertains`);
    expect(out).toContain(`${national.expected.outside.length} lieux hors du département laissés de côté`);
    expect(out).toContain(`${national.expected.duplicates.length} doublons du fichier fusionnés`);
    expect(out).toContain('Essai : rien n’a été écrit.');
    expect(bytesOf(folder)).toEqual(before);
  });

  it('adds the new places, fills only blank cells, notes it in the Journal, and adds nothing the second time', async () => {
    const folder = join(dir, 'classeur');
    cpSync(SAMPLE_DIR, folder, { recursive: true });
    const before = bytesOf(folder);
    const original = readCsvFolder(folder);
    const first = await run(['importer', 'national.csv', '--dossier', 'classeur']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('import noté dans le Journal');
    const after = bytesOf(folder);
    for (const file of Object.keys(before)) {
      if (!['Lieux.csv', 'Journal.csv', 'Rapprochements.csv'].includes(file))
        expect(after[file], file).toBe(before[file]);
    }
    // Each uncertain place is listed in Rapprochements beside the row it looks like, to decide.
    const pairs = readCsvFolder(folder).Rapprochements!;
    expect(pairs[0]).toEqual(headers('Rapprochements'));
    for (const id of national.expected.uncertain)
      expect(
        pairs.some((r) => r[0]!.endsWith(`:${id}`)),
        id,
      ).toBe(true);
    expect(pairs.slice(1).every((r) => r[6] === '')).toBe(true);
    expect(first.out).toContain('notés dans l’onglet Rapprochements');
    const lieux = readCsvFolder(folder).Lieux!;
    expect(lieux).toHaveLength(original.Lieux!.length + national.expected.newPlaces.length);
    original.Lieux!.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell !== '') expect(lieux[r]![c], `ligne ${r + 1}, ${headers('Lieux')[c]}`).toBe(cell);
      });
    });
    const ids = new Set(lieux.map((row) => row[0]));
    for (const id of national.expected.newPlaces) expect(ids.has(id), id).toBe(true);
    for (const [first, second] of national.expected.duplicates)
      expect(ids.has(second!), `${first} / ${second}`).toBe(false);
    for (const id of [...national.expected.outside, ...national.expected.uncertain])
      expect(ids.has(id), id).toBe(false);
    const journal = readCsvFolder(folder).Journal!;
    expect(journal).toHaveLength(2);
    expect(journal[1]!.slice(0, 4)).toEqual([
      '2026-12-05 14:00',
      'coordination',
      'Import du standard national',
      String(national.expected.newPlaces.length + Object.keys(national.expected.fillsSample).length),
    ]);

    // The coordinator decides one pair in the tab: « lieu différent ». The next import adds that
    // place, and does not ask about it again.
    const decided = pairs.findIndex(
      (r, i) => i > 0 && national.expected.uncertain.some((id) => r[0]!.endsWith(`:${id}`)),
    );
    expect(decided).toBeGreaterThan(0);
    const uncertainId = national.expected.uncertain.find((id) => pairs[decided]![0]!.endsWith(`:${id}`))!;
    pairs[decided]![6] = 'lieu différent';
    writeFileSync(
      join(folder, 'Rapprochements.csv'),
      `${pairs.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`,
    );
    const third = await run(['importer', 'national.csv', '--dossier', 'classeur']);
    expect(third.code, third.err).toBe(0);
    expect(third.out).toContain('1 lieu ajouté');
    expect(third.out).not.toMatch(new RegExp(`Incertain — .*\\[${uncertainId}\\]`));
    expect(readCsvFolder(folder).Lieux!.map((r) => r[0])).toContain(uncertainId);

    for (const again of ['national.csv', 'national.geojson', 'national.json']) {
      const written = bytesOf(folder);
      const second = await run(['importer', again, '--dossier', 'classeur']);
      expect(second.code, again).toBe(0);
      expect(second.out).toContain('0 lieu ajouté');
      expect(second.out).toContain('Rien à écrire');
      expect(bytesOf(folder)).toEqual(written);
    }
  });

  it('checks every written row like a typed one (État, Problèmes, the summary), and publier leaves the faulty ones out', async () => {
    const folder = join(dir, 'verifie');
    cpSync(SAMPLE_DIR, folder, { recursive: true });
    const original = readCsvFolder(folder).Lieux!;
    const { code, out } = await run(['importer', 'national.csv', '--dossier', 'verifie']);
    expect(code, out).toBe(0);
    const lieux = readCsvFolder(folder).Lieux!;
    const h = headers('Lieux');
    const [etat, problemes] = [h.indexOf('État'), h.indexOf('Problèmes')];
    const added = lieux.slice(original.length);
    expect(added).toHaveLength(national.expected.newPlaces.length);
    expect(added.every((r) => r[etat] === 'OK' || r[etat] === 'À corriger')).toBe(true);
    const faulty = added.filter((r) => r[etat] === 'À corriger');
    expect(faulty.length).toBeGreaterThan(0);
    expect(faulty.every((r) => /^(\(à vérifier\) )?« .+ » : /.test(r[problemes]!))).toBe(true);
    // Filled rows are checked again too.
    const filled = new Set(Object.keys(national.expected.fillsSample));
    for (const row of lieux.filter((r) => filled.has(r[0]!)))
      expect(['OK', 'À corriger'], row[0]).toContain(row[etat]);
    // The summary names each faulty row of the tab, its column and what to do.
    const rowOf = (id: string) => lieux.findIndex((r) => r[0] === id) + 1;
    expect(out).toContain(`${faulty.length} lignes écrites sont « À corriger »`);
    for (const row of faulty)
      expect(out).toContain(`À corriger — Lieux, ligne ${rowOf(row[0]!)}, colonne « `);

    const published = await run([
      'publier',
      '--dossier',
      'verifie',
      '--sortie',
      'publie-verifie',
      '--date',
      '2026-12-05',
    ]);
    expect(published.code, published.err).toBe(0);
    const rapport = JSON.parse(readFileSync(join(dir, 'publie-verifie', 'rapport.json'), 'utf8')) as {
      rejets: { onglet: string; ligne: number; identifiant: string | null }[];
    };
    const rejected = new Set(rapport.rejets.filter((r) => r.onglet === 'Lieux').map((r) => r.identifiant));
    for (const row of faulty) expect(rejected.has(row[0]!), row[0]).toBe(true);
    for (const row of added.filter((r) => r[etat] === 'OK'))
      expect(rejected.has(row[0]!), row[0]).toBe(false);
    const geojson = readFileSync(join(dir, 'publie-verifie', 'lieux.geojson'), 'utf8');
    const csv = readFileSync(join(dir, 'publie-verifie', 'lieux-de-mediation-numerique.csv'), 'utf8');
    for (const row of faulty) {
      expect(geojson, row[0]).not.toContain(`"${row[0]}"`);
      expect(csv, row[0]).not.toContain(`${row[0]},`);
    }
    expect(added.some((r) => r[etat] === 'OK' && geojson.includes(`"${r[0]}"`))).toBe(true);
  });

  it('says in French what is wrong, and where to import from a Google workbook', async () => {
    const noFile = await run(['importer', 'absent.csv', '--dossier', 'classeur']);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toMatch(/Le fichier national .*absent\.csv est introuvable/);
    const google = await run(['importer', 'national.csv', '--classeur', '1AbC']);
    expect(google.code).toBe(1);
    expect(google.err).toContain('Importer un fichier du standard national…');
    expect((await run(['importer', 'national.csv'])).code).toBe(1);
    writeFileSync(join(dir, 'excel.csv'), 'id;nom;commune\r\nx;y;z\r\n');
    const semicolons = await run(['importer', 'excel.csv', '--dossier', 'classeur']);
    expect(semicolons.code).toBe(2);
    expect(semicolons.err).toContain('point-virgule');
    writeFileSync(join(dir, 'autre.csv'), 'Nom,Ville\r\nA,B\r\n');
    const other = await run(['importer', 'autre.csv', '--dossier', 'classeur']);
    expect(other.code).toBe(2);
    expect(other.err).toContain('Colonnes du standard national introuvables');
  });
});

describe('maillage importer into a folder saved by French Excel', () => {
  it('writes Lieux.csv back in Windows-1252 with semicolons, every untouched line byte for byte', async () => {
    const folder = join(dir, 'excel');
    cpSync(SAMPLE_DIR, folder, { recursive: true });
    const original = readCsvFolder(SAMPLE_DIR).Lieux!;
    writeFileSync(join(folder, 'Lieux.csv'), frenchExcelCsv(original, 'windows-1252'));
    const before = readFileSync(join(folder, 'Lieux.csv'));
    const { code, out } = await run(['importer', 'national.csv', '--dossier', 'excel']);
    expect(code, out).toBe(0);
    const after = readFileSync(join(folder, 'Lieux.csv'));
    expect(isUtf8(after)).toBe(false);
    const lines = (b: Buffer) => b.toString('latin1').replace(/\r\n$/, '').split('\r\n');
    const [old, now] = [lines(before), lines(after)];
    expect(now).toHaveLength(old.length + national.expected.newPlaces.length);
    const filled = new Set(Object.keys(national.expected.fillsSample));
    old.forEach((line, i) => {
      const id = line.split(';')[0]!;
      if (!filled.has(id)) expect(now[i], `ligne ${i + 1}`).toBe(line);
    });
    const rows = parse(after.toString('latin1'), { delimiter: ';' }) as string[][];
    expect(rows.every((r) => r.length === headers('Lieux').length)).toBe(true);
    expect(
      rows
        .slice(old.length)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...national.expected.newPlaces].sort());

    // A character Windows-1252 cannot hold: nothing is written, and the user is told what to do.
    const header = national.csv.split('\r\n')[0]!;
    const fields = header.replace('\uFEFF', '').split(',');
    const values: Record<string, string> = {
      id: 'etoile-1',
      pivot: '80010791900006',
      nom: 'Espace ★ numérique',
      commune: 'Nexon',
      code_postal: '87800',
      adresse: '3 rue du Nord',
      date_maj: '2026-01-01',
      services: 'Aide aux démarches administratives',
    };
    writeFileSync(
      join(dir, 'etoile.csv'),
      `${header}\r\n${fields.map((f) => values[f] ?? '').join(',')}\r\n`,
    );
    const written = readFileSync(join(folder, 'Lieux.csv'));
    const star = await run(['importer', 'etoile.csv', '--dossier', 'excel']);
    expect(star.code).toBe(2);
    expect(star.err).toContain('Windows-1252, qui ne peut pas contenir « ★ »');
    expect(Buffer.compare(readFileSync(join(folder, 'Lieux.csv')), written)).toBe(0);
  });
});

describe('maillage importer --fichier classeur.xlsx', () => {
  it('edits only the Lieux, Journal and Rapprochements sheets of the workbook, and adds nothing the second time', async () => {
    const sample = readCsvFolder(SAMPLE_DIR);
    const path = join(dir, 'classeur.xlsx');
    await writeSampleXlsx(path);
    const before = unzipSync(readFileSync(path));
    const { code, out } = await run(['importer', 'national.csv', '--fichier', 'classeur.xlsx']);
    expect(code, out).toBe(0);
    const after = unzipSync(readFileSync(path));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const { workbook } = await xlsxFileSource(path).read(['Lieux', 'Journal', 'Permanences']);
    const lieux = [...workbook.Lieux!];
    expect(lieux).toHaveLength(sample.Lieux!.length + national.expected.newPlaces.length);
    sample.Lieux!.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell !== '') expect(String(lieux[r]![c]), `ligne ${r + 1}, ${headers('Lieux')[c]}`).toBe(cell);
      });
    });
    const etat = headers('Lieux').indexOf('État');
    const states = lieux.slice(sample.Lieux!.length).map((r) => r[etat]);
    expect(states.every((e) => e === 'OK' || e === 'À corriger')).toBe(true);
    expect(out).toMatch(/\d+ lignes écrites sont « À corriger »/);
    expect([...workbook.Journal!]).toHaveLength(2);
    expect([...workbook.Permanences!]).toEqual(sample.Permanences);
    const changed = Object.keys(after).filter((k) => Buffer.compare(after[k]!, before[k]!) !== 0);
    // Lieux, Journal, and Rapprochements (the uncertain places to decide).
    expect(changed).toHaveLength(3);
    expect(changed.every((k) => k.startsWith('xl/worksheets/'))).toBe(true);
    const written = readFileSync(path);
    const second = await run(['importer', 'national.csv', '--fichier', 'classeur.xlsx']);
    expect(second.out).toContain('Rien à écrire');
    expect(Buffer.compare(readFileSync(path), written)).toBe(0);
  });
});

describe('maillage importer into a workbook without a Journal', () => {
  it('adds the Journal sheet to the .xlsx (listed in the workbook) and notes the import there', async () => {
    const path = join(dir, 'sans-journal.xlsx');
    await writeSampleXlsx(path, ['Journal']);
    const before = unzipSync(readFileSync(path));
    const { code, out } = await run(['importer', 'national.csv', '--fichier', 'sans-journal.xlsx']);
    expect(code, out).toBe(0);
    expect(out).toContain('Le classeur n’avait pas d’onglet Journal : il est ajouté pour y noter l’import.');
    const after = unzipSync(readFileSync(path));
    const added = Object.keys(after).filter((k) => !(k in before));
    expect(added).toHaveLength(1);
    const text = (k: string) => Buffer.from(after[k]!).toString('utf8');
    expect(text('xl/workbook.xml')).toMatch(/<sheet name="Journal" sheetId="\d+" r:id="rId\d+"\/><\/sheets>/);
    expect(text('[Content_Types].xml')).toContain(`<Override PartName="/${added[0]}"`);
    expect(text('xl/_rels/workbook.xml.rels')).toContain(`Target="${added[0]!.replace('xl/', '')}"`);
    const { workbook } = await xlsxFileSource(path).read(['Lieux', 'Journal']);
    const journal = [...workbook.Journal!];
    expect(journal[0]).toEqual(headers('Journal'));
    expect(journal).toHaveLength(2);
    expect(journal[1]![2]).toBe('Import du standard national');

    // The next import finds the sheet (nothing to add: no new sheet, no line).
    const again = await run(['importer', 'national.csv', '--fichier', 'sans-journal.xlsx']);
    expect(again.out).toContain('Rien à écrire');
    expect(again.out).not.toContain('il est ajouté');
  });

  it('creates Journal.csv in a folder that has none', async () => {
    const folder = join(dir, 'sans-journal');
    cpSync(SAMPLE_DIR, folder, { recursive: true });
    rmSync(join(folder, 'Journal.csv'));
    const { code, out } = await run(['importer', 'national.csv', '--dossier', 'sans-journal']);
    expect(code, out).toBe(0);
    expect(out).toContain(
      'Le dossier n’avait pas de fichier Journal.csv : il est créé pour y noter l’import.',
    );
    const journal = readCsvFolder(folder).Journal!;
    expect(journal[0]).toEqual(headers('Journal'));
    expect(journal[1]![2]).toBe('Import du standard national');
  });
});

describe('maillage comparer', () => {
  it('lists what each side lacks and what differs, as a to-do CSV and in French', async () => {
    const { code, out } = await run(['comparer', 'national.csv', '--sortie', 'a-faire.csv']);
    expect(code).toBe(0);
    expect(out).toContain(
      `${national.expected.newPlaces.length} lieux du fichier national manquent au classeur.`,
    );
    expectSampleTodo(readFileSync(join(dir, 'a-faire.csv')), national);
    const statut = headers('Lieux').indexOf('Statut');
    const absent = readCsvFolder(SAMPLE_DIR).Lieux!.filter(
      (row) => national.expected.absentFromFile.includes(row[0]!) && row[statut] === 'actif',
    );
    expect(out).toContain(`${absent.length} lieux actifs du classeur manquent au fichier national.`);
  });

  it('writes no cell a spreadsheet would run as a formula', async () => {
    const header = readFileSync(join(dir, 'national.csv'), 'utf8').split('\r\n')[0]!;
    const fields = header.replace('\uFEFF', '').split(',');
    const row = fields.map(
      (f) =>
        ({
          id: '=HYPERLINK("http://x.example")',
          nom: '@SUM(1+1)',
          commune: 'Limoges',
          code_postal: '87000',
          code_insee: '87085',
          adresse: '+1 rue du Piège',
          pivot: '80010791900006',
          date_maj: '2026-01-01',
          services: 'Aide aux démarches administratives',
          source: '-cmd|calc',
        })[f] ?? '',
    );
    writeFileSync(
      join(dir, 'piege.csv'),
      `${header}\r\n${row.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')}\r\n`,
    );
    const { code } = await run(['comparer', 'piege.csv', '--sortie', 'piege-a-faire.csv']);
    expect(code).toBe(0);
    const csv = readFileSync(join(dir, 'piege-a-faire.csv'), 'utf8');
    expect(csv).toContain('@SUM(1+1)');
    expect(spreadsheetCells(csv).filter(formulaCell)).toEqual([]);
  });
});
