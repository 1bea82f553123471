import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDefaultOrder,
  FIRST_PAGE_MARKER,
  type FirstPagePlace,
  firstInDefaultOrder,
  firstPageHtml,
  LIST_PAGE_SIZE,
  withFirstPage,
} from '../../../src/core/publish/map-first-page';

const place = (
  id: string,
  nom: string,
  commune: string,
  extra: Partial<FirstPagePlace> = {},
): FirstPagePlace => ({
  id,
  nom,
  commune,
  adresse: '1 rue de la Gare',
  code_postal: '87000',
  categorie: 'lieu',
  ...extra,
});

/** The link targets, in order. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('the map’s first page', () => {
  it('lists the first places by commune then name (French order, numbers as numbers), with the whole count', () => {
    const places = [
      place('c', 'Mairie n° 10', 'Limoges'),
      place('a', 'Mairie n° 2', 'Limoges'),
      place('e', 'Espace', 'Église-aux-Bois'),
      place('b', 'Bus numérique', 'Aixe-sur-Vienne', { categorie: 'arret', adresse: null }),
      place('d', 'Zèbre', 'eymoutiers'),
    ];
    const html = firstPageHtml(places);
    expect(hrefs(html)).toEqual(['#lieu=b', '#lieu=e', '#lieu=d', '#lieu=a', '#lieu=c']);
    expect(html).toContain('<p class="mc-resume">4 lieux et 1 arrêt du bus.</p>');
    expect(html).toContain('<span class="mc-etiquette-bus">Arrêt du bus numérique</span>');
    expect(html).toContain('<span class="mc-lieu-adresse">87000 Aixe-sur-Vienne</span>');
  });

  it('shows one page of places out of many, and says so', () => {
    const places = Array.from({ length: 5_000 }, (_, i) => place(`lieu-${i}`, `Lieu ${i}`, 'Bellac'));
    const html = firstPageHtml(places);
    expect(hrefs(html)).toHaveLength(LIST_PAGE_SIZE);
    expect(hrefs(html)[0]).toBe('#lieu=lieu-0');
    expect(hrefs(html)[LIST_PAGE_SIZE - 1]).toBe(`#lieu=lieu-${LIST_PAGE_SIZE - 1}`);
    expect(html).toContain('5\u202f000 lieux. Les 50 premiers, par commune :');
  });

  it('writes names, addresses and ids as text, never as markup', () => {
    const html = firstPageHtml([
      place('x"><script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'A & B', {
        adresse: "l'«\u00a0rue\u00a0»",
      }),
    ]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('l&#39;«\u00a0rue\u00a0», 87000 A &amp; B');
    expect(hrefs(html)[0]).toBe(`#lieu=${encodeURIComponent('x"><script>alert(1)</script>')}`);
  });

  it('goes where the page’s marker is, and leaves a page without one as it is', () => {
    const page = `<main><maillage-carte>${FIRST_PAGE_MARKER}</maillage-carte></main>`;
    const out = withFirstPage(page, [place('a', 'Mairie $& $1', 'Bellac')]);
    expect(out.startsWith('<main><maillage-carte><section class="mc-resultats mc-premiere-page"')).toBe(true);
    expect(out).toContain('Mairie $&amp; $1');
    expect(out).not.toContain(FIRST_PAGE_MARKER);
    expect(withFirstPage('<main></main>', [place('a', 'A', 'B')])).toBe('<main></main>');
  });

  it('takes the same first places as a stable sort of every place, ties and equal communes included', () => {
    const names = fc.constantFrom(
      'Mairie n° 2',
      'Mairie n° 10',
      'mairie n° 02',
      'Espace',
      'espace',
      'Zèbre',
      'Œuvre',
      'Å',
    );
    const communes = fc.constantFrom(
      'Limoges',
      'limoges',
      'LIMOGES',
      'Église-aux-Bois',
      'Eglise-aux-Bois',
      'Bellac',
      'Ørsted',
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ nom: names, commune: communes }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        (rows, count) => {
          const places = rows.map((r, i) => place(String(i), r.nom, r.commune));
          const expected = [...places].sort(compareDefaultOrder).slice(0, count);
          expect(firstInDefaultOrder(places, count).map((p) => p.id)).toEqual(expected.map((p) => p.id));
        },
      ),
      { numRuns: 2000, seed: 87 },
    );
  });
});
