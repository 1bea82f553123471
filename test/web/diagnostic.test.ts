/**
 * The diagnostic page in a real browser, as `maillage publier` writes it from the sample workbook
 * and a host serves it: three example persons answered with the keyboard alone get three profiles
 * and proposals, open the map filtered near Saint-Junien and print a one-page fiche, with no axe
 * violation; no request carries an answer and nothing is stored; the Diagnostic tab's wording
 * reaches the page, and a broken row is reported while the previous page stays.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDiagnosticCells } from '../../src/core/diagnostic/defaults';
import { columnOf, headers } from '../../src/core/model';
import { formatProblem } from '../../src/core/problems';
import type { PlacesFeed } from '../../src/core/publish/feed-types';
import { summaryLines } from '../../src/core/publish/report';
import { publish } from '../../src/node/publish/index';
import { csvFolderSource } from '../../src/node/sources';
import { loadTerritory } from '../../src/node/territory';
import { PERSONS } from '../helpers/diagnostic-persons';
import { SAMPLE_DIR } from '../helpers/workbook';
import { axe, launchBrowser, listIds, type OpenedPage, openPage, screenshot } from './browser';
import { ROOT, servePublished } from './server';

const territory = loadTerritory('87');
const TODAY = '2026-12-01';
const NOW = new Date('2026-12-01T09:00:00Z');
const SAINT_JUNIEN = '87154';

let work: string;
let workbook: string;
let out: string;
let pages: string;
let server: Awaited<ReturnType<typeof servePublished>> | undefined;
let url: string;
let browser: Browser;

async function publishWorkbook() {
  const outcome = await publish({
    input: { source: csvFolderSource(workbook), isSample: false, territory, today: TODAY },
    outDir: out,
    force: false,
    now: NOW,
    pagesFolder: pages,
  });
  if (outcome.kind !== 'published') throw new Error(`not published: ${outcome.kind}`);
  return outcome;
}

beforeAll(async () => {
  const built = join(ROOT, 'dist/web');
  if (!existsSync(join(built, 'diagnostic/diagnostic.js')) || !existsSync(join(built, 'carte/carte.js'))) {
    throw new Error('dist/web/ is missing: run `npm run build` first.');
  }
  work = mkdtempSync(join(tmpdir(), 'maillage-diagnostic-'));
  // Private copies: a build running meanwhile empties dist/web.
  pages = join(work, 'pages');
  cpSync(built, pages, { recursive: true });
  workbook = join(work, 'classeur');
  cpSync(SAMPLE_DIR, workbook, { recursive: true });
  out = join(work, 'public');
  await publishWorkbook();
  server = await servePublished(out);
  url = server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Watched extends OpenedPage {
  requests: { method: string; url: string; body: string | null }[];
}

async function openDiagnostic(viewport?: { width: number; height: number }): Promise<Watched> {
  const opened = await openPage(browser, viewport ? { viewport, isMobile: viewport.width < 500 } : {});
  // Headless Chromium's print() starts a job that never ends: count calls, then print with page.pdf.
  await opened.page.addInitScript(() => {
    const w = window as unknown as { __prints: number };
    w.__prints = 0;
    window.print = () => {
      w.__prints++;
    };
  });
  const requests: Watched['requests'] = [];
  opened.page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  await opened.page.goto(`${url}/diagnostic/`, { waitUntil: 'domcontentloaded' });
  await opened.page.locator('maillage-diagnostic .md-question').first().waitFor();
  return { ...opened, requests };
}

/** Presses Tab until the focused element matches `selector` (the keyboard is the only input). */
async function tabTo(page: Page, selector: string, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Answers every question with the keyboard: arrows in a radio group, space on checkboxes. */
async function answerWithKeyboard(page: Page, answers: Record<string, readonly string[]>) {
  for (const [question, codes] of Object.entries(answers)) {
    const inputs = page.locator(`input[data-question="${question}"]`);
    const values = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const multiple = (await inputs.first().getAttribute('type')) === 'checkbox';
    if (multiple) {
      for (const code of codes) {
        await tabTo(page, `input[data-question="${question}"][value="${code}"]`);
        await page.keyboard.press('Space');
      }
    } else {
      await tabTo(page, `input[data-question="${question}"]`);
      const steps = values.indexOf(codes[0]!);
      if (steps === 0) await page.keyboard.press('Space');
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    }
    for (const code of codes) {
      expect(await page.locator(`input[data-question="${question}"][value="${code}"]`).isChecked()).toBe(
        true,
      );
    }
  }
}

async function pdfPages(page: Page): Promise<number> {
  expect(await page.evaluate(() => (window as unknown as { __prints: number }).__prints)).toBe(1);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** `sameSite`: how many of the first requests (the diagnostic page's own) must stay on the site. */
async function expectNothingKept(w: Watched, secrets: string[], sameSite: number) {
  expect(sameSite).toBeGreaterThan(3);
  for (const [i, r] of w.requests.entries()) {
    expect(r.method, r.url).toBe('GET');
    expect(r.body, r.url).toBeNull();
    if (i < sameSite) expect(new URL(r.url).origin, r.url).toBe(url);
    for (const s of secrets) expect(decodeURIComponent(r.url), `${r.url} carries « ${s} »`).not.toContain(s);
  }
  const stored = await w.page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: 'databases' in indexedDB ? (await indexedDB.databases()).length : 0,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
  }));
  expect(stored).toEqual({ local: 0, session: 0, cookie: '', databases: 0, caches: 0 });
}

describe('the diagnostic page', () => {
  it('gives three persons three profiles and proposals, the map near Saint-Junien and a one-page fiche, by keyboard', async () => {
    const results: {
      profil: string;
      proposition: string;
      obstacles: string[];
      lien: string;
      proposes: string[];
      bus: string[];
    }[] = [];
    for (const [name, answers] of Object.entries(PERSONS)) {
      const w = await openDiagnostic();
      const { page } = w;
      expect(await axe(page), `${name}, questions`).toEqual([]);
      await answerWithKeyboard(page, answers);
      await tabTo(page, 'button[type="submit"].md-bouton--principal');
      await page.keyboard.press('Enter');
      const heading = page.locator('.md-resultat h2');
      await heading.waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      expect(await page.locator('.md-note').count(), 'every question answered').toBe(0);

      // The commune, typed, then Enter: nearby places and the map link.
      await tabTo(page, '.md-recherche input');
      await page.keyboard.type('St Junien');
      await page.keyboard.press('Enter');
      const link = page.locator('a.md-lien-carte');
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      const fragment = new URLSearchParams(new URL(href).hash.slice(1));
      expect(fragment.get('commune')).toBe(SAINT_JUNIEN);
      expect(await page.locator('.md-lieux input[type="radio"]').count()).toBeGreaterThan(0);
      const chosen = (await page
        .locator('.md-lieux input[type="radio"]:checked + label .md-lieu-nom')
        .textContent())!;
      const proposed = await page
        .locator('.md-lieux input[type="radio"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(await axe(page), `${name}, result`).toEqual([]);
      await screenshot(page, `diagnostic-${name}`, true);

      results.push({
        profil: (await page.locator('.md-profil-nom').textContent())!,
        proposition: (await page.locator('.md-profil p').nth(2).textContent())!,
        obstacles: await page.locator('.md-obstacle h4').allTextContents(),
        lien: href,
        proposes: proposed,
        bus: await page.locator('.md-lieux .md-lieu-bus').allTextContents(),
      });

      // The fiche: printed on one A4 page, with the chosen place and nothing the person answered.
      await tabTo(page, 'button.md-bouton--principal:not([type="submit"])');
      await page.keyboard.press('Enter');
      const sheet = page.locator('.md-zone-impression .md-feuille--fiche');
      await sheet.waitFor({ state: 'attached' });
      const sheetText = (await sheet.textContent())!;
      expect(sheetText).toContain(chosen);
      for (const q of Object.keys(answers)) {
        const label = await page.locator(`input[data-question="${q}"]:checked + label`).first().textContent();
        if (label && label.length > 12) expect(sheetText, `fiche repeats « ${label} »`).not.toContain(label);
      }
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.md-diagnostic').isVisible()).toBe(false);
      expect(await pdfPages(page), `${name}: fiche pages`).toBe(1);
      await page.emulateMedia({ media: 'screen' });

      // Then the map, opened from the link with the keyboard, filtered near Saint-Junien.
      const ownRequests = w.requests.length;
      await tabTo(page, 'a.md-lien-carte');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/carte\/#/);
      await page
        .locator('maillage-carte .mc-resume')
        .filter({ hasText: /correspond|Aucun lieu/ })
        .waitFor();
      expect(await page.locator('maillage-carte .mc-resume').textContent()).toMatch(/correspond/);
      expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('commune')).toBe(SAINT_JUNIEN);
      expect(await page.getByLabel('Pass Numérique accepté, en premier').isChecked()).toBe(
        fragment.get('pass') === '1',
      );
      if (fragment.get('pass') === '1') {
        const feed = JSON.parse(readFileSync(join(out, 'lieux.geojson'), 'utf8')) as PlacesFeed;
        const firstId = (await listIds(page))[0];
        const first = feed.features.find((f) => f.id === firstId);
        expect(first?.properties.pass_numerique, 'the map lists a Pass Numérique place first').toBe(true);
      }

      const secrets = Object.values(answers)
        .flat()
        .filter((code) => code.length > 3);
      await expectNothingKept(w, secrets, ownRequests);
      expect(w.errors).toEqual([]);
      expect(w.blocked).toEqual([]);
      await w.context.close();
    }
    expect(new Set(results.map((r) => r.profil)).size).toBe(3);
    expect(new Set(results.map((r) => r.proposition)).size).toBe(3);
    expect(results.map((r) => r.profil)).toEqual([
      'Éloigné(e) du numérique',
      'Débutant(e)',
      'Presque autonome, manque de confiance',
    ]);
    expect(results[0]!.obstacles).toContain('Pas d’ordinateur ni de smartphone');
    expect(results[0]!.obstacles).toContain('Peur de faire une erreur ou de se faire arnaquer');
    expect(results[2]!.obstacles).toEqual(['Peur de faire une erreur ou de se faire arnaquer']);
    // Cost is an obstacle for the first person only: free places.
    expect(new URL(results[0]!.lien).hash).toContain('gratuit=1');
    expect(new URL(results[1]!.lien).hash).not.toContain('gratuit=1');
    // The bus's next passage near Saint-Junien is among the proposals.
    expect(results[1]!.bus.join('\n')).toMatch(
      /Bus numérique : prochain passage \p{L}+\s\d+\sdécembre\sde\s\d+\sh/u,
    );
    // … and Pass Numérique places first, on the page and on the map.
    expect(new URL(results[0]!.lien).hash).toContain('pass=1');
    expect(new URL(results[1]!.lien).hash).not.toContain('pass=1');
    const feed = JSON.parse(readFileSync(join(out, 'lieux.geojson'), 'utf8')) as PlacesFeed;
    const pass = new Set(feed.features.filter((f) => f.properties.pass_numerique).map((f) => f.id));
    expect(pass.size).toBeGreaterThan(0);
    expect(pass.has(results[0]!.proposes[0]!)).toBe(true);
    // Proposals are in the standard's words: the map reads them (modalités included).
    expect(new URL(results[1]!.lien).hash).toContain(
      'modalites=accompagnement-individuel%2Cdans-un-atelier-collectif',
    );
    expect(new URL(results[2]!.lien).hash).toContain('utilisation-securisee-du-numerique');
  });

  it('prints the blank questionnaire, works on a phone without sideways scrolling', async () => {
    const w = await openDiagnostic({ width: 360, height: 740 });
    const { page } = w;
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Imprimer le questionnaire vierge' }).click();
    const sheet = page.locator('.md-zone-impression .md-feuille--vierge');
    await sheet.waitFor({ state: 'attached' });
    expect(await sheet.locator('.md-fe-question').count()).toBe(12);
    await page.emulateMedia({ media: 'print' });
    const pagesCount = await pdfPages(page);
    expect(pagesCount).toBeGreaterThanOrEqual(1);
    expect(pagesCount).toBeLessThanOrEqual(2);
    await w.context.close();
  });
});

describe('the Diagnostic tab drives the page', () => {
  const csv = () => join(workbook, 'Diagnostic.csv');
  function setCell(element: string, code: string, key: string, value: string) {
    const rows: string[][] = parse(readFileSync(csv()), { bom: true });
    const h = rows[0]!;
    const at = (k: string) => h.indexOf(columnOf('Diagnostic', k).header);
    const row = rows.find((r) => r[at('element')] === element && r[at('code')] === code)!;
    row[at(key)] = value;
    writeFileSync(csv(), stringify(rows));
  }

  it('shows a reworded question once published, and keeps the last good page when a row breaks', async () => {
    writeFileSync(csv(), stringify([headers('Diagnostic'), ...defaultDiagnosticCells()]));
    setCell('question', 'connexion', 'texte', 'Internet marche-t-il bien chez vous ?');
    await publishWorkbook();
    let w = await openDiagnostic();
    expect(await w.page.locator('legend').allTextContents()).toContain(
      '2. Internet marche-t-il bien chez vous ?',
    );
    await w.context.close();

    const before = readFileSync(join(out, 'diagnostic.json'), 'utf8');
    setCell('question', 'telephone', 'texte', 'Une question qui ne doit jamais paraître ?');
    setCell('réponse', 'aucun', 'obstacles', 'materiel|argent');
    const outcome = await publishWorkbook();
    const lines = summaryLines(outcome.publication.report, outcome.workbook).join('\n');
    const problem = outcome.workbook.problems.find((p) => p.tab === 'Diagnostic' && p.severity === 'erreur')!;
    expect(problem).toMatchObject({ tab: 'Diagnostic', column: 'Obstacles' });
    expect(formatProblem(problem)).toMatch(
      /^Diagnostic, ligne \d+, colonne « Obstacles » : Obstacle inconnu : argent/,
    );
    expect(lines).toContain(formatProblem(problem));
    expect(lines).toMatch(/la version publiée précédemment reste en ligne/);
    expect(readFileSync(join(out, 'diagnostic.json'), 'utf8')).toBe(before);
    w = await openDiagnostic();
    const legends = await w.page.locator('legend').allTextContents();
    expect(legends).toContain('2. Internet marche-t-il bien chez vous ?');
    expect(legends.join('\n')).not.toContain('jamais paraître');
    await w.context.close();
  });
});
