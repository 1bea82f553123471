import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABS } from '../../src/core/model';
import { readTable, validRecords } from '../../src/core/read-table';
import { recordSchema } from '../../src/core/schemas';
import { readWorkbook } from '../../src/core/workbook';
import { loadTerritory } from '../../src/node/territory';
import { BROKEN, brokenCells } from '../fixtures/broken-workbook';
import { asAppsScript, asSheetsApi, reordered, sampleWorkbook } from '../helpers/workbook';

const territory = loadTerritory('87');
const ctx = { territory, today: '2026-11-28' };
const LIEUX_HEADER = TABS.Lieux.columns.map((c) => c.header);
/** Only the columns a Lieux row needs, as partners may keep them (no INSEE code, no coordinates). */
const REQUIRED_HEADER = [
  'id',
  'Nom',
  'Commune',
  'Code postal',
  'Adresse',
  'SIRET ou RNA ou RIDET',
  'Date de mise à jour',
  'Services',
  'Statut',
];

/** A Lieux row in the model's column order: the given cells, '' elsewhere. */
function lieuRow(cells: Record<string, unknown>): unknown[] {
  return TABS.Lieux.columns.map((c) => cells[c.key] ?? '');
}

describe('the sample workbook', () => {
  const sample = sampleWorkbook();
  const result = readWorkbook(sample, ctx);

  it('validates with zero problems', () => {
    expect(result.problems).toEqual([]);
  });

  it('is large and varied enough to exercise every feature', () => {
    const lieux = validRecords(result.tables.Lieux);
    expect(lieux.length).toBeGreaterThanOrEqual(60);
    expect(new Set(lieux.map((l) => l.code_insee ?? l.commune)).size).toBeGreaterThanOrEqual(30);
    for (const col of TABS.Lieux.columns) {
      if (!col.vocabulary || col.computed) continue;
      const used = new Set(
        lieux.flatMap((l) => {
          const v = (l as Record<string, unknown>)[col.key];
          return Array.isArray(v) ? v : [v];
        }),
      );
      const unused = col.vocabulary.filter((v) => !used.has(v));
      expect(unused, `${col.key}: unused values`).toEqual([]);
    }
    const perms = validRecords(result.tables.Permanences);
    const dates = perms.map((p) => p.date!).sort();
    const days = (Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(183);
    const communes = new Set(perms.map((p) => p.code_insee));
    expect(communes.size).toBeGreaterThanOrEqual(15);
    for (const code of communes) expect(territory.byCode.get(code!)!.population).toBeLessThan(3500);
    expect(perms.some((p) => p.statut === 'réalisée' && p.personnes_recues! > 0)).toBe(true);
    expect(perms.some((p) => p.date! > ctx.today && p.statut === 'prévue')).toBe(true);
    expect(new Set(perms.map((p) => p.statut))).toEqual(
      new Set(['prévue', 'confirmée', 'annulée', 'réalisée']),
    );
    expect(new Set(perms.flatMap((p) => p.offres))).toEqual(
      new Set(['Assistance', 'Formation', 'Accès libre']),
    );
    expect(validRecords(result.tables.Relais).length).toBeGreaterThanOrEqual(10);
    expect(new Set(validRecords(result.tables.Relais).map((r) => r.type)).size).toBe(
      TABS.Relais.columns.find((c) => c.key === 'type')!.vocabulary!.length,
    );
  });

  it('reads the same records from Date objects, serial numbers, ragged rows and reordered columns', () => {
    const records = (raw: Record<string, unknown[][]>) => {
      const r = readWorkbook(raw, ctx);
      expect(r.problems).toEqual([]);
      return Object.fromEntries(
        Object.entries(r.tables).map(([k, t]) => [k, t.rows.map((row) => row.record)]),
      );
    };
    const reference = records(sample);
    expect(records(asAppsScript(sample))).toEqual(reference);
    expect(records(asSheetsApi(sample))).toEqual(reference);
    expect(records(reordered(sample))).toEqual(reference);
  });
});

describe('the broken fixture', () => {
  const raw = {
    Lieux: brokenCells('Lieux'),
    Permanences: brokenCells('Permanences'),
    Relais: brokenCells('Relais'),
  };
  const result = readWorkbook(raw, ctx);

  for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
    BROKEN[tab].forEach((spec, i) => {
      const row = i + 2;
      it(`${tab} row ${row}: ${spec.rule}`, () => {
        const problems = result.tables[tab].problems.filter((p) => p.row === row && p.severity === 'erreur');
        if (spec.expect === '') {
          expect(problems).toEqual([]);
          return;
        }
        expect(problems.map((p) => p.column)).toEqual([spec.expect]);
        expect(problems[0]!.tab).toBe(tab);
        if (spec.says) expect(problems[0]!.message).toMatch(spec.says);
        expect(result.tables[tab].rows.find((r) => r.row === row)!.valid).toBe(false);
      });
    });
  }

  it('gives a row every problem it has, not just the first', () => {
    const cells = [
      TABS.Relais.columns.map((c) => c.header),
      TABS.Relais.columns.map(
        (c) =>
          (
            ({
              id: 'r1',
              type: 'Boulangerie',
              code_insee: '99999',
              contact_courriel: 'x',
              actif: 'bof',
            }) as Record<string, unknown>
          )[c.key] ?? '',
      ),
    ];
    const t = readTable('Relais', cells, ctx);
    expect(t.problems.map((p) => p.column).sort()).toEqual([
      'Actif',
      'Code INSEE',
      'Contact (courriel)',
      'Nom',
      'Type',
    ]);
  });
});

describe('headers', () => {
  it('reports a missing required column once and reads no row', () => {
    const cells = brokenCells('Lieux').map((row) => row.filter((_, i) => i !== 2));
    const t = readTable('Lieux', cells, ctx);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ row: 1, column: 'Nom', severity: 'erreur' });
    expect(t.problems[0]!.message).toMatch(/introuvable/);
    expect(t.rows).toEqual([]);
  });

  it('matches headers by name whatever their case and accents, and by standard field name', () => {
    const cells = [
      [
        'ID',
        'nom',
        'COMMUNE',
        'code postal',
        'Code INSEE',
        'adresse',
        'pivot',
        'date_maj',
        'services',
        'statut',
        'Colonne perso',
      ],
      [
        'l1',
        'Lieu',
        'Bellac',
        '87300',
        '87011',
        '1 rue',
        '43493312300029',
        '2026-01-01',
        'Aide aux démarches administratives',
        'actif',
        'x',
      ],
    ];
    const t = readTable('Lieux', cells, ctx);
    expect(t.problems).toEqual([]);
    expect(t.unknownColumns).toEqual(['Colonne perso']);
    expect(t.rows[0]!.record).toMatchObject({
      id: 'l1',
      nom: 'Lieu',
      code_postal: '87300',
      services: ['Aide aux démarches administratives'],
    });
  });

  it('says when a tab has no header row', () => {
    expect(readTable('Relais', [], ctx).problems[0]!.message).toMatch(/en-têtes/);
  });

  it('reports a missing tab', () => {
    const r = readWorkbook({ Lieux: brokenCells('Lieux') }, ctx);
    expect(r.tables.Permanences.problems[0]!.message).toMatch(/Onglet « Permanences » introuvable/);
    expect(r.tables.Journal.problems[0]!.severity).toBe('avertissement');
  });
});

describe('cells', () => {
  it('normalises phones, postcodes and codes that Sheets turned into numbers', () => {
    const row = lieuRow({
      id: 'l1',
      pivot: 43493312300029,
      nom: 'Lieu',
      commune: 'Bellac',
      code_postal: 87300,
      code_insee: 87011,
      adresse: '1 rue',
      telephone: 555123456,
      date_maj: 46354,
      services: 'aide aux demarches administratives, Loisirs et créations numériques',
      statut: 'Actif',
      typologie: 'Bibliothèque / Médiathèque|ccas',
    });
    const t = readTable('Lieux', [LIEUX_HEADER, row], ctx);
    expect(t.problems).toEqual([]);
    expect(t.rows[0]!.record).toMatchObject({
      pivot: '43493312300029',
      code_postal: '87300',
      code_insee: '87011',
      telephone: '+33555123456',
      date_maj: '2026-11-28',
      services: ['Aide aux démarches administratives', 'Loisirs et créations numériques'],
      statut: 'actif',
      typologie: ['BIB', 'CCAS'],
    });
  });

  it('reads a text repeated over thousands of rows once, and still reports it on every row', () => {
    // Each column remembers the texts it has read (see ColumnReader): repeated texts share their
    // result; a column of distinct texts stops remembering. Every row must read as if alone.
    const rows = Array.from({ length: 6000 }, (_, i) =>
      lieuRow({
        id: `l${i}`,
        pivot: '43493312300029',
        nom: `Lieu ${i}`,
        commune: 'Bellac',
        services: 'Aide aux démarches administratives',
        code_postal: '87300',
        adresse: i < 3000 ? '1 rue' : `${i} rue`,
        date_maj: '2026-11-01',
        statut: 'actif',
        typologie: i % 3 === 0 ? 'XYZ' : 'BIB',
      }),
    );
    const t = readTable('Lieux', [LIEUX_HEADER, ...rows], ctx);
    expect(t.rows).toHaveLength(6000);
    const typologie = t.problems.filter((p) => p.field === 'typologie');
    expect(typologie.map((p) => p.row)).toEqual(rows.flatMap((_, i) => (i % 3 === 0 ? [i + 2] : [])));
    expect(t.problems.filter((p) => p.field !== 'typologie')).toEqual([]);
    t.rows.forEach((r, i) => {
      expect(r.record.nom).toBe(`Lieu ${i}`);
      expect(r.record.adresse).toBe(i < 3000 ? '1 rue' : `${i} rue`);
      expect(r.record.typologie).toEqual(i % 3 === 0 ? [] : ['BIB']);
      expect(r.valid).toBe(i % 3 !== 0);
    });
    // Shared values cannot be changed through one record.
    expect(() => (t.rows[1]!.record.typologie as string[]).push('CCAS')).toThrow(TypeError);
    expect(t.rows[2]!.record.typologie).toEqual(['BIB']);
  });

  it('finds a text a spreadsheet would run on every row it is on, remembered or not', () => {
    // Whether a cell runs as a formula is found with its value, once per distinct text in a column
    // that remembers: each row must carry the same warnings as when it is read alone.
    const texts = ['Mairie', '=1+1', '@SUM(1)', 'Bât. A;=1+1', '-x'];
    const text = fc.constantFrom(...texts);
    const row = fc.record({ complement: text, source: text, resume: text, nom: text, n: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 130, maxLength: 160 }), (drawn) => {
        const rows = drawn.map((d, i) =>
          lieuRow({
            id: `l${i}`,
            pivot: '43493312300029',
            // Distinct names: the column stops remembering after 128 of them.
            nom: `${d.nom} ${i}`,
            commune: 'Bellac',
            services: 'Aide aux démarches administratives',
            code_postal: '87300',
            adresse: '1 rue',
            complement_adresse: d.complement,
            source: d.source,
            presentation_resume: d.n === 0 ? `${d.resume} ${i}` : d.resume,
            date_maj: '2026-11-01',
            statut: 'actif',
          }),
        );
        const together = readTable('Lieux', [LIEUX_HEADER, ...rows], ctx).rows;
        rows.forEach((cells, i) => {
          const alone = readTable('Lieux', [LIEUX_HEADER, cells], ctx).rows[0]!;
          const warnings = (r: typeof alone) => r.problems.map((p) => `${p.field} ${p.message}`);
          expect(warnings(together[i]!)).toEqual(warnings(alone));
        });
        const formulas = together.flatMap((r) => r.problems).filter((p) => /formule/.test(p.message));
        const expected = drawn.flatMap((d) =>
          [d.nom, d.complement, d.source, d.resume].filter((t) => t !== 'Mairie'),
        );
        expect(formulas).toHaveLength(expected.length);
      }),
      { numRuns: 15, seed: 87 },
    );
  });

  it('derives the INSEE code from the commune name and postcode when it is left blank', () => {
    const t = readTable(
      'Lieux',
      [
        REQUIRED_HEADER,
        [
          'l1',
          'Lieu',
          'St Junien',
          '87200',
          '1 rue',
          'W872004217',
          '2026-01-01',
          'Aide aux démarches administratives',
          'actif',
        ],
      ],
      ctx,
    );
    expect(t.problems).toEqual([]);
    expect(t.rows[0]!.record.code_insee).toBe('87154');
  });

  it('shares its rules with the zod schema derived from the model', () => {
    const schema = recordSchema('Relais');
    const ok = schema.safeParse({ id: 'r1', nom: 'Mairie', type: 'mairie', code_insee: 87054, actif: 'oui' });
    expect(ok.success && ok.data).toMatchObject({ type: 'Mairie', code_insee: '87054', actif: true });
    const bad = schema.safeParse({
      id: 'r1',
      nom: '',
      type: 'Boulangerie',
      code_insee: '87054',
      actif: 'oui',
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['nom', 'type']);
  });
});

describe('no input crashes it', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.date(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom('87085', '2A004', 'Mo-Fr 09:00-12:00', '|', ', ', '31/02/2026', 'Jeunes|Seniors'),
  );
  for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
    it(`${tab}: arbitrary cells give records or problems`, () => {
      const header = TABS[tab].columns.map((c) => c.header);
      fc.assert(
        fc.property(fc.array(fc.array(cell, { maxLength: header.length + 3 }), { maxLength: 8 }), (rows) => {
          const t = readTable(tab, [header, ...rows], ctx);
          for (const row of t.rows) {
            expect(row.valid).toBe(!row.problems.some((p) => p.severity === 'erreur'));
            for (const p of row.problems) expect(p.message.length).toBeGreaterThan(10);
          }
          expect(t.rows.length).toBeLessThanOrEqual(rows.length);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('arbitrary header rows never crash it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 5 }), (rows) => {
        const t = readWorkbook({ Lieux: rows, Permanences: rows, Relais: rows }, ctx);
        expect(Array.isArray(t.problems)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('date_maj', () => {
  const header = [...REQUIRED_HEADER, 'Dernière modification'];
  const row = (dateMaj: string, stamp: string) => [
    'l1',
    'Lieu',
    'Bellac',
    '87300',
    '1 rue',
    'W872004217',
    dateMaj,
    'Aide aux démarches administratives',
    'actif',
    stamp,
  ];

  it('is the later of the typed date and the last edit Maillage stamped', () => {
    expect(
      readTable('Lieux', [header, row('2026-01-01', '2026-11-20 10:30')], ctx).rows[0]!.record.date_maj,
    ).toBe('2026-11-20');
    expect(
      readTable('Lieux', [header, row('2026-11-25', '2026-11-20 10:30')], ctx).rows[0]!.record.date_maj,
    ).toBe('2026-11-25');
    const blank = readTable('Lieux', [header, row('', '2026-11-20 10:30')], ctx);
    expect(blank.problems).toEqual([]);
    expect(blank.rows[0]!.record.date_maj).toBe('2026-11-20');
  });

  it('still reports a blank date without a stamp, and an unreadable typed date', () => {
    expect(readTable('Lieux', [header, row('', '')], ctx).problems.map((p) => p.column)).toEqual([
      'Date de mise à jour',
    ]);
    expect(
      readTable('Lieux', [header, row('31/02/2026', '2026-11-20 10:30')], ctx).problems[0]!.message,
    ).toMatch(/date réelle/);
  });
});

describe('dates that move with the calendar', () => {
  const sample = sampleWorkbook();
  const permHeader = sample.Permanences![0]!;
  const firstPerm = sample.Permanences![1]!;
  const dateAt = permHeader.indexOf(TABS.Permanences.columns.find((c) => c.key === 'date')!.header);
  const statutAt = permHeader.indexOf(TABS.Permanences.columns.find((c) => c.key === 'statut')!.header);
  let n = 0;
  const permanence = (date: string, statut = 'prévue') => {
    const row = [...firstPerm];
    row[0] = `perm-test-${++n}`;
    row[dateAt] = date;
    row[statutAt] = statut;
    for (const key of [
      'personnes_recues',
      'accompagnements_individuels',
      'participants_ateliers',
      'reponses_satisfaction',
      'satisfaits',
    ]) {
      row[permHeader.indexOf(TABS.Permanences.columns.find((c) => c.key === key)!.header)] = '';
    }
    return row;
  };
  const read = (rows: string[][], departement = '87') =>
    readWorkbook(
      { ...sample, Permanences: [permHeader, ...rows] },
      { territory: departement === '87' ? territory : loadTerritory(departement), today: '2026-12-01' },
    ).tables.Permanences;

  it('warns about a permanence planned on a public holiday, kept in the outputs', () => {
    const t = read([permanence('2026-12-25'), permanence('2026-12-24'), permanence('2026-12-25', 'annulée')]);
    const onHoliday = t.problems.filter((p) => /férié/.test(p.message));
    expect(onHoliday).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'date',
        severity: 'avertissement',
        message:
          'Le vendredi 25 décembre 2026 est un jour férié (Noël) : déplacez la permanence à un autre jour, ou passez-la à « annulée ».',
      }),
    ]);
    expect(validRecords(t)).toHaveLength(3);
  });

  it('knows the Alsace-Moselle holidays only where the département has them', () => {
    expect(read([permanence('2026-12-26')]).problems.filter((p) => /férié/.test(p.message))).toEqual([]);
    const moselle = read([permanence('2026-12-26')], '57').problems.filter((p) => /férié/.test(p.message));
    expect(moselle.map((p) => p.message)).toEqual([expect.stringContaining('(Saint Étienne)')]);
  });

  it('publishes a place whose exceptional closure has passed, with a hint on its hours', () => {
    const past = 'Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off';
    const lieux = sample.Lieux!.map((row, i) =>
      i === 1 ? row.map((cell, c) => (sample.Lieux![0]![c] === 'Horaires' ? past : cell)) : row,
    );
    const t = readWorkbook({ ...sample, Lieux: lieux }, { territory, today: '2026-12-05' }).tables.Lieux;
    expect(t.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'horaires', severity: 'avertissement' }),
    ]);
    expect(t.problems[0]!.message).toContain('« Mo,We,Fr 09:00-12:00; PH off »');
    expect(t.rows[0]!.valid).toBe(true);
  });
});
