import { describe, expect, it } from 'vitest';
import { networkQuarter, parsePeriod } from '../../../src/core/indicators';
import { readWorkbook } from '../../../src/core/workbook';
import { loadTerritory } from '../../../src/node/territory';
import { sampleWorkbook } from '../../helpers/workbook';
import { cells, read, tabCells } from './hand-workbook';

const territory = loadTerritory('87');
const T4 = parsePeriod('2026-T4')!;
const TODAY = '2026-11-28';

function rowsOf(raw: Record<string, string[][]>, tab: string): Record<string, string>[] {
  const [header, ...rows] = raw[tab]!;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
/** 20/10/2026 -> 2026-10-20 */
const iso = (fr: string) => fr.split(' ')[0]!.split('/').reverse().join('-');
const inT4 = (d: string) => d >= T4.du && d <= TODAY;
const TRAINING = 'Formation sur les services d’un opérateur';

describe('the network’s life in a quarter, on the sample', () => {
  const raw = sampleWorkbook();
  const wb = readWorkbook(raw, { territory, today: TODAY });
  const life = networkQuarter(wb.tables, T4, TODAY, (l) => l.commune ?? '');
  // Expected figures counted on the CSV rows themselves.
  const meetings = rowsOf(raw, 'Rencontres').filter((r) => iso(r.Date!) >= T4.du && iso(r.Date!) <= T4.au);
  const held = meetings.filter((r) => r.Statut === 'réalisée' && inT4(iso(r.Date!)));
  const heldIds = new Set(held.map((r) => r.Identifiant));
  const trainings = new Set(held.filter((r) => r.Type === TRAINING).map((r) => r.Identifiant));
  const present = rowsOf(raw, 'Inscriptions').filter(
    (i) => i.Présence === 'présent' && heldIds.has(i.Rencontre!),
  );
  const lieux = rowsOf(raw, 'Lieux');
  const members = lieux.filter(
    (l) => l.Statut === 'actif' && l['Charte signée le'] && iso(l['Charte signée le']!) <= TODAY,
  );

  it('counts the meetings held, cancelled and to come by type', () => {
    expect(held.length).toBeGreaterThan(0);
    for (const type of new Set(meetings.map((m) => m.Type))) {
      const row = life.rencontres!.find((r) => r.type === type)!;
      const of = meetings.filter((m) => m.Type === type);
      expect(row.tenues, type).toBe(held.filter((m) => m.Type === type).length);
      expect(row.annulees, type).toBe(of.filter((m) => m.Statut === 'annulée').length);
      expect(row.tenues + row.annulees + row.prevues, type).toBe(of.length);
    }
    expect(life.meetingsHeld).toBe(held.length);
  });

  it('counts the distinct people present at the trainings, and the structures represented', () => {
    const trained = new Set(
      present.filter((i) => trainings.has(i.Rencontre!)).map((i) => i.Courriel!.toLowerCase()),
    );
    expect(trainings.size).toBeGreaterThan(0);
    expect(life.formations.tenues).toBe(trainings.size);
    expect(life.formations.professionnels).toBe(trained.size);
    const structures = new Set(present.map((i) => i.Lieu || i.Structure!.toLowerCase()));
    const memberIds = new Set(members.map((l) => l['Identifiant unique local du lieu']));
    expect(life.structures).toEqual({
      representees: structures.size,
      membresRepresentes: [...structures].filter((s) => memberIds.has(s)).length,
    });
    expect(life.signataires.total).toBe(members.length);
    expect(life.signataires.nouveaux).toBe(
      members.filter((l) => iso(l['Charte signée le']!) >= T4.du).length,
    );
  });

  it('sums the Pass Numérique statements dated in the quarter, per structure', () => {
    const statements = rowsOf(raw, 'Pass Numérique').filter((p) => inT4(iso(p['Date du relevé']!)));
    expect(statements.length).toBeGreaterThan(0);
    const per = new Map<string, [number, number]>();
    for (const p of statements) {
      const [d, e] = per.get(p.Lieu!) ?? [0, 0];
      per.set(p.Lieu!, [d + Number(p['Chèques distribués'] || 0), e + Number(p['Chèques encaissés'] || 0)]);
    }
    expect(new Map(life.pass!.structures.map((s) => [s.lieu, [s.distribues, s.encaisses]]))).toEqual(per);
    const name = new Map(lieux.map((l) => [l['Identifiant unique local du lieu'], l.Nom]));
    for (const s of life.pass!.structures) expect(s.nom).toBe(name.get(s.lieu));
    expect(life.pass!.distribues).toBe([...per.values()].reduce((n, [d]) => n + d, 0));
  });

  it('gives the share of active places updated in the last six months', () => {
    const active = lieux.filter((l) => l.Statut === 'actif');
    const recent = active.filter((l) => {
      const d = l['Date de mise à jour']!;
      return d >= '2026-05-28' && d <= TODAY;
    });
    expect(life.fraicheur).toEqual({
      actifs: active.length,
      recents: recent.length,
      depuis: '2026-05-28',
      au: TODAY,
    });
  });
});

describe('the network’s life when nothing was collected', () => {
  it('gives no meeting figures, no Pass Numérique and no attendance rather than zeros', () => {
    const life = networkQuarter(read().tables, T4, '2026-11-18', () => '');
    expect(life.rencontres).toBeNull();
    expect(life.pass).toBeNull();
    expect(life.formations).toEqual({ tenues: 0, professionnels: 0, parOperateur: [] });
    // lieu-0001 signed on 05/11/2026, lieu-0003 on 01/09/2026.
    expect(life.signataires).toEqual({ total: 2, nouveaux: 1 });
  });

  it('says « no data » for trainings held without attendance, and counts a person once', () => {
    const rencontre = (id: string, date: string, type = TRAINING) => ({
      id,
      type,
      sujet: 'Le nouvel espace CAF',
      operateur: 'CAF',
      date,
      debut: '09:30',
      fin: '12:00',
      lieu: 'Salle',
      capacite: '20',
      publique: 'oui',
      statut: 'réalisée',
    });
    const inscription = (id: string, r: string, courriel: string, presence: string, lieu = 'lieu-0001') => ({
      id,
      rencontre: r,
      nom: 'Personne',
      courriel,
      lieu,
      inscrit_le: '01/10/2026 09:00',
      statut: 'inscrit',
      presence,
    });
    const base = cells();
    base.Rencontres = tabCells('Rencontres', [
      rencontre('renc-001', '06/10/2026'),
      rencontre('renc-002', '13/10/2026'),
    ]);
    base.Inscriptions = tabCells('Inscriptions', [inscription('insc-001', 'renc-001', 'a@x.example', '')]);
    let life = networkQuarter(read(base).tables, T4, '2026-11-18', () => '');
    expect(life.formations.tenues).toBe(2);
    expect(life.formations.professionnels).toBeNull();
    expect(life.structures).toBeNull();
    base.Inscriptions = tabCells('Inscriptions', [
      inscription('insc-001', 'renc-001', 'a@x.example', 'présent'),
      inscription('insc-002', 'renc-002', 'A@X.example', 'présent', 'lieu-0002'),
      inscription('insc-003', 'renc-002', 'b@x.example', 'absent', 'lieu-0003'),
    ]);
    life = networkQuarter(read(base).tables, T4, '2026-11-18', () => '');
    expect(life.formations.professionnels).toBe(1);
    // lieu-0001 (member) and lieu-0002 (no charter) were represented; lieu-0003 was absent.
    expect(life.structures).toEqual({ representees: 2, membresRepresentes: 1 });
    expect(life.formations.parOperateur).toEqual([{ operateur: 'CAF', tenues: 2 }]);
  });
});
