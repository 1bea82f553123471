import { describe, expect, it } from 'vitest';
import { headers, TABS } from '../../../src/core/model';
import { validRecords } from '../../../src/core/read-table';
import { readWorkbook } from '../../../src/core/workbook';
import { loadTerritory } from '../../../src/node/territory';
import { sampleWorkbook } from '../../helpers/workbook';

const territory = loadTerritory('87');
const TODAY = '2026-11-28';
const NETWORK_TABS = ['Référents', 'Rencontres', 'Inscriptions', 'Pass Numérique', 'Lettres'] as const;

function read(raw = sampleWorkbook()) {
  return readWorkbook(raw, { territory, today: TODAY });
}

function setCell(
  raw: Record<string, string[][]>,
  tab: keyof typeof TABS,
  row: number,
  key: string,
  value: string,
) {
  const at = headers(tab).indexOf(TABS[tab].columns.find((c) => c.key === key)!.header);
  raw[tab]![row]![at] = value;
}

describe('the sample’s year of network life', () => {
  it('reads without any problem in the network tabs', () => {
    const wb = read();
    for (const tab of NETWORK_TABS) {
      expect(wb.tables[tab].problems, tab).toEqual([]);
      expect(wb.tables[tab].rows.length, tab).toBeGreaterThan(0);
    }
  });

  it('holds at least 12 meetings over a year, of every type, at least 80 registrations and several letters', () => {
    const wb = read();
    const meetings = validRecords(wb.tables.Rencontres);
    expect(meetings.length).toBeGreaterThanOrEqual(12);
    const days = meetings.map((m) => m.date!).sort();
    expect(days[0]! <= '2026-01-31' && days.at(-1)! >= '2026-12-31').toBe(true);
    expect(new Set(meetings.map((m) => m.type))).toEqual(
      new Set(TABS.Rencontres.columns.find((c) => c.key === 'type')!.vocabulary),
    );
    expect(meetings.some((m) => m.publique === false)).toBe(true);
    expect(meetings.some((m) => !m.lieu && m.lien_visio)).toBe(true);
    const registrations = validRecords(wb.tables.Inscriptions);
    expect(registrations.length).toBeGreaterThanOrEqual(80);
    // A full meeting sends the next people to the waiting list; held meetings record attendance.
    for (const m of meetings) {
      const taken = registrations.filter((r) => r.rencontre === m.id && r.statut === 'inscrit');
      expect(taken.length, m.id!).toBeLessThanOrEqual(m.capacite!);
      const waiting = registrations.filter((r) => r.rencontre === m.id && r.statut === 'liste d’attente');
      if (waiting.length) expect(taken.length, m.id!).toBe(m.capacite);
      if (m.statut === 'réalisée')
        expect(
          taken.every((r) => r.presence !== null),
          m.id!,
        ).toBe(true);
      if (m.statut === 'prévue')
        expect(
          taken.every((r) => r.presence === null),
          m.id!,
        ).toBe(true);
    }
    expect(registrations.some((r) => r.statut === 'liste d’attente')).toBe(true);
    expect(validRecords(wb.tables.Lettres).length).toBeGreaterThanOrEqual(3);
    expect(validRecords(wb.tables['Pass Numérique']).length).toBeGreaterThan(0);
  });

  it('ties every referent to places of the Lieux tab, several for some', () => {
    const wb = read();
    const referents = validRecords(wb.tables.Référents);
    const lieux = new Set(validRecords(wb.tables.Lieux).map((l) => l.id));
    expect(referents.every((r) => r.lieux.length > 0 && r.lieux.every((id) => lieux.has(id)))).toBe(true);
    expect(referents.some((r) => r.lieux.length > 1)).toBe(true);
  });
});

describe('network tabs with mistakes', () => {
  it('report unknown ids across tabs with tab, row, column and what to do', () => {
    const raw = sampleWorkbook();
    setCell(raw, 'Référents', 1, 'lieux', 'lieu-0001|lieu-9999');
    setCell(raw, 'Inscriptions', 2, 'rencontre', 'renc-404');
    setCell(raw, 'Pass Numérique', 3, 'lieu', 'lieu-8888');
    const wb = read(raw);
    expect(wb.tables.Référents.problems).toEqual([
      expect.objectContaining({
        tab: 'Référents',
        row: 2,
        column: 'Lieux',
        severity: 'erreur',
        message: expect.stringMatching(/« lieu-9999 » n’existe pas dans l’onglet Lieux/),
      }),
    ]);
    expect(wb.tables.Inscriptions.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Rencontre',
        message: expect.stringMatching(/renc-404.*Rencontres/),
      }),
    ]);
    expect(wb.tables['Pass Numérique'].problems).toEqual([
      expect.objectContaining({ row: 4, column: 'Lieu', message: expect.stringMatching(/lieu-8888/) }),
    ]);
    expect(wb.tables.Référents.rows[0]!.valid).toBe(false);
    expect(wb.tables.Référents.rows[1]!.valid).toBe(true);
  });

  it('refuse a meeting that ends before it starts or has neither room nor video link', () => {
    const raw = sampleWorkbook();
    setCell(raw, 'Rencontres', 1, 'fin', '08:00');
    setCell(raw, 'Rencontres', 3, 'lien_visio', '');
    const wb = read(raw);
    expect(wb.tables.Rencontres.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'Fin', 'La fin (08:00) doit être après le début (09:30).'],
      [
        4,
        'Lieu',
        'Indiquez où se tient la rencontre : une salle et son adresse, ou un lien de visioconférence.',
      ],
    ]);
  });
});
