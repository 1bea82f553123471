/**
 * Where the map finds its data and tiles, from the element's `data-*` attributes (written by the
 * site that embeds it) and the page's query string (`?flux=…&tuiles=…&maintenant=…`).
 *
 * A link can be crafted by anyone, so the query string may only point the feed at the page's own
 * site (otherwise a link to the Département's page could show someone else's fake places and phone
 * numbers); `data-flux` may point anywhere.
 */
import { type Moment, parseMoment } from '../../core/calendar/civil';
import { MAP_LIST_FILE } from '../../core/publish/feed-types';

export const DEFAULT_TILES = 'https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>, fond de carte <a href="https://www.openstreetmap.fr/">OpenStreetMap France</a>';

export interface MapConfig {
  /** The map's own folder (where carte.js lives): default data URLs are relative to it. */
  base: string;
  flux: string;
  /**
   * The map's list of places published beside a Maillage feed (`lieux-carte.json` beside
   * `lieux.geojson`): read first, the whole feed after. Null for another feed.
   */
  liste: string | null;
  communes: string;
  /** Explicit calendar URL; otherwise the feed's `calendrier`, relative to the feed. */
  calendrier: string | null;
  tiles: string;
  /** HTML of the tile attribution (default, or the embedding site's text, escaped). */
  attribution: string;
  /** Fixed clock for tests and demonstrations; null: the real clock. */
  maintenant: Moment | null;
  /** Keep the view (filters, selected place) in the page's URL fragment. */
  urlState: boolean;
}

/** The folder of the script that defined the map, captured when the bundle runs. */
const scriptBase = (() => {
  const script = document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return new URL('.', script.src).href;
  return new URL('.', document.baseURI).href;
})();

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function resolve(value: string, base: string): string | null {
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}

function isTileTemplate(value: string): boolean {
  return (
    /^https?:\/\//i.test(value) && value.includes('{z}') && value.includes('{x}') && value.includes('{y}')
  );
}

export function readConfig(el: HTMLElement, location: Location = window.location): MapConfig {
  const query = new URLSearchParams(location.search);
  const data = el.dataset;
  const page = document.baseURI;

  let flux = new URL('../lieux.geojson', scriptBase).href;
  const dataFlux = data.flux ? resolve(data.flux, page) : null;
  const queryFlux = query.get('flux') ? resolve(query.get('flux') ?? '', location.href) : null;
  if (dataFlux) flux = dataFlux;
  if (queryFlux && new URL(queryFlux).origin === location.origin) flux = queryFlux;

  let tiles = DEFAULT_TILES;
  let attribution = DEFAULT_ATTRIBUTION;
  if (data.tuiles && isTileTemplate(data.tuiles)) {
    tiles = data.tuiles;
    attribution = data.attribution ? escapeHtml(data.attribution) : '';
  }
  const queryTiles = query.get('tuiles');
  if (queryTiles && isTileTemplate(queryTiles)) {
    tiles = queryTiles;
    attribution = '';
  }

  return {
    base: scriptBase,
    flux,
    liste: /\/lieux\.geojson$/.test(new URL(flux).pathname) ? new URL(MAP_LIST_FILE, flux).href : null,
    communes:
      (data.communes ? resolve(data.communes, page) : null) ?? new URL('communes.json', scriptBase).href,
    calendrier: data.calendrier ? resolve(data.calendrier, page) : null,
    tiles,
    attribution,
    maintenant: parseMoment(query.get('maintenant')) ?? parseMoment(data.maintenant),
    urlState: data.etatUrl !== 'non',
  };
}
