/**
 * The map: Leaflet with clustered markers (leaflet.markercluster). It shows exactly the places the
 * list shows; the keyboard order of the markers on screen follows the list order. Markers and
 * clusters are buttons with a French name. Without tiles the markers still work, and a note says so.
 */
import 'leaflet.markercluster';
import { h, ICONS, srOnly } from '../../common/dom';
import { countText } from '../../common/text';
import type { MapConfig } from '../config';
import { L } from '../leaflet';
import type { Place } from '../places';

export interface MapCallbacks {
  onSelect(id: string): void;
}

function svgMarkup(path: string): string {
  return `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${path}"/></svg>`;
}

const ICON_OPTIONS: Record<Place['categorie'], L.DivIconOptions> = {
  lieu: {
    className: 'mc-marqueur mc-marqueur--lieu',
    html: svgMarkup(ICONS.lieu),
    iconSize: [36, 36],
    iconAnchor: [18, 34],
  },
  arret: {
    className: 'mc-marqueur mc-marqueur--arret',
    html: svgMarkup(ICONS.bus),
    iconSize: [36, 36],
    iconAnchor: [18, 18],
  },
};

const ICONS_BY_KIND: Record<Place['categorie'], L.DivIcon> = {
  lieu: L.divIcon(ICON_OPTIONS.lieu),
  arret: L.divIcon(ICON_OPTIONS.arret),
};

/** A place's marker: its element is built only when shown, and then named after the place. */
class PlaceMarker extends L.Marker {
  constructor(
    readonly place: Place,
    private readonly view: MapView,
  ) {
    super([place.latitude, place.longitude], {
      icon: ICONS_BY_KIND[place.categorie],
      keyboard: true,
      riseOnHover: true,
      autoPanOnFocus: true,
    });
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map);
    const el = this.getElement();
    if (el) this.view.decorate(el, this.place);
    return this;
  }
}

interface Entry {
  place: Place;
  marker: L.Marker;
}

export class MapView {
  readonly map: L.Map;
  private readonly cluster: L.MarkerClusterGroup;
  private readonly entries = new Map<string, Entry>();
  private readonly byMarker = new WeakMap<L.Layer, Entry>();
  /** Position of each shown place in the list. */
  private order = new Map<string, number>();
  private selectedId: string | null = null;
  private readonly overlay: L.LayerGroup;
  private readonly tileNote: HTMLElement;
  private tilesLoaded = 0;
  private tileErrors = 0;
  private reorderQueued = false;

  constructor(
    container: HTMLElement,
    config: MapConfig,
    private readonly callbacks: MapCallbacks,
  ) {
    // No animations for people who asked their system for less motion.
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.map = L.map(container, {
      zoomAnimation: !still,
      // Tiles appear at once: their fade-in costs frames while the first places are drawn.
      fadeAnimation: false,
      markerZoomAnimation: !still,
      zoomControl: false,
      attributionControl: false,
      minZoom: 6,
      maxZoom: 18,
      zoomSnap: 0.5,
    });
    // The box may get its size after the map was made (carte.css added by the script tag arrives
    // later, a phone turns): Leaflet must know, or it places markers in a 0 × 0 view.
    // A view fitted while the box had no size is fitted again once it has one.
    if (typeof ResizeObserver === 'function') {
      let empty = container.clientWidth === 0 || container.clientHeight === 0;
      new ResizeObserver(() => {
        const wasEmpty = empty;
        empty = container.clientWidth === 0 || container.clientHeight === 0;
        this.map.invalidateSize({ pan: false });
        if (wasEmpty && !empty) this.lastFit?.();
      }).observe(container);
    }
    L.control
      .zoom({ position: 'topright', zoomInTitle: 'Zoomer sur la carte', zoomOutTitle: 'Dézoomer la carte' })
      .addTo(this.map);
    const attribution = L.control.attribution({ prefix: '<a href="https://leafletjs.com/">Leaflet</a>' });
    attribution.addTo(this.map);
    const tiles = L.tileLayer(config.tiles, {
      maxZoom: 18,
      subdomains: 'abc',
      attribution: config.attribution,
      crossOrigin: false,
    });
    tiles.on('tileload', () => {
      this.tilesLoaded++;
      this.updateTileNote();
    });
    tiles.on('tileerror', () => {
      this.tileErrors++;
      this.updateTileNote();
    });
    tiles.addTo(this.map);

    this.tileNote = h(
      'p',
      { class: 'mc-note-carte', hidden: true },
      'Le fond de carte ne s’affiche pas (pas de connexion au serveur de cartes). Les repères et la liste restent utilisables.',
    );
    container.appendChild(this.tileNote);

    this.cluster = L.markerClusterGroup({
      // Not chunked: a chunked load goes on adding markers after clearLayers() (filters changed).
      chunkedLoading: false,
      showCoverageOnHover: false,
      animate: !still,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 56,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.cluster.on('animationend', () => this.queueReorder());
    // Markers' events reach the group: one listener for all of them.
    this.cluster.on('click', (e: L.LeafletEvent) => {
      const entry = this.byMarker.get((e as L.LeafletEvent & { layer: L.Layer }).layer);
      if (entry) this.callbacks.onSelect(entry.place.id);
    });
    // Leaflet turns Enter on a marker into `keypress`, not `click`: markers are buttons.
    this.cluster.on('keypress', (e: L.LeafletEvent) => {
      const key = (e as L.LeafletKeyboardEvent).originalEvent;
      const entry = this.byMarker.get((e as L.LeafletEvent & { layer: L.Layer }).layer);
      if (!entry || (key.key !== 'Enter' && key.key !== ' ')) return;
      key.preventDefault();
      this.callbacks.onSelect(entry.place.id);
    });
    // The plugin opens a cluster with Enter; a button also opens with Space.
    this.cluster.on('clusterkeypress', (e: L.LeafletEvent) => {
      const key = (e as L.LeafletKeyboardEvent).originalEvent;
      if (key?.key !== ' ') return;
      key.preventDefault();
      (e.propagatedFrom as L.MarkerCluster | undefined)?.zoomToBounds();
    });
    this.map.on('moveend zoomend', () => this.queueReorder());
    this.cluster.addTo(this.map);
    this.overlay = L.layerGroup().addTo(this.map);
  }

  private updateTileNote() {
    this.tileNote.hidden = !(this.tileErrors >= 2 && this.tilesLoaded === 0);
  }

  private clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
    const markers = cluster.getAllChildMarkers();
    let first = Number.POSITIVE_INFINITY;
    let stops = 0;
    for (const m of markers) {
      const entry = this.byMarker.get(m);
      if (!entry) continue;
      first = Math.min(first, this.order.get(entry.place.id) ?? Number.POSITIVE_INFINITY);
      if (entry.place.categorie === 'arret') stops++;
    }
    const n = markers.length;
    const size = n < 10 ? 40 : n < 100 ? 46 : n < 1000 ? 52 : 58;
    const label =
      stops === 0
        ? countText(n, 'lieu', 'lieux')
        : stops === n
          ? countText(n, 'arrêt du bus', 'arrêts du bus')
          : `${countText(n - stops, 'lieu', 'lieux')} et ${countText(stops, 'arrêt du bus', 'arrêts du bus')}`;
    const html = h(
      'span',
      { class: 'mc-grappe-contenu', 'data-rang': Number.isFinite(first) ? first : '' },
      h('span', { 'aria-hidden': 'true' }, String(n)),
      srOnly(`${label} ici : zoomer pour les voir`),
    );
    return L.divIcon({ html, className: 'mc-grappe', iconSize: [size, size] });
  }

  /** Creates the markers of all the feed's places (icons are only built when shown). */
  setPlaces(places: readonly Place[]) {
    this.entries.clear();
    for (const place of places) {
      const marker = new PlaceMarker(place, this);
      const entry = { place, marker };
      this.entries.set(place.id, entry);
      this.byMarker.set(marker, entry);
    }
  }

  /** Names a marker's element after its place (called whenever Leaflet builds it). */
  decorate(el: HTMLElement, place: Place) {
    const kind = place.categorie === 'arret' ? 'Arrêt du bus numérique' : 'Lieu';
    const selected = place.id === this.selectedId;
    el.setAttribute('aria-label', `${place.nom}, ${place.commune} (${kind})${selected ? ', affiché' : ''}`);
    el.setAttribute('data-id', place.id);
    el.setAttribute('data-rang', String(this.order.get(place.id) ?? ''));
    el.classList.toggle('mc-marqueur--choisi', selected);
  }

  private redecorate(entry: Entry) {
    const el = entry.marker.getElement();
    if (el) this.decorate(el, entry.place);
    entry.marker.setZIndexOffset(entry.place.id === this.selectedId ? 1000 : 0);
  }

  /** Shows exactly these places, in this order (the list's). */
  show(places: readonly Place[]) {
    this.order = new Map(places.map((p, i) => [p.id, i]));
    const layers: L.Marker[] = [];
    for (const p of places) {
      const entry = this.entries.get(p.id);
      if (entry) layers.push(entry.marker);
    }
    this.cluster.clearLayers();
    this.cluster.addLayers(layers);
    this.queueReorder();
  }

  /** How many places the map holds (clustered or not). */
  get count(): number {
    return this.cluster.getLayers().length;
  }

  select(id: string | null, focusMap = false) {
    const previous = this.selectedId ? this.entries.get(this.selectedId) : undefined;
    this.selectedId = id;
    if (previous) this.redecorate(previous);
    const entry = id ? this.entries.get(id) : undefined;
    if (!entry || !this.cluster.hasLayer(entry.marker)) return;
    this.cluster.zoomToShowLayer(entry.marker, () => {
      this.redecorate(entry);
      const target = L.latLng(entry.place.latitude, entry.place.longitude);
      if (!this.map.getBounds().pad(-0.1).contains(target)) this.map.panTo(target);
      if (focusMap) entry.marker.getElement()?.focus({ preventScroll: true });
    });
  }

  /** The view of the département's extent, or of all the places. */
  private outline: L.GeoJSON | null = null;

  /**
   * The département's outline, under the markers: without tiles (offline, blocked) the markers do
   * not float on grey, and with tiles the area served is clear.
   */
  showOutline(outline: unknown) {
    this.outline?.remove();
    this.outline = null;
    if (!Array.isArray(outline) || outline.length === 0) return;
    const depth = (v: unknown): number => (Array.isArray(v) ? 1 + depth(v[0]) : 0);
    const type = depth(outline) === 4 ? 'MultiPolygon' : depth(outline) === 3 ? 'Polygon' : null;
    if (!type) return;
    try {
      this.outline = L.geoJSON({ type, coordinates: outline } as GeoJSON.Geometry, {
        interactive: false,
        style: { color: '#000091', weight: 2, opacity: 0.8, fillColor: '#ffffff', fillOpacity: 0.55 },
      }).addTo(this.map);
      this.outline.bringToBack();
    } catch {
      this.outline = null; // a malformed outline only loses the outline
    }
  }

  /** The last view asked for (fitExtent or showArea), to ask again once the box has a size. */
  private lastFit: (() => void) | null = null;

  fitExtent(bbox: readonly number[] | undefined, places: readonly Place[]) {
    this.lastFit = () => this.fitExtent(bbox, places);
    if (bbox && bbox.length === 4 && bbox.every(Number.isFinite)) {
      const [minLon, minLat, maxLon, maxLat] = bbox as [number, number, number, number];
      this.map.fitBounds(
        [
          [minLat, minLon],
          [maxLat, maxLon],
        ],
        { padding: [8, 8] },
      );
      return;
    }
    if (places.length > 0) {
      this.map.fitBounds(L.latLngBounds(places.map((p) => [p.latitude, p.longitude] as [number, number])), {
        padding: [24, 24],
        maxZoom: 14,
      });
    } else this.map.setView([46.6, 2.4], 6);
  }

  /** Shows a search area: the centre and, when `km` > 0, the circle around it. */
  showArea(centre: { lat: number; lon: number; label: string } | null, km: number, places: readonly Place[]) {
    if (centre) this.lastFit = () => this.showArea(centre, km, places);
    this.overlay.clearLayers();
    if (!centre) return;
    const point = L.latLng(centre.lat, centre.lon);
    L.circleMarker(point, {
      radius: 7,
      color: '#161616',
      weight: 3,
      fillColor: '#ffffff',
      fillOpacity: 1,
      interactive: false,
    }).addTo(this.overlay);
    if (km > 0) {
      L.circle(point, {
        radius: km * 1000,
        color: '#000091',
        weight: 2,
        dashArray: '6 6',
        fill: false,
        interactive: false,
      }).addTo(this.overlay);
      // From the point (the circle's own bounds need a map already shown).
      this.map.fitBounds(point.toBounds(km * 2000), { padding: [12, 12] });
    } else if (places.length > 0) {
      const bounds = L.latLngBounds(places.map((p) => [p.latitude, p.longitude] as [number, number])).extend(
        point,
      );
      this.map.fitBounds(bounds, { padding: [32, 32], maxZoom: 14 });
    } else this.map.setView(point, 13);
  }

  invalidateSize() {
    this.map.invalidateSize();
  }

  private queueReorder() {
    if (this.reorderQueued) return;
    this.reorderQueued = true;
    requestAnimationFrame(() => {
      this.reorderQueued = false;
      this.reorder();
    });
  }

  /**
   * Keyboard order on the map = list order: marker and cluster elements are sorted by the list
   * position of their (first) place. Their stacking is set by z-index, so nothing moves on screen.
   */
  private reorder() {
    const pane = this.map.getPane('markerPane');
    if (!pane) return;
    const items = [...pane.children] as HTMLElement[];
    const rank = (el: HTMLElement) => {
      const own = el.getAttribute('data-rang') ?? el.querySelector('[data-rang]')?.getAttribute('data-rang');
      const n = own === null || own === undefined || own === '' ? Number.NaN : Number(own);
      return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
    };
    const sorted = items.map((el) => ({ el, r: rank(el) })).sort((a, b) => a.r - b.r);
    if (sorted.every((s, i) => s.el === items[i])) return;
    const focused = document.activeElement;
    const fragment = document.createDocumentFragment();
    for (const { el } of sorted) fragment.appendChild(el);
    pane.appendChild(fragment);
    if (focused instanceof HTMLElement && pane.contains(focused) && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }
  }
}
