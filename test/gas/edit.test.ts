import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { BROKEN } from '../fixtures/broken-workbook';
import { brokenSheets, col, gasWith, MENU, NOW, sampleGas, sampleWithPlaces } from './helpers';

const PARTNER = 'partenaire@mediatheque.example';
const ONE_CELL_EDIT = [
  'Range.getSheet',
  'Sheet.getName',
  'Sheet.getSheetValues',
  'Sheet.getSheetValues',
  'Sheet.getRange',
  'Range.setValues',
];

function parisDay(d: unknown): string {
  return (d as Date).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

describe('onEdit (simple trigger, AuthMode.LIMITED)', () => {
  it('checks and stamps the edited row in 6 service calls, leaving « Modifié par » alone', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const before = gas.values('Lieux');
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque francophone', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
    expect(gas.calls.total).toBe(6);
    const row = gas.values('Lieux')[1]!;
    expect(parisDay(row[col(gas, 'Lieux', 'Date de mise à jour')])).toBe('2026-11-30');
    expect((row[col(gas, 'Lieux', 'Dernière modification')] as Date).getTime()).toBe(NOW.getTime());
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe('');
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    // Nothing else changed: the cells between the stamps were written back as they were.
    before[1]![2] = 'Médiathèque francophone';
    for (const key of ['Date de mise à jour', 'Dernière modification']) {
      before[1]![col(gas, 'Lieux', key)] = row[col(gas, 'Lieux', key)]!;
    }
    expect(gas.values('Lieux')).toEqual(before);
  });

  it('costs the same 6 calls at row 5,000 of a 5,000-row sheet', () => {
    const { gas, ctx } = gasWith(sampleWithPlaces(5000));
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C5001', 'Espace numérique', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
  });

  it('gives a new row its stable id, and says what is missing', () => {
    const { gas, ctx } = sampleGas();
    const next = gas.values('Lieux').length + 1;
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', `C${next}`, 'Nouveau point numérique', { user: PARTNER });
    expect(gas.calls.totalExcept(LOCAL_OBJECT_SERVICES)).toBeLessThanOrEqual(6);
    const row = gas.values('Lieux')[next - 1]!;
    expect(row[0]).toMatch(/^lieu-[0-9a-hjkmnp-tv-z]{8}$/);
    expect(row[col(gas, 'Lieux', 'État')]).toBe('À corriger');
    expect(row[col(gas, 'Lieux', 'Problèmes')]).toContain('« Commune » : Champ obligatoire');
    // Editing the row again keeps its id.
    gas.fireEdit(ctx, 'Lieux', `D${next}`, 'Bellac', { user: PARTNER });
    expect(gas.values('Lieux')[next - 1]![0]).toBe(row[0]);
  });

  it('handles a paste of several rows in one read and one write', () => {
    const { gas, ctx } = sampleGas();
    const next = gas.values('Lieux').length + 1;
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', `C${next}:D${next + 2}`, [
      ['Point numérique A', 'Bellac'],
      ['Point numérique B', 'Nexon'],
      ['Point numérique C', 'Isle'],
    ]);
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
    const ids = gas
      .values('Lieux')
      .slice(next - 1, next + 2)
      .map((r) => r[0]);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^lieu-/.test(String(id)))).toBe(true);
  });

  it('does not stamp an edit of a column Maillage fills, but restores its status', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const etat = col(gas, 'Lieux', 'État');
    const letter = String.fromCharCode(64 + Math.floor(etat / 26)) + String.fromCharCode(65 + (etat % 26));
    const stampBefore = gas.values('Lieux')[2]![col(gas, 'Lieux', 'Dernière modification')];
    gas.fireEdit(ctx, 'Lieux', `${letter}3`, 'peu importe', { user: PARTNER });
    const row = gas.values('Lieux')[2]!;
    expect(row[etat]).toBe('OK');
    expect(row[col(gas, 'Lieux', 'Dernière modification')]).toEqual(stampBefore);
  });

  it('ignores the header row and tabs Maillage does not manage, in at most 2 calls', () => {
    const { gas, ctx } = sampleGas();
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C1', 'Nom');
    expect(gas.calls.total).toBe(0);
    gas.fireEdit(ctx, 'Journal', 'A5', 'note');
    expect(gas.calls.log).toEqual(['Range.getSheet', 'Sheet.getName']);
  });

  it('names the problem of each broken row in its Problèmes cell as partners type', () => {
    for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
      const { gas, ctx } = gasWith(brokenSheets());
      const values = gas.values(tab);
      const header = values[0] as string[];
      BROKEN[tab].forEach((broken, i) => {
        if (
          !broken.expect ||
          ['duplicate id', 'missing id', 'unknown relay', 'overlapping permanence'].includes(broken.rule)
        ) {
          return; // checks across rows: « Vérifier tout le classeur »
        }
        const c = header.indexOf(broken.expect);
        const value = values[i + 1]![c];
        const a1 = `${c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : ''}${String.fromCharCode(65 + (c % 26))}${i + 2}`;
        gas.fireEdit(ctx, tab, a1, value === '' ? '' : String(value));
        const row = gas.values(tab)[i + 1]!;
        expect(row[header.indexOf('État')], `${tab}: ${broken.rule}`).toBe('À corriger');
        expect(String(row[header.indexOf('Problèmes')]), `${tab}: ${broken.rule}`).toContain(
          `« ${broken.expect} »`,
        );
      });
    }
  });
});

describe('triggerEdition (installable trigger, AuthMode.FULL)', () => {
  it('is installed by « Automatisations » and fills « Modifié par » with the editor', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Automatisations');
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'D3', 'Limoges', { user: PARTNER });
    const row = gas.values('Lieux')[2]!;
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe(PARTNER);
    // Simple trigger (6 calls) then installable trigger (6 service calls and User.getEmail).
    expect(gas.calls.log).toEqual([...ONE_CELL_EDIT, 'User.getEmail', ...ONE_CELL_EDIT]);
  });
});
