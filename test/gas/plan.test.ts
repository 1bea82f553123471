import { describe, expect, it } from 'vitest';
import { col, MENU, sampleGas } from './helpers';

const form = {
  code_insee: '87054',
  lieu: 'Place de la Mairie',
  adresse: '1 place de la Mairie',
  relais: 'relais-001',
  offres: ['Assistance', 'Accès libre'],
  jour: '5',
  frequence: '1',
  debut: '12:15',
  fin: '13:45',
  du: '2026-12-01',
  au: '2027-01-31',
};

describe('« Planifier des permanences »', () => {
  it('opens a dialog listing the communes and the active relays', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Planifier des permanences');
    const dialog = gas.uiLog.find((e) => e.kind === 'modalDialog');
    expect(dialog?.title).toBe('Planifier des permanences');
    expect(dialog?.content).toContain('<label for="commune">Commune</label>');
    expect(dialog?.content).toContain('{"code":"87054","nom":"Cussac"}');
    expect(dialog?.content).toContain('"id":"relais-001","nom":"Mairie de Cussac"');
  });

  it('appends below a row typed while it plans, never over it', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Permanences');
    const lieu = col(gas, 'Permanences', 'Lieu');
    const letter = String.fromCharCode(65 + lieu);
    // Once the permanences are computed, just before they are written, someone types on the first free row.
    gas.interleave('Sheet.getLastRow', () =>
      gas.editEvent('Permanences', `${letter}${before.length + 1}`, 'Salle des fêtes', {
        user: 'p@example.org',
      }),
    );
    const added = ctx.planifierAjouter!(form) as { added: number; firstRow: number; lastRow: number };
    expect(added).toMatchObject({ added: 7, firstRow: before.length + 2, lastRow: before.length + 8 });
    const after = gas.values('Permanences');
    expect(after[before.length]![lieu]).toBe('Salle des fêtes');
    expect(after.slice(before.length + 1).map((r) => r[lieu])).toEqual(Array(7).fill('Place de la Mairie'));
  });

  it('previews, then adds the permanences, skipping public holidays and the bus’s other slots', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Permanences');
    const preview = ctx.planifierApercu!(form) as {
      permanences: { date: string }[];
      skipped: { date: string; message: string }[];
      errors: string[];
    };
    expect(preview.errors).toEqual([]);
    expect(preview.permanences.map((p) => p.date)).toEqual([
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2027-01-08',
      '2027-01-15',
      '2027-01-22',
      '2027-01-29',
    ]);
    expect(preview.skipped.map((s) => s.message)).toEqual([
      'vendredi 25 décembre 2026 : jour férié (Noël).',
      "vendredi 1er janvier 2027 : jour férié (Jour de l'an).",
    ]);
    expect(gas.values('Permanences')).toEqual(before); // a preview writes nothing

    gas.resetCalls();
    const added = ctx.planifierAjouter!(form) as { added: number; firstRow: number; lastRow: number };
    expect(added).toMatchObject({ added: 7, firstRow: before.length + 1, lastRow: before.length + 7 });
    expect(gas.calls.count('Range.setValues')).toBe(1);
    const rows = gas.values('Permanences').slice(before.length);
    expect(rows).toHaveLength(7);
    const etat = col(gas, 'Permanences', 'État');
    expect(rows.map((r) => r[etat])).toEqual(Array(7).fill('OK'));
    expect(rows.map((r) => r[col(gas, 'Permanences', 'Commune')])).toEqual(Array(7).fill('Cussac'));
    expect(rows.map((r) => r[col(gas, 'Permanences', 'Statut')])).toEqual(Array(7).fill('prévue'));
    expect(rows[0]?.[col(gas, 'Permanences', 'Types d’offre')]).toBe('Assistance|Accès libre');
    expect(new Set(rows.map((r) => r[0])).size).toBe(7);
    const journal = gas.values('Journal').at(-1)!;
    expect(journal.slice(2, 4)).toEqual(['Planifier des permanences', 7]);
    expect(journal[4]).toContain('Non planifié : vendredi 25 décembre 2026 : jour férié (Noël).');

    // The same Fridays, overlapping what was just planned: nothing added, each day explained.
    const again = ctx.planifierAjouter!({ ...form, debut: '13:00', fin: '14:00' }) as {
      added: number;
      skipped: { message: string }[];
    };
    expect(again.added).toBe(0);
    expect(again.skipped[0]?.message).toBe(
      `vendredi 4 décembre 2026 : le bus a déjà une permanence de 12:15 à 13:45 à Cussac (ligne ${before.length + 1}).`,
    );
    // Everything is still valid afterwards.
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    expect(gas.values('Permanences').filter((r, i) => i > 0 && r[etat] !== 'OK')).toEqual([]);
  });

  it('explains an incomplete form in French and writes nothing', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Permanences');
    const result = ctx.planifierAjouter!({ ...form, code_insee: '', offres: [], fin: '11:00' }) as {
      errors: string[];
    };
    expect(result.errors).toEqual([
      'Choisissez la commune.',
      'La fin (11:00) doit être après le début (12:15).',
      'Cochez au moins un type d’offre.',
    ]);
    expect(gas.values('Permanences')).toEqual(before);
  });
});
