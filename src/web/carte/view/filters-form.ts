/**
 * The search form: commune (or postcode) and « autour de moi », then the filters of the national
 * map. Every control is a native one with a visible label; changes apply at once.
 */

import { h, ICONS, icon, srOnly, uid } from '../../common/dom';
import { formatCount } from '../../common/text';
import type { MapCommune } from '../communes';
import {
  activeFilterCount,
  type FilterGroup,
  GROUPS,
  type GroupKey,
  type PlaceKind,
  RAYONS,
  type ViewState,
} from '../filters';
import type { Centre } from '../search';

export interface FiltersCallbacks {
  onChange(patch: Partial<ViewState>): void;
  onCommuneQuery(text: string): void;
  onCommuneChosen(commune: MapCommune): void;
  onAroundMe(): void;
  onClearCentre(): void;
  onReset(): void;
  /** « Voir les N lieux »: the list's count and first results brought into view. */
  onShowResults(): void;
}

type BooleanKey = 'ouvertMaintenant' | 'weekEnd' | 'gratuit' | 'passNumerique' | 'rdvEnLigne';

export class FiltersForm {
  readonly el: HTMLFormElement;
  private readonly communeInput: HTMLInputElement;
  private readonly communeMessage: HTMLElement;
  private readonly centreBox: HTMLElement;
  private readonly rayonSelect: HTMLSelectElement;
  private readonly rayonRow: HTMLElement;
  private readonly booleans = new Map<BooleanKey, HTMLInputElement>();
  private readonly radios = new Map<PlaceKind, HTMLInputElement>();
  private readonly groupBoxes = new Map<
    GroupKey,
    {
      details: HTMLDetailsElement;
      inputs: HTMLInputElement[];
      count: HTMLElement;
      numbers: Map<string, HTMLElement>;
    }
  >();
  private readonly groupsHolder: HTMLElement;
  private readonly allFilters: HTMLDetailsElement;
  private readonly allFiltersCount: HTMLElement;
  private readonly showResults: HTMLButtonElement;

  constructor(private readonly callbacks: FiltersCallbacks) {
    const titleId = uid('titre-filtres');
    const inputId = uid('commune');
    const hintId = uid('commune-aide');
    const rayonId = uid('rayon');

    this.communeInput = h('input', {
      id: inputId,
      type: 'search',
      class: 'mc-champ',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': hintId,
    });
    this.communeMessage = h('div', { class: 'mc-commune-message', 'aria-live': 'polite' });
    this.centreBox = h('div', { class: 'mc-centre', hidden: true });
    this.rayonSelect = h(
      'select',
      { id: rayonId, class: 'mc-champ' },
      RAYONS.map((km) =>
        h('option', { value: String(km) }, km === 0 ? 'Dans la commune seulement' : `À moins de ${km} km`),
      ),
    );
    this.rayonSelect.addEventListener('change', () =>
      this.callbacks.onChange({ rayon: Number(this.rayonSelect.value) }),
    );
    this.rayonRow = h(
      'p',
      { class: 'mc-rayon', hidden: true },
      h('label', { for: rayonId }, 'Distance'),
      this.rayonSelect,
    );

    const aroundMe = h(
      'button',
      { type: 'button', class: 'mc-bouton mc-bouton--secondaire' },
      icon(ICONS.position),
      'Autour de moi',
    );
    aroundMe.addEventListener('click', () => this.callbacks.onAroundMe());

    const typeName = uid('type-lieu');
    const typeField = h(
      'fieldset',
      { class: 'mc-groupe' },
      h('legend', null, 'Type de lieu'),
      (
        [
          ['tous', 'Tous'],
          ['lieux', 'Lieux fixes'],
          ['bus', 'Arrêts du bus numérique'],
        ] as [PlaceKind, string][]
      ).map(([value, label]) => {
        const id = uid('type');
        const input = h('input', { type: 'radio', name: typeName, id, value, checked: value === 'tous' });
        input.addEventListener('change', () => {
          if (input.checked) this.callbacks.onChange({ type: value });
        });
        this.radios.set(value, input);
        return h('div', { class: 'mc-choix' }, input, h('label', { for: id }, label));
      }),
    );

    const checkbox = (key: BooleanKey, label: string) => {
      const id = uid(key);
      const input = h('input', { type: 'checkbox', id });
      input.addEventListener('change', () => this.callbacks.onChange({ [key]: input.checked }));
      this.booleans.set(key, input);
      return h('div', { class: 'mc-choix' }, input, h('label', { for: id }, label));
    };

    const reset = h(
      'button',
      { type: 'button', class: 'mc-bouton mc-bouton--lien' },
      'Effacer tous les filtres',
    );
    reset.addEventListener('click', () => this.callbacks.onReset());

    this.groupsHolder = h('div', { class: 'mc-groupes' });

    this.allFiltersCount = h('span', { class: 'mc-compte-choix' });
    // Stays at the bottom of the screen while the form is in view (phones): the count of the
    // current choice is always visible, and one tap goes to the results.
    this.showResults = h(
      'button',
      { type: 'button', class: 'mc-bouton mc-voir-resultats' },
      'Voir les lieux',
    );
    this.showResults.addEventListener('click', () => this.callbacks.onShowResults());
    this.allFilters = h(
      'details',
      { class: 'mc-tous-filtres' },
      h('summary', null, 'Filtres', this.allFiltersCount),
      typeField,
      h(
        'fieldset',
        { class: 'mc-groupe' },
        h('legend', null, 'Quand ?'),
        checkbox('ouvertMaintenant', 'Ouvert maintenant'),
        checkbox('weekEnd', 'Ouvert le samedi ou le dimanche'),
      ),
      h(
        'fieldset',
        { class: 'mc-groupe' },
        h('legend', null, 'Conditions'),
        checkbox('gratuit', 'Gratuit'),
        checkbox('passNumerique', 'Pass Numérique accepté, en premier'),
        checkbox('rdvEnLigne', 'Rendez-vous en ligne possible'),
      ),
      this.groupsHolder,
      reset,
    );
    // Open on large screens; on a phone, closed so that the map and the list come sooner.
    this.allFilters.open = !window.matchMedia('(max-width: 52em)').matches;

    this.el = h(
      'form',
      { class: 'mc-filtres', role: 'search', 'aria-labelledby': titleId, novalidate: true },
      h('h2', { id: titleId, class: 'mc-titre-section' }, 'Chercher un lieu'),
      h(
        'div',
        { class: 'mc-commune' },
        h('label', { for: inputId, class: 'mc-etiquette' }, 'Votre commune ou votre code postal'),
        h('p', { id: hintId, class: 'mc-aide' }, 'Par exemple : Saint-Junien, ou 87200'),
        h(
          'div',
          { class: 'mc-ligne' },
          this.communeInput,
          h('button', { type: 'submit', class: 'mc-bouton' }, 'Chercher'),
        ),
        this.communeMessage,
        aroundMe,
        this.centreBox,
        this.rayonRow,
      ),
      this.allFilters,
      // After the filters, open or closed: a change of distance shows its count here too.
      this.showResults,
    );
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      this.callbacks.onCommuneQuery(this.communeInput.value);
    });
  }

  /** Builds the service, public and specific-support groups from the values present in the feed. */
  setGroups(options: Record<GroupKey, { value: string; count: number }[]>) {
    this.groupsHolder.replaceChildren();
    this.groupBoxes.clear();
    for (const group of GROUPS) {
      const list = options[group.key];
      if (list.length === 0) continue;
      this.groupsHolder.appendChild(this.buildGroup(group, list));
    }
  }

  private buildGroup(group: FilterGroup, list: { value: string; count: number }[]) {
    const count = h('span', { class: 'mc-compte-choix' });
    const inputs: HTMLInputElement[] = [];
    const numbers = new Map<string, HTMLElement>();
    const items = list.map(({ value, count: n }) => {
      const id = uid(group.param);
      const input = h('input', { type: 'checkbox', id, value });
      input.addEventListener('change', () => {
        const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
        this.callbacks.onChange({ [group.key]: chosen });
      });
      inputs.push(input);
      const number = h('span', { class: 'mc-nombre' }, ` (${formatCount(n)})`);
      numbers.set(value, number);
      return h('div', { class: 'mc-choix' }, input, h('label', { for: id }, value, number));
    });
    const details = h(
      'details',
      { class: 'mc-depliant' },
      h('summary', null, group.label, count),
      h(
        'fieldset',
        { class: 'mc-groupe' },
        h('legend', { class: 'mc-invisible' }, group.label),
        h('p', { class: 'mc-aide' }, 'Les lieux qui proposent au moins un des choix cochés.'),
        items,
      ),
    );
    this.groupBoxes.set(group.key, { details, inputs, count, numbers });
    return details;
  }

  /** The button's text: « Voir les 42 lieux ». */
  setResultCount(text: string) {
    if (this.showResults.textContent !== text) this.showResults.textContent = text;
  }

  /** Each option's count under the other filters (search.ts, facetCounts); the boxes stay as they are. */
  setCounts(counts: Record<GroupKey, Map<string, number>>) {
    for (const [key, box] of this.groupBoxes) {
      for (const [value, number] of box.numbers) {
        const text = ` (${formatCount(counts[key].get(value) ?? 0)})`;
        if (number.textContent !== text) number.textContent = text;
      }
    }
  }

  /** Puts the controls in line with the state (after a link was opened or the page went back). */
  sync(state: ViewState, centre: Centre | null) {
    const active = activeFilterCount(state);
    this.allFiltersCount.replaceChildren(
      active > 0
        ? h(
            'span',
            { class: 'mc-pastille' },
            String(active),
            srOnly(active > 1 ? ' filtres actifs' : ' filtre actif'),
          )
        : '',
    );
    if (active > 0) this.allFilters.open = true;
    for (const [key, input] of this.booleans) input.checked = state[key];
    for (const [value, input] of this.radios) input.checked = state.type === value;
    for (const [key, box] of this.groupBoxes) {
      const chosen = new Set(state[key]);
      for (const input of box.inputs) input.checked = chosen.has(input.value);
      box.count.replaceChildren(
        chosen.size > 0 ? h('span', { class: 'mc-pastille' }, String(chosen.size), srOnly(' choisis')) : '',
      );
      if (chosen.size > 0) box.details.open = true;
    }
    this.rayonSelect.value = String(state.rayon);
    const zeroOption = this.rayonSelect.options[0];
    if (zeroOption) zeroOption.disabled = !centre?.commune;
    this.rayonRow.hidden = centre === null;
    this.centreBox.hidden = centre === null;
    if (centre) {
      const remove = h(
        'button',
        { type: 'button', class: 'mc-bouton mc-bouton--petit' },
        'Retirer',
        srOnly(` ${centre.label}`),
      );
      remove.addEventListener('click', () => this.callbacks.onClearCentre());
      const postcodes = centre.commune?.codesPostaux.length
        ? ` (${centre.commune.codesPostaux.join(', ')})`
        : '';
      this.centreBox.replaceChildren(
        h(
          'p',
          null,
          centre.commune ? 'Commune choisie : ' : 'Recherche ',
          h('strong', null, `${centre.label}${postcodes}`),
        ),
        remove,
      );
    }
  }

  /** A message under the commune field (no match, several matches to choose from). */
  showCommuneMessage(message: string, choices: MapCommune[] = []) {
    const list =
      choices.length > 0
        ? h(
            'ul',
            { class: 'mc-suggestions' },
            choices.map((c) => {
              const button = h(
                'button',
                { type: 'button', class: 'mc-bouton mc-bouton--choix' },
                c.nom,
                c.codesPostaux.length ? ` (${c.codesPostaux.join(', ')})` : '',
              );
              button.addEventListener('click', () => this.callbacks.onCommuneChosen(c));
              return h('li', null, button);
            }),
          )
        : null;
    this.communeMessage.replaceChildren(message ? h('p', null, message) : '', list ?? '');
    if (list) list.querySelector('button')?.focus();
  }

  clearCommuneField() {
    this.communeInput.value = '';
  }
}
