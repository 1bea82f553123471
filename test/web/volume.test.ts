/**
 * 5,000 places: clustered on the map, 50 at a time in the list, filters still narrow both alike.
 * (How fast is measured by bench/map.ts, not asserted here.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  launchBrowser,
  listIds,
  mapMarkers,
  openMap,
  openPage,
  resultCount,
  screenshot,
  txt,
} from './browser';
import { COMMUNES, makeFeed, NOW } from './feed-fixture';
import { expectedIds } from './oracle';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
const feed = makeFeed({ places: 5000, stops: 40, named: false });

beforeAll(async () => {
  server = await startServer();
  server.set('/lieux.geojson', JSON.stringify(feed));
  server.set('/carte/communes.json', JSON.stringify(COMMUNES));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('5,000 places', () => {
  it('are clustered on the map, listed 50 at a time, and filtered alike', async () => {
    const o = await openPage(browser);
    const { page } = o;
    await openMap(o, `${server.url}/carte/?maintenant=${NOW}`);
    const total = feed.features.length;
    expect(await resultCount(page)).toBe(total);
    expect(await txt(page.locator('.mc-resume'))).toMatch(/^5\s000 lieux et 40 arrêts du bus/);
    const markers = await mapMarkers(page);
    expect(markers.reduce((n, m) => n + m.count, 0)).toBe(total);
    // Clustered: a few dozen elements on the map, not thousands.
    expect(markers.length).toBeLessThan(200);
    expect(await listIds(page)).toHaveLength(50);
    await screenshot(page, 'volume-5000');

    // The next 50, with the focus on the first new one.
    const ids = await listIds(page);
    await page.getByRole('button', { name: /Afficher 50 lieux suivants/ }).click();
    const more = await listIds(page);
    expect(more).toHaveLength(100);
    expect(more.slice(0, 50)).toEqual(ids);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe(
      more[50],
    );

    // A filter narrows both alike.
    await page.getByLabel('Rendez-vous en ligne possible').check();
    const expected = expectedIds(feed, (f) => f.properties.prise_rdv !== null);
    await eventually(() => resultCount(page)).toBe(expected.size);
    await eventually(async () => (await mapMarkers(page)).reduce((n, m) => n + m.count, 0)).toBe(
      expected.size,
    );
    for (const id of await listIds(page)) expect(expected.has(id)).toBe(true);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });
});
