import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedEntries } from '../../../src/core/publish/circuit-breaker';
import type { PlacesFeed } from '../../../src/core/publish/feed-types';
import type { MapCommune } from '../../../src/core/publish/map-communes';
import { FIRST_PAGE_MARKER } from '../../../src/core/publish/map-first-page';
import { previousFeedEntries, publish } from '../../../src/node/publish/index';
import { previousFeedAside } from '../../../src/node/publish/previous-feed';
import { csvFolderSource } from '../../../src/node/sources';
import { loadTerritory } from '../../../src/node/territory';
import type { WorkbookInput } from '../../../src/node/workbook-input';
import { SAMPLE_DIR } from '../../helpers/workbook';

const territory = loadTerritory('87');
const NOW = new Date('2026-11-28T09:00:00Z');
const input: WorkbookInput = {
  source: csvFolderSource(SAMPLE_DIR),
  isSample: false,
  territory,
  today: '2026-11-28',
};
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'maillage-publish-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('publish', () => {
  it('copies each built page to its folder, the map with the département’s communes for its search', async () => {
    const web = join(root, 'web');
    mkdirSync(join(web, 'carte'), { recursive: true });
    mkdirSync(join(web, 'diagnostic'));
    writeFileSync(
      join(web, 'carte/index.html'),
      `<!doctype html><title>Carte</title><maillage-carte>${FIRST_PAGE_MARKER}</maillage-carte>`,
    );
    writeFileSync(join(web, 'carte/carte.js'), 'console.log(1)');
    writeFileSync(join(web, 'diagnostic/index.html'), '<!doctype html><title>Diagnostic</title>');
    writeFileSync(join(web, 'perdu.txt'), 'not a page');
    const out = join(root, 'public');
    const outcome = await publish({ input, outDir: out, force: false, now: NOW, pagesFolder: web });
    expect(outcome.kind === 'published' && outcome.pages).toEqual({ carte: 3, diagnostic: 1 });
    expect(readFileSync(join(out, 'diagnostic/index.html'), 'utf8')).toContain('Diagnostic');
    expect(() => readFileSync(join(out, 'perdu.txt'))).toThrow();
    // The map's page carries its first page of results: the whole count, the first 50 places.
    const page = readFileSync(join(out, 'carte/index.html'), 'utf8');
    expect(page).toContain('<title>Carte</title>');
    const feed = JSON.parse(readFileSync(join(out, 'lieux.geojson'), 'utf8')) as PlacesFeed;
    expect(page).toContain(
      `<p class="mc-resume">${feed.maillage.lieux} lieux et ${feed.maillage.arrets} arrêts du bus. Les 50 premiers, par commune :</p>`,
    );
    const links = [...page.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(50);
    for (const id of links) expect(feed.features.some((f) => f.id === id)).toBe(true);
    expect(readFileSync(join(out, 'carte/carte.js'), 'utf8')).toBe('console.log(1)');
    const communes = JSON.parse(readFileSync(join(out, 'carte/communes.json'), 'utf8')) as MapCommune[];
    expect(communes).toHaveLength(territory.communes.length);
    expect(communes.find((c) => c.code === '87085')).toMatchObject({ nom: 'Limoges' });
  });

  it('removes the calendar of a stop that left the bus, and only calendars it wrote', async () => {
    const out = join(root, 'arrets');
    const first = await publish({ input, outDir: out, force: false, now: NOW, pagesFolder: null });
    const calendars = () => readdirSync(join(out, 'permanences')).sort();
    const before = calendars();
    expect(before.length).toBeGreaterThan(1);
    // Put there by hand: another calendar, a note, a calendar of ours renamed .txt.
    const ours = readFileSync(join(out, 'permanences', before[0]!), 'utf8');
    writeFileSync(
      join(out, 'permanences', 'mairie.ics'),
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mairie//FR\r\n',
    );
    writeFileSync(join(out, 'permanences', 'copie.txt'), ours);
    expect(first.kind === 'published' && first.removed).toEqual([]);

    // By 19 May 2027 some stops have had their last passage: their calendars go.
    const later = await publish({
      input: { ...input, today: '2027-05-19' },
      outDir: out,
      force: true,
      now: new Date('2027-05-19T07:00:00Z'),
      pagesFolder: null,
    });
    if (later.kind !== 'published') throw new Error(later.kind);
    const kept = later.publication.catalogue.stops
      .map((s) => `${encodeURIComponent(s.record.id!)}.ics`)
      .sort();
    expect(kept.length).toBeGreaterThan(0);
    expect(calendars()).toEqual([...kept, 'copie.txt', 'mairie.ics'].sort());
    expect(later.removed).toEqual(
      before.filter((name) => !kept.includes(name)).map((name) => `permanences/${name}`),
    );
    expect(later.removed.length).toBeGreaterThan(0);
    expect(later.removed.length + kept.length).toBe(before.length);
  });

  it('publishes without a map when none was built', async () => {
    const out = join(root, 'sans-carte');
    const outcome = await publish({ input, outDir: out, force: false, now: NOW, pagesFolder: null });
    expect(outcome.kind === 'published' && outcome.pages).toEqual({});
    expect(() => readFileSync(join(out, 'carte/communes.json'))).toThrow();
  });
});

describe('previousFeedEntries', () => {
  it('reads our feed line by line, the same as parsing it whole, and falls back for another writer’s', async () => {
    const out = join(root, 'precedent');
    await publish({ input, outDir: out, force: false, now: NOW, pagesFolder: null });
    const path = join(out, 'lieux.geojson');
    const text = readFileSync(path, 'utf8');
    const whole = feedEntries(text)!;
    expect(whole.length).toBeGreaterThan(70);
    expect(await previousFeedEntries(path)).toEqual(whole);
    const pretty = join(root, 'pretty.geojson');
    writeFileSync(pretty, JSON.stringify(JSON.parse(text), null, 2));
    expect(await previousFeedEntries(pretty)).toEqual(whole);
    expect(await previousFeedEntries(join(root, 'absent.geojson'))).toBeNull();
    writeFileSync(join(root, 'broken.geojson'), '{"type":"FeatureCo');
    expect(await previousFeedEntries(join(root, 'broken.geojson'))).toBeNull();
    writeFileSync(join(root, 'empty.geojson'), '');
    expect(await previousFeedEntries(join(root, 'empty.geojson'))).toBeNull();

    // The same from the built worker thread the command line uses for a large feed (previousFeedAside)…
    const worker = new URL('../../../dist/node/previous-feed.js', import.meta.url);
    expect(await previousFeedAside(path, worker, 0)).toEqual(whole);
    expect(await previousFeedAside(pretty, worker, 0)).toEqual(whole);
    expect(await previousFeedAside(join(root, 'absent.geojson'), worker, 0)).toBeNull();
    await expect(previousFeedAside(root, worker, 0)).rejects.toMatchObject({ code: 'EISDIR' });
    // …and in this thread for a small one (starting a thread would cost more than the scan).
    expect(await previousFeedAside(path, worker)).toEqual(whole);
    expect(await previousFeedAside(join(root, 'absent.geojson'), worker)).toBeNull();
    await expect(previousFeedAside(root, worker)).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(previousFeedEntries(root)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('reads escaped ids and names, CRLF lines and lines cut across chunks, as JSON.parse does', async () => {
    const features = [
      { id: 'lieu-"1"', nom: 'Médiathèque \\ « Aixe » 🚌' },
      { id: 'lieu-2', nom: 'Tab\there, newline\nthere' },
      { id: 'arret-ébène', nom: '' },
      { id: 'lieu-4' },
    ].map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: { type: 'Point', coordinates: [1.2, 45.8] },
      properties: f.nom === undefined ? { id: f.id } : { id: f.id, nom: f.nom },
    }));
    const head = '{"type":"FeatureCollection","maillage":{"lieux":4},"features":[';
    const lines = features.map((f, i) => JSON.stringify(f) + (i < features.length - 1 ? ',' : ''));
    const whole = feedEntries(JSON.stringify({ type: 'FeatureCollection', features }))!;
    for (const eol of ['\n', '\r\n']) {
      const path = join(root, `lignes${eol.length}.geojson`);
      writeFileSync(path, `${[head, ...lines, ']}'].join(eol)}${eol}`);
      for (const chunkSize of [1, 7, 64, 1 << 20]) {
        expect(await previousFeedEntries(path, chunkSize)).toEqual(whole);
      }
    }
    const oneLine = join(root, 'une-ligne.geojson');
    writeFileSync(oneLine, JSON.stringify({ type: 'FeatureCollection', features }));
    expect(await previousFeedEntries(oneLine, 16)).toEqual(whole);
  });
});
