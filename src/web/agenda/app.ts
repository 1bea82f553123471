/**
 * The agenda page: the network's public meetings from `rencontres.json` (written by `publier` from
 * the same rows as `rencontres.ics`), upcoming first, each with its day and hours in French, its room
 * or « En visioconférence » (the link is never published), its places and its registration form;
 * and the address of `rencontres.ics` to subscribe to. Only GETs of the published files.
 */
import { type Moment, parseMoment } from '../../core/calendar/civil';
import { DEFAULT_TIME_ZONE, momentIn } from '../../core/calendar/wall-clock';
import { type AgendaEntry, type AgendaFeed, agendaOf } from '../../core/publish/agenda';
import type { PublicRencontre } from '../../core/publish/ics';
import { pageAddress } from '../common/address';
import { append, type Child, h, srOnly } from '../common/dom';
import { formatCount } from '../common/text';

interface Config {
  source: string;
  calendrier: string | null;
  maintenant: Moment | null;
}

function readConfig(el: HTMLElement): Config {
  const data = el.dataset;
  return {
    source: pageAddress(data.source, '../rencontres.json'),
    calendrier: data.calendrier ? pageAddress(data.calendrier, '../rencontres.ics') : null,
    maintenant: parseMoment(data.maintenant),
  };
}

/** Reads the feed defensively: anything not shaped like a meeting is left out. */
function readFeed(json: unknown): AgendaFeed {
  const feed = json as Partial<AgendaFeed> | null;
  if (feed?.type !== 'maillage-rencontres' || !Array.isArray(feed.rencontres)) {
    throw new Error('not an agenda');
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const rencontres = feed.rencontres
    .filter((r): r is PublicRencontre => typeof r === 'object' && r !== null)
    .map((r) => ({
      id: text(r.id),
      type: text(r.type),
      sujet: text(r.sujet),
      operateur: text(r.operateur),
      date: text(r.date),
      debut: text(r.debut),
      fin: text(r.fin),
      lieu: text(r.lieu),
      commune: text(r.commune),
      capacite: typeof r.capacite === 'number' ? r.capacite : null,
      public_cible: text(r.public_cible),
      statut: text(r.statut),
      formulaire: text(r.formulaire),
    }));
  return {
    type: 'maillage-rencontres',
    version: 1,
    reseau: text(feed.reseau) ?? 'Rencontres du réseau',
    genere_le: text(feed.genere_le) ?? '',
    calendrier: text(feed.calendrier) ?? 'rencontres.ics',
    rencontres,
  };
}

export class AgendaApp {
  private readonly config: Config;
  private readonly main = h('div', { class: 'ma-agenda' });

  constructor(private readonly root: HTMLElement) {
    this.config = readConfig(root);
  }

  start() {
    this.root.replaceChildren(this.main);
    this.main.append(h('p', { class: 'ma-attente', role: 'status' }, 'Chargement de l’agenda…'));
    fetch(this.config.source, { credentials: 'omit' })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((json) => this.render(readFeed(json)))
      .catch(() => {
        this.main.replaceChildren(
          h(
            'p',
            { class: 'ma-erreur', role: 'alert' },
            'L’agenda n’a pas pu être chargé. Réessayez plus tard, ou demandez à la coordination du réseau de le publier.',
          ),
        );
      });
  }

  private now(): Moment {
    return this.config.maintenant ?? momentIn(new Date(), DEFAULT_TIME_ZONE);
  }

  private render(feed: AgendaFeed) {
    const full = this.root.hasAttribute('data-pleine-page');
    if (full) document.title = feed.reseau;
    const [title, section, item] = full ? (['h1', 'h2', 'h3'] as const) : (['h2', 'h3', 'h4'] as const);
    const agenda = agendaOf(feed.rencontres, this.now());
    const calendar = this.config.calendrier ?? new URL(feed.calendrier, this.config.source).href;
    this.main.replaceChildren();
    const list = (entries: readonly AgendaEntry[], past: boolean) =>
      h('ol', { class: 'ma-liste' }, ...entries.map((e) => this.entry(e, item, past)));
    append(this.main, [
      h(title, { class: 'ma-titre' }, feed.reseau),
      h(
        'p',
        { class: 'ma-intro' },
        'Formations sur les services des opérateurs, échanges de pratiques et réunions du réseau, ouverts aux professionnels de l’accompagnement au numérique.',
      ),
      h(
        'div',
        { class: 'ma-abonnement' },
        h('p', null, h('a', { href: calendar, class: 'ma-bouton' }, 'S’abonner à l’agenda du réseau (.ics)')),
        h(
          'p',
          { class: 'ma-aide' },
          'Ou copiez cette adresse dans votre agenda (Google Agenda : « Autres agendas », « À partir de l’URL » ; Outlook : « Ajouter un calendrier », « À partir d’Internet ») : ',
          h('code', null, calendar),
        ),
      ),
      h(section, { class: 'ma-section' }, 'À venir'),
      agenda.aVenir.length
        ? list(agenda.aVenir, false)
        : h('p', null, 'Aucune rencontre à venir n’est annoncée pour le moment.'),
      agenda.passees.length
        ? h(
            'details',
            { class: 'ma-passees' },
            h('summary', null, `Rencontres passées (${formatCount(agenda.passees.length)})`),
            list(agenda.passees, true),
          )
        : null,
    ]);
  }

  private entry(e: AgendaEntry, heading: 'h3' | 'h4', past: boolean): HTMLLIElement {
    const line = (label: string, ...value: Child[]) =>
      h('li', null, h('span', { class: 'ma-etiquette' }, `${label} : `), ...value);
    return h(
      'li',
      { class: `ma-rencontre${e.annulee ? ' ma-annulee' : ''}`, 'data-id': e.id },
      h(
        heading,
        { class: 'ma-sujet' },
        e.annulee ? h('span', { class: 'ma-badge' }, 'Annulée') : null,
        e.annulee ? ' ' : null,
        e.sujet,
      ),
      h('p', { class: 'ma-type' }, e.operateur ? `${e.type} — ${e.operateur}` : e.type),
      h(
        'ul',
        { class: 'ma-details' },
        line(
          'Quand',
          h('time', { datetime: `${e.date}T${e.debut}` }, e.jour),
          e.heures ? `, ${e.heures}` : '',
        ),
        line('Où', e.lieu, e.visio && !past ? ' (le lien est envoyé aux inscrits)' : ''),
        e.places ? line('Places', e.places) : null,
        e.public ? line('Public', e.public) : null,
      ),
      e.inscription
        ? h(
            'p',
            null,
            h(
              'a',
              { href: e.inscription, class: 'ma-inscription', target: '_blank', rel: 'noopener' },
              'S’inscrire',
              srOnly(` à « ${e.sujet} » (formulaire, nouvelle fenêtre)`),
            ),
          )
        : null,
    );
  }
}
