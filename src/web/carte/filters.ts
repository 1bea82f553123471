/**
 * The filters, as on the national map (cartographie.societenumerique.gouv.fr), and the view state
 * kept in the URL fragment so that a view can be shared: `#services=…&ouvert=1&commune=87154&lieu=…`.
 * Within one group (services, publics, prise en charge) a place matches any ticked value; groups and
 * other filters all apply together.
 */
import type { FeedListKey } from '../../core/publish/feed-types';
import { VOCABULARIES } from '../../core/standard';
import { slug } from '../common/text';

export type PlaceKind = 'tous' | 'lieux' | 'bus';

export interface ViewState {
  services: string[];
  /** modalites_accompagnement */
  modalites: string[];
  publics: string[];
  priseEnCharge: string[];
  gratuit: boolean;
  /** Places accepting the Pass Numérique (APTIC cheques) first, e.g. when cost holds someone back. */
  passNumerique: boolean;
  rdvEnLigne: boolean;
  ouvertMaintenant: boolean;
  weekEnd: boolean;
  type: PlaceKind;
  /** INSEE code of the commune searched for. */
  commune: string | null;
  /** Kilometres around the commune or the person; 0: in the commune only. */
  rayon: number;
  /** Selected place or stop. */
  lieu: string | null;
}

export const RAYONS = [0, 5, 10, 20, 30] as const;
export const DEFAULT_RAYON = 10;

export function emptyState(): ViewState {
  return {
    services: [],
    modalites: [],
    publics: [],
    priseEnCharge: [],
    gratuit: false,
    passNumerique: false,
    rdvEnLigne: false,
    ouvertMaintenant: false,
    weekEnd: false,
    type: 'tous',
    commune: null,
    rayon: DEFAULT_RAYON,
    lieu: null,
  };
}

export type GroupKey = 'services' | 'modalites' | 'publics' | 'priseEnCharge';

export interface FilterGroup {
  key: GroupKey;
  /** The feed's property the group filters on. */
  field: FeedListKey;
  /** Parameter name in the URL. */
  param: string;
  /** Legend of the group. */
  label: string;
  /** Allowed values in the standard's order. */
  vocabulary: readonly string[];
}

export const GROUPS: readonly FilterGroup[] = [
  {
    key: 'services',
    field: 'services',
    param: 'services',
    label: 'Services proposés',
    vocabulary: VOCABULARIES.services,
  },
  {
    key: 'modalites',
    field: 'modalites_accompagnement',
    param: 'modalites',
    label: 'Modalités d’accompagnement',
    vocabulary: VOCABULARIES.modalites_accompagnement,
  },
  {
    key: 'publics',
    field: 'publics_specifiquement_adresses',
    param: 'publics',
    label: 'Publics accueillis en particulier',
    vocabulary: VOCABULARIES.publics_specifiquement_adresses,
  },
  {
    key: 'priseEnCharge',
    field: 'prise_en_charge_specifique',
    param: 'accompagnement',
    label: 'Prise en charge spécifique',
    vocabulary: VOCABULARIES.prise_en_charge_specifique,
  },
];

/** The options of each group: the standard's values present in the feed, then any other value found. */
export function groupOptions(
  group: FilterGroup,
  values: Iterable<readonly string[]>,
): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const list of values) for (const v of list) counts.set(v, (counts.get(v) ?? 0) + 1);
  const known = group.vocabulary.filter((v) => counts.has(v));
  const others = [...counts.keys()]
    .filter((v) => !group.vocabulary.includes(v))
    .sort((a, b) => a.localeCompare(b, 'fr'));
  return [...known, ...others].map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

const BOOLEAN_PARAMS: [
  keyof ViewState & ('gratuit' | 'passNumerique' | 'rdvEnLigne' | 'ouvertMaintenant' | 'weekEnd'),
  string,
][] = [
  ['gratuit', 'gratuit'],
  ['passNumerique', 'pass'],
  ['rdvEnLigne', 'rdv'],
  ['ouvertMaintenant', 'ouvert'],
  ['weekEnd', 'weekend'],
];

/** The fragment for a state (without `#`); default values are left out. */
export function encodeState(state: ViewState): string {
  const params = new URLSearchParams();
  for (const group of GROUPS) {
    const values = state[group.key];
    if (values.length > 0) params.set(group.param, values.map(slug).join(','));
  }
  for (const [key, param] of BOOLEAN_PARAMS) if (state[key]) params.set(param, '1');
  if (state.type !== 'tous') params.set('type', state.type);
  if (state.commune) {
    params.set('commune', state.commune);
    if (state.rayon !== DEFAULT_RAYON) params.set('rayon', String(state.rayon));
  }
  if (state.lieu) params.set('lieu', state.lieu);
  return params.toString();
}

/**
 * Reads a fragment. `options` gives, per group, the values that exist (slugs are matched against
 * them); unknown slugs are dropped.
 */
export function decodeState(fragment: string, options: Record<GroupKey, readonly string[]>): ViewState {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const state = emptyState();
  for (const group of GROUPS) {
    const raw = params.get(group.param);
    if (!raw) continue;
    const wanted = new Set(raw.split(','));
    state[group.key] = options[group.key].filter((v) => wanted.has(slug(v)));
  }
  for (const [key, param] of BOOLEAN_PARAMS) state[key] = params.get(param) === '1';
  const type = params.get('type');
  if (type === 'lieux' || type === 'bus') state.type = type;
  const commune = params.get('commune');
  if (commune && commune.length <= 100) state.commune = commune;
  const rayon = Number(params.get('rayon'));
  if ((RAYONS as readonly number[]).includes(rayon) && params.has('rayon')) state.rayon = rayon;
  const lieu = params.get('lieu');
  if (lieu) state.lieu = lieu;
  return state;
}

/** How many filters are active (the commune and the selected place excluded). */
export function activeFilterCount(state: ViewState): number {
  return (
    state.services.length +
    state.modalites.length +
    state.publics.length +
    state.priseEnCharge.length +
    BOOLEAN_PARAMS.filter(([key]) => state[key]).length +
    (state.type === 'tous' ? 0 : 1)
  );
}
