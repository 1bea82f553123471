/**
 * Every menu action of the registry one after the other, as a coordinator would run them, on the sample workbook
 * (which must stay valid) and on the broken fixture (every action must still complete).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { BundleContext, FakeAppsScript } from '../fakes/gas';
import { ROOT } from '../helpers/workbook';
import {
  brokenSheets,
  CODE,
  col,
  fakeGeocoder,
  gasWith,
  MENU,
  menuActions,
  PARTNER_CODE,
  sampleSheets,
} from './helpers';

/** Runs every menu item in order; `answers` are the buttons clicked when an action asks. */
function runAll(gas: FakeAppsScript, ctx: BundleContext, answers: Record<string, string[]>) {
  for (const item of menuActions()) {
    gas.ui.answers.length = 0;
    gas.ui.answers.push(...((answers[item.caption] ?? []) as never[]));
    gas.runMenuItem(ctx, MENU, item.caption);
    if (item.caption === 'Planifier des permanences') {
      ctx.planifierAjouter!({
        code_insee: '87011',
        lieu: 'Place du Champ de foire',
        offres: ['Assistance'],
        jour: '3',
        frequence: '2',
        debut: '14:00',
        fin: '16:30',
        du: '2027-06-01',
        au: '2027-07-31',
      });
    }
  }
}

describe('every action of the menu', () => {
  it('all complete on the sample workbook and leave it valid', () => {
    const sheets = sampleSheets();
    const geocoder = fakeGeocoder(() => ({ score: 0.2, citycode: '', lon: 0, lat: 0 }));
    const { gas, ctx } = gasWith(sheets, { urlFetch: geocoder.handler });
    runAll(gas, ctx, {
      'Compléter les coordonnées': ['YES'],
      'Appliquer les droits des partenaires': ['YES'],
      'Relancer les fiches anciennes': ['YES'],
    });
    const failures = gas.uiLog.filter((e) => /n’a pas pu terminer|occupé/.test(String(e.content)));
    expect(failures).toEqual([]);
    // The coordination's menu has no sidebar: the form is the partners' project's.
    expect(gas.uiLog.filter((e) => e.kind === 'sidebar')).toHaveLength(0);
    expect(gas.uiLog.filter((e) => e.kind === 'modalDialog').map((e) => e.title)).toEqual([
      'Vérification du classeur',
      'Planifier des permanences',
      'Importer un fichier du standard national…',
      'Comparer avec un fichier national…',
      'Inviter des référents à une rencontre',
      'Envoyer la lettre du réseau…',
      'Référents : liste et export…',
    ]);
    // Valid afterwards: a last check finds nothing to fix.
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    for (const tab of ['Lieux', 'Permanences', 'Relais']) {
      const etat = col(gas, tab, 'État');
      expect(
        gas
          .values(tab)
          .slice(1)
          .filter((r) => r[etat] !== 'OK')
          .map((r) => r[col(gas, tab, 'Problèmes')]),
        tab,
      ).toEqual([]);
    }
    const actions = gas.values('Journal').map((r) => r[2]);
    for (const done of [
      'Installer / mettre à niveau le classeur',
      'Vérifier tout le classeur',
      'Compléter les coordonnées',
      'Appliquer les droits des partenaires',
      'Planifier des permanences',
      'Relancer les fiches anciennes',
      'Calculer les indicateurs',
      'Automatisations',
    ]) {
      expect(actions).toContain(done);
    }
    expect(gas.triggers.map((t) => t.handlerFunction)).toEqual([
      'triggerRollupHebdomadaire',
      'triggerRencontresQuotidien',
    ]);
    expect(gas.sentMails.length).toBeGreaterThan(0);
    expect(gas.charts('Indicateurs')).toHaveLength(1);
  });

  it('all complete on the broken fixture', () => {
    const geocoder = fakeGeocoder(() => null);
    const { gas, ctx } = gasWith(brokenSheets(), { urlFetch: geocoder.handler });
    runAll(gas, ctx, { 'Compléter les coordonnées': ['YES'] });
    expect(gas.uiLog.filter((e) => /n’a pas pu terminer/.test(String(e.content)))).toEqual([]);
    expect(gas.values('Lieux')[2]?.[col(gas, 'Lieux', 'État')]).toBe('À corriger');
  });
});

describe('the globals of Code.js', () => {
  it('include every call dialogs make through google.script.run, in each project', () => {
    for (const code of [CODE, PARTNER_CODE]) {
      const context = vm.createContext({});
      vm.runInContext(readFileSync(code, 'utf8'), context);
      const calls = menuActions(code).flatMap((a) => a.server);
      expect(calls.length, code).toBeGreaterThan(0);
      for (const name of calls) expect(typeof context[name], name).toBe('function');
    }
    expect(menuActions(PARTNER_CODE).flatMap((a) => a.server)).toContain('ficheEnregistrer');
  });

  it('come from code that uses nothing Apps Script lacks', () => {
    const files = [
      ...readdirSync(join(ROOT, 'src/gas'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.startsWith('client'))
        .map((f) => join(ROOT, 'src/gas', f)),
      ...['ids', 'schedule', 'geocode', 'freshness', 'installer-plan'].map((f) =>
        join(ROOT, `src/core/${f}.ts`),
      ),
    ];
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(
        /\bsetTimeout\(|[^.\w]fetch\(|\bnew URL\(|\bURLSearchParams\b|\bTextEncoder\b|\.at\(-/,
      );
    }
  });
});
