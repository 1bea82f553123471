/**
 * The map application inside one <maillage-carte> element: loads the feed and the communes, keeps
 * the view state (filters, commune, selected place) in step with the URL fragment, and feeds the
 * same results to the list and the map.
 */
import { defaultZoneFor, momentIn } from '../../core/calendar/wall-clock';
import type { DayContext } from '../../core/french/hours';
import { distanceKm } from '../../core/territory';
import { h } from '../common/dom';
import { countText, distanceText, normalizeName } from '../common/text';
import {
  type CommuneIndex,
  communesFromPlaces,
  indexCommunes,
  isInCommune,
  type MapCommune,
  readCommunes,
  searchCommunes,
} from './communes';
import { type MapConfig, readConfig } from './config';
import {
  DEFAULT_RAYON,
  decodeState,
  emptyState,
  encodeState,
  GROUPS,
  type GroupKey,
  groupOptions,
  type ViewState,
} from './filters';
import { HoursBook, scriptEngineLoader } from './hours/book';
import {
  type Feed,
  FeedError,
  loadFeed,
  loadMapList,
  mergeFeed,
  type Place,
  takeEarlyDownload,
} from './places';
import { type Centre, facetCounts, type Results, search } from './search';
import { Clock, type Passage, PlaceFacts } from './status';
import { type DetailsContext, renderDetails, renderPrintSheet } from './view/details';
import { FiltersForm } from './view/filters-form';
import { ListView } from './view/list';
import { MapView } from './view/map';

export class MapApp {
  private readonly config: MapConfig;
  private readonly facts: PlaceFacts;
  private readonly hours: HoursBook;
  private readonly ctx: DayContext = { departement: '' };
  private readonly form: FiltersForm;
  private readonly list: ListView;
  private map: MapView | null = null;
  private readonly detailsZone: HTMLElement;
  private readonly printZone: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly mapHolder: HTMLElement;
  private feed: Feed | null = null;
  private byId = new Map<string, Place>();
  private communes: CommuneIndex | null = null;
  private communesPromise: Promise<MapCommune[] | null> | null = null;
  private state: ViewState = emptyState();
  private centre: Centre | null = null;
  private results: Results | null = null;
  private options: Record<GroupKey, readonly string[]> = {
    services: [],
    modalites: [],
    publics: [],
    priseEnCharge: [],
  };
  private readonly onHashChange = () => this.applyUrl();
  private renderQueued = false;
  private mapUpdate: { moveMap: boolean } | null = null;
  private mapShown = false;

  constructor(private readonly root: HTMLElement) {
    this.config = readConfig(root);
    // The wall clock of the feed's département (Europe/Paris until the feed says which).
    const clock = new Clock(this.config.maintenant, () =>
      momentIn(new Date(), defaultZoneFor(this.ctx.departement)),
    );
    this.hours = new HoursBook(scriptEngineLoader(this.config.base), () => this.queueRender());
    this.facts = new PlaceFacts(this.hours, clock, this.ctx);

    this.form = new FiltersForm({
      onChange: (patch) => this.update(patch),
      onCommuneQuery: (text) => this.findCommune(text),
      onCommuneChosen: (commune) => this.chooseCommune(commune),
      onAroundMe: () => this.aroundMe(),
      onClearCentre: () => this.clearCentre(),
      onReset: () => this.reset(),
      onShowResults: () => this.list.reveal(),
    });
    this.list = new ListView(this.facts, {
      hrefFor: (id) => this.hrefFor({ ...this.state, lieu: id }),
      onSelect: (id) => this.select(id, 'liste'),
    });
    this.detailsZone = h('div', { class: 'mc-zone-details' });
    this.printZone = h('div', { class: 'mc-zone-impression' });
    this.alert = h('div', { class: 'mc-alerte', role: 'alert' });
    this.mapHolder = h('div', {
      class: 'mc-leaflet',
      role: 'region',
      'aria-label':
        'Carte des lieux. Flèches du clavier : déplacer la carte ; touches plus et moins : zoomer.',
    });

    const skip = h(
      'a',
      { class: 'mc-evitement', href: `#${this.list.titleId}` },
      'Aller directement à la liste des lieux',
    );
    skip.addEventListener('click', (event) => {
      event.preventDefault();
      this.list.focusTitle();
    });

    // The first page of results the publisher wrote into the page stays until the feed is read.
    const firstPage = root.querySelector('.mc-premiere-page:not([hidden])');
    if (firstPage) this.list.adoptFirstPage(firstPage);
    root.replaceChildren(
      h(
        'div',
        { class: 'mc-carte', lang: 'fr' },
        skip,
        h(
          'div',
          { class: 'mc-panneau' },
          // Two columns on wide screens (the results beside the filters), one on others.
          h(
            'div',
            { class: 'mc-colonne-recherche' },
            h(
              'p',
              { class: 'mc-intro' },
              'Trouvez un lieu près de chez vous pour être aidé avec le numérique : démarches en ligne, ordinateur, téléphone, internet.',
            ),
            this.alert,
            this.form.el,
          ),
          h('div', { class: 'mc-colonne-resultats' }, this.detailsZone, this.list.el),
        ),
        h('div', { class: 'mc-zone-carte' }, h('h2', { class: 'mc-invisible' }, 'Carte'), this.mapHolder),
        this.printZone,
      ),
    );
  }

  start() {
    try {
      // No view yet: tiles are only asked for once the feed gives the département's extent.
      this.map = new MapView(this.mapHolder, this.config, { onSelect: (id) => this.select(id, 'carte') });
    } catch {
      this.map = null;
    }
    if (this.config.urlState) window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('popstate', this.onHashChange);
    this.communesPromise = this.fetchCommunes();
    void this.load();
  }

  stop() {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('popstate', this.onHashChange);
    this.map?.map.remove();
    togglePrintStyle(this.root, false);
  }

  private async fetchCommunes(): Promise<MapCommune[] | null> {
    try {
      // index.html starts this download with the page (takeEarlyDownload), before carte.js runs.
      const response = await (takeEarlyDownload('communes', this.config.communes) ??
        fetch(this.config.communes, { credentials: 'omit' }));
      if (!response.ok) return null;
      return readCommunes(await response.json());
    } catch {
      return null;
    }
  }

  private async load() {
    this.alert.replaceChildren();
    // The commune search works while the places load (communes.json is small and comes first).
    this.form.el.hidden = false;
    this.list.setLoading('Chargement des lieux, de la recherche et de la carte…');
    this.root.setAttribute('aria-busy', 'true');
    let feed: Feed;
    try {
      performance.mark('maillage:flux-demande');
      feed = await this.loadPlaces();
      performance.mark('maillage:flux-lu');
    } catch (error) {
      this.form.el.hidden = true;
      this.showLoadError(error);
      return;
    } finally {
      this.root.removeAttribute('aria-busy');
    }
    this.feed = feed;
    this.form.el.hidden = false;
    this.ctx.departement = feed.meta.departement.code;
    this.hours.departement = feed.meta.departement.code;
    this.byId = new Map(feed.places.map((p) => [p.id, p]));
    const groups = {} as Record<GroupKey, { value: string; count: number }[]>;
    for (const group of GROUPS) {
      const values = feed.places.map((p) => p[group.field]);
      groups[group.key] = groupOptions(group, values);
      this.options[group.key] = groups[group.key].map((o) => o.value);
    }
    this.form.setGroups(groups);
    this.map?.showOutline(feed.meta.contour);
    this.map?.setPlaces(feed.places);

    // The first render waits for communes.json only when the link names a commune; otherwise the
    // communes named in the feed stand in for the search until it comes.
    const chosenMeanwhile = this.state.commune;
    this.state = this.config.urlState ? decodeState(location.hash, this.options) : emptyState();
    // A commune chosen while the places loaded stays chosen.
    if (chosenMeanwhile && !this.state.commune) this.state = { ...this.state, commune: chosenMeanwhile };
    const early = this.state.commune ? await this.communesPromise : null;
    if (early && early.length > 0) this.communesFull = early;
    this.communes = this.communesFull
      ? indexCommunes(this.communesFull)
      : indexCommunes(early && early.length > 0 ? early : communesFromPlaces(feed.places));
    this.centre = this.centreFromState();
    this.render({ moveMap: true });
    performance.mark('maillage:liste-affichee');
    if (chosenMeanwhile) this.list.reveal();
    void this.communesPromise?.then((communes) => {
      if (!communes || communes.length === 0 || communes === this.communesFull) return;
      this.communesFull = communes;
      this.communes = indexCommunes(communes);
      if (this.state.commune) {
        this.centre = this.centreFromState();
        this.render({ moveMap: true, keepFocus: true });
      }
    });
  }

  /** Places of the whole feed still to come (the list and markers were read from the map's list). */
  private detailsPending = false;
  private detailsLoading: Promise<void> | null = null;
  private detailsFailed = false;

  /**
   * The map's list of places (small: the list, filters and markers) when the publication has one,
   * the whole feed otherwise or when it cannot be read; the whole feed then comes after the first
   * render, for the fiches.
   */
  private async loadPlaces(): Promise<Feed> {
    if (this.config.liste) {
      try {
        const feed = await loadMapList(this.config.liste);
        this.detailsPending = true;
        return feed;
      } catch {
        // Not published (an older publication) or unreadable: the whole feed does it all.
      }
    }
    this.detailsPending = false;
    return loadFeed(this.config.flux);
  }

  /** The whole feed, once the list and the map are drawn: each place gets its contacts and details. */
  private loadDetails() {
    if (!this.detailsPending || this.detailsLoading) return;
    this.detailsFailed = false;
    this.detailsLoading = (async () => {
      try {
        const full = await loadFeed(this.config.flux);
        if (this.feed) mergeFeed(this.feed.places, full);
        this.detailsPending = false;
      } catch {
        // Said in the fiche; tried again when a place is chosen.
        this.detailsFailed = true;
      } finally {
        this.detailsLoading = null;
      }
      if (this.state.lieu) this.renderSelection(null);
    })();
  }

  private showLoadError(error: unknown) {
    this.map?.fitExtent(undefined, []);
    const reason = error instanceof FeedError ? error.message : 'Erreur inconnue.';
    const retry = h('button', { type: 'button', class: 'mc-bouton' }, 'Réessayer');
    retry.addEventListener('click', () => void this.load());
    this.list.setLoading('Aucun lieu à afficher pour le moment.', true);
    this.alert.replaceChildren(
      h(
        'div',
        { class: 'mc-erreur' },
        h('p', null, h('strong', null, 'La liste des lieux n’a pas pu être chargée.')),
        h('p', null, `${reason} Vérifiez votre connexion à internet, puis réessayez.`),
        h('p', null, 'Si le problème continue, prévenez le responsable de ce site.'),
        retry,
      ),
    );
  }

  private centreFromState(): Centre | null {
    if (!this.state.commune || !this.communes) return this.centre?.commune ? null : this.centre;
    const commune = this.communes.byCode.get(this.state.commune);
    if (!commune?.point) return null;
    return { lat: commune.point[1], lon: commune.point[0], label: commune.nom, commune };
  }

  // ---- URL ----------------------------------------------------------------------------------

  private hrefFor(state: ViewState): string {
    const fragment = encodeState(state);
    return fragment ? `#${fragment}` : `${location.pathname}${location.search}`;
  }

  /** The link to the current view (for the fiche). */
  private shareUrl(): string {
    const url = new URL(location.href);
    url.hash = encodeState(this.state);
    return url.href;
  }

  private writeUrl(push: boolean) {
    if (!this.config.urlState) return;
    const target = this.hrefFor(this.state);
    const current = location.hash ? location.hash : `${location.pathname}${location.search}`;
    if (target === current) return;
    if (push) history.pushState(null, '', target);
    else history.replaceState(null, '', target);
  }

  private applyUrl() {
    if (!this.feed || !this.config.urlState) return;
    // Fragments that are not a view (an anchor of the embedding page) are left alone.
    if (location.hash && !location.hash.includes('=')) return;
    const previous = this.state;
    this.state = decodeState(location.hash, this.options);
    // « Autour de moi » is not kept in URLs (privacy): it stays while the page lives.
    if (previous.commune !== this.state.commune) this.centre = this.centreFromState();
    this.render({ moveMap: previous.commune !== this.state.commune });
  }

  // ---- Changes ----------------------------------------------------------------------------------

  private update(patch: Partial<ViewState>) {
    this.state = { ...this.state, ...patch };
    this.writeUrl(false);
    this.render({ moveMap: patch.rayon !== undefined });
  }

  private reset() {
    const keep = { commune: this.state.commune, rayon: this.state.rayon, lieu: this.state.lieu };
    this.state = { ...emptyState(), ...keep };
    this.writeUrl(false);
    this.render({ moveMap: false });
  }

  /**
   * The whole commune index (communes.json) answers a search; the communes named in the feed only
   * when communes.json could not be had. A search never says « no such commune » from a partial list.
   */
  private async searchIndex(): Promise<{ index: CommuneIndex; complete: boolean } | null> {
    const full = await this.communesPromise;
    if (full && full.length > 0) {
      if (this.communesFull !== full) {
        this.communesFull = full;
        this.communes = indexCommunes(full);
      }
      return { index: this.communes!, complete: true };
    }
    return this.communes ? { index: this.communes, complete: false } : null;
  }

  private communesFull: MapCommune[] | null = null;
  private searchCount = 0;

  private async findCommune(text: string) {
    const query = text.trim();
    if (query === '') {
      this.form.showCommuneMessage('Écrivez le nom de votre commune ou son code postal.');
      return;
    }
    const ticket = ++this.searchCount;
    if (!this.communesFull) this.form.showCommuneMessage('Recherche de la commune…');
    const found0 = await this.searchIndex();
    if (ticket !== this.searchCount) return; // a newer search was made meanwhile
    if (!found0) {
      this.form.showCommuneMessage(
        'La liste des communes n’est pas encore arrivée. Réessayez dans un instant.',
      );
      return;
    }
    const { index, complete } = found0;
    const found = searchCommunes(index, query);
    const key = normalizeName(query);
    const exact = found.filter(
      (c) => index.keys.get(c) === key || c.codesPostaux.includes(query.replace(/\s+/g, '')),
    );
    const departement = this.feed?.meta.departement.nom;
    if (found.length === 0) {
      this.form.showCommuneMessage(
        complete
          ? `Aucune commune${departement ? ` de ${departement}` : ''} ne correspond à « ${query} ». Vérifiez l’orthographe.`
          : `« ${query} » n’est pas une commune où se trouve un lieu de la carte. Vérifiez l’orthographe, ou choisissez une commune voisine.`,
      );
    } else if (exact.length === 1 && exact[0]) {
      this.chooseCommune(exact[0]);
    } else if (found.length === 1 && found[0]) {
      this.chooseCommune(found[0]);
    } else {
      this.form.showCommuneMessage(
        'Plusieurs communes correspondent. Choisissez la vôtre :',
        exact.length > 1 ? exact : found,
      );
    }
  }

  private chooseCommune(commune: MapCommune) {
    this.form.showCommuneMessage('');
    this.form.clearCommuneField();
    if (!commune.point) {
      this.form.showCommuneMessage(`La position de ${commune.nom} n’est pas connue.`);
      return;
    }
    this.centre = { lat: commune.point[1], lon: commune.point[0], label: commune.nom, commune };
    this.state = { ...this.state, commune: commune.code, lieu: null };
    this.writeUrl(true);
    if (!this.feed) {
      this.form.showCommuneMessage(`${commune.nom} : les lieux arrivent…`);
      return;
    }
    this.render({ moveMap: true });
    // The count and the first results in view, focus there: on a phone they were below the fold.
    this.list.reveal();
  }

  private aroundMe() {
    if (!('geolocation' in navigator)) {
      this.form.showCommuneMessage('Votre appareil ne donne pas sa position. Cherchez plutôt votre commune.');
      return;
    }
    this.form.showCommuneMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.form.showCommuneMessage('');
        this.centre = {
          lat: position.coords.latitude,
          lon: position.coords.longitude,
          label: 'autour de votre position',
          commune: null,
        };
        this.state = { ...this.state, commune: null, lieu: null, rayon: this.state.rayon || DEFAULT_RAYON };
        this.writeUrl(false);
        this.render({ moveMap: true });
      },
      () => {
        this.form.showCommuneMessage(
          'Votre position n’a pas pu être trouvée (elle a peut-être été refusée). Cherchez plutôt votre commune.',
        );
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  }

  private clearCentre() {
    this.centre = null;
    this.state = { ...this.state, commune: null, rayon: DEFAULT_RAYON };
    this.writeUrl(false);
    this.render({ moveMap: true });
  }

  private select(id: string | null, from: 'liste' | 'carte' | 'fermer') {
    if (id) this.loadDetails();
    this.state = { ...this.state, lieu: id };
    this.writeUrl(from !== 'fermer');
    this.renderSelection(from);
  }

  // ---- Rendering ----------------------------------------------------------------------------------

  private queueRender() {
    if (this.renderQueued || !this.feed) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render({ moveMap: false, keepFocus: true });
    });
  }

  private render(options: { moveMap: boolean; keepFocus?: boolean }) {
    const feed = this.feed;
    if (!feed) return;
    const focusedId = options.keepFocus ? document.activeElement?.getAttribute('data-id') : null;
    this.results = search(feed.places, this.state, this.centre, this.communes, this.facts);
    this.form.sync(this.state, this.centre);
    this.list.setContext(this.contextNodes());
    this.list.render(this.results, this.state.lieu);
    const n = this.results.places.length;
    this.form.setResultCount(
      n === 0 ? 'Aucun lieu : voir la liste' : `Voir ${n > 1 ? 'les' : 'le'} ${countText(n, 'résultat')}`,
    );
    this.queueMapUpdate(options.moveMap);
    this.renderSelection(null);
    if (focusedId && this.root.contains(document.activeElement) === false) this.list.focusPlace(focusedId);
  }

  /**
   * The map follows the list in a task of its own, so that the list can be painted first (placing
   * 5,000 markers in clusters takes a while on an old phone). Several renders in a row update it once.
   */
  private queueMapUpdate(moveMap: boolean) {
    const pending = this.mapUpdate;
    this.mapUpdate = { moveMap: moveMap || (pending?.moveMap ?? false) };
    // After the next frame, that is once the list has been painted.
    if (!pending) requestAnimationFrame(() => setTimeout(() => this.updateMap(), 0));
  }

  private updateMap() {
    const update = this.mapUpdate;
    this.mapUpdate = null;
    const feed = this.feed;
    const results = this.results;
    if (!update || !feed || !results) return;
    // Each option's count under the other filters, once the list is painted.
    this.form.setCounts(facetCounts(feed.places, this.state, this.centre, this.communes, this.facts));
    if (!this.map) {
      this.loadDetails();
      return;
    }
    if (update.moveMap) {
      if (this.centre) this.map.showArea(this.centre, this.state.rayon, results.places);
      else {
        this.map.showArea(null, 0, []);
        this.map.fitExtent(feed.meta.emprise, feed.places);
      }
    }
    this.map.show(results.places);
    const wanted = this.state.lieu && this.byId.has(this.state.lieu) ? this.state.lieu : null;
    if (wanted !== this.mapSelected) {
      this.mapSelected = wanted;
      this.map.select(wanted);
    }
    if (!this.mapShown) {
      this.mapShown = true;
      this.loadDetails();
      performance.mark('maillage:premier-affichage');
      this.root.dispatchEvent(
        new CustomEvent('maillage:pret', { bubbles: true, detail: { lieux: feed.places.length } }),
      );
    }
  }

  private renderSelection(from: 'liste' | 'carte' | 'fermer' | null) {
    const place = this.state.lieu ? this.byId.get(this.state.lieu) : undefined;
    this.list.markSelected(place?.id ?? null);
    if (!this.mapUpdate && (from !== null || this.mapSelected !== (place?.id ?? null))) {
      this.mapSelected = place?.id ?? null;
      this.map?.select(this.mapSelected);
    }
    this.root.classList.toggle('mc-avec-fiche', Boolean(place));
    // Printing then gives the fiche d'orientation alone, even inside another site's page.
    togglePrintStyle(this.root, Boolean(place));
    if (!place) {
      const hadDetails = this.detailsZone.firstChild !== null;
      this.detailsZone.replaceChildren();
      this.printZone.replaceChildren();
      if (from === 'fermer' && hadDetails) {
        const previous = this.lastSelected;
        if (!(previous && this.list.focusPlace(previous))) this.list.focusTitle();
      }
      this.updateTitle(null);
      return;
    }
    this.lastSelected = place.id;
    const ctx = this.detailsContext();
    // A refresh (hours read, filters changed) must not drop the focus of someone reading the details.
    const focusables = () => [
      ...this.detailsZone.querySelectorAll<HTMLElement>('a[href], button, [tabindex]'),
    ];
    const focusedIndex = focusables().indexOf(document.activeElement as HTMLElement);
    this.detailsZone.replaceChildren(renderDetails(place, ctx));
    if (focusedIndex >= 0 && from === null) focusables()[focusedIndex]?.focus({ preventScroll: true });
    this.printZone.replaceChildren(renderPrintSheet(place, ctx));
    this.updateTitle(place);
    if (from === 'liste' || from === 'carte') {
      this.detailsZone.scrollIntoView({ block: 'start', behavior: 'auto' });
      this.detailsZone.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
    }
  }

  private lastSelected: string | null = null;
  private mapSelected: string | null = null;
  private baseTitle: string | null = null;

  private updateTitle(place: Place | null) {
    if (!this.root.hasAttribute('data-pleine-page')) return;
    this.baseTitle ??= document.title;
    document.title = place ? `${place.nom} – ${this.baseTitle}` : this.baseTitle;
  }

  private calendarUrl(): string {
    if (this.config.calendrier) return this.config.calendrier;
    const relative = this.feed?.meta.calendrier || 'permanences.ics';
    try {
      return new URL(relative, this.config.flux).href;
    } catch {
      return new URL('../permanences.ics', this.config.base).href;
    }
  }

  private detailsContext(): DetailsContext {
    return {
      facts: this.facts,
      calendarUrl: this.calendarUrl(),
      departement: this.feed?.meta.departement.nom ?? '',
      busNear: (place) => this.busNear(place),
      shareUrl: () => this.shareUrl(),
      pending: this.detailsPending ? (this.detailsFailed ? 'failed' : 'loading') : null,
      onClose: () => this.select(null, 'fermer'),
      onPrint: () => window.print(),
    };
  }

  /** Upcoming passages of the bus in the place's commune (cancelled ones left out), soonest first. */
  private busNear(place: Place): { stop: Place; passage: Passage }[] {
    const out: { stop: Place; passage: Passage }[] = [];
    for (const stop of this.feed?.places ?? []) {
      if (stop.categorie !== 'arret') continue;
      const same = place.code_insee
        ? stop.code_insee === place.code_insee
        : stop.communeKey === place.communeKey;
      if (!same) continue;
      for (const passage of this.facts.passages(stop, false)) out.push({ stop, passage });
    }
    return out.sort(
      (a, b) =>
        a.passage.permanence.date.localeCompare(b.passage.permanence.date) ||
        a.passage.start - b.passage.start,
    );
  }

  /** Above the list: the bus in the chosen commune (or the nearest stop). */
  private contextNodes(): Node[] {
    const feed = this.feed;
    const centre = this.centre;
    if (!feed || !centre) return [];
    const stops = feed.places.filter((p) => p.categorie === 'arret');
    if (stops.length === 0) return [];
    const calendar = h(
      'a',
      { href: this.calendarUrl(), class: 'mc-lien-calendrier' },
      'Ajouter les passages du bus à mon agenda',
    );
    const inCommune =
      centre.commune && this.communes
        ? stops.filter(
            (s) => centre.commune && this.communes && isInCommune(s, centre.commune, this.communes),
          )
        : [];
    const lines: Node[] = [];
    const withPassage = (list: Place[]) =>
      list
        .map((stop) => ({ stop, passage: this.facts.nextPassage(stop) }))
        .filter((x): x is { stop: Place; passage: Passage } => x.passage !== null);
    if (inCommune.length > 0) {
      const next = withPassage(inCommune);
      lines.push(h('h3', null, `Le bus numérique à ${centre.label}`));
      if (next.length === 0) lines.push(h('p', null, 'Aucun passage prévu pour le moment.'));
      for (const { stop, passage } of next) {
        lines.push(
          h('p', null, `Prochain passage : ${this.facts.passageText(passage)}, ${stop.adresse || stop.nom}.`),
        );
      }
    } else {
      const nearest = withPassage(stops)
        .map((x) => ({ ...x, km: distance(centre, x.stop) }))
        .sort((a, b) => a.km - b.km)[0];
      if (!nearest) return [];
      lines.push(
        h('h3', null, 'Le bus numérique'),
        h(
          'p',
          null,
          `${centre.commune ? `Il ne s’arrête pas à ${centre.label}. ` : ''}Arrêt le plus proche : ${nearest.stop.commune} (${distanceText(nearest.km)}), prochain passage ${this.facts.passageText(nearest.passage)}.`,
        ),
      );
    }
    lines.push(h('p', null, calendar));
    return [h('div', { class: 'mc-bus-commune' }, lines)];
  }
}

function distance(centre: Centre, place: Place): number {
  return distanceKm([centre.lon, centre.lat], [place.longitude, place.latitude]);
}

/**
 * While a fiche is shown, the page prints it alone on an A4 page: a few page-wide print rules, added
 * to the document then and removed after (carte.css itself styles nothing outside the map).
 */
const PRINT_STYLE = `@media print {
  @page { size: A4 portrait; margin: 12mm; }
  body * { visibility: hidden; }
  maillage-carte.mc-avec-fiche .mc-zone-impression { position: absolute; left: 0; top: 0; width: 100%; }
}`;
const printing = new Set<HTMLElement>();
let printStyle: HTMLStyleElement | null = null;

function togglePrintStyle(root: HTMLElement, on: boolean) {
  if (on) printing.add(root);
  else printing.delete(root);
  if (printing.size > 0 && !printStyle) {
    printStyle = document.createElement('style');
    printStyle.setAttribute('data-maillage', 'impression-fiche');
    printStyle.textContent = PRINT_STYLE;
    document.head.appendChild(printStyle);
  } else if (printing.size === 0 && printStyle) {
    printStyle.remove();
    printStyle = null;
  }
}
