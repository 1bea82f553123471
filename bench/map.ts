/**
 * Benchmark of the map: time to first list and markers in headless Chromium with 100, 1,000 and
 * 5,000 places, beside a plain Leaflet page (`L.geoJSON` with default markers) on the same feed.
 * Target: first render under 1 s at 5,000 places, and no slower than the plain page. Then the same
 * on a throttled phone (360 × 740, CPU × 4 and DevTools' « Slow 3G »: 2 s round trip, 50 kB/s),
 * target under 5 s to the list. Files are served gzipped, as a web host does.
 *
 *   npx tsx bench/map.ts [--essais 5]
 *
 * Needs the built map (npm run build) and Debian's Chromium. Offline: everything is served on
 * 127.0.0.1, tiles by a local stub. Figures are printed in French.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { MAP_LIST_FIELDS, MAP_LIST_FILE, MAP_LIST_TYPE, mapListRow } from '../src/core/publish/feed-types';
import { withFirstPage } from '../src/core/publish/map-first-page';
import { launchBrowser, openPage } from '../test/web/browser';
import { COMMUNES, makeFeed, NOW } from '../test/web/feed-fixture';
import { DIST_WEB, ROOT, startServer, type TestServer } from '../test/web/server';

const SIZES = [100, 1_000, 5_000];
const TARGET_MS = 1_000;
const PHONE_TARGET_MS = 5_000;
const argRuns = process.argv.indexOf('--essais');
const RUNS = argRuns > 0 ? Math.max(1, Number(process.argv[argRuns + 1]) || 5) : 5;

/**
 * Injected before any page script: records, relative to navigation start, when the page first
 * shows a place in its list (if it has one: the first page written by the publisher into the page
 * counts), when the map's own list replaces it (drawn from the feed: hours, filters, search work),
 * and a marker or cluster on its map: the start of the frame that paints it.
 */
const PROBE = `(() => {
  const marks = (window.__banc = { liste: null, active: null, carte: null });
  // The frame that paints it: rendering starts right after this callback.
  const paintedAt = (key) => requestAnimationFrame(() => { marks[key] = performance.now(); });
  let list = false, active = false, map = false;
  const check = () => {
    if (!list && document.querySelector('.mc-liste li')) { list = true; paintedAt('liste'); }
    if (!active && /correspond/.test(document.querySelector('.mc-resume')?.textContent ?? '')) {
      active = true;
      paintedAt('active');
    }
    if (!map && document.querySelector('.leaflet-marker-pane > *')) { map = true; paintedAt('carte'); }
    if (list && active && map) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

function plainPage(feedPath: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Leaflet simple</title>
<link rel="stylesheet" href="/leaflet/leaflet.css"><script src="/leaflet/leaflet.js"></script>
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div><script>
const map = L.map('map').fitBounds([[45.43, 0.62], [46.41, 1.91]]);
L.tileLayer('https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png', { attribution: '© OpenStreetMap' }).addTo(map);
fetch(${JSON.stringify(feedPath)}).then((r) => r.json()).then((data) => { L.geoJSON(data).addTo(map); });
</script></body></html>`;
}

async function serveLeaflet(server: TestServer) {
  const dist = join(ROOT, 'node_modules/leaflet/dist');
  server.set('/leaflet/leaflet.js', {
    body: await readFile(join(dist, 'leaflet.js')),
    type: 'text/javascript',
  });
  server.set('/leaflet/leaflet.css', { body: await readFile(join(dist, 'leaflet.css')), type: 'text/css' });
  for (const image of ['marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png']) {
    server.set(`/leaflet/images/${image}`, {
      body: await readFile(join(dist, 'images', image)),
      type: 'image/png',
    });
  }
}

interface Sample {
  liste: number | null;
  active: number | null;
  carte: number;
}

type Profile = 'bureau' | 'telephone';

/** Chrome DevTools' « Slow 3G » preset (SDK NetworkManager): 400 ms × 5, 500 kbit/s × 0.8. */
const SLOW_3G = { offline: false, latency: 2_000, downloadThroughput: 50_000, uploadThroughput: 50_000 };

async function measure(
  browser: Browser,
  url: string,
  withList: boolean,
  profile: Profile = 'bureau',
): Promise<Sample> {
  const phone = profile === 'telephone';
  const o = await openPage(
    browser,
    phone
      ? { viewport: { width: 360, height: 740 }, isMobile: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  if (phone) {
    const cdp = await o.context.newCDPSession(o.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  }
  await o.page.addInitScript(PROBE);
  await o.page.goto(url, { waitUntil: 'commit' });
  try {
    await o.page.waitForFunction(
      (list) => {
        const m = (
          window as unknown as {
            __banc?: { liste: number | null; active: number | null; carte: number | null };
          }
        ).__banc;
        return m && m.carte !== null && (!list || (m.liste !== null && m.active !== null));
      },
      withList,
      { timeout: 180_000, polling: 50 },
    );
  } catch (error) {
    const state = await o.page.evaluate(() => ({
      banc: (window as unknown as { __banc?: unknown }).__banc,
      liste: document.querySelectorAll('.mc-liste li').length,
      reperes: document.querySelectorAll('.leaflet-marker-pane > *').length,
      resume: document.querySelector('.mc-resume')?.textContent,
    }));
    throw new Error(
      `${url} : premier affichage non vu (${JSON.stringify(state)}, erreurs : ${o.errors.join(' ; ')})`,
      {
        cause: error,
      },
    );
  }
  const marks = await o.page.evaluate(() => (window as unknown as { __banc: Sample }).__banc);
  if (o.errors.length > 0) throw new Error(`Erreur dans la page : ${o.errors.join(' ; ')}`);
  await o.context.close();
  return marks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const fmt = new Intl.NumberFormat('fr-FR');
const ms = (v: number) => `${fmt.format(Math.round(v))} ms`;
const pad = (s: string, n: number) => s.padStart(n);

async function main() {
  if (!existsSync(join(DIST_WEB, 'carte.js'))) {
    console.error('La carte n’est pas construite : lancez d’abord « npm run build ».');
    process.exitCode = 1;
    return;
  }
  const server = await startServer(undefined, { gzip: true });
  server.set('/carte/communes.json', JSON.stringify(COMMUNES));
  await serveLeaflet(server);
  const template = await readFile(join(DIST_WEB, 'index.html'), 'utf8');
  /** Size of lieux-carte.json, gzipped, by number of places. */
  const listGzip = new Map<number, number>();
  /**
   * The site as `maillage publier` writes it for `size` places: the feed at /lieux.geojson, the
   * map's list of places beside it, and the map's page with its first page of results.
   */
  const site = (size: number) => {
    const data = makeFeed({ places: size, stops: 0, named: false });
    const feed = JSON.stringify(data);
    const page = withFirstPage(
      template,
      data.features.map((f) => ({ ...f.properties, id: f.id })),
    );
    server.set('/lieux.geojson', feed);
    // The map's list of places beside it (lieux-carte.json), as publier writes it.
    const list = JSON.stringify({
      type: MAP_LIST_TYPE,
      maillage: data.maillage,
      champs: MAP_LIST_FIELDS,
      lieux: data.features.map((f) => mapListRow(f.id, f.geometry.coordinates, f.properties)),
    });
    server.set(`/${MAP_LIST_FILE}`, list);
    listGzip.set(size, gzipSync(list).length);
    server.set('/carte/', { body: page, type: 'text/html; charset=utf-8' });
    server.set('/carte/index.html', page);
    server.set('/simple.html', plainPage('/lieux.geojson'));
    return feed;
  };
  const ourUrl = `${server.url}/carte/?maintenant=${NOW}`;
  const plainUrl = `${server.url}/simple.html`;
  const browser = await launchBrowser();
  type Row = { size: number; bytes: number; list: number; active: number; ours: number; plain: number };
  const row = (size: number, bytes: number, ours: Sample[], plain: Sample[]): Row => ({
    size,
    bytes,
    list: median(ours.map((s) => s.liste ?? 0)),
    active: median(ours.map((s) => s.active ?? 0)),
    ours: median(ours.map((s) => Math.max(s.carte, s.active ?? 0))),
    plain: median(plain.map((s) => s.carte)),
  });
  const rows: Row[] = [];
  const phoneRows: Row[] = [];
  try {
    for (const size of SIZES) {
      const feed = site(size);
      const ours: Sample[] = [];
      const plain: Sample[] = [];
      // One warm-up of each, then alternate so that both see the same machine load.
      await measure(browser, ourUrl, true);
      await measure(browser, plainUrl, false);
      for (let i = 0; i < RUNS; i++) {
        ours.push(await measure(browser, ourUrl, true));
        plain.push(await measure(browser, plainUrl, false));
      }
      rows.push(row(size, Buffer.byteLength(feed), ours, plain));
    }
    // The throttled phone: slow, so fewer runs (the median of 3, or 1 with --essais 1).
    const phoneRuns = Math.min(RUNS, 3);
    for (const size of [1_000, 5_000]) {
      const feed = site(size);
      const ours: Sample[] = [];
      const plain: Sample[] = [];
      for (let i = 0; i < phoneRuns; i++) {
        ours.push(await measure(browser, ourUrl, true, 'telephone'));
        plain.push(await measure(browser, plainUrl, false, 'telephone'));
      }
      phoneRows.push(row(size, gzipSync(feed).length, ours, plain));
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const header = (bytes: string) =>
    `${pad('lieux', 7)}  ${pad(bytes, 10)}  ${pad('Maillage : liste', 17)}  ${pad('liste active', 13)}  ${pad('active + carte', 15)}  ${pad('Leaflet simple', 15)}`;
  const line = (r: Row) =>
    `${pad(fmt.format(r.size), 7)}  ${pad(`${fmt.format(Math.round(r.bytes / 1024))} Ko`, 10)}  ${pad(ms(r.list), 17)}  ${pad(ms(r.active), 13)}  ${pad(ms(r.ours), 15)}  ${pad(ms(r.plain), 15)}`;
  console.log('');
  console.log(
    `Carte : premier affichage dans Chromium sans interface (médiane de ${RUNS} essais, cache vide)`,
  );
  console.log(
    'Temps depuis le début du chargement de la page : « liste », les premiers lieux à l’écran (la première page écrite',
  );
  console.log(
    'par publier dans la page) ; « liste active », la liste de la carte lue dans lieux-carte.json (horaires, filtres,',
  );
  console.log('recherche ; le flux complet, pour les fiches, vient après) ; puis les repères.');
  console.log('');
  console.log(header('flux'));
  for (const r of rows) console.log(line(r));
  const last = rows[rows.length - 1];
  if (last) {
    console.log('');
    console.log(
      `Objectif à ${fmt.format(last.size)} lieux : liste en moins de ${ms(TARGET_MS)} : ${last.list < TARGET_MS ? 'atteint' : 'NON ATTEINT'} (${ms(last.list)}) ; ` +
        `carte pas plus lente que la page Leaflet simple : ${last.ours <= last.plain ? 'atteint' : 'NON ATTEINT'} (${ms(last.ours)} contre ${ms(last.plain)}).`,
    );
  }
  console.log('');
  console.log(
    'Téléphone bridé (360 × 740, processeur ÷ 4, « Slow 3G » : 2 s d’aller-retour, 50 ko/s), fichiers compressés (gzip) :',
  );
  console.log(header('flux gzip'));
  for (const r of phoneRows) console.log(line(r));
  console.log(
    `lieux-carte.json compressé : ${phoneRows.map((r) => `${fmt.format(Math.round((listGzip.get(r.size) ?? 0) / 1024))} Ko à ${fmt.format(r.size)} lieux`).join(', ')}.`,
  );
  const phoneLast = phoneRows[phoneRows.length - 1];
  if (phoneLast) {
    console.log(
      `Objectif à ${fmt.format(phoneLast.size)} lieux sur téléphone bridé : liste en moins de ${ms(PHONE_TARGET_MS)} : ${
        phoneLast.list < PHONE_TARGET_MS ? 'atteint' : 'NON ATTEINT'
      } (${ms(phoneLast.list)}).`,
    );
  }
}

await main();
