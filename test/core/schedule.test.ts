import { describe, expect, it } from 'vitest';
import { isoWeekday as weekdayOf } from '../../src/core/calendar/civil';
import { holidayName, isAlsaceMoselle, publicHolidays } from '../../src/core/calendar/holidays';
import { frenchDate } from '../../src/core/french/dates';
import { type PlanRequest, planPermanences } from '../../src/core/schedule';

const base: PlanRequest = {
  code_insee: '87054',
  commune: 'Cussac',
  lieu: 'Place de la Mairie',
  adresse: '1 place de la Mairie',
  relais: 'relais-001',
  offres: ['Accès libre', 'Assistance'],
  jour: 1,
  toutesLesSemaines: 1,
  debut: '9h30',
  fin: '12:00',
  du: '2026-04-01',
  au: '2026-05-31',
};

describe('French public holidays', () => {
  it('knows the eleven holidays of a year, and Alsace-Moselle’s two more', () => {
    const h = publicHolidays(2026, '87');
    expect(h.size).toBe(11);
    expect(h.get('2026-04-06')).toBe('Lundi de Pâques');
    expect(h.get('2026-05-14')).toBe('Ascension');
    expect(h.get('2026-05-25')).toBe('Lundi de Pentecôte');
    expect(h.get('2026-07-14')).toBe('Fête Nationale');
    for (const dep of ['57', '67', '68']) {
      expect(isAlsaceMoselle(dep)).toBe(true);
      expect(publicHolidays(2026, dep).size).toBe(13);
      expect(holidayName('2026-12-26', dep)).toBe('Saint Étienne');
      expect(holidayName('2026-04-03', dep)).toBe('Vendredi Saint');
    }
    for (const dep of ['87', '974', '2A', '']) {
      expect(isAlsaceMoselle(dep)).toBe(false);
      expect(holidayName('2026-12-26', dep)).toBeNull();
    }
    expect(holidayName('2027-12-25', '87')).toBe('Noël');
  });

  it('names days in French', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(frenchDate('2026-12-07')).toBe('lundi 7 décembre 2026');
    expect(frenchDate('2026-05-01')).toBe('vendredi 1er mai 2026');
  });
});

describe('planning permanences', () => {
  it('plans every Monday of the period and skips the public holidays, saying why', () => {
    const plan = planPermanences(base, []);
    expect(plan.errors).toEqual([]);
    expect(plan.permanences.map((p) => p.date)).toEqual([
      '2026-04-13',
      '2026-04-20',
      '2026-04-27',
      '2026-05-04',
      '2026-05-11',
      '2026-05-18',
    ]);
    expect(plan.skipped.map((s) => [s.date, s.reason])).toEqual([
      ['2026-04-06', 'jour férié'],
      ['2026-05-25', 'jour férié'],
    ]);
    expect(plan.skipped[0]?.message).toBe('lundi 6 avril 2026 : jour férié (Lundi de Pâques).');
    expect(plan.permanences[0]).toEqual({
      date: '2026-04-13',
      debut: '09:30',
      fin: '12:00',
      code_insee: '87054',
      commune: 'Cussac',
      lieu: 'Place de la Mairie',
      adresse: '1 place de la Mairie',
      relais: 'relais-001',
      offres: ['Assistance', 'Accès libre'],
      statut: 'prévue',
    });
  });

  it('plans one week out of two from the first matching day', () => {
    const plan = planPermanences({ ...base, jour: 4, toutesLesSemaines: 2 }, []);
    expect(plan.permanences.map((p) => p.date)).toEqual([
      '2026-04-02',
      '2026-04-16',
      '2026-04-30',
      '2026-05-28',
    ]);
    expect(plan.skipped.map((s) => s.date)).toEqual(['2026-05-14']);
  });

  it('skips slots overlapping a permanence of the bus that is not cancelled', () => {
    const plan = planPermanences(base, [
      { date: '2026-04-13', debut: '11:00', fin: '13:00', statut: 'prévue', row: 9, commune: 'Bujaleuf' },
      { date: '2026-04-20', debut: '12:00', fin: '14:00', statut: 'confirmée', row: 10 },
      { date: '2026-04-27', debut: '09:00', fin: '12:00', statut: 'annulée', row: 11 },
    ]);
    expect(plan.permanences.map((p) => p.date)).toContain('2026-04-20');
    expect(plan.permanences.map((p) => p.date)).toContain('2026-04-27');
    const overlap = plan.skipped.find((s) => s.reason === 'chevauchement');
    expect(overlap).toEqual({
      date: '2026-04-13',
      reason: 'chevauchement',
      message: 'lundi 13 avril 2026 : le bus a déjà une permanence de 11:00 à 13:00 à Bujaleuf (ligne 9).',
    });
  });

  it('refuses an unreadable request with French messages, planning nothing', () => {
    const plan = planPermanences(
      { ...base, debut: '14:00', fin: '12:00', offres: [], au: '2026-03-01', lieu: ' ' },
      [],
    );
    expect(plan.permanences).toEqual([]);
    expect(plan.errors).toEqual([
      'Indiquez où stationne le bus (place, salle, parking…).',
      'La fin (12:00) doit être après le début (14:00).',
      'La période se termine avant de commencer.',
      'Cochez au moins un type d’offre.',
    ]);
    expect(planPermanences({ ...base, au: '2028-01-01' }, []).errors[0]).toMatch(/Période trop longue/);
  });
});

describe('planning in Alsace-Moselle', () => {
  it('never plans on Good Friday or St Stephen’s Day where the département rests, and does elsewhere', () => {
    const fridays = { ...base, jour: 5, du: '2026-04-01', au: '2026-04-10' };
    expect(planPermanences(fridays, [], { departement: '57' }).permanences.map((p) => p.date)).toEqual([
      '2026-04-10',
    ]);
    expect(planPermanences(fridays, [], { departement: '87' }).permanences.map((p) => p.date)).toEqual([
      '2026-04-03',
      '2026-04-10',
    ]);
    const stephen = { ...base, jour: 6, du: '2026-12-20', au: '2026-12-31' };
    expect(planPermanences(stephen, [], { departement: '68' }).skipped.map((s) => s.message)).toEqual([
      'samedi 26 décembre 2026 : jour férié (Saint Étienne).',
    ]);
  });

  it('never plans on a public holiday over a whole year, every weekday', () => {
    for (let jour = 1; jour <= 7; jour++) {
      const plan = planPermanences({ ...base, jour, du: '2027-01-01', au: '2027-12-31' }, [], {
        departement: '67',
      });
      expect(plan.permanences.filter((p) => holidayName(p.date, '67'))).toEqual([]);
      expect(plan.permanences.length + plan.skipped.length).toBeGreaterThanOrEqual(52);
    }
  });
});
