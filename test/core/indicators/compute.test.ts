import { describe, expect, it } from 'vitest';
import {
  computeIndicators,
  directoryBreakdown,
  indicatorData,
  indicatorSeries,
  parsePeriod,
  permanenceState,
} from '../../../src/core/indicators';
import { cells, LIEUX, PERMANENCES, read, TODAY, territory } from './hand-workbook';

const workbook = read();
const data = indicatorData(workbook.tables);

function period(key: string) {
  const p = parsePeriod(key);
  if (!p) throw new Error(key);
  return p;
}

describe('indicators of the hand-computed workbook (today: Wednesday 18 November 2026)', () => {
  it('sets aside the row with an error and says so', () => {
    // perm-0008 has 5 satisfied answers out of 3: an error, so the row is not counted anywhere.
    expect(workbook.tables.Permanences.rows.filter((r) => !r.valid).map((r) => r.record.id)).toEqual([
      'perm-0008',
    ]);
    expect(data.excluded).toEqual({ permanences: 1, lieux: 0, relais: 0 });
    expect(data.permanences).toHaveLength(PERMANENCES.length - 1);
    expect(data.lieux).toHaveLength(LIEUX.length);
  });

  it('week 2026-W46 (9 – 15 Nov): two held, one cancelled', () => {
    const w = computeIndicators(data, period('2026-W46'), TODAY);
    expect(w.period).toEqual({ kind: 'semaine', key: '2026-W46', du: '2026-11-09', au: '2026-11-15' });
    expect(w.complete).toBe(true);
    // Held: perm-0001 (Cussac, Assistance + Accès libre) and perm-0002 (Bujaleuf, Assistance + Formation).
    expect(w.communes).toEqual({
      total: 2,
      parOffre: { Assistance: 2, Formation: 1, 'Accès libre': 1 },
      codes: ['87024', '87054'],
    });
    // perm-0003 is cancelled; perm-0008 (error) counts nowhere.
    expect(w.permanences).toEqual({ realisees: 2, prevues: 0, annulees: 1 });
    expect(w.personnesRecues).toBe(8 + 10);
    // Coop counting: individual accompaniments 7 + 4, plus one per workshop participant 0 + 6.
    expect(w.accompagnements).toEqual({ total: 17, individuels: 11, participantsAteliers: 6 });
    // perm-0002 has no answers: the base is perm-0001's 6 answers, 5 satisfied.
    expect(w.satisfaction).toEqual({ reponses: 6, satisfaits: 5, taux: 5 / 6 });
    // relais-001 (convention 15/09) and relais-002 (05/11) are active; relais-003 is not (Actif: non).
    // Both active relays are attached to a held permanence of the week.
    expect(w.relais).toEqual({ actifs: 2, mobilises: 2, nouveaux: 0 });
    // Not the current week: no directory snapshot.
    expect(w.lieux).toBeNull();
  });

  it('week 2026-W47 (16 – 22 Nov, current): future permanences are planned, not held', () => {
    const w = computeIndicators(data, period('2026-W47'), TODAY);
    expect(w.complete).toBe(false);
    // Held: perm-0004 (Nedde, Formation, 17/11). perm-0005 (prévue) and perm-0006 (confirmée) are planned.
    expect(w.communes).toEqual({
      total: 1,
      parOffre: { Assistance: 0, Formation: 1, 'Accès libre': 0 },
      codes: ['87104'],
    });
    expect(w.permanences).toEqual({ realisees: 1, prevues: 2, annulees: 0 });
    expect(w.personnesRecues).toBe(5);
    expect(w.accompagnements).toEqual({ total: 5, individuels: 0, participantsAteliers: 5 });
    expect(w.satisfaction).toEqual({ reponses: 4, satisfaits: 4, taux: 1 });
    expect(w.relais).toEqual({ actifs: 2, mobilises: 0, nouveaux: 0 });
    // Directory on 18/11/2026: lieu-0001, -0002, -0003 and the bus -0005 are active (-0004 is closed).
    // lieu-0002 was last updated 17/11/2025: more than a year ago. lieu-0003 (18/11/2025): exactly a year, not more.
    expect(w.lieux).toEqual({ actifs: 4, anciens: 1 });
  });

  it('an empty week has zeros and no satisfaction rate (not 0 %)', () => {
    const w = computeIndicators(data, period('2026-W45'), TODAY);
    expect(w.permanences).toEqual({ realisees: 0, prevues: 0, annulees: 0 });
    expect(w.communes.total).toBe(0);
    expect(w.personnesRecues).toBe(0);
    expect(w.satisfaction).toEqual({ reponses: 0, satisfaits: 0, taux: null });
    // relais-002's convention (05/11) falls in this week: active from then on, and new this week.
    expect(w.relais).toEqual({ actifs: 2, mobilises: 0, nouveaux: 1 });
  });

  it('month 2026-11 and quarter 2026-T4 count distinct communes over the whole period', () => {
    const m = computeIndicators(data, period('2026-11'), TODAY);
    // Held in November: perm-0001 (Cussac), perm-0002 (Bujaleuf), perm-0004 (Nedde).
    expect(m.communes).toEqual({
      total: 3,
      parOffre: { Assistance: 2, Formation: 2, 'Accès libre': 1 },
      codes: ['87024', '87054', '87104'],
    });
    expect(m.permanences).toEqual({ realisees: 3, prevues: 2, annulees: 1 });
    expect(m.personnesRecues).toBe(8 + 10 + 5);
    expect(m.accompagnements).toEqual({
      total: 11 + 11,
      individuels: 7 + 4 + 0,
      participantsAteliers: 0 + 6 + 5,
    });
    expect(m.satisfaction).toEqual({ reponses: 10, satisfaits: 9, taux: 0.9 });
    expect(m.relais).toEqual({ actifs: 2, mobilises: 2, nouveaux: 1 });
    expect(m.lieux).toEqual({ actifs: 4, anciens: 1 });

    const q = computeIndicators(data, period('2026-T4'), TODAY);
    // Adds perm-0007 (27/10, Bujaleuf, Accès libre): Bujaleuf now also counts for Accès libre.
    expect(q.communes.total).toBe(3);
    expect(q.communes.parOffre).toEqual({ Assistance: 2, Formation: 2, 'Accès libre': 2 });
    expect(q.permanences).toEqual({ realisees: 4, prevues: 2, annulees: 1 });
    expect(q.personnesRecues).toBe(26);
    expect(q.accompagnements).toEqual({ total: 25, individuels: 14, participantsAteliers: 11 });
    expect(q.satisfaction).toEqual({ reponses: 12, satisfaits: 10, taux: 10 / 12 });
    // relais-001's convention (15/09) is in T3, relais-002's (05/11) in T4.
    expect(q.relais).toEqual({ actifs: 2, mobilises: 2, nouveaux: 1 });

    const october = computeIndicators(data, period('2026-10'), TODAY);
    // On 31 October only relais-001 had signed.
    expect(october.relais).toEqual({ actifs: 1, mobilises: 0, nouveaux: 0 });
    expect(october.satisfaction).toEqual({ reponses: 2, satisfaits: 1, taux: 0.5 });
  });

  it('a permanence marked réalisée but dated after the reference day counts as planned', () => {
    // Read on 30/11 (so perm-0005 may be réalisée on 19/11), computed as of 18/11.
    const edited = PERMANENCES.map((p) =>
      p.id === 'perm-0005'
        ? { ...p, statut: 'réalisée', personnes_recues: '4', accompagnements_individuels: '4' }
        : p,
    );
    const later = indicatorData(read(cells(edited), '2026-11-30').tables);
    const w = computeIndicators(later, period('2026-W47'), TODAY);
    expect(w.permanences).toEqual({ realisees: 1, prevues: 2, annulees: 0 });
    expect(w.personnesRecues).toBe(5);
    const p5 = later.permanences.find((p) => p.id === 'perm-0005')!;
    expect(permanenceState(p5, '2026-11-18')).toBe('prévue');
    expect(permanenceState(p5, '2026-11-19')).toBe('réalisée');
  });

  it('weekly series: one entry per week from the first permanence to the current week, empty weeks included', () => {
    const series = indicatorSeries(data, 'semaine', { today: TODAY });
    expect(series.map((s) => s.period.key)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    expect(series.map((s) => s.permanences.realisees)).toEqual([1, 0, 2, 1]);
    expect(series.map((s) => s.relais.actifs)).toEqual([1, 2, 2, 2]);
    const quarters = indicatorSeries(data, 'trimestre', { today: TODAY, from: '2026-01-01' });
    expect(quarters.map((s) => s.period.key)).toEqual(['2026-T1', '2026-T2', '2026-T3', '2026-T4']);
    expect(quarters.map((s) => s.permanences.realisees)).toEqual([0, 0, 0, 4]);
    expect(quarters.map((s) => s.relais.nouveaux)).toEqual([1, 0, 1, 1]);
  });

  it('breaks the directory down by service, commune and EPCI', () => {
    const d = directoryBreakdown(data, TODAY, territory.communes);
    expect(d.actifs).toBe(4);
    expect(d.anciens).toBe(1);
    // Service A: lieu-0001, -0002, -0005; service B: lieu-0001, -0003.
    expect(d.parService.map((s) => [s.label, s.lieux])).toEqual([
      ['Aide aux démarches administratives', 3],
      ['Maîtrise des outils numériques du quotidien', 2],
    ]);
    // Bellac: -0002, -0003; Limoges: -0001, -0005 (-0004 is closed). Ties sorted by name.
    expect(d.parCommune.map((s) => [s.key, s.label, s.lieux])).toEqual([
      ['87011', 'Bellac', 2],
      ['87085', 'Limoges', 2],
    ]);
    expect(d.parEpci.map((s) => [s.label, s.lieux])).toEqual([
      ['CC Haut Limousin en Marche', 2],
      ['CU Limoges Métropole', 2],
    ]);
  });
});
