import { describe, expect, it } from 'vitest';
import { parseMoment } from '../../../src/core/calendar/civil';
import { AGENDA_FILE, type agendaFeed, agendaOf } from '../../../src/core/publish/agenda';
import type { PublicRencontre } from '../../../src/core/publish/ics';
import { fileOf, publishSample } from './helpers';

function meeting(id: string, date: string, extra: Partial<PublicRencontre> = {}): PublicRencontre {
  return {
    id,
    type: 'Échange de pratiques',
    sujet: `Sujet ${id}`,
    operateur: null,
    date,
    debut: '09:30',
    fin: '12:00',
    lieu: 'Salle des fêtes',
    commune: 'Bellac',
    capacite: 12,
    public_cible: 'Médiateurs',
    statut: 'prévue',
    formulaire: null,
    ...extra,
  };
}

const at = (value: string) => parseMoment(value)!;

describe('agendaOf', () => {
  const list = [
    meeting('renc-3', '2027-02-01', { formulaire: 'https://forms.example/abc' }),
    meeting('renc-1', '2026-12-15', { debut: '10:00', fin: '11:30', lieu: null, commune: null }),
    meeting('renc-2', '2026-12-15', {
      debut: '14:00',
      fin: '16:30',
      statut: 'annulée',
      formulaire: 'https://forms.example/x',
    }),
    meeting('renc-0', '2026-01-01', { debut: '09:00', fin: '10:00', statut: 'réalisée' }),
    meeting('renc-4', '2027-03-01', { formulaire: 'javascript:alert(1)', capacite: null }),
  ];

  it('puts the meetings to come first, soonest first, then the past ones, latest first', () => {
    const a = agendaOf(list, at('2026-12-01T10:00'));
    expect(a.aVenir.map((e) => e.id)).toEqual(['renc-1', 'renc-2', 'renc-3', 'renc-4']);
    expect(a.passees.map((e) => e.id)).toEqual(['renc-0']);
  });

  it('keeps a meeting to come until its end on the Paris wall clock', () => {
    expect(agendaOf(list, at('2026-12-15T11:29')).aVenir[0]!.id).toBe('renc-1');
    const after = agendaOf(list, at('2026-12-15T11:30'));
    expect(after.aVenir.map((e) => e.id)).toEqual(['renc-2', 'renc-3', 'renc-4']);
    expect(after.passees.map((e) => e.id)).toEqual(['renc-1', 'renc-0']);
    expect(agendaOf(list, at('2027-03-02T00:00')).aVenir).toEqual([]);
  });

  it('writes day and hours in French, the room or « En visioconférence », the places', () => {
    const [visio, cancelled, withForm, badForm] = agendaOf(list, at('2026-12-01T10:00')).aVenir;
    expect(visio).toMatchObject({
      jour: 'mardi 15 décembre 2026',
      heures: 'de 10\u00a0h à 11\u00a0h\u00a030',
      lieu: 'En visioconférence',
      visio: true,
      places: '12',
    });
    expect(withForm).toMatchObject({
      jour: 'lundi 1er février 2027',
      heures: 'de 9\u00a0h\u00a030 à 12\u00a0h',
    });
    expect(withForm!.lieu).toBe('Salle des fêtes, Bellac');
    expect(withForm!.inscription).toBe('https://forms.example/abc');
    // No registration for a cancelled meeting, nor a link that is not http(s).
    expect(cancelled).toMatchObject({ annulee: true, inscription: null });
    expect(badForm).toMatchObject({ inscription: null, places: null });
    // Nor for a past one.
    expect(agendaOf(list, at('2027-02-02T00:00')).passees[0]).toMatchObject({
      id: 'renc-3',
      inscription: null,
    });
  });

  it('names every day of a year right (weekday, 1er, months)', () => {
    const days: string[] = [];
    for (let d = Date.UTC(2027, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) {
      days.push(new Date(d).toISOString().slice(0, 10));
    }
    const a = agendaOf(
      days.map((d) => meeting(`r-${d}`, d)),
      at('2026-12-31T23:59'),
    );
    expect(a.aVenir).toHaveLength(365);
    const weekdays = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
    a.aVenir.forEach((e, i) => {
      const day = new Date(`${days[i]}T12:00:00Z`);
      expect(e.jour.split(' ')[0]).toBe(weekdays[day.getUTCDay()]);
      expect(e.jour.split(' ')[1]).toBe(day.getUTCDate() === 1 ? '1er' : String(day.getUTCDate()));
    });
  });
});

describe('rencontres.json', () => {
  it('holds the same meetings as rencontres.ics, their public columns only', () => {
    const publication = publishSample();
    const json = JSON.parse(fileOf(publication, AGENDA_FILE)) as ReturnType<typeof agendaFeed>;
    const ics = fileOf(publication, 'rencontres.ics');
    const uids = [...ics.matchAll(/^UID:(renc-\d+)@/gm)].map((m) => m[1]).sort();
    expect(json.rencontres.map((r) => r.id).sort()).toEqual(uids);
    expect(json.rencontres.length).toBeGreaterThan(10);
    const keys = new Set(json.rencontres.flatMap((r) => Object.keys(r)));
    for (const privateKey of ['lien_visio', 'notes', 'publique', 'etat', 'problemes', 'modifie_par']) {
      expect(keys.has(privateKey), privateKey).toBe(false);
    }
    expect(json.calendrier).toBe('rencontres.ics');
    const dates = json.rencontres.map((r) => `${r.date} ${r.debut}`);
    expect(dates).toEqual([...dates].sort());
  });
});
