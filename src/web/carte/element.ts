/**
 * <maillage-carte>: the map as a custom element, for sites that embed it with a script tag.
 *
 *   <script src="https://exemple.fr/carte/carte.js" defer></script>
 *   <maillage-carte data-flux="https://exemple.fr/lieux.geojson"></maillage-carte>
 *
 * Attributes: data-flux, data-communes, data-calendrier, data-tuiles, data-attribution,
 * data-maintenant (fixed clock, `2026-12-01T10:00`), data-etat-url="non" (leave the page's URL
 * alone), data-pleine-page (the element is the whole page: it may set the document title).
 */
import { MapApp } from './app';

export class MaillageCarte extends HTMLElement {
  private app: MapApp | null = null;

  connectedCallback() {
    if (this.app) return;
    this.app = new MapApp(this);
    this.app.start();
  }

  disconnectedCallback() {
    this.app?.stop();
    this.app = null;
  }
}

export function defineElement() {
  if (!customElements.get('maillage-carte')) customElements.define('maillage-carte', MaillageCarte);
}
