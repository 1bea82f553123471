/**
 * The network's letter as a reader opens it (Debian Chromium, never a downloaded browser): axe-core's
 * RGAA 4 and WCAG 2.1 AA rules report nothing, it fetches nothing, and it reads on a 360 px phone
 * without sideways scrolling (mail clients show it in a narrow column too).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLetter, renderLetterHtml } from '../../src/core/letter';
import { readWorkbook } from '../../src/core/workbook';
import { loadTerritory } from '../../src/node/territory';
import { sampleWorkbook } from '../helpers/workbook';
import { axe, launchBrowser, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function letterHtml(): string {
  const territory = loadTerritory('87');
  const wb = readWorkbook(sampleWorkbook(), { territory, today: '2026-11-28' });
  const letter = buildLetter(wb.tables, {
    mois: '2026-11',
    today: '2026-11-28',
    reseau: 'Réseau d’inclusion numérique — Haute-Vienne (87)',
  });
  return renderLetterHtml(letter);
}

describe('the letter in a browser', () => {
  it('has no accessibility violation, fetches nothing and fits a 360 px screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(letterHtml(), { waitUntil: 'load' });
    const violations = await axe(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    // axe itself is injected from a local file: only that script may have been requested.
    expect(requests.filter((u) => !u.includes('axe'))).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'lettre-360', true);
    await page.close();
  });
});
