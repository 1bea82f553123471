/**
 * The diagnostic page: the questions of the workbook's `Diagnostic` tab, asked with the person; the
 * result in plain words (profile, obstacles and arguments, what to propose); nearby places and the
 * map already filtered; a printable blank questionnaire and a one-page fiche for the person.
 *
 * Nothing leaves the browser and nothing is kept: the answers live in this object only (no
 * storage, no cookie, no URL), and the only requests are GETs of the published files.
 */
import { DEFAULT_TIME_ZONE, momentIn } from '../../core/calendar/wall-clock';
import { type Answers, type Assessment, assess } from '../../core/diagnostic/assess';
import type { DiagnosticContent, Question } from '../../core/diagnostic/types';
import { describeWeek } from '../../core/french/hours';
import { parseSimpleHours } from '../../core/hours/schedule';
import {
  type CommuneIndex,
  indexCommunes,
  type MapCommune,
  readCommunes,
  searchCommunes,
} from '../carte/communes';
import { loadFeed, type Place } from '../carte/places';
import { BRING } from '../carte/view/details';
import { pageAddress } from '../common/address';
import { append, type Child, h, uid } from '../common/dom';
import { countText, distanceText } from '../common/text';
import { readContent } from './content';
import { mapFragment, type Nearby, nearbyPlaces } from './orientation';

interface Config {
  contenu: string;
  communes: string;
  flux: string;
  carte: string;
}

function readConfig(el: HTMLElement): Config {
  const data = el.dataset;
  return {
    contenu: pageAddress(data.contenu, '../diagnostic.json'),
    communes: pageAddress(data.communes, '../carte/communes.json'),
    flux: pageAddress(data.flux, '../lieux.geojson'),
    carte: pageAddress(data.carte, '../carte/'),
  };
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

const PRINT_CLASSES = ['md-impression-fiche', 'md-impression-vierge'] as const;

export class DiagnosticApp {
  private readonly config: Config;
  private content: DiagnosticContent | null = null;
  private answers: Record<string, string[]> = {};
  private assessment: Assessment | null = null;
  private commune: MapCommune | null = null;
  private nearby: Nearby[] = [];
  private chosen: Place | null = null;
  private communes: Promise<CommuneIndex | null> | null = null;
  private places: Promise<Place[] | null> | null = null;

  private readonly main = h('div', { class: 'md-diagnostic' });
  private readonly printZone = h('div', { class: 'md-zone-impression' });
  private readonly live = h('p', { class: 'mc-invisible', 'aria-live': 'polite', role: 'status' });

  constructor(private readonly root: HTMLElement) {
    this.config = readConfig(root);
  }

  start() {
    this.root.replaceChildren(this.main, this.printZone, this.live);
    this.main.append(h('p', { class: 'md-attente' }, 'Chargement du questionnaire…'));
    window.addEventListener('afterprint', this.afterPrint);
    getJson(this.config.contenu)
      .then((json) => {
        this.content = readContent(json);
        this.renderQuestions();
      })
      .catch(() => {
        this.main.replaceChildren(
          h(
            'p',
            { class: 'md-erreur', role: 'alert' },
            'Le questionnaire n’a pas pu être chargé. Réessayez plus tard, ou demandez à la coordination du réseau de le publier.',
          ),
        );
      });
  }

  stop() {
    window.removeEventListener('afterprint', this.afterPrint);
  }

  private readonly afterPrint = () => {
    for (const c of PRINT_CLASSES) document.documentElement.classList.remove(c);
  };

  private print(kind: (typeof PRINT_CLASSES)[number], sheet: HTMLElement) {
    this.printZone.replaceChildren(sheet);
    this.afterPrint();
    document.documentElement.classList.add(kind);
    window.print();
  }

  // ---- The questions ---------------------------------------------------------------------------

  private renderQuestions() {
    const content = this.content!;
    const t = content.textes;
    const titleId = uid('titre');
    if (this.root.hasAttribute('data-pleine-page')) document.title = t.titre;
    const form = h('form', { class: 'md-questions', 'aria-labelledby': titleId, novalidate: true });
    const list = h(
      'ol',
      { class: 'md-liste-questions' },
      content.questions.map((q, i) => h('li', null, this.renderQuestion(q, i))),
    );
    const submit = h(
      'button',
      { type: 'submit', class: 'md-bouton md-bouton--principal' },
      'Voir le résultat',
    );
    form.append(list, h('div', { class: 'md-barre' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.showResult();
    });
    form.addEventListener('change', (event) => this.onAnswer(event));
    const blank = h('button', { type: 'button', class: 'md-bouton' }, 'Imprimer le questionnaire vierge');
    blank.addEventListener('click', () => this.print('md-impression-vierge', this.blankSheet()));
    this.main.replaceChildren(
      h(
        'header',
        { class: 'md-entete' },
        h(
          this.root.hasAttribute('data-pleine-page') ? 'h1' : 'h2',
          { id: titleId, class: 'md-titre' },
          t.titre,
        ),
        h('p', null, t.introduction),
        h('p', { class: 'md-confidentialite' }, t.confidentialite),
        h('div', { class: 'md-barre' }, blank),
      ),
      form,
      h('section', { class: 'md-resultat', hidden: true }),
    );
  }

  private renderQuestion(q: Question, i: number): HTMLElement {
    const name = `md-${q.code}`;
    const hintId = q.precision ? uid('aide') : null;
    return h(
      'fieldset',
      { class: 'md-question', ...(hintId ? { 'aria-describedby': hintId } : {}) },
      h(
        'legend',
        null,
        h('span', { class: 'md-numero' }, `${i + 1}.`),
        ' ',
        q.texte,
        q.multiple ? h('span', { class: 'md-plusieurs' }, ' (plusieurs réponses possibles)') : null,
      ),
      hintId ? h('p', { id: hintId, class: 'md-aide' }, q.precision) : null,
      h(
        'div',
        { class: 'md-choix-liste' },
        q.reponses.map((r) => {
          const id = uid('rep');
          return h(
            'div',
            { class: 'md-choix' },
            h('input', {
              type: q.multiple ? 'checkbox' : 'radio',
              id,
              name,
              value: r.code,
              'data-question': q.code,
            }),
            h('label', { for: id }, r.texte),
          );
        }),
      ),
    );
  }

  private onAnswer(event: Event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.question) return;
    const q = input.dataset.question;
    const checked = [
      ...this.main.querySelectorAll<HTMLInputElement>(`input[data-question="${CSS.escape(q)}"]`),
    ]
      .filter((x) => x.checked)
      .map((x) => x.value);
    this.answers[q] = checked;
  }

  // ---- The result ------------------------------------------------------------------------------

  private showResult() {
    const content = this.content!;
    this.assessment = assess(content, this.answers as Answers);
    this.chosen = null;
    this.nearby = [];
    const zone = this.main.querySelector<HTMLElement>('.md-resultat')!;
    zone.hidden = false;
    zone.replaceChildren();
    append(zone, this.renderResult(this.assessment));
    zone.querySelector<HTMLElement>('h2')?.focus();
    if (this.commune) void this.findPlaces();
  }

  private renderResult(a: Assessment): Child[] {
    const t = this.content!.textes;
    const titleId = uid('resultat');
    const out: Child[] = [
      h('h2', { id: titleId, tabindex: -1 }, t.resultat),
      a.sansReponse.length > 0
        ? h(
            'p',
            { class: 'md-note' },
            `${countText(a.sansReponse.length, 'question est restée', 'questions sont restées')} sans réponse : le résultat en tient compte.`,
          )
        : null,
      h(
        'div',
        { class: 'md-bloc md-profil' },
        h('h3', null, 'Profil'),
        h('p', { class: 'md-profil-nom' }, a.profil.texte),
        h('p', null, `${a.points} points d’autonomie sur ${a.maximum}.`),
        h('h3', null, 'Ce qu’il faut proposer'),
        h('p', null, a.profil.precision),
        a.profil.prochaine_etape
          ? h('p', null, h('strong', null, 'Prochaine étape : '), a.profil.prochaine_etape)
          : null,
      ),
    ];
    if (a.besoins.length > 0) {
      out.push(
        h(
          'div',
          { class: 'md-bloc' },
          h('h3', null, 'Démarches à faire'),
          h(
            'ul',
            null,
            a.besoins.flatMap((b) => b.reponses.map((r) => h('li', null, r.texte))),
          ),
        ),
      );
    }
    out.push(
      h(
        'div',
        { class: 'md-bloc' },
        h(
          'h3',
          null,
          a.obstacles.length > 0 ? `Obstacles repérés (${a.obstacles.length})` : 'Obstacles repérés',
        ),
        a.obstacles.length === 0
          ? h('p', null, 'Aucun obstacle particulier.')
          : h(
              'ul',
              { class: 'md-obstacles' },
              a.obstacles.map((o) =>
                h(
                  'li',
                  { class: 'md-obstacle' },
                  h('h4', null, o.texte),
                  o.precision ? h('p', null, o.precision) : null,
                  o.arguments.length > 0
                    ? [
                        h('p', { class: 'md-convaincre' }, 'Pour convaincre :'),
                        h(
                          'ul',
                          null,
                          o.arguments.map((x) => h('li', null, x)),
                        ),
                      ]
                    : null,
                  o.prochaine_etape
                    ? h('p', null, h('strong', null, 'Prochaine étape : '), o.prochaine_etape)
                    : null,
                ),
              ),
            ),
      ),
    );
    out.push(this.renderSearch(a));
    const print = h(
      'button',
      { type: 'button', class: 'md-bouton md-bouton--principal' },
      'Imprimer la fiche pour la personne',
    );
    print.addEventListener('click', () => this.print('md-impression-fiche', this.summarySheet()));
    const again = h(
      'button',
      { type: 'button', class: 'md-bouton' },
      'Effacer les réponses (personne suivante)',
    );
    again.addEventListener('click', () => this.reset());
    out.push(
      h(
        'div',
        { class: 'md-bloc' },
        h('h3', null, 'Fiche pour la personne'),
        h('p', null, 'Une page à lui remettre : sa prochaine étape et le lieu choisi, sans ses réponses.'),
        h('div', { class: 'md-barre' }, print, again),
      ),
    );
    return out;
  }

  private criteriaLines(a: Assessment): string[] {
    const c = a.criteres;
    const lines: string[] = [];
    if (c.services.length > 0) lines.push(`Services : ${c.services.join(', ')}`);
    if (c.modalites_accompagnement.length > 0)
      lines.push(`Accompagnement : ${c.modalites_accompagnement.join(', ')}`);
    if (c.publics_specifiquement_adresses.length > 0)
      lines.push(`Publics : ${c.publics_specifiquement_adresses.join(', ')}`);
    if (c.prise_en_charge_specifique.length > 0)
      lines.push(`Prise en charge : ${c.prise_en_charge_specifique.join(', ')}`);
    if (c.frais_a_charge.length > 0) lines.push(`Frais : ${c.frais_a_charge.join(', ')}`);
    if (a.passNumerique) lines.push('Demander si le lieu accepte le Pass Numérique (chèques APTIC)');
    return lines;
  }

  private renderSearch(a: Assessment): HTMLElement {
    const inputId = uid('commune');
    const hintId = uid('commune-aide');
    const input = h('input', {
      id: inputId,
      class: 'md-champ',
      type: 'text',
      autocomplete: 'off',
      'aria-describedby': hintId,
      value: this.commune?.nom ?? '',
    });
    const button = h('button', { type: 'submit', class: 'md-bouton' }, 'Chercher les lieux');
    const form = h(
      'form',
      { class: 'md-recherche', role: 'search', 'aria-label': 'Lieux près de la commune de la personne' },
      h('label', { for: inputId }, 'Commune de la personne'),
      h('p', { id: hintId, class: 'md-aide' }, 'Nom ou code postal, par exemple Saint-Junien ou 87200.'),
      h('div', { class: 'md-ligne' }, input, button),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.searchCommune(input.value);
    });
    return h(
      'div',
      { class: 'md-bloc' },
      h('h3', null, 'Trouver un lieu près de chez la personne'),
      h('p', null, 'On cherchera, dans les mots de la carte nationale :'),
      h(
        'ul',
        { class: 'md-criteres' },
        this.criteriaLines(a).map((l) => h('li', null, l)),
      ),
      form,
      h('div', { class: 'md-lieux' }),
    );
  }

  private loadCommunes(): Promise<CommuneIndex | null> {
    this.communes ??= getJson(this.config.communes)
      .then((json) => indexCommunes(readCommunes(json)))
      .catch(() => null);
    return this.communes;
  }

  private loadPlaces(): Promise<Place[] | null> {
    this.places ??= loadFeed(this.config.flux)
      .then((feed) => feed.places)
      .catch(() => null);
    return this.places;
  }

  private async searchCommune(query: string) {
    const zone = this.main.querySelector<HTMLElement>('.md-lieux')!;
    const index = await this.loadCommunes();
    const found = index ? searchCommunes(index, query, 1)[0] : undefined;
    if (!found) {
      this.commune = null;
      zone.replaceChildren(
        h(
          'p',
          { class: 'md-erreur', role: 'alert' },
          `Aucune commune trouvée pour « ${query.trim()} » : vérifiez l’orthographe ou tapez le code postal.`,
        ),
      );
      return;
    }
    this.commune = found;
    await this.findPlaces();
  }

  private async findPlaces() {
    const zone = this.main.querySelector<HTMLElement>('.md-lieux');
    const a = this.assessment;
    const commune = this.commune;
    if (!zone || !a || !commune) return;
    const [index, places] = await Promise.all([this.loadCommunes(), this.loadPlaces()]);
    const now = momentIn(new Date(), DEFAULT_TIME_ZONE);
    this.nearby = places && index ? nearbyPlaces(places, a, commune, index, now) : [];
    this.chosen = this.nearby[0]?.place ?? null;
    const link = h(
      'a',
      { class: 'md-lien-carte', href: `${this.config.carte}#${mapFragment(a, commune)}` },
      `Voir les lieux sur la carte, autour de ${commune.nom}`,
    );
    const items: Child[] = [];
    if (places === null) {
      items.push(
        h('p', { class: 'md-erreur' }, 'La liste des lieux n’a pas pu être chargée : ouvrez la carte.'),
      );
    } else if (this.nearby.length === 0) {
      items.push(
        h(
          'p',
          null,
          `Aucun lieu ne correspond à moins de 20 km de ${commune.nom} : la carte en montre d’autres, un peu plus loin.`,
        ),
      );
    } else {
      const name = uid('lieu');
      items.push(
        h(
          'fieldset',
          { class: 'md-question' },
          h('legend', null, `Lieux proches de ${commune.nom} : choisissez celui de la fiche`),
          h(
            'div',
            { class: 'md-choix-liste' },
            this.nearby.map((n, i) => {
              const id = uid('choix-lieu');
              const input = h('input', { type: 'radio', id, name, value: n.place.id, checked: i === 0 });
              input.addEventListener('change', () => {
                if (input.checked) this.chosen = n.place;
              });
              return h(
                'div',
                { class: 'md-choix' },
                input,
                h(
                  'label',
                  { for: id },
                  h('span', { class: 'md-lieu-nom' }, n.place.nom),
                  ` — ${n.place.commune}, ${distanceText(n.km)}`,
                  n.nextPassage
                    ? h(
                        'span',
                        { class: 'md-lieu-bus' },
                        ` Bus numérique : prochain passage ${n.nextPassage}.`,
                      )
                    : null,
                ),
              );
            }),
          ),
        ),
      );
    }
    zone.replaceChildren();
    append(zone, [...items, h('p', null, link)]);
    this.live.textContent = `${countText(this.nearby.length, 'lieu proposé', 'lieux proposés')} près de ${commune.nom}.`;
  }

  private reset() {
    this.answers = {};
    this.assessment = null;
    this.commune = null;
    this.chosen = null;
    this.nearby = [];
    this.renderQuestions();
    this.printZone.replaceChildren();
    this.main.querySelector<HTMLElement>('.md-titre')?.setAttribute('tabindex', '-1');
    this.main.querySelector<HTMLElement>('.md-titre')?.focus();
    this.live.textContent = 'Réponses effacées.';
  }

  // ---- Printing --------------------------------------------------------------------------------

  private blankSheet(): HTMLElement {
    const content = this.content!;
    return h(
      'div',
      { class: 'md-feuille md-feuille--vierge' },
      h('p', { class: 'md-fe-titre' }, content.textes.titre),
      h('p', null, content.textes.introduction),
      h(
        'ol',
        { class: 'md-fe-questions' },
        content.questions.map((q) =>
          h(
            'li',
            null,
            h('p', { class: 'md-fe-question' }, q.texte, q.multiple ? ' (plusieurs réponses possibles)' : ''),
            h(
              'ul',
              { class: 'md-fe-cases' },
              q.reponses.map((r) => h('li', null, `☐ ${r.texte}`)),
            ),
          ),
        ),
      ),
      h('p', null, 'Commune : ______________________________'),
    );
  }

  private summarySheet(): HTMLElement {
    const a = this.assessment!;
    const t = this.content!.textes;
    const steps = [a.profil.prochaine_etape, ...a.obstacles.map((o) => o.prochaine_etape)].filter(
      (s, i, all) => s && all.indexOf(s) === i,
    );
    const place = this.chosen;
    const today = momentIn(new Date(), DEFAULT_TIME_ZONE).date;
    const placeBlock: Child[] = [h('h2', null, 'Le lieu où aller')];
    if (place) {
      const nearby = this.nearby.find((n) => n.place.id === place.id);
      const schedule = place.horaires ? parseSimpleHours(place.horaires) : null;
      const hours = schedule
        ? describeWeek(schedule, today, { departement: '' })
        : place.horaires
          ? place.horaires
          : null;
      placeBlock.push(
        h('p', { class: 'md-fe-lieu' }, place.nom),
        h(
          'p',
          null,
          [place.adresse, place.complement_adresse, `${place.code_postal} ${place.commune}`]
            .filter(Boolean)
            .join(', '),
        ),
        place.categorie === 'arret'
          ? h('p', null, `Bus numérique : prochain passage ${nearby?.nextPassage ?? 'à confirmer'}.`)
          : h('p', null, `Horaires : ${hours ?? 'appelez avant de venir.'}`),
        place.telephone ? h('p', null, `Téléphone : ${place.telephone}`) : null,
        place.courriels[0] ? h('p', null, `Courriel : ${place.courriels[0]}`) : null,
        place.prise_rdv ? h('p', null, `Rendez-vous en ligne : ${place.prise_rdv}`) : null,
      );
    } else {
      placeBlock.push(h('p', null, 'Nom, adresse et téléphone :'), h('div', { class: 'md-fe-lignes' }));
    }
    return h(
      'div',
      { class: 'md-feuille md-feuille--fiche' },
      h('p', { class: 'md-fe-titre' }, t['fiche-titre']),
      h('h2', null, 'Ma prochaine étape'),
      h(
        'ul',
        null,
        steps.map((s) => h('li', null, s)),
      ),
      placeBlock,
      h('h2', null, 'À apporter, si vous les avez'),
      h(
        'ul',
        null,
        BRING.map((b) => h('li', null, b)),
      ),
      h('h2', null, 'Rendez-vous, notes'),
      h('div', { class: 'md-fe-lignes' }),
      h('p', { class: 'md-fe-pied' }, t['fiche-pied']),
    );
  }
}
