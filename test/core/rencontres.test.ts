import { describe, expect, it } from 'vitest';
import { addDaysIso } from '../../src/core/calendar/civil';
import type { Inscription, Rencontre } from '../../src/core/model';
import {
  DEFAULT_RETENTION_MONTHS,
  promotions,
  purgeable,
  remindersDue,
  retentionMonths,
  statutForNew,
} from '../../src/core/rencontres';

function rencontre(id: string, date: string, extra: Partial<Rencontre> = {}): Rencontre {
  return {
    id,
    type: 'Échange de pratiques',
    sujet: `Sujet ${id}`,
    operateur: null,
    date,
    debut: '14:00',
    fin: '16:00',
    lieu: 'Salle',
    code_insee: null,
    commune: null,
    lien_visio: null,
    capacite: null,
    public_cible: null,
    publique: true,
    statut: 'prévue',
    formulaire: null,
    notes: null,
    etat: null,
    problemes: null,
    modifie_le: null,
    modifie_par: null,
    ...extra,
  };
}

function inscription(id: string, rencontreId: string, extra: Partial<Inscription> = {}): Inscription {
  return {
    id,
    rencontre: rencontreId,
    nom: `Personne ${id}`,
    structure: null,
    lieu: null,
    courriel: `${id}@exemple.example`,
    inscrit_le: '2026-01-01T09:00',
    statut: 'inscrit',
    presence: null,
    rappel_le: null,
    etat: null,
    problemes: null,
    modifie_le: null,
    modifie_par: null,
    ...extra,
  };
}

/** Every day of 2026 and 2027. */
const DAYS = Array.from({ length: 730 }, (_, i) => addDaysIso('2026-01-01', i));

describe('registrations over time', () => {
  it('purges a registration once its meeting is more than the retention old, every day of two years', () => {
    const meetings = DAYS.map((d, i) => rencontre(`r${i}`, d));
    const rows = meetings.map((m, i) => ({ row: i + 2, record: inscription(`i${i}`, m.id!) }));
    const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
    for (const today of DAYS.filter((_, i) => i % 3 === 0)) {
      for (const months of [1, 6, DEFAULT_RETENTION_MONTHS]) {
        const removed = new Set(purgeable(meetings, rows, today, months).map((r) => r.record.rencontre));
        const [ty, tm, td] = parts(today);
        for (const meeting of meetings) {
          const [my, mm, md] = parts(meeting.date!);
          // Whole months from the meeting to today, and whether today is past the same day of month.
          const elapsed = (ty - my) * 12 + (tm - mm);
          const expected =
            md <= 28 && td <= 28
              ? elapsed > months || (elapsed === months && td > md)
              : elapsed > months ||
                (elapsed === months && td > md) ||
                (elapsed === months && removed.has(meeting.id));
          if (removed.has(meeting.id) !== expected)
            expect({ today, months, meeting: meeting.date, removed: removed.has(meeting.id) }).toBe(expected);
          // Never a meeting of the last `months` months.
          if (elapsed < months) expect(removed.has(meeting.id)).toBe(false);
        }
      }
    }
    // The edges, by hand: kept through the day 12 months after, removed the day after.
    const june = [rencontre('j', '2025-06-15')];
    const one = [{ row: 2, record: inscription('x', 'j') }];
    expect(purgeable(june, one, '2026-06-15', 12)).toEqual([]);
    expect(purgeable(june, one, '2026-06-16', 12)).toHaveLength(1);
    const endOfJanuary = [rencontre('e', '2026-01-31')];
    const two = [{ row: 2, record: inscription('y', 'e') }];
    expect(purgeable(endOfJanuary, two, '2026-02-28', 1)).toEqual([]);
    expect(purgeable(endOfJanuary, two, '2026-03-01', 1)).toHaveLength(1);
  });

  it('keeps a registration whose meeting is gone until its own date is old enough', () => {
    const rows = [
      { row: 2, record: inscription('a', 'renc-disparue', { inscrit_le: '2025-01-10T08:00' }) },
      { row: 3, record: inscription('b', 'renc-disparue', { inscrit_le: '2026-01-10T08:00' }) },
      { row: 4, record: inscription('c', 'renc-disparue', { inscrit_le: null }) },
    ];
    expect(purgeable([], rows, '2026-06-01', 12).map((r) => r.record.id)).toEqual(['a']);
  });

  it('reads the retention setting, 12 months when empty or wrong', () => {
    expect(retentionMonths(null)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonths('')).toBe(12);
    expect(retentionMonths('6')).toBe(6);
    expect(retentionMonths(' 24 ')).toBe(24);
    expect(retentionMonths('0')).toBe(12);
    expect(retentionMonths('1,5')).toBe(12);
    expect(retentionMonths('douze')).toBe(12);
  });

  it('reminds those registered one and two days before a meeting, every day of two years, once', () => {
    const meetings = DAYS.filter((_, i) => i % 5 === 0).map((d, i) => rencontre(`r${i}`, d));
    const rows = meetings.flatMap((m, i) => [
      { row: 3 * i + 2, record: inscription(`a${i}`, m.id!) },
      { row: 3 * i + 3, record: inscription(`b${i}`, m.id!, { statut: 'liste d’attente' }) },
      { row: 3 * i + 4, record: inscription(`c${i}`, m.id!, { rappel_le: '2026-01-01T07:00' }) },
    ]);
    for (const today of DAYS) {
      const due = remindersDue(meetings, rows, today);
      const expected = meetings
        .filter((m) => m.date === addDaysIso(today, 1) || m.date === addDaysIso(today, 2))
        .map((m) => m.id);
      expect(due.map((d) => d.rencontre.id)).toEqual(expected);
      expect(due.every((d) => d.inscription.record.id!.startsWith('a'))).toBe(true);
    }
    const cancelled = [rencontre('x', '2026-03-12', { statut: 'annulée' })];
    expect(remindersDue(cancelled, [{ row: 2, record: inscription('z', 'x') }], '2026-03-10')).toEqual([]);
  });

  it('places a new registration on the waiting list once the seats are taken', () => {
    const m = rencontre('m', '2026-12-15', { capacite: 2 });
    const taken = [inscription('1', 'm'), inscription('2', 'm', { statut: 'désinscrit' })];
    expect(statutForNew(m, taken)).toBe('inscrit');
    expect(statutForNew(m, [...taken, inscription('3', 'm')])).toBe('liste d’attente');
    expect(statutForNew(rencontre('n', '2026-12-15'), [...taken, inscription('3', 'm')])).toBe('inscrit');
    // A seat freed while someone waits goes to them, not to a newcomer.
    const waiting = [
      inscription('1', 'm', { statut: 'désinscrit' }),
      inscription('2', 'm'),
      inscription('3', 'm', { statut: 'liste d’attente' }),
    ];
    expect(statutForNew(m, waiting)).toBe('liste d’attente');
  });

  it('moves up the waiting list in order of registration, as many as seats are free, for meetings to come', () => {
    const m = rencontre('m', '2026-12-15', { capacite: 3 });
    const past = rencontre('p', '2026-11-01', { capacite: 1 });
    const rows = [
      { row: 2, record: inscription('1', 'm') },
      { row: 3, record: inscription('2', 'm', { statut: 'désinscrit' }) },
      {
        row: 4,
        record: inscription('3', 'm', { statut: 'liste d’attente', inscrit_le: '2026-11-20T10:00' }),
      },
      {
        row: 5,
        record: inscription('4', 'm', { statut: 'liste d’attente', inscrit_le: '2026-11-19T18:30' }),
      },
      {
        row: 6,
        record: inscription('5', 'm', { statut: 'liste d’attente', inscrit_le: '2026-11-19T08:00' }),
      },
      { row: 7, record: inscription('6', 'p', { statut: 'liste d’attente' }) },
    ];
    expect(promotions([m, past], rows, '2026-12-01').map((p) => p.inscription.record.id)).toEqual(['5', '4']);
  });
});
