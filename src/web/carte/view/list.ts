/**
 * The list of places, always present beside the map, in the same order as the map's markers. Each
 * place is a link to its details (the URL fragment names it), so it works with a keyboard, a screen
 * reader, « open in a new tab » and « copy the link ». Long results come 50 at a time.
 */
import { addressLine, LIST_PAGE_SIZE, placesCountText } from '../../../core/publish/map-first-page';
import { h, ICONS, icon, uid } from '../../common/dom';
import { countText, distanceText } from '../../common/text';
import type { Place } from '../places';
import type { Results } from '../search';
import type { PlaceFacts } from '../status';

export const PAGE_SIZE = LIST_PAGE_SIZE;

export interface ListCallbacks {
  /** The URL of a place's details (its fragment). */
  hrefFor(id: string): string;
  onSelect(id: string): void;
}

export class ListView {
  readonly el: HTMLElement;
  readonly titleId = uid('titre-liste');
  private readonly summary: HTMLElement;
  private readonly context: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLElement;
  private results: Results | null = null;
  private shown = 0;
  private selectedId: string | null = null;

  constructor(
    private readonly facts: PlaceFacts,
    private readonly callbacks: ListCallbacks,
  ) {
    this.summary = h('p', { class: 'mc-resume', role: 'status' });
    this.context = h('div', { class: 'mc-contexte' });
    this.list = h('ol', { class: 'mc-liste', 'aria-labelledby': this.titleId });
    this.more = h('div', { class: 'mc-plus' });
    this.el = h(
      'section',
      { class: 'mc-resultats', 'aria-labelledby': this.titleId },
      h('h2', { id: this.titleId, class: 'mc-titre-section', tabindex: '-1' }, 'Liste des lieux'),
      this.summary,
      this.context,
      this.list,
      this.more,
    );
    this.list.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
        return;
      const link = (event.target as Element).closest('a[data-id]');
      if (!link) return;
      event.preventDefault();
      this.callbacks.onSelect(link.getAttribute('data-id') ?? '');
    });
  }

  /** The box above the list (commune, bus passages). */
  setContext(nodes: Node[]) {
    this.context.replaceChildren(...nodes);
  }

  /**
   * Takes over the first page the publisher wrote into the page (see map-first-page.ts): its items
   * stay on screen, as they are, until the feed is read and the real list drawn.
   */
  adoptFirstPage(section: Element) {
    const items = [...section.querySelectorAll('ol > li')];
    if (items.length === 0) return;
    this.firstPage = true;
    this.summary.textContent = section.querySelector('.mc-resume')?.textContent ?? '';
    this.list.replaceChildren(...items);
  }

  private firstPage = false;

  /** While the feed loads; the first page written in the page, if any, stays unless `drop`. */
  setLoading(message: string, drop = false) {
    if (drop) this.firstPage = false;
    if (this.firstPage) {
      this.more.replaceChildren(h('p', { class: 'mc-aide' }, message));
      return;
    }
    this.summary.textContent = message;
    this.list.replaceChildren();
    this.more.replaceChildren();
  }

  render(results: Results, selectedId: string | null) {
    this.firstPage = false;
    this.results = results;
    this.selectedId = selectedId;
    const n = results.places.length;
    const summary =
      n === 0
        ? 'Aucun lieu ne correspond à votre recherche. Essayez d’enlever un filtre ou d’agrandir la distance.'
        : `${placesCountText(results.lieux, results.arrets)} ${n > 1 ? 'correspondent' : 'correspond'} à votre recherche.${
            results.pending ? ' Lecture des horaires en cours…' : ''
          }`;
    // Unchanged, it is not written again: screen readers would say it again.
    if (this.summary.textContent !== summary) this.summary.textContent = summary;
    this.list.replaceChildren();
    this.shown = 0;
    // Keep the selected place visible in the list.
    const selectedIndex = selectedId ? results.places.findIndex((p) => p.id === selectedId) : -1;
    this.showUpTo(Math.max(PAGE_SIZE, Math.ceil((selectedIndex + 1) / PAGE_SIZE) * PAGE_SIZE));
  }

  private showUpTo(limit: number): HTMLElement | null {
    if (!this.results) return null;
    const places = this.results.places;
    const end = Math.min(limit, places.length);
    let first: HTMLElement | null = null;
    const fragment = document.createDocumentFragment();
    for (let i = this.shown; i < end; i++) {
      const place = places[i];
      if (!place) continue;
      const item = this.item(place);
      fragment.appendChild(item);
      first ??= item;
    }
    this.list.appendChild(fragment);
    this.shown = end;
    this.renderMore();
    return first;
  }

  private renderMore() {
    const total = this.results?.places.length ?? 0;
    const left = total - this.shown;
    if (left <= 0) {
      this.more.replaceChildren();
      return;
    }
    const next = Math.min(PAGE_SIZE, left);
    const button = h(
      'button',
      { type: 'button', class: 'mc-bouton mc-bouton--secondaire mc-bouton--large' },
      `Afficher ${countText(next, 'lieu suivant', 'lieux suivants')} (${countText(left, 'restant', 'restants')})`,
    );
    button.addEventListener('click', () => {
      const first = this.showUpTo(this.shown + PAGE_SIZE);
      first?.querySelector('a')?.focus();
    });
    this.more.replaceChildren(
      h(
        'p',
        { class: 'mc-aide' },
        `${countText(this.shown, 'lieu affiché', 'lieux affichés')} sur ${total}.`,
      ),
      button,
    );
  }

  private item(place: Place): HTMLLIElement {
    const status = this.facts.status(place);
    const distance = this.results?.distances?.get(place.id);
    const isStop = place.categorie === 'arret';
    const address = addressLine(place);
    const link = h(
      'a',
      {
        class: 'mc-lien-lieu',
        href: this.callbacks.hrefFor(place.id),
        'data-id': place.id,
        'aria-current': place.id === this.selectedId ? 'true' : null,
      },
      h(
        'span',
        { class: 'mc-lieu-entete' },
        icon(isStop ? ICONS.bus : ICONS.lieu, `mc-icone mc-icone--${isStop ? 'arret' : 'lieu'}`),
        h('span', { class: 'mc-lieu-nom' }, place.nom),
      ),
      isStop ? h('span', { class: 'mc-etiquette-bus' }, 'Arrêt du bus numérique') : null,
      h('span', { class: 'mc-lieu-adresse' }, address),
      distance === undefined ? null : h('span', { class: 'mc-lieu-distance' }, distanceText(distance)),
      h('span', { class: `mc-etat mc-etat--${status.kind}` }, status.text),
    );
    return h('li', { class: 'mc-element' }, link);
  }

  /** Marks the selected place (aria-current). */
  markSelected(id: string | null) {
    this.selectedId = id;
    for (const a of this.list.querySelectorAll('a[data-id]')) {
      if (a.getAttribute('data-id') === id) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
  }

  focusPlace(id: string): boolean {
    for (const a of this.list.querySelectorAll<HTMLAnchorElement>('a[data-id]')) {
      if (a.getAttribute('data-id') === id) {
        a.focus();
        return true;
      }
    }
    return false;
  }

  focusTitle() {
    this.el.querySelector<HTMLElement>('h2')?.focus();
  }

  /**
   * After a search: the list's title, the count and the first results at the top of the screen,
   * focus on the title (a screen reader reads « Liste des lieux », then the count).
   */
  reveal() {
    const title = this.el.querySelector<HTMLElement>('h2');
    if (!title) return;
    title.scrollIntoView({ block: 'start', behavior: 'auto' });
    title.focus({ preventScroll: true });
  }
}
