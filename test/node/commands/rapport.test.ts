/**
 * `maillage rapport` on the sample workbook, then the report opened in the Debian Chromium (never a
 * downloaded browser): its charts and map are drawn, nothing is fetched, and a PDF comes out.
 * Screenshots land in test-output/rapport/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rapport } from '../../../src/node/commands/rapport';
import type { Environment } from '../../../src/node/environment';
import { ROOT } from '../../helpers/workbook';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'test-output/rapport');

function environment(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const e: Environment = {
    env,
    cwd,
    isTTY: false,
    now: () => new Date('2026-11-28T09:00:00Z'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return { e, out, err };
}

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maillage-rapport-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('maillage rapport', () => {
  it('refuses a malformed or future quarter (exit 1, French message)', async () => {
    const { e } = environment(dir);
    await expect(rapport.run(['--trimestre', '2026-T5'], e)).rejects.toThrow(/par exemple 2026-T4/);
    await expect(rapport.run(['--trimestre', '2027-T2'], e)).rejects.toThrow(/n'a pas commencé/);
  });

  it('writes the HTML only when there is no Chromium', async () => {
    const { e, out, err } = environment(dir, { MAILLAGE_CHROMIUM: '' });
    const code = await rapport.run(['--trimestre', '2026-T3', '--sortie', 'sans-pdf'], e);
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'sans-pdf/rapport-2026-T3.html'))).toBe(true);
    expect(existsSync(join(dir, 'sans-pdf/rapport-2026-T3.pdf'))).toBe(false);
    expect(out).toEqual([`Rapport écrit : ${join(dir, 'sans-pdf/rapport-2026-T3.html')}`]);
    expect(err.join('\n')).toContain('Pas de PDF : Chromium introuvable');
    // The sample's dates are shifted to stay current: the report says so.
    const text = readFileSync(join(dir, 'sans-pdf/rapport-2026-T3.html'), 'utf8');
    expect(text).toMatch(
      /<strong>Classeur d’exemple :<\/strong> ses dates de permanences et de rencontres \(référence : [^)]+\) (sont décalées de \d+\u00a0semaines? vers l’(avant|arrière)|ne sont pas décalées aujourd’hui)/,
    );
  });

  it('writes rapport-2026-T4.html and .pdf; Chromium shows its charts and map, fetching nothing', async () => {
    const { e, out } = environment(dir);
    const code = await rapport.run(['--trimestre', '2026-T4', '--sortie', 'sortie'], e);
    expect(code).toBe(0);
    const html = join(dir, 'sortie/rapport-2026-T4.html');
    const pdf = join(dir, 'sortie/rapport-2026-T4.pdf');
    expect(out).toEqual([`Rapport écrit : ${html}`, `Rapport écrit : ${pdf}`]);

    // The PDF: a real PDF of several A4 pages.
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = Number(/\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/.exec(bytes.toString('latin1'))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    // A4 is 595 × 842 points.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(bytes.toString('latin1'));
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);

    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const local =
        url.protocol === 'file:' ||
        url.protocol === 'data:' ||
        ['127.0.0.1', 'localhost'].includes(url.hostname);
      if (url.href !== pathToFileURL(html).href) requests.push(url.href);
      return local ? route.continue() : route.abort();
    });
    await page.goto(pathToFileURL(html).href);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('Rapport au comité de pilotage — 4e trimestre 2026 — Haute-Vienne');

    const svgs = await page.$$eval('svg', (list) =>
      list
        .filter((svg) => !svg.closest('ul.legend'))
        .map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            label: svg.getAttribute('aria-labelledby'),
            width: box.width,
            height: box.height,
            marks: svg.querySelectorAll('rect.bar, circle.point, path.commune').length,
          };
        }),
    );
    expect(svgs.map((s) => s.label)).toEqual([
      'graphique-permanences-titre',
      'graphique-communes-titre',
      'graphique-personnes-titre',
      'graphique-satisfaction-titre',
      'graphique-relais-titre',
      'carte-titre',
    ]);
    for (const svg of svgs) {
      expect(svg.width, svg.label!).toBeGreaterThan(300);
      expect(svg.height, svg.label!).toBeGreaterThan(150);
      expect(svg.marks, svg.label!).toBeGreaterThan(0);
    }
    // The map: 195 communes, each drawn with a non-empty shape; bus stops and places on top.
    const map = await page.$eval('svg.carte', (svg) => ({
      communes: [...svg.querySelectorAll('path.commune')].filter((p) => {
        const b = (p as SVGGraphicsElement).getBBox();
        return b.width > 0 && b.height > 0;
      }).length,
      stops: svg.querySelectorAll('path.arret').length,
      places: svg.querySelectorAll('circle.lieu').length,
    }));
    expect(map.communes).toBe(195);
    expect(map.stops).toBeGreaterThanOrEqual(15);
    expect(map.places).toBeGreaterThanOrEqual(50);
    // Bars have a visible height and their value written above them.
    const tallest = await page.$$eval('#graphique-permanences rect.bar', (bars) =>
      Math.max(...bars.map((b) => b.getBoundingClientRect().height)),
    );
    expect(tallest).toBeGreaterThan(50);

    await page.screenshot({ path: join(SCREENSHOTS, 'rapport-2026-T4.png'), fullPage: true });
    await (await page.$('#couverture'))!.screenshot({ path: join(SCREENSHOTS, 'carte-2026-T4.png') });
    await (await page.$('#evolution'))!.screenshot({ path: join(SCREENSHOTS, 'graphiques-2026-T4.png') });
    // Printed: the same page under print media, in grey levels only.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SCREENSHOTS, 'rapport-2026-T4-impression.png'), fullPage: true });
    await page.close();
    expect(statSync(join(SCREENSHOTS, 'rapport-2026-T4.png')).size).toBeGreaterThan(50_000);
  });
});
