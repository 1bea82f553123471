/**
 * Accessibility (RGAA 4.1 / WCAG 2.1 AA): axe-core's RGAA and WCAG rules report nothing on the main
 * views; on a 360 px phone and at 200 % zoom nothing needs sideways scrolling and the controls are
 * large enough to tap.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axe,
  eventually,
  launchBrowser,
  type OpenedPage,
  openMap,
  openPage,
  resultCount,
  screenshot,
  txt,
} from './browser';
import { CALENDAR, COMMUNES, makeFeed, NOW } from './feed-fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
const feed = makeFeed({ places: 30, stops: 3 });

beforeAll(async () => {
  server = await startServer();
  server.set('/lieux.geojson', JSON.stringify(feed));
  server.set('/carte/communes.json', JSON.stringify(COMMUNES));
  server.set('/permanences.ics', CALENDAR);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  options: Parameters<typeof openPage>[1] = {},
  query = `maintenant=${NOW}`,
): Promise<OpenedPage> {
  const o = await openPage(browser, options);
  await openMap(o, `${server.url}/carte/?${query}`);
  return o;
}

async function expectNoViolations(page: Page, view: string) {
  const violations = await axe(page);
  expect(violations, `${view}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Interactive controls of the map smaller than 44 px high (the list's links, buttons, fields, choices). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selectors = [
      'maillage-carte .mc-bouton',
      'maillage-carte .mc-champ',
      'maillage-carte .mc-choix',
      'maillage-carte summary',
      'maillage-carte .mc-lien-lieu',
      'maillage-carte .leaflet-bar a',
      'maillage-carte .mc-lien-calendrier',
    ];
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.height < 43.5 || box.width < 43.5)
        out.push(`${el.className} « ${el.textContent?.trim().slice(0, 30)} » ${box.width}×${box.height}`);
    }
    return out;
  });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('axe-core, RGAA 4 and WCAG 2.1 AA rules', () => {
  it('finds nothing on the map and its list, filters open, a place, a bus stop, a commune search', async () => {
    const o = await open();
    const { page } = o;
    await expectNoViolations(page, 'accueil');
    for (const summary of await page.locator('details.mc-depliant summary').all()) await summary.click();
    await page.getByLabel('Ouvert maintenant', { exact: true }).check();
    await expectNoViolations(page, 'filtres');
    await page.getByLabel('Ouvert maintenant', { exact: true }).uncheck();
    await page.locator('a[data-id="sj-france-services"]').click();
    await expectNoViolations(page, 'fiche lieu');
    await page.locator('a[data-id="arret-saint-junien"]').click();
    await expectNoViolations(page, 'fiche arrêt');
    const field = page.getByLabel('Votre commune ou votre code postal');
    await field.fill('saint-l');
    await field.press('Enter');
    await expectNoViolations(page, 'choix de commune');
    await page.locator('.mc-suggestions button').first().click();
    await expectNoViolations(page, 'commune choisie');
    await o.context.close();
  });

  it('finds nothing on the error message', async () => {
    const o = await open({}, 'flux=/absent.geojson');
    expect(await txt(o.page.getByRole('alert'))).toContain('n’a pas pu être chargée');
    await expectNoViolations(o.page, 'erreur');
    await o.context.close();
  });
});

describe('small screens and zoom', () => {
  it('fits a 360 × 740 phone: no sideways scrolling, large tap targets, map before the list', async () => {
    const o = await open({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const { page } = o;
    await eventually(() => resultCount(page)).toBe(feed.features.length);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'telephone-accueil');
    await screenshot(page, 'telephone-page-entiere', true);
    const map = await page.locator('.mc-zone-carte').boundingBox();
    const list = await page.locator('.mc-resultats').boundingBox();
    expect(map && list && map.y < list.y).toBe(true);
    expect(map?.width).toBe(360);
    // Filters are folded on a phone; opened, every control is large enough.
    await page.locator('summary', { hasText: 'Filtres' }).click();
    for (const summary of await page.locator('details.mc-depliant summary').all()) await summary.click();
    expect(await smallTargets(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoViolations(page, 'téléphone');
    await page.locator('a[data-id="sj-france-services"]').click();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'telephone-fiche');
    await expectNoViolations(page, 'téléphone, fiche');
    await o.context.close();
  });

  it('reads at 200 % zoom (1280 × 800 screen) without sideways scrolling', async () => {
    const o = await open({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const { page } = o;
    expect(await horizontalOverflow(page)).toBe(0);
    await page.locator('a[data-id="sj-france-services"]').click();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'zoom-200');
    await o.context.close();
  });

  it('keeps the controls large on a desktop screen too', async () => {
    const o = await open();
    for (const summary of await o.page.locator('details.mc-depliant summary').all()) await summary.click();
    expect(await smallTargets(o.page)).toEqual([]);
    await o.context.close();
  });
});
