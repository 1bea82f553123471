/**
 * The letter and referents dialogs in Chromium, with google.script.run answered by the bundle in the
 * fake: accessible (axe-core, RGAA and WCAG 2.1 AA rules), the letter sent to oneself before the
 * referents, the unsent listed; the referents listed and offered as CSV and vCard downloads.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser } from '../web/browser';
import { openDialog } from './dialog-browser';
import { COORDINATION, MENU, sampleGas } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('« Envoyer la lettre du réseau… » in a browser', () => {
  it('shows the letter, sends the test first, then the referents within the quota', {
    timeout: 60_000,
  }, async () => {
    const { gas, ctx } = sampleGas({ now: () => new Date('2026-12-02T09:00:00Z'), mailQuota: 6 });
    gas.runMenuItem(ctx, MENU, 'Envoyer la lettre du réseau…');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    await expect(page.locator('#resume').textContent()).resolves.toMatch(
      /^« Lettre du réseau — décembre 2026 — .+ » : 7\d référents à qui l’envoyer ; courriels encore possibles aujourd’hui : 6\.$/,
    );
    const preview = page.frameLocator('#apercu');
    await expect(preview.locator('h1').textContent()).resolves.toBe('Lettre du réseau — décembre 2026');
    expect(await axe(page)).toEqual([]);
    // November's letter, already sent to everyone: said so, nothing to send; back to December.
    await page.getByLabel('Mois').selectOption({ label: 'Lettre de novembre 2026' });
    await page.locator('#resume').filter({ hasText: 'novembre 2026' }).waitFor();
    await expect(page.locator('#resume').textContent()).resolves.toMatch(
      /» : déjà envoyée le 04\/11\/2026 \(10:00\) à 71 référents\.$/,
    );
    await page.getByLabel('Mois').selectOption({ label: 'Lettre de décembre 2026' });
    await page.locator('#resume').filter({ hasText: 'décembre 2026' }).waitFor();
    const send = page.locator('#envoyer');
    await expect(send.isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: `M’envoyer un essai (${COORDINATION})` }).click();
    await page.locator('#statut').filter({ hasText: 'Essai envoyé' }).waitFor();
    expect(gas.sentMails.map((m) => m.to)).toEqual([COORDINATION]);
    await expect(send.isDisabled()).resolves.toBe(false);

    await send.click();
    await page.locator('#statut').filter({ hasText: 'courriels envoyés' }).waitFor();
    await expect(page.locator('#statut').textContent()).resolves.toBe(
      '5 courriels envoyés ; 5 référents l’ont reçue ce mois-ci.',
    );
    await expect(page.locator('#resultat h2').textContent()).resolves.toBe(
      'Non envoyés (relancez l’action un autre jour : elle ne part qu’à eux)',
    );
    const unsent = await page.locator('#resultat li').allTextContents();
    expect(unsent.length).toBeGreaterThan(60);
    expect(unsent.every((l) => /^\S+@\S+ : quota quotidien de courriels atteint/.test(l))).toBe(true);
    expect(gas.sentMails).toHaveLength(6);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('« Référents : liste et export… » in a browser', () => {
  it('lists the chosen referents and offers the two files', { timeout: 60_000 }, async () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Référents : liste et export…');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('de l’EPCI').selectOption({ label: 'CU Limoges Métropole' });
    await page.getByLabel('qui ont signé la charte').check();
    await page.getByRole('button', { name: 'Afficher la liste' }).click();
    await page.locator('#liste table').waitFor();
    const status = await page.locator('#statut').textContent();
    const count = Number(
      /^(\d+) référents : référents des lieux de CU Limoges Métropole, qui ont signé la charte\.$/.exec(
        status ?? '',
      )?.[1],
    );
    expect(count).toBeGreaterThan(0);
    await expect(page.locator('#liste tbody tr').count()).resolves.toBe(count);
    const csv = page.getByRole('link', { name: 'Télécharger le CSV (Excel)' });
    await expect(csv.getAttribute('download')).resolves.toBe('referents-2026-11-30.csv');
    await expect(
      page.getByRole('link', { name: 'Télécharger les vCard (messagerie)' }).getAttribute('download'),
    ).resolves.toBe('referents-2026-11-30.vcf');
    const download = page.waitForEvent('download');
    await csv.click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFNom;Fonction;Structure;Courriel;')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(count + 1);
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
