/**
 * The sidebar and the planning dialog in Chromium: the HTML the bundle serves, with google.script.run
 * answered by the same bundle running in the fake. Accessible (axe-core, RGAA and WCAG 2.1 AA rules),
 * usable with labels only, problems shown beside each field before saving, one save.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser } from '../web/browser';
import { openDialog } from './dialog-browser';
import { brokenSheets, col, FICHE_MENU, gasWith, MENU, sampleGas } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the « Fiche » sidebar in a browser', () => {
  it('is accessible, shows problems beside the fields, writes opening hours, and saves once', {
    timeout: 60_000,
  }, async () => {
    const { gas, fiche: ctx } = sampleGas();
    gas.select('Lieux', 'C2');
    gas.runMenuItem(ctx, FICHE_MENU, 'Modifier la fiche sélectionnée');
    const html = String(gas.uiLog.find((e) => e.kind === 'sidebar')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);

    await page.getByRole('heading', { level: 1, name: 'Lieu de la ligne 2' }).waitFor({ timeout: 5000 });
    const nom = page.getByLabel('Nom', { exact: false }).first();
    await expect(nom.inputValue()).resolves.toBe('Médiathèque francophone — espace numérique');
    expect(await axe(page)).toEqual([]);

    // A wrong postcode: the core's message appears under the field, before any save.
    const cp = page.locator('#c-code_postal');
    await cp.fill('87300');
    await cp.dispatchEvent('change');
    await page.locator('#e-code_postal li').first().waitFor();
    await expect(page.locator('#e-code_postal').textContent()).resolves.toBe(
      'Le code postal 87300 n’est pas celui de Limoges (87000, 87100, 87280).',
    );
    await expect(cp.getAttribute('aria-invalid')).resolves.toBe('true');
    await cp.fill('87100');
    await cp.dispatchEvent('change');
    await page.waitForFunction(() => document.querySelectorAll('#e-code_postal li').length === 0);

    // The opening-hours helper writes the OSM syntax and shows it back in plain French.
    await page.getByText('Aide pour écrire les horaires').click();
    for (let d = 0; d < 5; d++) {
      await page.locator(`input[data-jour="${d}"][data-plage="0"][data-borne="0"]`).fill('09:00');
      await page.locator(`input[data-jour="${d}"][data-plage="0"][data-borne="1"]`).fill('12:00');
    }
    for (const d of [5, 6]) {
      await page.locator(`input[data-jour="${d}"][data-plage="0"][data-borne="0"]`).fill('');
      await page.locator(`input[data-jour="${d}"][data-plage="0"][data-borne="1"]`).fill('');
    }
    await page.getByRole('button', { name: 'Écrire ces horaires dans la fiche' }).click();
    await expect(page.locator('#c-horaires').inputValue()).resolves.toBe('Mo-Fr 09:00-12:00; PH off');
    await page.locator('#horaires-en-clair').filter({ hasText: 'En clair' }).waitFor();
    await expect(
      page
        .locator('#horaires-en-clair')
        .textContent()
        .then((t) => t?.replace(/\u00a0/g, ' ')),
    ).resolves.toBe(
      'En clair : Du lundi au vendredi : de 9 h à 12 h. Samedi et dimanche : fermé. Fermé les jours fériés.',
    );

    // Save: only the changed cell and Maillage's own (date_maj, then the tracking block), the row
    // holds the new hours and is still valid.
    gas.resetCalls();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('#statut').filter({ hasText: 'Enregistré' }).waitFor();
    await expect(page.locator('#statut').textContent()).resolves.toBe(
      'Enregistré ligne 2 (lieu-0001) : fiche complète.',
    );
    expect(gas.calls.count('Range.setValues')).toBe(3);
    const row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'Horaires')]).toBe('Mo-Fr 09:00-12:00; PH off');
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the planning dialog in a browser', () => {
  it('is accessible, previews the dates with the skipped days, then adds them', {
    timeout: 60_000,
  }, async () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Planifier des permanences');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Commune').fill('Cussac (87054)');
    await page.getByLabel('Lieu de stationnement').fill('Place de la Mairie');
    await page.getByLabel('Jour').selectOption({ label: 'vendredi' });
    await page.getByLabel('Début').fill('12:15');
    await page.getByLabel('Fin').fill('13:45');
    await page.getByLabel('Du').fill('2026-12-01');
    await page.getByLabel('Au').fill('2027-01-31');
    await page.getByLabel('Assistance').check();
    await page.getByRole('button', { name: 'Voir les dates' }).click();
    await page.getByRole('heading', { name: '7 permanence(s) à ajouter' }).waitFor();
    await expect(page.getByText('vendredi 25 décembre 2026 : jour férié (Noël).').count()).resolves.toBe(1);
    const before = gas.values('Permanences').length;
    await page.getByRole('button', { name: 'Ajouter ces permanences' }).click();
    await page.getByRole('heading', { name: '7 permanence(s) ajoutée(s)' }).waitFor();
    expect(gas.values('Permanences')).toHaveLength(before + 7);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the verification summary in a browser', () => {
  it('is accessible and takes the coordinator to a faulty row', { timeout: 60_000 }, async () => {
    const { gas, ctx } = gasWith(brokenSheets());
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Aller à la ligne 3' }).first().click();
    await expect.poll(() => gas.globals.SpreadsheetApp.getActiveRange()?.getA1Notation()).toBe('A3');
    expect(gas.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Lieux');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
