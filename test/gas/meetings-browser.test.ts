/**
 * The invitation dialog and the attendance sheet in Chromium: the HTML the bundle serves, with
 * google.script.run answered by the same bundle running in the fake. Accessible (axe-core, RGAA and
 * WCAG 2.1 AA rules), usable with labels only.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser } from '../web/browser';
import { openDialog } from './dialog-browser';
import { gasWith, MENU, sampleSheets } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the meetings’ dialogs in a browser', () => {
  it('invites the referents of an EPCI to the chosen meeting, then sends only to those not yet invited', {
    timeout: 60_000,
  }, async () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets, { mailQuota: 4 });
    gas.select('Rencontres', `B${sheets.Rencontres!.findIndex((r) => r[0] === 'renc-019') + 1}`);
    gas.runMenuItem(ctx, MENU, 'Inviter des référents à une rencontre');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    expect(await axe(page)).toEqual([]);
    await expect(page.getByLabel('Rencontre').inputValue()).resolves.toBe('renc-019');
    await page.getByLabel('Ceux des lieux d’un EPCI :').check();
    await page.getByLabel('EPCI', { exact: true }).selectOption({ label: 'CU Limoges Métropole' });
    await page.getByRole('button', { name: 'Voir les référents' }).click();
    await page.locator('#statut').filter({ hasText: 'à inviter' }).waitFor();
    const status = String(await page.locator('#statut').textContent());
    const n = Number(
      /: (\d+) référent\(s\) à inviter parmi les référents des lieux de CU Limoges Métropole/.exec(
        status,
      )?.[1],
    );
    expect(n).toBeGreaterThan(4);
    expect(status).toContain(`Courriels encore possibles aujourd’hui : 4. Les ${n - 4} derniers partiront`);
    await expect(page.locator('#resultat li').count()).resolves.toBe(n);
    await page.getByRole('button', { name: 'Envoyer les invitations' }).click();
    await page.locator('#statut').filter({ hasText: 'envoyée(s)' }).waitFor();
    await expect(page.locator('#statut').textContent()).resolves.toMatch(
      new RegExp(`^4 invitation\\(s\\) envoyée\\(s\\)\\. ${n - 4} non envoyée\\(s\\) : relancez l’action`),
    );
    expect(gas.sentMails).toHaveLength(4);
    await page.getByRole('button', { name: 'Voir les référents' }).click();
    await page.locator('#statut').filter({ hasText: '(4 déjà invité(s))' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows an accessible attendance sheet', { timeout: 60_000 }, async () => {
    const sheets = sampleSheets();
    const { gas, ctx } = gasWith(sheets);
    gas.select('Rencontres', `B${sheets.Rencontres!.findIndex((r) => r[0] === 'renc-018') + 1}`);
    gas.runMenuItem(ctx, MENU, 'Feuille d’émargement');
    const html = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    const { page, errors } = await openDialog(browser, ctx, html);
    expect(await axe(page)).toEqual([]);
    await expect(page.getByRole('columnheader').allTextContents()).resolves.toEqual([
      'N°',
      'Nom',
      'Structure',
      'Signature',
    ]);
    await expect(page.getByRole('row').count()).resolves.toBe(1 + 14 + 6);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
