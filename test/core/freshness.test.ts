import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../../src/core/calendar/civil';
import { groupByReferent, reminderMail, staleLieux } from '../../src/core/freshness';
import type { Lieu } from '../../src/core/model';

function lieu(over: Partial<Lieu>): Lieu {
  return {
    id: 'lieu-1',
    nom: 'Médiathèque',
    commune: 'Bellac',
    statut: 'actif',
    date_maj: '2026-01-10',
    referent_nom: 'Anne Martin',
    referent_courriel: 'anne@example.org',
    ...over,
  } as Lieu;
}

describe('stale places', () => {
  it('counts months back, clamping the day', () => {
    expect(monthsBefore('2026-11-30', 6)).toBe('2026-05-30');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-15', 6)).toBe('2025-09-15');
  });

  it('lists active places older than six months or undated, oldest first', () => {
    const rows = [
      { row: 2, record: lieu({ id: 'a', date_maj: '2026-06-01' }) },
      { row: 3, record: lieu({ id: 'b', date_maj: '2026-05-29' }) },
      { row: 4, record: lieu({ id: 'c', date_maj: null }) },
      { row: 5, record: lieu({ id: 'd', date_maj: '2025-01-01', statut: 'fermé' }) },
      { row: 6, record: lieu({ id: 'e', date_maj: '2026-05-30' }) },
    ];
    expect(staleLieux(rows, '2026-11-30').map((l) => l.id)).toEqual(['c', 'b']);
  });

  it('groups by referent and keeps apart the places nobody can be asked about', () => {
    const stale = staleLieux(
      [
        { row: 2, record: lieu({ id: 'a', referent_courriel: 'Anne@Example.org' }) },
        { row: 3, record: lieu({ id: 'b', nom: 'France Services', date_maj: null }) },
        { row: 4, record: lieu({ id: 'c', referent_courriel: null }) },
        { row: 5, record: lieu({ id: 'd', referent_courriel: 'pas-une-adresse' }) },
      ],
      '2026-11-30',
    );
    const { reminders, withoutReferent } = groupByReferent(stale);
    expect(reminders.map((r) => [r.to, r.lieux.map((l) => l.id)])).toEqual([
      ['anne@example.org', ['b', 'a']],
    ]);
    expect(withoutReferent.map((l) => l.id)).toEqual(['c', 'd']);
    const mail = reminderMail(reminders[0]!, {
      linkToRow: (row) => `https://docs.google.com/spreadsheets/d/X/edit#gid=1&range=A${row}`,
      reseau: 'Réseau d’inclusion numérique de la Haute-Vienne',
    });
    expect(mail.subject).toBe('Vos 2 fiches sur la carte de l’inclusion numérique sont à mettre à jour');
    expect(mail.body).toContain('Bonjour Anne Martin,');
    expect(mail.body).toContain('- France Services, Bellac (dernière mise à jour : jamais)');
    expect(mail.body).toContain(
      '(dernière mise à jour : le 10/01/2026)\n  https://docs.google.com/spreadsheets/d/X/edit#gid=1&range=A2',
    );
  });
});
