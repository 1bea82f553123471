import { describe, expect, it } from 'vitest';
import { COORDINATION, MENU, sampleGas } from './helpers';

const AUTO = 'Automatisations';

describe('« Automatisations »', () => {
  it('installs the Monday rollup and the meetings’ daily round once, and says so', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, AUTO);
    expect(gas.triggers.map((t) => [t.handlerFunction, t.eventType, t.schedule])).toEqual([
      [
        'triggerRollupHebdomadaire',
        'CLOCK',
        { kind: 'weeks', every: 1, weekDay: 'MONDAY', hour: 6, nearMinute: 0, timeZone: 'Europe/Paris' },
      ],
      [
        'triggerRencontresQuotidien',
        'CLOCK',
        { kind: 'days', every: 1, hour: 7, nearMinute: 0, timeZone: 'Europe/Paris' },
      ],
    ]);
    expect(gas.uiLog.at(-1)?.content).toBe(
      [
        `Automatisations de ${COORDINATION} :`,
        '• Calcul des indicateurs chaque lundi vers 6 h : installée à l’instant.',
        '• Rappels des rencontres et listes d’attente chaque jour vers 7 h : installés à l’instant.',
      ].join('\n'),
    );
    const triggers = gas.triggers;
    gas.runMenuItem(ctx, MENU, AUTO);
    expect(gas.triggers).toEqual(triggers);
    expect(gas.uiLog.at(-1)?.content).toContain(
      'Calcul des indicateurs chaque lundi vers 6 h : déjà installée.',
    );
    expect(gas.values('Journal').filter((r) => r[2] === AUTO)).toHaveLength(1);
  });

  it('removes duplicates, the edit triggers of earlier versions, and leaves the others alone', () => {
    const { gas, ctx } = sampleGas();
    const app = gas.globals.ScriptApp;
    app.newTrigger('triggerEdition').forSpreadsheet(gas.spreadsheet).onEdit().create();
    app.newTrigger('triggerEdition').forSpreadsheet(gas.spreadsheet).onEdit().create();
    for (let i = 0; i < 2; i++) {
      app
        .newTrigger('triggerRollupHebdomadaire')
        .timeBased()
        .onWeekDay(app.WeekDay.MONDAY)
        .atHour(6)
        .create();
    }
    app.newTrigger('ancienneFonction').timeBased().everyDays(1).atHour(3).create();
    gas.runMenuItem(ctx, MENU, AUTO);
    expect(gas.triggers.map((t) => t.handlerFunction).sort()).toEqual(
      ['ancienneFonction', 'triggerRencontresQuotidien', 'triggerRollupHebdomadaire'].sort(),
    );
    expect(gas.uiLog.at(-1)?.content).toContain('1 doublon retiré.');
    expect(gas.uiLog.at(-1)?.content).toContain('Ancien suivi des modifications retiré');
    expect(gas.uiLog.at(-1)?.content).toContain(
      'Autres déclencheurs du projet (laissés tels quels) : ancienneFonction.',
    );
  });

  it('asks before installing a second set under another account', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, AUTO);
    gas.setUser('adjoint@reseau87.example');
    gas.ui.answers.push('NO');
    gas.runMenuItem(ctx, MENU, AUTO);
    expect(gas.uiLog.at(-2)?.content).toMatch(
      /^Les automatisations ont été installées par coordination@reseau87\.example le 2026-11-30/,
    );
    expect(gas.triggers.filter((t) => t.owner === 'adjoint@reseau87.example')).toEqual([]);
  });
});
