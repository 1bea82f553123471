import { describe, expect, it } from 'vitest';
import { offerCells, offerRows, offerTable } from '../../../src/core/indicators';
import { headers } from '../../../src/core/model';
import { validRecords } from '../../../src/core/read-table';
import { VOCABULARIES } from '../../../src/core/standard';
import { readWorkbook } from '../../../src/core/workbook';
import { loadTerritory } from '../../../src/node/territory';
import { sampleWorkbook } from '../../helpers/workbook';
import { cells, territory as hand, read } from './hand-workbook';

const territory = loadTerritory('87');
const TODAY = '2026-11-28';

/** The sample's rows as plain objects keyed by their French header. */
function rowsOf(raw: Record<string, string[][]>, tab: string): Record<string, string>[] {
  const [header, ...rows] = raw[tab]!;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('« qui propose quoi, où » on the sample', () => {
  const raw = sampleWorkbook();
  const wb = readWorkbook(raw, { territory, today: TODAY });
  const table = offerTable(validRecords(wb.tables.Lieux), territory.communes);

  // Expected cells computed from the CSV rows themselves: the Communes tab gives each commune's EPCI.
  const communes = rowsOf(raw, 'Communes');
  const epciOf = new Map(communes.map((c) => [c['Code INSEE']!, c.EPCI!]));
  // A partner may leave the INSEE code empty: the commune's name and postcode give it.
  const codeOf = (l: Record<string, string>) =>
    l['Code INSEE'] ||
    communes.find((c) => c.Commune === l.Commune && c['Codes postaux']!.includes(l['Code postal']!))?.[
      'Code INSEE'
    ];
  const expected = new Map<string, string[]>();
  const communesWith = new Map<string, Set<string>>();
  let counted = 0;
  for (const l of rowsOf(raw, 'Lieux')) {
    if (l.Statut !== 'actif' || l.Itinérance === 'Itinérant') continue;
    const code = codeOf(l)!;
    const epci = epciOf.get(code);
    if (!epci) continue;
    counted++;
    for (const service of new Set(l.Services!.split(/\s*[|,]\s*(?=[A-ZÀ-Ý])/))) {
      const key = `${service} @ ${epci}`;
      expected.set(key, [...(expected.get(key) ?? []), l['Identifiant unique local du lieu']!]);
      communesWith.set(service, (communesWith.get(service) ?? new Set()).add(code));
    }
  }

  it('has every service of the standard as a row and every EPCI of the département as a column', () => {
    expect(table.services.map((s) => s.service)).toEqual([...VOCABULARIES.services]);
    expect(table.epcis.map((e) => e.nom).sort()).toEqual([...new Set(epciOf.values())].sort());
    expect(table.epcis.reduce((n, e) => n + e.communes, 0)).toBe(epciOf.size);
    expect(table.lieux).toBe(counted);
    expect(counted).toBeGreaterThan(40);
  });

  it('puts behind each cell the active fixed places of that EPCI offering that service', () => {
    let filled = 0;
    for (const s of table.services) {
      table.epcis.forEach((e, i) => {
        const ids = s.cells[i]!.map((p) => p.id).sort();
        expect(ids, `${s.service} @ ${e.nom}`).toEqual(
          (expected.get(`${s.service} @ ${e.nom}`) ?? []).sort(),
        );
        if (ids.length) filled++;
      });
    }
    // Every expected key names a real service and EPCI (no label lost by the reader).
    for (const key of expected.keys()) {
      const [service, epci] = key.split(' @ ');
      expect(VOCABULARIES.services, key).toContain(service);
      expect(
        table.epcis.map((e) => e.nom),
        key,
      ).toContain(epci);
    }
    expect(filled).toBeGreaterThan(10);
    // The network sees gaps: some service is missing from some EPCI.
    expect(table.services.some((s) => s.epcisSans.length > 0)).toBe(true);
  });

  it('lists, per service, the EPCI and the communes where no place offers it', () => {
    for (const s of table.services) {
      const withIt = communesWith.get(s.service) ?? new Set();
      expect(s.communesSans.map((c) => c.code).sort(), s.service).toEqual(
        [...epciOf.keys()].filter((code) => !withIt.has(code)).sort(),
      );
      expect(s.epcisSans.sort(), s.service).toEqual(
        table.epcis
          .map((e) => e.nom)
          .filter((e) => !expected.has(`${s.service} @ ${e}`))
          .sort(),
      );
      const population = s.communesSans.reduce(
        (n, c) => n + territory.communes.find((x) => x.code === c.code)!.population,
        0,
      );
      expect(s.populationSans, s.service).toBe(population);
    }
  });

  it('gives the Offre tab one row per service and EPCI, header first', () => {
    const rows = offerRows(table, TODAY);
    expect(rows).toHaveLength(VOCABULARIES.services.length * table.epcis.length);
    const grid = offerCells(rows);
    expect(grid[0]).toEqual(headers('Offre'));
    for (const row of rows) {
      const ids = expected.get(`${row.service} @ ${row.epci}`) ?? [];
      expect(row.nombre_lieux, `${row.service} @ ${row.epci}`).toBe(ids.length);
      for (const id of ids) expect(row.lieux).toContain(`[${id}]`);
      const sans = table.services
        .find((s) => s.service === row.service)!
        .communesSans.filter((c) => c.epci === row.epci);
      expect(row.nombre_communes_sans).toBe(sans.length);
      expect(row.communes_sans ?? '').toBe(sans.map((c) => c.nom).join(', '));
      expect(row.donnees_au).toBe(TODAY);
    }
  });
});

describe('« qui propose quoi, où » on a hand workbook', () => {
  it('leaves out closed places, the bus and places outside the communes given', () => {
    const records = validRecords(read(cells()).tables.Lieux);
    const table = offerTable(records, hand.communes);
    // Médiathèque (Limoges: both services), France Services (Bellac: A), Point numérique (Bellac: B).
    expect(table.lieux).toBe(3);
    expect(table.horsTerritoire).toBe(0);
    const withoutBellac = offerTable(
      records,
      hand.communes.filter((c) => c.nom !== 'Bellac'),
    );
    expect([withoutBellac.lieux, withoutBellac.horsTerritoire]).toEqual([1, 2]);
    const [a, b] = ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'].map(
      (s) => table.services.find((x) => x.service === s)!,
    );
    const names = (row: typeof a) =>
      row!.cells.flatMap((c, i) => c.map((p) => `${table.epcis[i]!.nom}: ${p.nom} (${p.commune})`));
    expect(names(a)).toEqual([
      'CC Haut Limousin en Marche: France Services (Bellac)',
      'CU Limoges Métropole: Médiathèque (Limoges)',
    ]);
    expect(names(b)).toEqual([
      'CC Haut Limousin en Marche: Point numérique (Bellac)',
      'CU Limoges Métropole: Médiathèque (Limoges)',
    ]);
    const other = table.services.find((s) => s.service === 'Loisirs et créations numériques')!;
    expect(other.lieux).toBe(0);
    expect(other.epcisSans).toHaveLength(table.epcis.length);
    expect(other.communesSans).toHaveLength(hand.communes.length);
    expect(a!.communesSans).toHaveLength(hand.communes.length - 2);
  });
});
