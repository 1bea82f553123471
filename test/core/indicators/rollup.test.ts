import { describe, expect, it } from 'vitest';
import { indicatorData, indicatorSeries, upsertRows, weeklyRollup } from '../../../src/core/indicators';
import { headers, type IndicateurRow } from '../../../src/core/model';
import { readTable } from '../../../src/core/read-table';
import { asAppsScript, asSheetsApi } from '../../helpers/workbook';
import { cells, PERMANENCES, read, TODAY, territory } from './hand-workbook';

const tables = read().tables;

function byPeriod(rows: IndicateurRow[]): Record<string, IndicateurRow> {
  return Object.fromEntries(rows.map((r) => [r.periode, r]));
}

describe('weeklyRollup', () => {
  const rows = weeklyRollup(tables, { today: TODAY });

  it('gives one row per ISO week, from the first permanence to the current week', () => {
    expect(rows.map((r) => [r.periode, r.du, r.au])).toEqual([
      ['2026-W44', '2026-10-26', '2026-11-01'],
      ['2026-W45', '2026-11-02', '2026-11-08'],
      ['2026-W46', '2026-11-09', '2026-11-15'],
      ['2026-W47', '2026-11-16', '2026-11-22'],
    ]);
  });

  it('writes the hand-computed figures', () => {
    const w = byPeriod(rows);
    // See compute.test.ts for the reasoning behind each number.
    expect(w['2026-W46']).toEqual({
      periode: '2026-W46',
      du: '2026-11-09',
      au: '2026-11-15',
      communes_couvertes: 2,
      communes_assistance: 2,
      communes_formation: 1,
      communes_acces_libre: 1,
      permanences_realisees: 2,
      permanences_prevues: 0,
      permanences_annulees: 1,
      personnes_recues: 18,
      accompagnements: 17,
      accompagnements_individuels: 11,
      participants_ateliers: 6,
      reponses_satisfaction: 6,
      satisfaits: 5,
      taux_satisfaction: 0.8333,
      relais_actifs: 2,
      relais_mobilises: 2,
      lieux_actifs: null,
      lieux_anciens: null,
      donnees_au: '2026-11-18',
    });
    // The empty week: zeros, no rate.
    expect(w['2026-W45']!.permanences_realisees).toBe(0);
    expect(w['2026-W45']!.taux_satisfaction).toBeNull();
    // The current week carries the directory snapshot.
    expect([w['2026-W47']!.lieux_actifs, w['2026-W47']!.lieux_anciens]).toEqual([4, 1]);
  });

  it('is idempotent: same workbook, same day, same rows', () => {
    expect(weeklyRollup(read().tables, { today: TODAY })).toEqual(rows);
    const once = upsertRows([], rows);
    expect(upsertRows(once, weeklyRollup(tables, { today: TODAY }))).toEqual(once);
  });

  it('reads the same from Apps Script Date objects and Sheets API serials (daylight-saving weeks included)', () => {
    // 27/10/2026 follows the switch to winter time; Apps Script gives it as 26/10 23:00 UTC.
    const raw = cells();
    expect(weeklyRollup(read(asAppsScript(raw)).tables, { today: TODAY })).toEqual(rows);
    expect(weeklyRollup(read(asSheetsApi(raw)).tables, { today: TODAY })).toEqual(rows);
  });

  it('puts a Monday after a daylight-saving change in its own week', () => {
    // Monday 30 March 2026 (the day after summer time starts) and Monday 26 October 2026 (after winter
    // time): as Apps Script dates they are 22:00 and 23:00 UTC the day before, a Sunday of the previous week.
    const perms = [
      { ...PERMANENCES[0]!, id: 'perm-0099', date: '29/03/2026' },
      { ...PERMANENCES[0]!, id: 'perm-0100', date: '30/03/2026' },
      { ...PERMANENCES[0]!, id: 'perm-0101', date: '26/10/2026' },
    ];
    const raw = asAppsScript(cells(perms));
    const dateCell = raw.Permanences![2]![1] as Date;
    expect(dateCell.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const weekly = byPeriod(weeklyRollup(read(raw).tables, { today: TODAY }));
    // Sunday 29 March (the change itself) closes week 13; Monday 30 March opens week 14.
    expect(weekly['2026-W13']!.permanences_realisees).toBe(1);
    expect(weekly['2026-W14']!.permanences_realisees).toBe(1);
    expect(weekly['2026-W44']!.permanences_realisees).toBe(1);
    expect(weekly['2026-W43']!.permanences_realisees).toBe(0);
  });

  it('crosses the year boundary through 2026-W53', () => {
    const perms = [
      { ...PERMANENCES[0]!, id: 'perm-0200', date: '29/12/2026' },
      { ...PERMANENCES[0]!, id: 'perm-0201', date: '01/01/2027', debut: '14:00', fin: '16:00' },
      { ...PERMANENCES[0]!, id: 'perm-0202', date: '05/01/2027' },
    ];
    const t = read(cells(perms), '2027-01-06').tables;
    const weekly = weeklyRollup(t, { today: '2027-01-06' });
    expect(weekly.map((r) => [r.periode, r.permanences_realisees])).toEqual([
      ['2026-W53', 2],
      ['2027-W01', 1],
    ]);
    const months = indicatorSeries(indicatorData(t), 'mois', { today: '2027-01-06' });
    expect(months.map((m) => [m.period.key, m.permanences.realisees])).toEqual([
      ['2026-12', 1],
      ['2027-01', 2],
    ]);
  });

  it('starts from `from` when given', () => {
    expect(weeklyRollup(tables, { today: TODAY, from: '2026-11-10' }).map((r) => r.periode)).toEqual([
      '2026-W46',
      '2026-W47',
    ]);
  });

  it('gives only the current week when there is no permanence yet', () => {
    const empty = read(cells([])).tables;
    expect(weeklyRollup(empty, { today: TODAY }).map((r) => [r.periode, r.lieux_actifs])).toEqual([
      ['2026-W47', 4],
    ]);
  });
});

describe('upsertRows', () => {
  const rows = weeklyRollup(tables, { today: TODAY });

  it('writes a header and one row per period into an empty tab, rectangular', () => {
    const out = upsertRows([], rows);
    expect(out[0]).toEqual(headers('Indicateurs'));
    expect(out).toHaveLength(rows.length + 1);
    expect(new Set(out.map((r) => r.length))).toEqual(new Set([headers('Indicateurs').length]));
    // Empty values are empty cells, never null.
    expect(out[2]).toContain('');
    expect(out.flat()).not.toContain(null);
    // What was written reads back as the same records.
    const back = readTable('Indicateurs', out, { territory }).rows.map((r) => r.record);
    expect(back).toEqual(rows);
  });

  it('keeps rows and columns it does not own, and rewrites a week edited after its rollup', () => {
    const header = [...headers('Indicateurs'), 'Commentaire du coordinateur'];
    const width = header.length;
    const foreign = ['2025-W10', ...new Array(width - 2).fill(''), 'ligne saisie à la main'];
    const first = upsertRows([header, foreign], rows);
    expect(first[1]).toEqual(foreign);
    // A note typed beside the W46 row.
    const w46 = first.findIndex((r) => r[0] === '2026-W46');
    first[w46]![width - 1] = 'bonne semaine';

    // perm-0001 (W46) gets corrected after the rollup: 9 people instead of 8.
    const edited = PERMANENCES.map((p) => (p.id === 'perm-0001' ? { ...p, personnes_recues: '9' } : p));
    const second = upsertRows(first, weeklyRollup(read(cells(edited)).tables, { today: TODAY }));

    expect(second).toHaveLength(first.length);
    expect(second[1]).toEqual(foreign);
    const col = headers('Indicateurs').indexOf('Personnes reçues');
    expect(second[w46]![col]).toBe(19);
    expect(second[w46]![width - 1]).toBe('bonne semaine');
    // Only that cell changed.
    const changed = second.flatMap((row, r) => row.flatMap((v, c) => (v === first[r]![c] ? [] : [[r, c]])));
    expect(changed).toEqual([[w46, col]]);
  });

  it('keeps the directory snapshot of past weeks when a later run has none for them', () => {
    const thisWeek = upsertRows([], rows);
    const nextWeek = weeklyRollup(tables, { today: '2026-11-25' });
    const merged = upsertRows(thisWeek, nextWeek);
    const h = headers('Indicateurs');
    const row = (key: string) => merged.find((r) => r[0] === key)!;
    // W47's snapshot (taken on 18/11) survives; W48 gets today's.
    expect(row('2026-W47')[h.indexOf('Lieux actifs')]).toBe(4);
    expect(row('2026-W48')[h.indexOf('Lieux actifs')]).toBe(4);
    expect(row('2026-W47')[h.indexOf('Données au')]).toBe('2026-11-25');
  });

  it('adds missing model columns at the right, and matches reordered headers', () => {
    const h = headers('Indicateurs');
    const reordered = [h[1], h[0], h[2]];
    const out = upsertRows([reordered], rows.slice(0, 1));
    expect(out[0]!.slice(0, 3)).toEqual(reordered);
    expect(out[0]).toHaveLength(h.length);
    expect(out[1]!.slice(0, 3)).toEqual(['2026-10-26', '2026-W44', '2026-11-01']);
  });
});
