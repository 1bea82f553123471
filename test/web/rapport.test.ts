/**
 * The quarterly report as people read it: on a phone (nothing wider than the screen) and printed on
 * A4 (no page left mostly empty by a forced break). Real Chromium, the report of the hand workbook.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/core/indicators';
import { buildReportInput, type CommuneOutlines, renderReport } from '../../src/core/report';
import { cells, read, TODAY, territory } from '../core/indicators/hand-workbook';
import { ROOT } from '../helpers/workbook';
import { launchBrowser, openPage, screenshot } from './browser';

const outlines = JSON.parse(
  readFileSync(join(ROOT, 'src/core/data/commune-outlines/87.json'), 'utf8'),
) as CommuneOutlines;
const html = renderReport(
  buildReportInput(read(cells()).tables, {
    territory,
    quarter: parsePeriod('2026-T4')!,
    today: TODAY,
    outlines,
  }),
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the quarterly report', () => {
  it('fits a 360 px phone: no sideways scrolling, every headline figure whole on screen', async () => {
    const o = await openPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true });
    await o.page.setContent(html);
    const widths = await o.page.evaluate(() => ({
      page: document.scrollingElement!.scrollWidth,
      cards: [...document.querySelectorAll('.chiffres li')].map((li) => li.getBoundingClientRect().right),
    }));
    expect(widths.page).toBeLessThanOrEqual(360);
    expect(widths.cards.length).toBe(6);
    for (const right of widths.cards) expect(right).toBeLessThanOrEqual(360);
    await screenshot(o.page, 'rapport-telephone', true);
    await o.context.close();
  });

  it('prints on A4 without a page left mostly empty', async () => {
    const o = await openPage(browser);
    await o.page.setContent(html);
    await o.page.emulateMedia({ media: 'print' });
    // The printable area of the report's @page (A4, 11 mm and 12/14 mm margins) at 96 px per inch.
    const mm = 96 / 25.4;
    await o.page.setViewportSize({ width: Math.round((210 - 22) * mm), height: Math.round((297 - 26) * mm) });
    const height = await o.page.evaluate(() => document.documentElement.scrollHeight);
    // The service × EPCI table fits the page's width: no column cut off on paper.
    const offre = await o.page.evaluate(() => {
      const t = document.getElementById('tableau-offre')!;
      return { right: t.getBoundingClientRect().right, width: document.documentElement.clientWidth };
    });
    expect(offre.right).toBeLessThanOrEqual(offre.width);
    const pdf = await o.page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const full = height / ((297 - 26) * mm);
    // Breaks before a table or figure kept whole cost at most part of a page each; a forced break
    // per section (the old layout) cost a page and more.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(full));
    expect(pages).toBeLessThanOrEqual(Math.ceil(full) + 1);
    await o.context.close();
  });
});
