/**
 * Debian's Chromium driven by playwright-core, offline: every request that does not go to
 * 127.0.0.1 is blocked, except map tiles, which are answered by a tiny local PNG (or blocked too,
 * to test the map without a tile server). Dialogs and page errors are recorded.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './server';

export const SCREENSHOTS = join(ROOT, 'test-output/carte');

/** 1×1 light grey PNG. */
export const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP48eMHAAXAAuGJJrRKAAAAAElFTkSuQmCC',
  'base64',
);

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Messages of alert/confirm/prompt dialogs that opened (there should be none). */
  dialogs: string[];
  /** Uncaught errors in the page. */
  errors: string[];
  /** Non-loopback URLs that were blocked. */
  blocked: string[];
  /** Tile requests answered by the stub. */
  tiles: string[];
}

export interface PageOptions {
  tiles?: 'stub' | 'blocked';
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  geolocation?: { latitude: number; longitude: number };
  isMobile?: boolean;
  /** The page's clock (`Date`), fixed; default Tuesday 1 December 2026, 10:00 in Paris. */
  now?: Date;
}

/** The browser's clock in every test unless one says otherwise: never the machine's. */
export const BROWSER_NOW = new Date('2026-12-01T09:00:00Z');

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
}

export async function openPage(browser: Browser, options: PageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'block',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  });
  const opened: Omit<OpenedPage, 'page'> = { context, dialogs: [], errors: [], blocked: [], tiles: [] };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (isLoopback(url)) return route.continue();
    if (/tile|\/\d+\/\d+\/\d+\.png$/.test(url.href) && options.tiles !== 'blocked') {
      opened.tiles.push(url.href);
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
    }
    opened.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // Date.now() and new Date() in the page read this fixed instant; timers still run.
  await page.clock.setFixedTime(options.now ?? BROWSER_NOW);
  // An action that cannot happen fails with its locator, well before the test's own timeout.
  page.setDefaultTimeout(12_000);
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => opened.errors.push(error.stack ?? String(error)));
  return { page, ...opened };
}

/** Opens the map and waits until the list shows its result count. */
export async function openMap(opened: OpenedPage, url: string) {
  await opened.page.goto(url, { waitUntil: 'domcontentloaded' });
  await opened.page
    .locator('maillage-carte .mc-resume')
    .filter({ hasText: /correspond|Aucun lieu/ })
    .waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Runs axe-core (RGAA 4 rules, plus WCAG 2 A and AA) on the page; returns the violations. */
export async function axe(
  page: Page,
  include?: string,
): Promise<{ id: string; impact: string | null; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async (selector) => {
    const w = window as unknown as {
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const result = await w.axe.run(selector ? { include: [selector] } : document, {
      runOnly: { type: 'tag', values: ['RGAAv4', 'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, include ?? null);
}

/**
 * What the map holds in its marker pane: clusters (with their count) and single markers (with
 * their place id), in DOM (keyboard) order, each with its list position (`data-rang`).
 */
export async function mapMarkers(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('maillage-carte .leaflet-marker-pane');
    const out: { kind: 'grappe' | 'lieu'; count: number; id: string | null; rang: number }[] = [];
    for (const el of pane ? [...pane.children] : []) {
      const cluster = el.classList.contains('mc-grappe');
      const rang = Number(
        el.getAttribute('data-rang') ??
          el.querySelector('[data-rang]')?.getAttribute('data-rang') ??
          Number.NaN,
      );
      out.push({
        kind: cluster ? 'grappe' : 'lieu',
        count: cluster ? Number(el.querySelector('[aria-hidden="true"]')?.textContent ?? 0) : 1,
        id: el.getAttribute('data-id'),
        rang,
      });
    }
    return out;
  });
}

/** The ids of the places in the list, in order (the shown page). */
export async function listIds(page: Page): Promise<string[]> {
  return page
    .locator('maillage-carte .mc-liste a[data-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** « 12 lieux et 2 arrêts du bus correspondent… » -> 14 */
export async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator('maillage-carte .mc-resume').textContent()) ?? '';
  if (/Aucun lieu/.test(text)) return 0;
  return [...text.replace(/\u202f|\u00a0/g, '').matchAll(/(\d+) (?:lieu|arrêt)/g)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
}

/** Text with non-breaking spaces as plain spaces (« 9 h » is written with one). */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

export async function txt(locator: Locator): Promise<string> {
  return plain(await locator.textContent());
}

/** expect.poll with room for a loaded machine (its default gives up after one second). */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}
