/**
 * The coordination's referents list: selection by the places' EPCI, typology, charter and Pass
 * Numérique (checked against a selection made here on the sample's CSV rows), then the CSV French
 * Excel opens and the vCard 4.0 a mail client imports, both read back with independent parsers.
 */

import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { TABS, type TabName } from '../../src/core/model';
import {
  CSV_HEADERS,
  criteriaLabel,
  parseCriteria,
  referentsCsv,
  referentsVcard,
  selectReferents,
} from '../../src/core/referents';
import { normalizeCommuneName } from '../../src/core/territory';
import { readWorkbook } from '../../src/core/workbook';
import { loadTerritory } from '../../src/node/territory';
import { sampleWorkbook } from '../helpers/workbook';

const territory = loadTerritory('87');
type Raw = Record<string, string[][]>;

function read(raw: Raw = sampleWorkbook()) {
  const wb = readWorkbook(raw, { territory, today: '2026-11-28' });
  return {
    referents: wb.tables.Référents.rows.map((r) => ({ row: r.row, record: r.record })),
    lieux: wb.tables.Lieux.rows.map((r) => r.record),
  };
}

function select(criteria: unknown, raw?: Raw) {
  const { referents, lieux } = read(raw);
  return selectReferents(referents, lieux, territory, parseCriteria(criteria));
}

/** Rows of a tab as objects keyed by header. */
function rows(raw: Raw, tab: string): Record<string, string>[] {
  const [header, ...body] = raw[tab]!;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

function set(raw: Raw, tab: TabName, id: string, key: string, value: string) {
  const at = raw[tab]![0]!.indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
  const row = raw[tab]!.find((r) => r[0] === id);
  if (!row || at < 0) throw new Error(`${tab} ${id} ${key}`);
  row[at] = value;
}

/** The referents whose places (one same place) pass `test`, computed on the CSV rows. */
function expected(raw: Raw, test: (lieu: Record<string, string>) => boolean): string[] {
  const lieux = new Map(
    rows(raw, 'Lieux')
      .filter((l) => l.Statut !== 'fermé')
      .map((l) => [l['Identifiant unique local du lieu'], l]),
  );
  return rows(raw, 'Référents')
    .filter((r) =>
      r.Lieux!.split('|').some((id) => {
        const l = lieux.get(id);
        return l !== undefined && test(l);
      }),
    )
    .map((r) => r.Identifiant!);
}

/** The EPCI of a place: by its INSEE code, or by its commune's name when the code is left blank. */
const epciOf = (l: Record<string, string>) =>
  (l['Code INSEE']
    ? territory.byCode.get(l['Code INSEE'])
    : territory.byName.get(normalizeCommuneName(l.Commune!))?.[0]
  )?.epci?.code;

describe('selecting referents', () => {
  const raw = sampleWorkbook();
  const limoges = territory.byCode.get('87085')!.epci!.code;

  it('all of them without criteria', () => {
    expect(select({})).toHaveLength(rows(raw, 'Référents').length);
    expect(criteriaLabel({}, territory)).toBe('tous les référents');
  });

  it('by the EPCI, typology, charter or Pass Numérique of their places, as counted on the rows', () => {
    const cases: [Record<string, unknown>, (l: Record<string, string>) => boolean][] = [
      [{ epci: limoges }, (l) => epciOf(l) === limoges],
      [{ typologie: 'BIB' }, (l) => l.Typologie!.split('|').includes('BIB')],
      [{ charte: true }, (l) => l['Charte signée le'] !== ''],
      [{ pass: true }, (l) => l['Pass Numérique (APTIC) accepté'] === 'oui'],
    ];
    for (const [criteria, test] of cases) {
      const ids = select(criteria).map((s) => s.referent.id);
      expect(ids.length, JSON.stringify(criteria)).toBeGreaterThan(0);
      expect(ids.length, JSON.stringify(criteria)).toBeLessThan(rows(raw, 'Référents').length);
      expect(ids, JSON.stringify(criteria)).toEqual(expected(raw, test));
    }
  });

  it('all criteria together must hold for one same place', () => {
    const criteria = { epci: limoges, charte: true, pass: true };
    const ids = select(criteria).map((s) => s.referent.id);
    expect(ids).toEqual(
      expected(
        raw,
        (l) =>
          epciOf(l) === limoges &&
          l['Charte signée le'] !== '' &&
          l['Pass Numérique (APTIC) accepté'] === 'oui',
      ),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const s of select(criteria)) expect(s.lieux.every((l) => l.pass_numerique === true)).toBe(true);
    expect(criteriaLabel(parseCriteria(criteria), territory)).toBe(
      'référents des lieux de CU Limoges Métropole, qui ont signé la charte, qui acceptent le Pass Numérique',
    );
  });
});

describe('the CSV for French Excel', () => {
  it('starts with a BOM, separates with ;, ends lines with CRLF and never runs a formula', () => {
    const raw = sampleWorkbook();
    set(raw, 'Référents', 'ref-001', 'nom', '=HYPERLINK("http://piege.example";"Cliquez")');
    set(raw, 'Référents', 'ref-001', 'structure', 'Association « Lire; écrire », Limoges');
    set(raw, 'Référents', 'ref-002', 'fonction', '+33 médiateur');
    set(raw, 'Référents', 'ref-003', 'fonction', '@mention');
    const selected = select({}, raw);
    const csv = referentsCsv(selected, territory);
    expect(
      csv.startsWith(
        '\uFEFFNom;Fonction;Structure;Courriel;Téléphone;Lieux;Communes;EPCI;Reçoit la lettre\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const back = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    expect(back[0]).toEqual([...CSV_HEADERS]);
    expect(back).toHaveLength(selected.length + 1);
    expect(back[1]![0]).toBe(`'=HYPERLINK("http://piege.example";"Cliquez")`);
    expect(back[1]![2]).toBe('Association « Lire; écrire », Limoges');
    expect(back[2]![1]).toBe("'+33 médiateur");
    expect(back[3]![1]).toBe("'@mention");
    // Every cell is inert for a spreadsheet, after any separator it may split on.
    for (const line of back.slice(1))
      for (const cell of line) expect(/(^|[;\t\r\n])[\s"]*[=+\-@]/.test(cell), cell).toBe(false);
    // Phone numbers stay text Excel does not turn into numbers (spaces kept, leading zero kept).
    expect(back[2]![4]).toMatch(/^0\d( \d\d){4}$/);
    expect(back[2]![5]).not.toBe('');
  });
});

describe('the vCard 4.0 file', () => {
  it('one card per referent, escaped and folded, read back by ical.js', () => {
    const raw = sampleWorkbook();
    set(raw, 'Référents', 'ref-001', 'structure', 'Centre social; espace numérique, Limoges\\Nord');
    set(
      raw,
      'Référents',
      'ref-001',
      'nom',
      'Marie-Éléonore de La Tour-Maubourg-Villeneuve-Saint-Georges-Longuenom',
    );
    const selected = select({ typologie: 'BIB' }, raw);
    const vcf = referentsVcard(selected);
    const lines = vcf.split('\r\n');
    expect(vcf.endsWith('\r\n')).toBe(true);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l === 'BEGIN:VCARD')).toHaveLength(selected.length);
    expect(vcf).toContain('ORG:Centre social\\; espace numérique\\, Limoges\\\\Nord');
    const parsed = ICAL.parse(vcf) as unknown;
    const cards = (Array.isArray((parsed as unknown[])[0]) ? parsed : [parsed]) as unknown[];
    expect(cards).toHaveLength(selected.length);
    const first = new ICAL.Component(cards[0] as unknown[]);
    expect(first.getFirstPropertyValue('version')).toBe('4.0');
    expect(first.getFirstPropertyValue('fn')).toBe(
      'Marie-Éléonore de La Tour-Maubourg-Villeneuve-Saint-Georges-Longuenom',
    );
    expect(first.getFirstPropertyValue('org')).toBe('Centre social; espace numérique, Limoges\\Nord');
    expect(first.getFirstPropertyValue('email')).toBe(selected[0]!.referent.courriel);
    expect(String(first.getFirstPropertyValue('tel'))).toMatch(/^tel:\+33\d{9}$/);
    expect(first.getFirstPropertyValue('uid')).toBe('urn:maillage:ref-001');
    expect(String(first.getFirstPropertyValue('note'))).toMatch(/^Référent de : /);
  });
});
