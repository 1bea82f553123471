/**
 * The map as people use it, in a real browser: a resident on an old phone (360 × 740, CPU × 4)
 * searching their commune, someone typing before the commune list has arrived, the page's first
 * paint, and filters whose counts already account for the other filters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlacesFeed } from '../../src/core/publish/feed-types';
import { MAP_LIST_FIELDS, MAP_LIST_FILE, MAP_LIST_TYPE, mapListRow } from '../../src/core/publish/feed-types';
import { withFirstPage } from '../../src/core/publish/map-first-page';
import {
  axe,
  eventually,
  listIds,
  type OpenedPage,
  openMap,
  openPage,
  resultCount,
  screenshot,
  txt,
} from './browser';
import { COMMUNES, makeFeed, NOW } from './feed-fixture';
import { mapSuite } from './suite';

const feed: PlacesFeed = makeFeed({ places: 400, stops: 6 });
const suite = mapSuite(feed);

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, deviceScaleFactor: 2 } as const;

async function phone(): Promise<OpenedPage> {
  const o = await openPage(suite.browser, PHONE);
  const cdp = await o.context.newCDPSession(o.page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return o;
}

async function done(o: OpenedPage) {
  expect(o.errors, 'no error in the page').toEqual([]);
  await o.context.close();
}

/** The element's box lies within the visible screen. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    });
}

/** Holds back the answers to `pattern` until the returned function is called. */
async function holdBack(page: Page, pattern: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

describe('on a phone', () => {
  it('shows the count and the first results after « Chercher », focus on the list', async () => {
    const o = await phone();
    const { page } = o;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    await page.getByLabel('Votre commune ou votre code postal').fill('Bellac');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await eventually(() => page.url()).toContain('commune=87011');
    await eventually(() => onScreen(page, 'maillage-carte .mc-resume')).toBe(true);
    expect(await onScreen(page, 'maillage-carte .mc-liste li')).toBe(true);
    expect(await txt(page.locator('maillage-carte .mc-resume'))).toMatch(/correspond/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Liste des lieux');
    await screenshot(page, 'telephone-apres-recherche');
    await done(o);
  });

  it('keeps the count of the current choice on screen while filtering, and goes to the results', async () => {
    const o = await phone();
    const { page } = o;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    const button = page.locator('.mc-voir-resultats');
    /** The button is on the screen and says the list's count. */
    const showsCount = async () => {
      const n = await resultCount(page);
      await eventually(async () => (await txt(button)).replace(/\s/g, ' ')).toBe(
        n === 0 ? 'Aucun lieu : voir la liste' : `Voir les ${n} résultats`,
      );
      expect(await onScreen(page, '.mc-voir-resultats')).toBe(true);
    };
    await page.locator('.mc-tous-filtres > summary').click();
    // The first choice of the open panel, at the top of the screen.
    const openNow = page.getByLabel('Ouvert maintenant', { exact: true });
    await openNow.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await openNow.check();
    await showsCount();
    await openNow.uncheck();
    // Every group unfolded: the last choice of the long panel, at the top of the screen too.
    for (const summary of await page.locator('.mc-depliant > summary').all()) await summary.click();
    const last = page.locator('.mc-groupes input[type="checkbox"]').last();
    await last.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await last.check();
    await showsCount();
    await last.uncheck();
    await page.getByLabel('Gratuit', { exact: true }).check();
    await showsCount();
    await screenshot(page, 'telephone-filtres-compte');
    await page.getByLabel('Gratuit', { exact: true }).uncheck();
    // The panel closed, after a commune search: a change of distance shows its count as well.
    await page.locator('.mc-tous-filtres > summary').click();
    const panelOpen = () => page.locator('.mc-tous-filtres').evaluate((d) => (d as HTMLDetailsElement).open);
    expect(await panelOpen()).toBe(false);
    await page.getByLabel('Votre commune ou votre code postal').fill('Bellac');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await eventually(() => page.url()).toContain('commune=87011');
    const before = await resultCount(page);
    const distance = page.getByLabel('Distance');
    await distance.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await distance.selectOption('30');
    await eventually(() => resultCount(page)).not.toBe(before);
    expect(await panelOpen()).toBe(false);
    await showsCount();
    await screenshot(page, 'telephone-distance-compte');
    await button.click();
    await eventually(() => onScreen(page, 'maillage-carte .mc-resume')).toBe(true);
    expect(await onScreen(page, 'maillage-carte .mc-liste li')).toBe(true);
    await done(o);
  });

  it('never lets the map take the screen: the list starts within one screen of the map’s top', async () => {
    const o = await phone();
    const { page } = o;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    const map = await page.locator('.mc-zone-carte').boundingBox();
    const list = await page.locator('.mc-resultats').boundingBox();
    expect(map && list).toBeTruthy();
    expect(map!.height).toBeLessThanOrEqual(740 * 0.4);
    expect(list!.y - map!.y).toBeLessThan(740 / 2);
    await done(o);
  });

  it('says « Chargement » from the first paint, before the places arrive', async () => {
    suite.server.set('/lent/lieux.geojson', { body: JSON.stringify(feed), delay: 2_500 });
    const o = await phone();
    const { page } = o;
    await page.goto(`${suite.server.url}/carte/?maintenant=${NOW}&flux=/lent/lieux.geojson`, {
      waitUntil: 'commit',
    });
    await page
      .locator('maillage-carte')
      .getByText(/^Chargement/)
      .first()
      .waitFor({ timeout: 2_000 });
    await page
      .locator('maillage-carte .mc-resume')
      .filter({ hasText: /correspond/ })
      .waitFor();
    await done(o);
  });
});

describe('the first page written by publier into the map’s page', () => {
  /** The map's page as `maillage publier` writes it for the suite's feed. */
  function publishedPage(): string {
    const template = readFileSync(join(suite.server.root, 'index.html'), 'utf8');
    return withFirstPage(
      template,
      feed.features.map((f) => ({ ...f.properties, id: f.id })),
    );
  }

  it('is on screen before the script and the feed, opens a place once the map runs, then gives way to the same list', async () => {
    suite.server.set('/carte/publiee.html', publishedPage());
    const o = await phone();
    const { page } = o;
    // The script is held back: what shows is the page alone.
    const release = await holdBack(page, '**/carte/carte.js');
    await page.goto(`${suite.server.url}/carte/publiee.html?maintenant=${NOW}`, { waitUntil: 'commit' });
    const first = page.locator('maillage-carte .mc-liste a[data-id]');
    await first.first().waitFor({ timeout: 5_000 });
    const ids = await listIds(page);
    expect(ids).toHaveLength(50);
    expect(await txt(page.locator('maillage-carte .mc-resume'))).toBe(
      `${feed.maillage.lieux} lieux et ${feed.maillage.arrets} arrêts du bus. Les 50 premiers, par commune :`,
    );
    expect(await onScreen(page, 'maillage-carte .mc-liste li')).toBe(true);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'telephone-premiere-page');
    // A tap before the map runs names the place in the address; the map opens it when ready.
    await first.nth(2).click();
    expect(page.url()).toContain(`#lieu=${ids[2]}`);
    release();
    await page
      .locator('maillage-carte .mc-resume')
      .filter({ hasText: /correspond/ })
      .waitFor();
    await eventually(() => txt(page.locator('maillage-carte .mc-zone-details h2'))).toBe(
      feed.features.find((f) => f.id === ids[2])!.properties.nom,
    );
    // The map's own list: the same places in the same order, now with their hours.
    expect(await listIds(page)).toEqual(ids);
    expect(await page.locator('maillage-carte .mc-liste .mc-etat').count()).toBe(50);
    await done(o);
  });

  it('keeps the first page while the feed loads, and hides it for another view', async () => {
    suite.server.set('/carte/publiee.html', publishedPage());
    const o = await phone();
    const { page } = o;
    // The feed is held back until the map has run.
    const release = await holdBack(page, '**/lieux.geojson');
    await page.goto(`${suite.server.url}/carte/publiee.html?maintenant=${NOW}`, { waitUntil: 'commit' });
    // The map runs (its form is there) while the feed is still on its way: the first page stays.
    await page.locator('maillage-carte form').waitFor();
    expect(await listIds(page)).toHaveLength(50);
    expect(await txt(page.locator('maillage-carte .mc-plus'))).toMatch(/^Chargement/);
    release();
    await page
      .locator('maillage-carte .mc-resume')
      .filter({ hasText: /correspond/ })
      .waitFor();
    await page.unroute('**/lieux.geojson');

    // Opened on a filtered view (a shared link): the unfiltered first page never shows.
    await page.goto('about:blank');
    await page.route('**/carte/carte.js', (route) => route.abort());
    await page.goto(`${suite.server.url}/carte/publiee.html?maintenant=${NOW}#services=x`);
    expect(await page.locator('maillage-carte .mc-premiere-page').isHidden()).toBe(true);
    expect(await page.locator('maillage-carte .mc-chargement').isVisible()).toBe(true);
    await done(o);
  });
});

describe('the map’s list of places (lieux-carte.json), read before the whole feed', () => {
  const LIST = `/${MAP_LIST_FILE}`;
  const listFile = () =>
    JSON.stringify({
      type: MAP_LIST_TYPE,
      maillage: feed.maillage,
      champs: MAP_LIST_FIELDS,
      lieux: feed.features.map((f) => mapListRow(f.id, f.geometry.coordinates, f.properties)),
    });
  // The other tests of this file read the feed alone (a publication without the list).
  afterAll(() => suite.server.set(LIST, { status: 404, body: 'Introuvable' }));

  it('lists, filters and maps from the list, then completes a place’s fiche from the feed', async () => {
    suite.server.set(LIST, listFile());
    const o = await phone();
    const { page } = o;
    const release = await holdBack(page, '**/lieux.geojson');
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    // The whole list and the markers while the feed is held back.
    expect(await resultCount(page)).toBe(feed.features.length);
    await page.locator('maillage-carte .leaflet-marker-pane > *').first().waitFor();
    await page.locator('.mc-tous-filtres > summary').click();
    await page.getByLabel('Gratuit', { exact: true }).check();
    const free = feed.features.filter((f) => f.properties.frais_a_charge.includes('Gratuit')).length;
    await eventually(() => resultCount(page)).toBe(free);
    await page.getByLabel('Gratuit', { exact: true }).uncheck();
    // A place with a phone: its fiche says the rest is on its way, then shows it.
    const withPhone = feed.features.find((f) => f.properties.categorie === 'lieu' && f.properties.telephone)!;
    await page.goto(`${suite.server.url}/carte/?maintenant=${NOW}#lieu=${withPhone.id}`);
    const details = page.locator('maillage-carte .mc-zone-details');
    await details.getByText(/^Chargement du téléphone/).waitFor();
    expect(await txt(details.locator('h2'))).toBe(withPhone.properties.nom);
    expect(await axe(page)).toEqual([]);
    release();
    await details.getByText(/^Téléphone : 0\d( \d\d){4}/).waitFor();
    expect(await details.getByText(/^Chargement du téléphone/).count()).toBe(0);
    const asked = suite.server.requests.filter((r) => r === LIST || r === '/lieux.geojson');
    expect(asked.slice(-2)).toEqual([LIST, '/lieux.geojson']);
    await done(o);
  });

  it('says in the fiche when the feed cannot be had, and tries again when a place is opened', async () => {
    suite.server.set(LIST, listFile());
    const o = await phone();
    const { page } = o;
    await page.route('**/lieux.geojson', (route) => route.fulfill({ status: 503, body: 'Indisponible' }));
    const withPhone = feed.features.find((f) => f.properties.categorie === 'lieu' && f.properties.telephone)!;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}#lieu=${withPhone.id}`);
    const details = page.locator('maillage-carte .mc-zone-details');
    await details.getByText(/n’ont pas pu être chargés/).waitFor();
    expect(await resultCount(page)).toBe(feed.features.length);
    await page.unroute('**/lieux.geojson');
    await details.getByRole('button', { name: 'Retour à la liste' }).click();
    await page.locator(`maillage-carte .mc-liste a[data-id="${withPhone.id}"]`).click();
    await details.getByText(/^Téléphone : 0\d( \d\d){4}/).waitFor();
    await done(o);
  });

  it('reads the whole feed at once when the list is broken', async () => {
    suite.server.set(LIST, '{"type":"maillage-carte-lieux","lieux":[');
    const o = await phone();
    const { page } = o;
    const withPhone = feed.features.find((f) => f.properties.categorie === 'lieu' && f.properties.telephone)!;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}#lieu=${withPhone.id}`);
    expect(await resultCount(page)).toBe(feed.features.length);
    const details = page.locator('maillage-carte .mc-zone-details');
    await details.getByText(/^Téléphone : /).waitFor();
    expect(await details.getByText(/^Chargement du téléphone/).count()).toBe(0);
    await done(o);
  });
});

describe('the commune search', () => {
  it('answers from the whole commune list even when it arrives after the places', async () => {
    suite.server.set('/lent/communes.json', { body: JSON.stringify(COMMUNES), delay: 2_500 });
    suite.server.set(
      '/hote-communes-lentes.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hôte</title></head><body>
       <maillage-carte data-flux="/lieux.geojson" data-communes="/lent/communes.json"
         data-maintenant="${NOW}" data-etat-url="non"></maillage-carte>
       <script src="/carte/carte.js"></script></body></html>`,
    );
    const o2 = await openPage(suite.browser);
    const p2 = o2.page;
    await p2.goto(`${suite.server.url}/hote-communes-lentes.html`);
    await p2
      .locator('maillage-carte .mc-resume')
      .filter({ hasText: /correspond/ })
      .waitFor();
    const messages: string[] = [];
    await p2.exposeFunction('noteMessage', (m: string) => messages.push(m));
    await p2.evaluate(() => {
      const box = document.querySelector('maillage-carte .mc-commune-message');
      new MutationObserver(() =>
        (window as unknown as { noteMessage(m: string): void }).noteMessage(box?.textContent ?? ''),
      ).observe(box!, { childList: true, subtree: true, characterData: true });
    });
    // A commune with no place in the feed (as Blanzac was): only the whole list knows it.
    const inFeed = new Set(feed.features.map((f) => f.properties.code_insee));
    const names = COMMUNES.map((c) => c.nom);
    const empty = COMMUNES.find((c) => !inFeed.has(c.code) && names.filter((n) => n === c.nom).length === 1)!;
    await p2.getByLabel('Votre commune ou votre code postal').fill(empty.nom);
    await p2.getByRole('button', { name: 'Chercher' }).click();
    await eventually(() => txt(p2.locator('.mc-centre'))).toContain(empty.nom);
    expect(messages.join(' | ')).not.toMatch(/Aucune commune|ne correspond/);
    // A postcode: every commune that has it, from the whole list.
    const expected = COMMUNES.filter((c) => c.codesPostaux.includes('87300')).length;
    expect(expected).toBeGreaterThan(2);
    await p2.getByLabel('Votre commune ou votre code postal').fill('87300');
    await p2.getByRole('button', { name: 'Chercher' }).click();
    // (at most 8 suggestions, the most populated first)
    await eventually(() => p2.locator('.mc-suggestions button').count()).toBe(Math.min(8, expected));
    await done(o2);
  });
});

describe('the filters', () => {
  it('count each option under the other filters, so an empty combination shows 0 before it is ticked', async () => {
    const o = await openPage(suite.browser);
    const { page } = o;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    const option = (name: string) =>
      page
        .locator('.mc-choix')
        .filter({ has: page.getByLabel(new RegExp(`^${name}`)) })
        .locator('.mc-nombre');
    const countOf = async (name: string) => Number((await txt(option(name))).replace(/\D/g, ''));
    const seniors = (f: PlacesFeed['features'][number]) =>
      f.properties.publics_specifiquement_adresses.includes('Seniors');
    expect(await countOf('Seniors')).toBe(feed.features.filter(seniors).length);
    await page.getByLabel('Gratuit', { exact: true }).check();
    const free = (f: PlacesFeed['features'][number]) => f.properties.frais_a_charge.includes('Gratuit');
    await eventually(() => countOf('Seniors')).toBe(
      feed.features.filter((f) => free(f) && seniors(f)).length,
    );
    await done(o);
  });

  it('keep the count and the first results in view on a desktop screen while the filters are open', async () => {
    const o = await openPage(suite.browser, { viewport: { width: 1280, height: 800 } });
    const { page } = o;
    await openMap(o, `${suite.server.url}/carte/?maintenant=${NOW}`);
    await page.locator('.mc-depliant > summary').first().click();
    expect(await onScreen(page, 'maillage-carte .mc-resume')).toBe(true);
    expect(await onScreen(page, 'maillage-carte .mc-liste li')).toBe(true);
    await done(o);
  });
});
