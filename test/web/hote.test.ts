/**
 * A partner's page that embeds the map with the script tag, and has its own Leaflet (1.7 or 1.9,
 * loaded from its own folder), its own markers created after the map's CSS arrived, and hostile CSS
 * of its own. The host's markers and text must stay exactly as they were; the map must still work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, type OpenedPage, openPage, resultCount, screenshot } from './browser';
import { makeFeed, NOW } from './feed-fixture';
import { ROOT } from './server';
import { mapSuite } from './suite';

const feed = makeFeed({ places: 30, stops: 3 });
const suite = mapSuite(feed);

const LEAFLETS = { '1.7': 'node_modules/leaflet-1.7/dist', '1.9': 'node_modules/leaflet/dist' } as const;

/** Serves a Leaflet release's dist/ folder at /hote-leaflet-<version>/, as a partner site would. */
function serveLeaflet(version: keyof typeof LEAFLETS) {
  const folder = join(ROOT, LEAFLETS[version]);
  const files = [
    'leaflet.js',
    'leaflet.css',
    ...readdirSync(join(folder, 'images')).map((f) => `images/${f}`),
  ];
  for (const file of files) {
    suite.server.set(`/hote-leaflet-${version}/${file}`, {
      body: readFileSync(join(folder, file)),
      type:
        { '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' }[extname(file)] ?? 'text/plain',
    });
  }
}

/** Hostile, and common: global rules on img, div, a and p, a bigger base font. */
const HOST_CSS = `
  html { font-size: 20px; }
  img { max-width: 100%; height: auto; border: 2px solid #c00; }
  div { box-sizing: content-box; }
  a { color: #c00; text-decoration: underline wavy; }
  p { margin: 2em 0; }
  #carte-mairie { height: 300px; width: 600px; }
`;

function hostPage(version: string, withMap: boolean): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>
<link rel="stylesheet" href="/hote-leaflet-${version}/leaflet.css">
<style>${HOST_CSS}</style>
<script src="/hote-leaflet-${version}/leaflet.js"></script>
${withMap ? '<script src="/carte/carte.js" defer></script>' : ''}
</head><body><main><h1>La mairie</h1>
<div id="carte-mairie"></div>
<p>Texte de la mairie.</p>
${withMap ? `<maillage-carte data-flux="/lieux.geojson" data-maintenant="${NOW}" data-etat-url="non"></maillage-carte>` : ''}
<script>
  window.hote = L.map('carte-mairie').setView([45.83, 1.26], 12);
  L.marker([45.83, 1.26]).addTo(window.hote);
  window.ajouterRepere = () => new Promise((done) => {
    const m = L.marker([45.84, 1.27]).addTo(window.hote);
    const img = m.getElement();
    if (img.complete) done(); else { img.onload = done; img.onerror = done; }
  });
</script></main></body></html>`;
}

/** What the host's own Leaflet shows: its version, its markers' images and its text size. */
async function hostState(page: Page) {
  return page.evaluate(() => {
    const L = (window as unknown as { L: { version: string } }).L;
    const container = document.querySelector('#carte-mairie') as HTMLElement;
    const markers = [...container.querySelectorAll('img.leaflet-marker-icon')] as HTMLImageElement[];
    const attribution = container.querySelector('.leaflet-control-attribution') as HTMLElement;
    const zoom = container.querySelector('.leaflet-control-zoom-in') as HTMLElement;
    return {
      version: L.version,
      markers: markers.map((m) => ({
        src: new URL(m.src).pathname,
        loaded: m.complete && m.naturalWidth > 0,
        width: m.getBoundingClientRect().width,
        height: m.getBoundingClientRect().height,
      })),
      fontSize: getComputedStyle(container).fontSize,
      fontFamily: getComputedStyle(container).fontFamily,
      attribution: getComputedStyle(attribution).fontSize,
      zoom: [getComputedStyle(zoom).fontSize, getComputedStyle(zoom).width],
      text: getComputedStyle(document.querySelector('main > p') as HTMLElement).fontSize,
    };
  });
}

async function done(o: OpenedPage) {
  expect(o.errors, 'no error in the page').toEqual([]);
  await o.context.close();
}

describe('the map embedded in a page with its own Leaflet and hostile CSS', () => {
  for (const version of ['1.7', '1.9'] as const) {
    it(`leaves the host's Leaflet ${version}, its markers (old and new) and its text as they were`, async () => {
      serveLeaflet(version);
      suite.server.set(`/hote-${version}-seule.html`, hostPage(version, false));
      suite.server.set(`/hote-${version}.html`, hostPage(version, true));

      // The same page without the map: what the host's Leaflet looks like on its own.
      const alone = await openPage(suite.browser);
      await alone.page.goto(`${suite.server.url}/hote-${version}-seule.html`);
      await alone.page.evaluate(() =>
        (window as unknown as { ajouterRepere(): Promise<void> }).ajouterRepere(),
      );
      const expected = await hostState(alone.page);
      await done(alone);
      expect(expected.version).toMatch(version === '1.7' ? /^1\.7\.1$/ : /^1\.9\./);
      expect(expected.markers).toHaveLength(2);
      for (const m of expected.markers) {
        expect(m).toMatchObject({ src: `/hote-leaflet-${version}/images/marker-icon.png`, loaded: true });
      }

      // With the map: its CSS arrives, then the host adds a marker (Leaflet reads its icon path then).
      const o = await openPage(suite.browser);
      const { page } = o;
      await page.goto(`${suite.server.url}/hote-${version}.html`);
      await eventually(() => resultCount(page)).toBe(feed.features.length);
      await eventually(() =>
        page.evaluate(() => [...document.styleSheets].some((s) => s.href?.endsWith('/carte/carte.css'))),
      ).toBe(true);
      await page.evaluate(() => (window as unknown as { ajouterRepere(): Promise<void> }).ajouterRepere());
      expect(await hostState(page)).toEqual(expected);

      // The map itself still works in that page: markers, list, its own icons sized.
      await eventually(() => page.locator('maillage-carte .leaflet-marker-pane > *').count()).toBeGreaterThan(
        0,
      );
      const ours = await page.evaluate(() => {
        const marker = document.querySelector(
          'maillage-carte .leaflet-marker-pane > *',
        ) as HTMLElement | null;
        const r = marker?.getBoundingClientRect();
        return {
          count: document.querySelectorAll('maillage-carte .leaflet-marker-pane > *').length,
          w: r?.width,
        };
      });
      expect(ours.count).toBeGreaterThan(0);
      expect(ours.w).toBeGreaterThanOrEqual(24);
      expect(ours.w).toBeLessThan(80);
      await screenshot(page, `integration-hote-leaflet-${version}`, true);
      await done(o);
    });
  }

  it('ships a stylesheet whose every rule is scoped to <maillage-carte>', async () => {
    const o = await openPage(suite.browser);
    const { page } = o;
    await page.goto(`${suite.server.url}/carte/?maintenant=${NOW}`);
    const outside = await page.evaluate(() => {
      const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/carte/carte.css'));
      if (!sheet) return ['carte.css not loaded'];
      const bad: string[] = [];
      let rules = 0;
      const walk = (list: CSSRuleList) => {
        for (const rule of list) {
          if (rule instanceof CSSStyleRule) {
            rules++;
            for (const selector of rule.selectorText.split(',')) {
              if (!/^maillage-carte(?![\w-])/.test(selector.trim())) bad.push(selector.trim());
            }
          } else if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) walk(rule.cssRules);
          else bad.push(rule.cssText.slice(0, 60)); // @page, @font-face, @keyframes, @import…
        }
      };
      walk(sheet.cssRules);
      return rules > 100 ? bad : [`only ${rules} rules read`];
    });
    expect(outside).toEqual([]);
    await done(o);
  });
});
