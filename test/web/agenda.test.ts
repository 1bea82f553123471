/**
 * The agenda page in a real browser, as `maillage publier` writes it from the sample workbook and a
 * host serves it: the public meetings, upcoming first, in French, with the room or « En
 * visioconférence » (never the link), the places and the registration form; the calendar to
 * subscribe to; readable on a 360 px phone, usable with the keyboard alone, no axe violation;
 * embeddable with an iframe or a script tag whose styles stay inside the element. The page's clock
 * is fixed (never the machine's).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../src/node/publish/index';
import { csvFolderSource } from '../../src/node/sources';
import { loadTerritory } from '../../src/node/territory';
import { SAMPLE_DIR } from '../helpers/workbook';
import { axe, launchBrowser, type OpenedPage, openPage, plain, screenshot, txt } from './browser';
import { ROOT, servePublished } from './server';

const territory = loadTerritory('87');
const TODAY = '2026-12-01';
const NOW = new Date('2026-12-01T09:00:00Z'); // 10:00 in Paris
const VIDEO = 'https://visio.secret.example/salle-du-rsa';
const FORM = 'https://docs.google.com/forms/d/e/formulaire-renc-019/viewform';

let work: string;
let out: string;
let server: Awaited<ReturnType<typeof servePublished>> | undefined;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const built = join(ROOT, 'dist/web');
  if (!existsSync(join(built, 'agenda/agenda.js'))) {
    throw new Error('dist/web/ is missing: run `npm run build` first.');
  }
  work = mkdtempSync(join(tmpdir(), 'maillage-agenda-'));
  // Private copies: a build running meanwhile empties dist/web.
  const pages = join(work, 'pages');
  cpSync(built, pages, { recursive: true });
  const workbook = join(work, 'classeur');
  cpSync(SAMPLE_DIR, workbook, { recursive: true });
  // renc-018 (15 December, by video) gets its private link; renc-019 (19 January) its form.
  const file = join(workbook, 'Rencontres.csv');
  const rows = parse(readFileSync(file)) as string[][];
  const col = (h: string) => rows[0]!.indexOf(h);
  for (const row of rows) {
    if (row[0] === 'renc-018') row[col('Lien de visioconférence')] = VIDEO;
    if (row[0] === 'renc-019') row[col('Formulaire d’inscription')] = FORM;
  }
  writeFileSync(file, stringify(rows));
  out = join(work, 'public');
  const outcome = await publish({
    input: { source: csvFolderSource(workbook), isSample: false, territory, today: TODAY },
    outDir: out,
    force: false,
    now: NOW,
    pagesFolder: pages,
  });
  if (outcome.kind !== 'published') throw new Error(`not published: ${outcome.kind}`);
  // A partner's page that embeds the agenda with a script tag, with its own styles.
  writeFileSync(
    join(out, 'hote-agenda.html'),
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site d’un partenaire</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { font-family: serif; color: rgb(51, 51, 51); } h2 { color: rgb(0, 128, 0); }</style>
<script src="/agenda/agenda.js" defer></script></head>
<body><main><h1>Mairie de Bellac</h1><h2 id="hote">Nos actualités</h2><p id="texte">Texte du site.</p>
<maillage-agenda></maillage-agenda></main></body></html>`,
  );
  writeFileSync(
    join(out, 'cadre-agenda.html'),
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cadre</title></head><body><main>
<iframe src="/agenda/" title="Rencontres du réseau d’inclusion numérique" style="width:100%;height:900px;border:0"></iframe></main></body></html>`,
  );
  server = await servePublished(out);
  url = server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openAgenda(o: OpenedPage, path = '/agenda/') {
  await o.page.goto(`${url}${path}`);
  await o.page.locator('maillage-agenda .ma-section').first().waitFor();
}

const ids = (o: OpenedPage, selector: string) =>
  o.page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

describe('the agenda page', () => {
  it('lists the public meetings to come first, in French, without any video link', async () => {
    const o = await openPage(browser, { now: NOW });
    await openAgenda(o);
    expect(await o.page.title()).toBe('Rencontres du réseau d’inclusion numérique — Haute-Vienne');
    // renc-017 (10 December) is a steering committee, not published.
    expect(await ids(o, 'maillage-agenda .ma-liste:not(details *) > li')).toEqual([
      'renc-018',
      'renc-019',
      'renc-020',
    ]);
    const first = o.page.locator('maillage-agenda li[data-id="renc-018"]');
    expect(plain(await first.textContent())).toContain('Quand : mardi 15 décembre 2026, de 10 h à 11 h 30');
    expect(plain(await first.textContent())).toContain(
      'Où : En visioconférence (le lien est envoyé aux inscrits)',
    );
    expect(plain(await first.textContent())).toContain('Places : 20');
    expect(await first.locator('time').getAttribute('datetime')).toBe('2026-12-15T10:00');
    const second = o.page.locator('maillage-agenda li[data-id="renc-019"]');
    expect(await txt(second.locator('.ma-details'))).toContain('Où : Médiathèque francophone');
    expect(await second.locator('a.ma-inscription').getAttribute('href')).toBe(FORM);
    expect(await first.locator('a.ma-inscription').count()).toBe(0);
    // The past meetings wait behind a closed disclosure, latest first.
    const past = await ids(o, 'maillage-agenda details .ma-liste > li');
    expect(past[0]).toBe('renc-016');
    expect(past).not.toContain('renc-014'); // a steering committee
    expect(past).toContain('renc-011'); // cancelled, still shown as such
    expect(await txt(o.page.locator('maillage-agenda li[data-id="renc-011"] .ma-badge'))).toBe('Annulée');
    // Nothing private in the page nor in what it read.
    expect(await o.page.content()).not.toContain('visio.secret.example');
    expect(readFileSync(join(out, 'rencontres.json'), 'utf8')).not.toContain('visio.secret.example');
    expect(o.errors).toEqual([]);
    expect(o.blocked).toEqual([]);
    await o.context.close();
  });

  it('offers rencontres.ics to subscribe to, the same meetings as the page', async () => {
    const o = await openPage(browser, { now: NOW });
    await openAgenda(o);
    const href = await o.page.locator('maillage-agenda a.ma-bouton').getAttribute('href');
    expect(href).toBe(`${url}/rencontres.ics`);
    expect(await txt(o.page.locator('maillage-agenda .ma-aide code'))).toBe(`${url}/rencontres.ics`);
    const ics = await (await fetch(href!)).text();
    expect(ics).toContain('UID:renc-018@');
    expect(ics).not.toContain('renc-017@');
    await o.context.close();
  });

  it('follows its own clock: a day later the first meeting has passed', async () => {
    const o = await openPage(browser, { now: new Date('2026-12-15T10:30:00Z') }); // 11:30 in Paris
    await openAgenda(o);
    expect((await ids(o, 'maillage-agenda .ma-liste:not(details *) > li'))[0]).toBe('renc-019');
    await o.context.close();
    // data-maintenant fixes it for a demonstration, whatever the browser's clock.
    const d = await openPage(browser, { now: NOW });
    await d.page.goto(`${url}/hote-agenda.html`);
    await d.page.evaluate(() => {
      const el = document.createElement('maillage-agenda');
      el.setAttribute('data-maintenant', '2027-01-20T08:00');
      el.id = 'demo';
      document.querySelector('main')!.append(el);
    });
    await d.page.locator('#demo .ma-section').waitFor();
    expect((await ids(d, '#demo .ma-liste:not(details *) > li'))[0]).toBe('renc-020');
    await d.context.close();
  });

  it('reads well on a 360 px phone and passes axe-core with the past meetings open', async () => {
    const o = await openPage(browser, { now: NOW, viewport: { width: 360, height: 740 }, isMobile: true });
    await openAgenda(o);
    await o.page.locator('maillage-agenda details summary').click();
    const widths = await o.page.evaluate(() => ({
      page: document.scrollingElement!.scrollWidth,
      cards: [...document.querySelectorAll('maillage-agenda .ma-rencontre')].map(
        (li) => li.getBoundingClientRect().right,
      ),
    }));
    expect(widths.page).toBeLessThanOrEqual(360);
    expect(widths.cards.length).toBeGreaterThan(10);
    for (const right of widths.cards) expect(right).toBeLessThanOrEqual(360);
    await screenshot(o.page, 'agenda-telephone', true);
    expect(await axe(o.page)).toEqual([]);
    await o.context.close();
  });

  it('works with the keyboard alone: subscribe, register, open the past meetings', async () => {
    const o = await openPage(browser, { now: NOW });
    await openAgenda(o);
    const focused = () =>
      o.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName.toLowerCase()} ${el?.textContent?.trim().replace(/\s+/g, ' ')}`;
      });
    const stops: string[] = [];
    for (let i = 0; i < 3; i++) {
      await o.page.keyboard.press('Tab');
      stops.push(await focused());
    }
    expect(stops).toEqual([
      'a S’abonner à l’agenda du réseau (.ics)',
      'a S’inscrire à « Vœux et programme 2027 » (formulaire, nouvelle fenêtre)',
      expect.stringMatching(/^summary Rencontres passées \(1[0-9]\)$/),
    ]);
    await o.page.keyboard.press('Enter');
    expect(await o.page.locator('maillage-agenda details').getAttribute('open')).toBe('');
    expect(await o.page.locator('maillage-agenda details li[data-id="renc-016"]').isVisible()).toBe(true);
    await o.context.close();
  });

  it('embeds with a script tag, styles kept inside the element, and in an iframe; integrer.html gives both codes', async () => {
    const o = await openPage(browser, { now: NOW });
    await o.page.goto(`${url}/hote-agenda.html`);
    await o.page.locator('maillage-agenda .ma-section').first().waitFor();
    // Inside a host page its title is an h2 below the host's headings; the host keeps its look.
    expect(await o.page.locator('maillage-agenda h2.ma-titre').count()).toBe(1);
    expect(await o.page.locator('maillage-agenda h1').count()).toBe(0);
    const style = await o.page.evaluate(() => ({
      h2: getComputedStyle(document.getElementById('hote')!).color,
      p: getComputedStyle(document.getElementById('texte')!).fontFamily,
    }));
    expect(style).toEqual({ h2: 'rgb(0, 128, 0)', p: 'serif' });
    expect(await o.page.title()).toBe('Site d’un partenaire');
    const outside = await o.page.evaluate(() => {
      const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/agenda/agenda.css'));
      if (!sheet) return ['agenda.css not loaded'];
      const bad: string[] = [];
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSStyleRule)) bad.push(rule.cssText.slice(0, 60));
        else
          for (const s of rule.selectorText.split(','))
            if (!/^maillage-agenda(?![\w-])/.test(s.trim())) bad.push(s.trim());
      }
      return bad;
    });
    expect(outside).toEqual([]);
    expect(await axe(o.page, 'maillage-agenda')).toEqual([]);
    await o.page.goto(`${url}/cadre-agenda.html`);
    const frame = o.page.frameLocator('iframe');
    await frame.locator('maillage-agenda .ma-section').first().waitFor();
    expect(await frame.locator('maillage-agenda li[data-id="renc-018"]').count()).toBe(1);
    await o.page.goto(`${url}/agenda/integrer.html`);
    expect(await txt(o.page.locator('#code-iframe'))).toContain(`<iframe src="${url}/agenda/"`);
    expect(await txt(o.page.locator('#code-script'))).toContain(
      `<script src="${url}/agenda/agenda.js" defer>`,
    );
    expect(await txt(o.page.locator('#code-ics'))).toBe(`${url}/rencontres.ics`);
    expect(await axe(o.page)).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.context.close();
  });

  it('says so when the agenda cannot be loaded', async () => {
    const o = await openPage(browser, { now: NOW });
    await o.page.route('**/rencontres.json', (route) => route.fulfill({ status: 404, body: 'Introuvable' }));
    await o.page.goto(`${url}/agenda/`);
    await o.page.locator('maillage-agenda [role="alert"]').waitFor();
    expect(await txt(o.page.locator('maillage-agenda [role="alert"]'))).toMatch(/n’a pas pu être chargé/);
    await o.context.close();
  });
});
