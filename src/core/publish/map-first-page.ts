/**
 * The map's first page of results, written by the publisher into `carte/index.html`: the count and
 * the first places of the default view (every place, by commune then name), as plain HTML links.
 *
 * On a slow phone the page arrives two round trips before its script and its feed: with this, the
 * list is on screen as soon as the page is, and a tap on a place already opens its fiche once the
 * map is ready (the link names it in the URL fragment, as the map's own links do). The map's script
 * keeps these items until the feed is read, then draws the real list (hours, distances, filters).
 * A page opened on another view (a fragment with filters, `?flux=` naming another feed) hides them.
 */
import { frenchOrder } from '../french/collation';
import { frenchInteger, pluralWord } from '../french/numbers';

/** What the first page shows of a place: the feed's own properties. */
export interface FirstPagePlace {
  id: string;
  nom: string;
  commune: string;
  adresse: string | null;
  code_postal: string | null;
  categorie: 'lieu' | 'arret';
}

/** How many places the map's list shows at a time (and so on its first page). */
export const LIST_PAGE_SIZE = 50;

/** Where the publisher puts the first page in `carte/index.html`. */
export const FIRST_PAGE_MARKER = '<!-- maillage:premiere-page -->';

const collator = frenchOrder({ numeric: true });

/** The map's default order: by commune, then by name (French order, « 2 » before « 10 »). */
export function compareDefaultOrder(
  a: { commune: string; nom: string },
  b: { commune: string; nom: string },
): number {
  return collator.compare(a.commune, b.commune) || collator.compare(a.nom, b.nom);
}

/**
 * The first `count` places of `places` sorted by compareDefaultOrder (a stable sort), without
 * sorting them all: communes are sorted, then the names within the first communes only (a run
 * compares a few hundred names instead of every place's).
 */
export function firstInDefaultOrder<P extends { commune: string; nom: string }>(
  places: readonly P[],
  count: number,
): P[] {
  const byCommune = new Map<string, P[]>();
  for (const p of places) {
    const same = byCommune.get(p.commune);
    if (same) same.push(p);
    else byCommune.set(p.commune, [p]);
  }
  const communes = [...byCommune.keys()].sort((a, b) => collator.compare(a, b));
  const out: P[] = [];
  for (let i = 0; i < communes.length && out.length < count; ) {
    // Communes equal in French order (« Saint-Junien », « saint-junien ») make one group, in the
    // places' own order, as the stable sort of every place would leave them.
    let j = i + 1;
    while (j < communes.length && collator.compare(communes[i]!, communes[j]!) === 0) j++;
    const group =
      j === i + 1
        ? byCommune.get(communes[i]!)!
        : places.filter((p) => communes.slice(i, j).includes(p.commune));
    out.push(...[...group].sort((a, b) => collator.compare(a.nom, b.nom)));
    i = j;
  }
  return out.slice(0, count);
}

/** « 12 rue de la Gare, 87300 Bellac »: the address line of a place in the list. */
export function addressLine(place: Pick<FirstPagePlace, 'adresse' | 'code_postal' | 'commune'>): string {
  return [place.adresse, [place.code_postal, place.commune].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

/** « 5 000 lieux et 18 arrêts du bus » */
export function placesCountText(lieux: number, arrets: number): string {
  const parts: string[] = [];
  if (lieux > 0 || arrets === 0) parts.push(`${frenchInteger(lieux)} ${pluralWord(lieux, 'lieu', 'lieux')}`);
  if (arrets > 0)
    parts.push(`${frenchInteger(arrets)} ${pluralWord(arrets, 'arrêt du bus', 'arrêts du bus')}`);
  return parts.join(' et ');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Hides the first page when the page was opened on another view than the default one: a fragment
 * with more than a place (`#services=…`), or `?flux=` (another feed). No data in it.
 */
const GUARD = `<script>(() => {
  const page = document.currentScript.previousElementSibling;
  const other = location.hash.slice(1).split('&').some((p) => p !== '' && !p.startsWith('lieu='));
  if (other || new URLSearchParams(location.search).has('flux')) page.hidden = true;
})();</script>`;

/** The first page as HTML (the places in the map's default order, the first LIST_PAGE_SIZE). */
export function firstPageHtml(places: readonly FirstPagePlace[]): string {
  let lieux = 0;
  for (const p of places) if (p.categorie === 'lieu') lieux++;
  const first = firstInDefaultOrder(places, LIST_PAGE_SIZE);
  const items = first.map((p) => {
    const stop =
      p.categorie === 'arret' ? '<span class="mc-etiquette-bus">Arrêt du bus numérique</span>' : '';
    return `<li class="mc-element"><a class="mc-lien-lieu" href="#lieu=${esc(encodeURIComponent(p.id))}" data-id="${esc(p.id)}"><span class="mc-lieu-entete"><span class="mc-lieu-nom">${esc(p.nom || 'Lieu sans nom')}</span></span>${stop}<span class="mc-lieu-adresse">${esc(addressLine(p))}</span></a></li>`;
  });
  const total = places.length;
  const more = total > first.length ? ` Les ${frenchInteger(first.length)} premiers, par commune :` : '';
  return [
    '<section class="mc-resultats mc-premiere-page" aria-labelledby="mc-titre-premiere-page">',
    '<h2 id="mc-titre-premiere-page" class="mc-titre-section">Liste des lieux</h2>',
    `<p class="mc-resume">${esc(placesCountText(lieux, total - lieux))}.${more}</p>`,
    `<ol class="mc-liste" aria-labelledby="mc-titre-premiere-page">${items.join('')}</ol>`,
    '</section>',
    GUARD,
  ].join('\n');
}

/** `carte/index.html` with its first page written in (unchanged when it has no marker). */
export function withFirstPage(indexHtml: string, places: readonly FirstPagePlace[]): string {
  if (!indexHtml.includes(FIRST_PAGE_MARKER)) return indexHtml;
  return indexHtml.replace(FIRST_PAGE_MARKER, () => firstPageHtml(places));
}
