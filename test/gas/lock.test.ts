import { describe, expect, it } from 'vitest';
import { fakeGeocoder, gasWith, MENU, sampleSheets, snapshot } from './helpers';

const BUSY =
  'Le classeur est occupé : une autre action de Maillage est en cours (peut-être lancée par une autre personne). Rien n’a été modifié. Réessayez dans une minute.';

describe('a busy workbook (LockService held by another execution)', () => {
  const actions: [string, string[]][] = [
    ['Installer / mettre à niveau le classeur', []],
    ['Vérifier tout le classeur', []],
    ['Compléter les coordonnées', ['YES']],
    ['Appliquer les droits des partenaires', ['YES']],
    ['Relancer les fiches anciennes', ['YES']],
    ['Calculer les indicateurs', []],
    ['Automatisations', []],
  ];
  for (const [caption, answers] of actions) {
    it(`« ${caption} » says so and writes nothing`, () => {
      const geocoder = fakeGeocoder(() => null);
      const { gas, ctx } = gasWith(sampleSheets(), { lockBusy: true, urlFetch: geocoder.handler });
      const before = snapshot(gas);
      gas.ui.answers.push(...(answers as never[]));
      gas.runMenuItem(ctx, MENU, caption);
      expect(gas.uiLog.at(-1)).toMatchObject({ kind: 'alert', title: caption, content: BUSY });
      expect(snapshot(gas)).toEqual(before);
      expect(gas.sentMails).toEqual([]);
      expect(gas.locks.script.refused).toBe(1);
    });
  }

  it('the sidebar and the planning dialog get the message as an error, and nothing is written', () => {
    const { gas, ctx, fiche } = gasWith(sampleSheets(), { lockBusy: true });
    const before = snapshot(gas);
    expect(() =>
      ctx.planifierAjouter!({
        code_insee: '87054',
        lieu: 'Place',
        offres: ['Assistance'],
        jour: '1',
        frequence: '1',
        debut: '09:00',
        fin: '10:00',
        du: '2026-12-01',
        au: '2026-12-31',
      }),
    ).toThrow(BUSY);
    expect(() => fiche.ficheEnregistrer!({ row: null, id: null, values: { nom: 'Nouveau' } })).toThrow(BUSY);
    expect(snapshot(gas)).toEqual(before);
  });

  it('the Monday trigger gives up quietly and tries again next week', () => {
    const { gas, ctx } = gasWith(sampleSheets());
    gas.runMenuItem(ctx, MENU, 'Automatisations');
    gas.locks.busy = true;
    const before = snapshot(gas);
    gas.runTrigger(ctx, 'triggerRollupHebdomadaire');
    expect(snapshot(gas)).toEqual(before);
    expect(gas.logs.map((l) => l.message)).toContain(
      'Calcul hebdomadaire reporté : le classeur était occupé.',
    );
  });
});
