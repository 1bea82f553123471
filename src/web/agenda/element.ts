/**
 * <maillage-agenda>: the network's public meetings, for sites that embed them with a script tag.
 *
 *   <script src="https://exemple.fr/agenda/agenda.js" defer></script>
 *   <maillage-agenda></maillage-agenda>
 *
 * Attributes: data-source (rencontres.json), data-calendrier (rencontres.ics, to subscribe to),
 * data-maintenant (fixed clock, `2026-12-01T10:00` on the Paris wall clock), data-pleine-page (the
 * element is the whole page: it sets the document title and its title is the page's h1).
 */
import { AgendaApp } from './app';

export class MaillageAgenda extends HTMLElement {
  private app: AgendaApp | null = null;

  connectedCallback() {
    if (this.app) return;
    this.app = new AgendaApp(this);
    this.app.start();
  }

  disconnectedCallback() {
    this.app = null;
  }
}

export function defineElement() {
  if (!customElements.get('maillage-agenda')) customElements.define('maillage-agenda', MaillageAgenda);
}
