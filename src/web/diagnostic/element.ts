/**
 * <maillage-diagnostic>: the diagnostic page as a custom element, for sites that embed it with a
 * script tag.
 *
 *   <script src="https://exemple.fr/diagnostic/diagnostic.js" defer></script>
 *   <maillage-diagnostic></maillage-diagnostic>
 *
 * Attributes: data-contenu (diagnostic.json), data-flux (lieux.geojson), data-communes
 * (carte/communes.json), data-carte (the map's page, opened filtered), data-pleine-page (the
 * element is the whole page: it sets the document title and its title is the page's h1).
 */
import { DiagnosticApp } from './app';

export class MaillageDiagnostic extends HTMLElement {
  private app: DiagnosticApp | null = null;

  connectedCallback() {
    if (this.app) return;
    this.app = new DiagnosticApp(this);
    this.app.start();
  }

  disconnectedCallback() {
    this.app?.stop();
    this.app = null;
  }
}

export function defineElement() {
  if (!customElements.get('maillage-diagnostic'))
    customElements.define('maillage-diagnostic', MaillageDiagnostic);
}
