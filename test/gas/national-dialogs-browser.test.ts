/**
 * The import and compare dialogs in Chromium, with google.script.run answered by the bundle in the
 * fake: accessible (axe-core), the file chosen and previewed, uncertain places decided in the dialog
 * and remembered in Rapprochements; the comparison shown and its to-do list downloadable.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNationalSample, type NationalSample } from '../../scripts/make-national-sample';
import { expectSampleTodo } from '../helpers/national';
import { axe, launchBrowser } from '../web/browser';
import { openDialog } from './dialog-browser';
import { COORDINATION, MENU, sampleGas } from './helpers';

let browser: Browser;
let national: NationalSample;
beforeAll(async () => {
  browser = await launchBrowser();
  national = makeNationalSample();
});
afterAll(async () => {
  await browser?.close();
});

function chooseFile(page: Page, text: string): Promise<void> {
  return page
    .locator('#fichier')
    .setInputFiles({ name: 'lieux-87.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

describe('« Importer un fichier du standard national… » in a browser', () => {
  it('previews, asks about each uncertain place, and remembers the answers', {
    timeout: 60_000,
  }, async () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Importer un fichier du standard national…');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    const lieux = gas.values('Lieux').length;
    await chooseFile(page, national.csv);
    await page.locator('#statut').filter({ hasText: 'Aperçu prêt' }).waitFor();
    await expect(page.locator('#apercu li').first().textContent()).resolves.toMatch(
      new RegExp(`^${national.expected.newPlaces.length} lieux ajoutés`),
    );
    const sets = page.locator('#decisions fieldset');
    const asked = await sets.count();
    expect(asked).toBeGreaterThanOrEqual(2);
    // Nothing is decided unless the coordinator says so.
    await expect(
      sets
        .nth(asked - 1)
        .getByLabel('À décider plus tard')
        .isChecked(),
    ).resolves.toBe(true);
    expect(await axe(page)).toEqual([]);
    // The first: the same place as the row it looks like; the second: a different place.
    await sets
      .nth(0)
      .getByLabel(/Même lieu que ligne \d+/)
      .first()
      .check();
    await sets.nth(1).getByLabel('Lieu différent : l’ajouter comme nouveau lieu').check();
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.locator('#statut').filter({ hasText: 'Importé' }).waitFor();
    await expect(page.locator('#statut').textContent()).resolves.toMatch(
      /décision\(s\) notée\(s\) dans Rapprochements\. Noté dans le Journal\.$/,
    );
    expect(gas.values('Lieux')).toHaveLength(lieux + national.expected.newPlaces.length + 1);
    const pairs = gas.values('Rapprochements');
    const decision = pairs[0]!.indexOf('Décision');
    const by = pairs[0]!.indexOf('Décidé par');
    const decided = pairs.slice(1).filter((r) => r[decision] !== '');
    expect(decided.map((r) => r[decision]).sort()).toEqual(['lieu différent', 'même lieu']);
    expect(decided.every((r) => r[by] === COORDINATION)).toBe(true);

    // The same file again: two questions fewer.
    await chooseFile(page, national.csv);
    await page
      .locator('#statut')
      .filter({ hasText: /Aperçu prêt|Rien à importer/ })
      .waitFor();
    await expect(sets.count()).resolves.toBeLessThanOrEqual(asked - 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('« Comparer avec un fichier national… » in a browser', () => {
  it('shows the comparison and offers the to-do list as CSV', { timeout: 60_000 }, async () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Comparer avec un fichier national…');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    await chooseFile(page, national.csv);
    await page.locator('#statut').filter({ hasText: 'Comparaison avec lieux-87.csv' }).waitFor();
    const lines = await page.locator('#apercu li').allTextContents();
    expect(lines).toContain(
      `${national.expected.newPlaces.length} lieux du fichier national manquent au classeur.`,
    );
    const link = page.locator('#csv');
    await expect(link.isVisible()).resolves.toBe(true);
    await expect(link.getAttribute('download')).resolves.toBe('comparaison-carte-nationale.csv');
    expect(await axe(page)).toEqual([]);
    const csv = await link.evaluate(async (a: HTMLAnchorElement) => (await fetch(a.href)).text());
    expectSampleTodo(`\uFEFF${csv.replace(/^\uFEFF/, '')}`, national);
    expect(errors).toEqual([]);
    await page.close();
  });
});
