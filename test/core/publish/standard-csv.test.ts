import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { TABS } from '../../../src/core/model';
import {
  buildStandardCsv,
  csvField,
  recommendedCsvName,
  STANDARD_CSV_FILE,
} from '../../../src/core/publish/standard-csv';
import { formulaCell, spreadsheetCells } from '../../helpers/spreadsheet';
import { ROOT, sampleWorkbook } from '../../helpers/workbook';
import { fileOf, publishRaw, publishSample, SCHEMA, schemaViolations } from './helpers';

describe('the standard CSV', () => {
  const publication = publishSample();
  const csv = fileOf(publication, STANDARD_CSV_FILE);
  const rows = parse(csv) as string[][];

  it('the checker itself accepts the standard’s own example file and rejects a broken one', () => {
    const example = readFileSync(join(ROOT, 'test/fixtures/standard-exemple-valide-v1.0.1.csv'), 'utf8');
    expect(schemaViolations(example)).toEqual([]);
    const broken = example
      .replace('"+33180059880"', '"05 55 00 00 00"')
      .replace('"2024-04-02"', '"02/04/2024"');
    expect(schemaViolations(broken)).toEqual([
      expect.stringMatching(/telephone/),
      expect.stringMatching(/date_maj .* not a date/),
    ]);
  });

  it('has the 32 columns of the schema in order and every row valid against its patterns', () => {
    expect(rows[0]).toEqual(SCHEMA.fields.map((f) => f.name));
    expect(rows[0]).toHaveLength(32);
    expect(schemaViolations(csv)).toEqual([]);
  });

  it('holds every published place and every bus stop, once', () => {
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toEqual(
      [...publication.catalogue.places, ...publication.catalogue.stops].map((p) => p.record.id),
    );
    expect(publication.catalogue.places.length).toBe(61);
    expect(publication.catalogue.stops.length).toBeGreaterThanOrEqual(15);
  });

  it('writes a stop as the standard says: Itinérant, ENM, the operator as structure_parente, the bus’s pivot', () => {
    const col = (name: string) => SCHEMA.fields.findIndex((f) => f.name === name);
    const bus = publication.catalogue.bus!;
    const stops = rows.slice(1).filter((r) => r[0]!.startsWith('arret-'));
    expect(stops.length).toBe(publication.catalogue.stops.length);
    for (const stop of stops) {
      expect(stop[col('itinerance')]).toBe('Itinérant');
      expect(stop[col('typologie')]!.split('|')).toContain('ENM');
      expect(stop[col('structure_parente')]).toBe(bus.structure_parente);
      expect(stop[col('pivot')]).toBe(bus.pivot);
      expect(stop[col('code_insee')]).toMatch(/^87\d{3}$/);
    }
  });

  it('uses | between values, UTF-8, CRLF and RFC 4180 quoting', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(0, -2).split('\r\n');
    expect(lines.length).toBe(rows.length);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    expect(csv).toContain('Médiathèque');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField('simple')).toBe('simple');
    const multi = rows.find((r) => r[0] === 'lieu-0006')!;
    expect(multi[SCHEMA.fields.findIndex((f) => f.name === 'courriels')]).toMatch(/^[^|]+@[^|]+\|[^|]+@/);
  });

  it('round-trips awkward text through a CSV parser', () => {
    const raw = sampleWorkbook();
    const header = raw.Lieux![0]!;
    const nameAt = header.indexOf(TABS.Lieux.columns.find((c) => c.key === 'nom')!.header);
    const detailAt = header.indexOf(TABS.Lieux.columns.find((c) => c.key === 'presentation_detail')!.header);
    raw.Lieux![1]![nameAt] = 'Le "Relais", café numérique';
    raw.Lieux![1]![detailAt] = 'Ligne 1\nLigne 2, avec virgule';
    const out = parse(fileOf(publishRaw(raw), STANDARD_CSV_FILE)) as string[][];
    const row = out.find((r) => r[0] === 'lieu-0001')!;
    expect(row[2]).toBe('Le "Relais", café numérique');
    expect(row[16]).toBe('Ligne 1\nLigne 2, avec virgule');
  });

  it('leaves stops out when no row describes the bus (the standard needs a pivot)', () => {
    const raw = sampleWorkbook();
    const header = raw.Lieux![0]!;
    const typo = header.indexOf(TABS.Lieux.columns.find((c) => c.key === 'typologie')!.header);
    raw.Lieux = raw.Lieux!.filter((r, i) => i === 0 || !r[typo]!.split('|').includes('ENM'));
    const publication = publishRaw(raw);
    const csv = fileOf(publication, STANDARD_CSV_FILE);
    expect(csv).not.toContain('arret-');
    expect(schemaViolations(csv)).toEqual([]);
    expect(publication.catalogue.stops.length).toBeGreaterThan(0);
    expect(publication.report.avertissements.map((w) => w.message).join('\n')).toMatch(/ne décrit le bus/);
    expect(buildStandardCsv(publication.catalogue).split('\r\n').length - 2).toBe(
      publication.catalogue.places.length,
    );
  });

  it('offers the file name the standard recommends', () => {
    expect(recommendedCsvName('2026-11-28', 'Réseau 87', 'Haute-Vienne')).toBe(
      '2026-11-28_reseau-87_lieux-de-mediation-numerique_haute-vienne.csv',
    );
  });
});

describe('the standard CSV against formula injection', () => {
  const raw = sampleWorkbook();
  const header = raw.Lieux![0]!;
  const at = (key: string) => header.indexOf(TABS.Lieux.columns.find((c) => c.key === key)!.header);
  raw.Lieux![1]![at('nom')] = '=HYPERLINK("http://evil","x")';
  raw.Lieux![1]![at('adresse')] = "=cmd|' /C calc'!A0";
  raw.Lieux![1]![at('presentation_resume')] = '\t=1+1';
  raw.Lieux![1]![at('presentation_detail')] = 'Ateliers :\n- initiation\n@SUM(1)';
  raw.Lieux![2]![at('complement_adresse')] = 'Bât. A;=1+1';
  raw.Lieux![2]![at('autres_formations_labels')] = '+SUM(1)';
  // 280 characters: the apostrophe would make it 281, over the schema's maxLength.
  raw.Lieux![3]![at('presentation_resume')] = `-${'x'.repeat(279)}`;
  const publication = publishRaw(raw);
  const csv = fileOf(publication, STANDARD_CSV_FILE);

  it('writes no cell a spreadsheet would run, and stays valid against the schema', () => {
    expect(spreadsheetCells(csv).filter(formulaCell)).toEqual([]);
    expect(schemaViolations(csv)).toEqual([]);
    const row = (parse(csv) as string[][]).find((r) => r[0] === 'lieu-0001')!;
    expect(row[2]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(row[6]).toBe("'=cmd|' /C calc'!A0");
    expect(row[15]).toBe("'=1+1");
    expect(row[16]).toBe("Ateliers :\n'- initiation\n'@SUM(1)");
  });

  it('warns the partner, and leaves out the row the apostrophe would push past 280 characters', () => {
    const problems = publication.report.avertissements.map((w) => `${w.ligne} ${w.colonne} ${w.message}`);
    expect(problems.join('\n')).toMatch(/2 Nom .*Commence par « = » : un tableur/);
    expect(problems.join('\n')).toMatch(/3 Complément d.adresse .*Contient, après un « ; »/);
    const rejected = publication.report.rejets.find((r) => r.ligne === 4);
    expect(rejected?.problemes.map((p) => p.message).join('\n')).toMatch(
      /dépasserait 280 caractères : la ligne n’est pas publiée/,
    );
    expect(csv).not.toContain('lieu-0003,');
  });
});
