import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeNationalSample, type NationalSample } from '../../scripts/make-national-sample';
import {
  applyWrites,
  comparisonRows,
  type ImportPlan,
  judge,
  type MatchDecision,
  type NationalFile,
  nationalKey,
  placeKey,
  planImport,
  planWrites,
  readDecisions,
  readNationalFile,
  similarNames,
  withUncertainPairs,
} from '../../src/core/import';
import { headers, type Lieu } from '../../src/core/model';
import { readTable } from '../../src/core/read-table';
import { loadTerritory } from '../../src/node/territory';
import { SAMPLE_DIR } from '../helpers/workbook';

const territory = loadTerritory('87');
const ctx = { territory };

function sampleCells(): string[][] {
  return parse(readFileSync(join(SAMPLE_DIR, 'Lieux.csv')), { bom: true }) as string[][];
}

function plan(file: NationalFile, cells: readonly (readonly unknown[])[]): ImportPlan {
  return planImport(file, readTable('Lieux', cells, ctx), { territory, cells, random: seeded() });
}

function seeded(): () => number {
  let s = 42;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function importInto(cells: readonly (readonly unknown[])[], file: NationalFile) {
  const p = plan(file, cells);
  const { columnIndex } = readTable('Lieux', cells, ctx);
  return { plan: p, cells: applyWrites(cells, planWrites(p, columnIndex, cells[0]!.length)) };
}

function lieu(fields: Partial<Lieu>): { record: Lieu; commune: string; name: string; address: string } {
  const record = {
    id: null,
    pivot: null,
    nom: null,
    commune: null,
    adresse: null,
    latitude: null,
    longitude: null,
    source: null,
    ...fields,
  } as Lieu;
  return {
    record,
    commune: record.code_insee ?? '',
    name: placeKey(record.nom),
    address: placeKey(record.adresse),
  };
}

describe('place keys', () => {
  it('ignore accents, case, hyphens, small words and the abbreviations of street and saint names', () => {
    expect(placeKey('St-Junien')).toBe(placeKey('Saint-Junien'));
    expect(placeKey('Ste-Marie')).toBe(placeKey('sainte marie'));
    expect(placeKey('12 av. Henri-Barbusse')).toBe(placeKey('12 Avenue Henri Barbusse'));
    expect(placeKey('3 bd de la Gare')).toBe(placeKey('3 BOULEVARD DE LA GARE'));
    expect(placeKey('1 pl. de l’Église')).toBe(placeKey("1 place de l'eglise"));
    expect(placeKey('12bis r. Pasteur')).toBe(placeKey('12 bis rue Pasteur'));
    expect(placeKey('12 rue Pasteur')).not.toBe(placeKey('14 rue Pasteur'));
  });

  it('find names alike once the commune’s own words are left aside', () => {
    expect(similarNames('Médiathèque de Saint-Junien', 'Mairie de Saint-Junien', 'Saint-Junien')).toBe(false);
    expect(similarNames('Cyberbase de Panazol', 'Cyberbase municipale de Panazol', 'Panazol')).toBe(true);
    expect(similarNames('France Services', 'Maison des solidarités', null)).toBe(false);
  });
});

describe('judge: the same place, perhaps, or not', () => {
  const base = { commune: 'Saint-Junien', code_insee: '87154', latitude: 45.887, longitude: 0.9 };
  it('is sure on the same id (and source), on SIRET and address, and on name and address', () => {
    expect(judge(lieu({ id: 'x-1', source: 'Dora' }), lieu({ id: 'x-1', source: 'DORA' }))?.same).toBe(true);
    expect(judge(lieu({ id: 'x-1', source: 'Dora' }), lieu({ id: 'x-1', source: 'Coop' }))).toBeNull();
    const a = lieu({ ...base, pivot: '80022670400016', nom: 'France Services', adresse: '3 place Lénine' });
    const b = lieu({ ...base, pivot: '80022670400016', nom: 'Autre nom', adresse: '3 pl. Lenine' });
    expect(judge(a, b)).toEqual({ same: true, reason: 'même SIRET et même adresse' });
    const c = lieu({
      ...base,
      nom: 'MEDIATHEQUE DE ST-JUNIEN',
      adresse: '21 r. Lucien-Dumas',
      latitude: 45.8872,
    });
    const d = lieu({ ...base, nom: 'Médiathèque de Saint-Junien', adresse: '21 rue Lucien Dumas' });
    expect(judge(c, d)).toEqual({ same: true, reason: 'même nom et même adresse' });
  });

  it('leaves to the coordinator the same spot described otherwise', () => {
    const here = lieu({ ...base, nom: 'Médiathèque', adresse: '21 rue Lucien-Dumas' });
    // 0.002° of latitude: about 220 m apart.
    expect(
      judge(here, lieu({ ...base, nom: 'Médiathèque', adresse: '21 rue Lucien-Dumas', latitude: 45.889 }))
        ?.same,
    ).toBe(false);
    expect(judge(here, lieu({ ...base, nom: 'Médiathèque', adresse: '2 rue Jean-Jaurès' }))?.same).toBe(
      false,
    );
    expect(
      judge(
        here,
        lieu({ ...base, nom: 'Médiathèque municipale', adresse: '40 rue Pasteur', latitude: 45.8873 }),
      )?.same,
    ).toBe(false);
    expect(judge(here, lieu({ ...base, nom: 'Centre social', adresse: '21 rue Lucien-Dumas' }))).toBeNull();
    expect(
      judge(here, lieu({ ...base, code_insee: '87085', nom: 'Médiathèque', adresse: '21 rue Lucien-Dumas' })),
    ).toBeNull();
  });
});

describe('a national export of ~500 places around Haute-Vienne', () => {
  let sample: NationalSample;
  let file: NationalFile;
  let result: ImportPlan;
  beforeAll(() => {
    sample = makeNationalSample();
    file = readNationalFile({ rows: parse(sample.csv, { bom: true }) as string[][] }, ctx);
    result = plan(file, sampleCells());
  });

  it('is a CSV of the standard v1.0.1 with a BOM and CRLF line ends, and the same records as JSON and GeoJSON', () => {
    expect(sample.csv.startsWith('\uFEFFid,pivot,nom,')).toBe(true);
    expect(sample.csv.split('\r\n').length).toBeGreaterThan(500);
    expect(sample.csv.replace(/\r\n/g, '')).not.toContain('\n');
    const records = (rows: NationalFile) =>
      rows.places
        .concat(rows.outside)
        .map((p) => p.record)
        .sort((a, b) => (a.id! < b.id! ? -1 : 1));
    const fromJson = readNationalFile({ json: JSON.parse(sample.json) }, ctx);
    const fromGeojson = readNationalFile({ json: JSON.parse(sample.geojson) }, ctx);
    expect(fromJson.format).toBe('json');
    expect(fromGeojson.format).toBe('geojson');
    expect(records(fromJson)).toEqual(records(file));
    expect(records(fromGeojson)).toEqual(records(file));
  });

  it('sets apart the places of the neighbouring départements', () => {
    expect(file.outside.map((p) => p.record.id).sort()).toEqual([...sample.expected.outside].sort());
  });

  it('reports each invalid value on its row, with what to do', () => {
    const invalid = file.places
      .filter((p) => !p.valid)
      .map((p) => p.record.id)
      .sort();
    expect(invalid).toEqual([...sample.expected.invalid].sort());
    const messages = file.places.flatMap((p) => p.problems.map((x) => x.message));
    expect(messages.some((m) => m.includes('« 55 12 34 » n’est pas un numéro de téléphone français'))).toBe(
      true,
    );
    expect(messages.some((m) => m.includes('Latitude et longitude sont inversées : échangez'))).toBe(true);
    expect(messages.some((m) => m.includes('n’est pas un SIRET valide'))).toBe(true);
    // Phones in every valid format are read as one number.
    const phones = file.places.filter((p) => p.valid).map((p) => p.record.telephone);
    expect(phones.every((t) => t === null || /^\+33\d{9}$/.test(t))).toBe(true);
  });

  it('adds exactly the places the sample lacks, one row per place however many times the file has it', () => {
    expect(result.added.map((a) => a.place.record.id).sort()).toEqual([...sample.expected.newPlaces].sort());
    expect(result.duplicates).toBe(sample.expected.duplicates.length);
    for (const [first, ...others] of sample.expected.duplicates) {
      const added = result.added.find((a) => a.place.record.id === first)!;
      expect(added.duplicates.map((d) => d.record.id)).toEqual(others);
    }
  });

  it('finds the sample’s places under other ids and spellings, fills only their blank cells, lists the rest', () => {
    const merged = [...result.updated, ...result.leftAlone];
    const found = Object.fromEntries(
      merged.flatMap((m) => m.places.map((p) => [p.record.id, m.row.record.id])),
    );
    expect(found).toEqual(sample.expected.sameAsSample);
    expect(
      Object.fromEntries(result.updated.map((m) => [m.row.record.id, m.fills.map((f) => f.key)])),
    ).toEqual(sample.expected.fillsSample);
    const differences = (key: string) =>
      merged
        .filter((m) => m.differences.some((d) => d.key === key))
        .map((m) => m.row.record.id)
        .sort();
    expect(differences('telephone')).toEqual([...sample.expected.phoneDiffers].sort());
    expect(differences('pivot')).toEqual([...sample.expected.pivotDiffers].sort());
    expect(result.uncertain.map((u) => u.place.record.id).sort()).toEqual(
      [...sample.expected.uncertain].sort(),
    );
    expect(result.unmatched.map((r) => r.record.id).sort()).toEqual(
      [...sample.expected.absentFromFile].sort(),
    );
  });

  it('never changes a cell a partner typed, adds nothing the second time, and gives the same from JSON', () => {
    const before = sampleCells();
    const first = importInto(before, file);
    for (let r = 0; r < before.length; r++) {
      before[r]!.forEach((cell, c) => {
        if (cell !== '')
          expect(first.cells[r]![c], `ligne ${r + 1}, colonne ${headers('Lieux')[c]}`).toBe(cell);
      });
    }
    expect(first.cells.length).toBe(before.length + sample.expected.newPlaces.length);
    const second = importInto(first.cells, file);
    expect(second.plan.added).toHaveLength(0);
    expect(second.plan.updated).toHaveLength(0);
    expect(second.cells).toEqual(first.cells);
    expect(second.plan.uncertain.map((u) => u.place.record.id).sort()).toEqual(
      [...sample.expected.uncertain].sort(),
    );
    const again = importInto(first.cells, readNationalFile({ json: JSON.parse(sample.geojson) }, ctx));
    expect(again.plan.added).toHaveLength(0);
    expect(again.plan.updated).toHaveLength(0);
    // The rows added read as the file's places: the directory's own checks see the same problems.
    const reread = readTable('Lieux', first.cells, ctx);
    const bad = reread.rows
      .filter((r) => !r.valid)
      .map((r) => r.record.id)
      .sort();
    const invalidNew = sample.expected.invalid.filter((id) => sample.expected.newPlaces.includes(id)).sort();
    expect(bad).toEqual(expect.arrayContaining(invalidNew));
  });

  it('follows the coordination’s decisions kept in Rapprochements, and lists the pairs still to decide', () => {
    // Places that look like rows of the tab (not like another place of the same file).
    const [first, second] = result.uncertain.filter((u) => u.candidates.every((c) => c.row !== undefined));
    expect(second).toBeDefined();
    const rest = result.uncertain.filter((u) => u !== first && u !== second);
    const candidate = first!.candidates.find((c) => c.row !== undefined)!;
    const given: MatchDecision[] = [
      { cle: nationalKey(first!.place.record), lieu: candidate.id!, same: true },
      ...second!.candidates.map((c) => ({
        cle: nationalKey(second!.place.record),
        lieu: c.id!,
        same: false,
      })),
    ];
    // The pairs written in the tab, decided or not, then read back as the next import reads them.
    const header = headers('Rapprochements');
    const { columnIndex } = readTable('Rapprochements', [header], ctx);
    const tab = withUncertainPairs([header], columnIndex, header.length, result.uncertain, given, {
      at: '2026-12-05 10:00',
      by: 'coordination@reseau87.example',
    });
    // Rows of Lieux, and places of the same file this import adds (under the id it writes).
    const pairs = result.uncertain.flatMap((u) => u.candidates.filter((c) => c.id));
    expect(tab.added).toBe(pairs.length);
    expect(tab.decided).toBe(given.length);
    const decision = header.indexOf('Décision');
    expect(tab.cells.slice(1).filter((r) => r[decision] === 'même lieu')).toHaveLength(1);
    expect(tab.cells.slice(1).filter((r) => r[decision] === '')).toHaveLength(pairs.length - given.length);
    // Listing the same pairs again adds no row.
    expect(
      withUncertainPairs(tab.cells, columnIndex, header.length, result.uncertain, [], { at: '', by: '' })
        .added,
    ).toBe(0);

    const decisions = readDecisions(readTable('Rapprochements', tab.cells, ctx));
    const again = planImport(file, readTable('Lieux', sampleCells(), ctx), {
      territory,
      cells: sampleCells(),
      random: seeded(),
      decisions,
    });
    expect(again.uncertain.map((u) => u.place.record.id)).toEqual(rest.map((u) => u.place.record.id));
    const merged = [...again.updated, ...again.leftAlone].find((m) => m.places.includes(first!.place));
    expect(merged?.row.record.id).toBe(candidate.id);
    expect(merged?.reason).toBe('même lieu (décision de la coordination)');
    expect(again.added.map((a) => a.place)).toContain(second!.place);
    expect(again.added).toHaveLength(result.added.length + 1);
  });

  it('compares: what the national data has that we lack, what we have that it lacks, what differs', () => {
    const rows = comparisonRows(file, result);
    const of = (what: string) => rows.filter((r) => r['À faire'] === what);
    expect(
      of('Ajouter au classeur')
        .map((r) => r['Identifiant national'])
        .sort(),
    ).toEqual([...sample.expected.newPlaces].sort());
    const activeAbsent = sampleCells()
      .slice(1)
      .filter(
        (row) =>
          sample.expected.absentFromFile.includes(row[0]!) &&
          row[headers('Lieux').indexOf('Statut')] === 'actif',
      )
      .map((row) => row[0]);
    expect(
      of('Absent de la carte nationale')
        .map((r) => r['Identifiant du classeur'])
        .sort(),
    ).toEqual(activeAbsent.sort());
    expect(activeAbsent.length).toBeLessThan(sample.expected.absentFromFile.length);
    const phone = of('Valeur différente').filter((r) => r.Champ === 'Numéro de téléphone');
    expect(phone.map((r) => r['Identifiant du classeur']).sort()).toEqual(
      [...sample.expected.phoneDiffers].sort(),
    );
    expect(
      phone.every(
        (r) =>
          /^\+33\d{9}$/.test(r['Dans le classeur']) &&
          r['Dans le classeur'] !== r['Dans le fichier national'],
      ),
    ).toBe(true);
    expect(new Set(of('À vérifier : même lieu ?').map((r) => r['Dans le fichier national'])).size).toBe(
      sample.expected.uncertain.length,
    );
  });
});

describe('readNationalFile', () => {
  it('refuses a file that is not in the standard, saying which columns are missing', () => {
    const file = readNationalFile(
      {
        rows: [
          ['Nom', 'Ville'],
          ['A', 'B'],
        ],
      },
      ctx,
    );
    expect(file.errors[0]).toContain('Colonnes du standard national introuvables : id,');
    expect(readNationalFile({ json: { hello: 1 } }, ctx).errors[0]).toContain('ni une liste de lieux');
  });
});
