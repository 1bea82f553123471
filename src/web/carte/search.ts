/**
 * Which places match the view, in which order. The list and the map are both fed from this one
 * result, so they always agree.
 */
import { distanceKm } from '../../core/territory';
import { type CommuneIndex, isInCommune, type MapCommune } from './communes';
import { GROUPS, type GroupKey, type ViewState } from './filters';
import type { Place } from './places';
import type { PlaceFacts } from './status';

export interface Centre {
  lat: number;
  lon: number;
  /** « Saint-Junien », « votre position » */
  label: string;
  commune: MapCommune | null;
}

export interface Results {
  places: Place[];
  /** Kilometres from the centre, when there is one. */
  distances: Map<string, number> | null;
  lieux: number;
  arrets: number;
  /** Places whose hours are still being read (open-now and weekend filters may change). */
  pending: boolean;
}

function anyOf(wanted: readonly string[], values: readonly string[]): boolean {
  return wanted.length === 0 || wanted.some((w) => values.includes(w));
}

export function search(
  all: readonly Place[],
  state: ViewState,
  centre: Centre | null,
  communes: CommuneIndex | null,
  facts: PlaceFacts,
): Results {
  const out: Place[] = [];
  const distances = centre ? new Map<string, number>() : null;
  const inCommune = new Set<string>();
  let pending = false;
  let lieux = 0;
  let arrets = 0;
  for (const p of all) {
    if (state.type === 'lieux' && p.categorie !== 'lieu') continue;
    if (state.type === 'bus' && p.categorie !== 'arret') continue;
    if (!anyOf(state.services, p.services)) continue;
    if (!anyOf(state.modalites, p.modalites_accompagnement)) continue;
    if (!anyOf(state.publics, p.publics_specifiquement_adresses)) continue;
    if (!anyOf(state.priseEnCharge, p.prise_en_charge_specifique)) continue;
    if (state.gratuit && !p.frais_a_charge.includes('Gratuit')) continue;
    if (state.rdvEnLigne && !p.prise_rdv) continue;
    if (centre) {
      const km = distanceKm([centre.lon, centre.lat], [p.longitude, p.latitude]);
      const inside = centre.commune && communes ? isInCommune(p, centre.commune, communes) : false;
      if (state.rayon === 0 ? !inside : km > state.rayon && !inside) continue;
      distances?.set(p.id, km);
      if (inside) inCommune.add(p.id);
    }
    if (state.ouvertMaintenant) {
      const open = facts.isOpenNow(p);
      if (open === null && facts.hours.isLoading) pending = true;
      if (open !== true) continue;
    }
    if (state.weekEnd) {
      const open = facts.isOpenOnWeekend(p);
      if (open === null && facts.hours.isLoading) pending = true;
      if (open !== true) continue;
    }
    out.push(p);
    if (p.categorie === 'lieu') lieux++;
    else arrets++;
  }
  // Around a commune: its own places first, then by distance; Pass Numérique places before all
  // others when asked.
  const pass = (p: Place) => (state.passNumerique && p.pass_numerique ? -100_000 : 0);
  const key = (p: Place) => pass(p) + (inCommune.has(p.id) ? -1_000 : 0) + (distances?.get(p.id) ?? 0);
  if (distances || state.passNumerique) out.sort((a, b) => key(a) - key(b) || a.rank - b.rank);
  return { places: out, distances, lieux, arrets, pending };
}

/**
 * Faceted counts: for each filter group, how many places each option would give under all the
 * other filters (the group's own ticks left out, since its options add up: « any of »). An option
 * at 0 is an empty combination, seen before it is ticked.
 */
export function facetCounts(
  all: readonly Place[],
  state: ViewState,
  centre: Centre | null,
  communes: CommuneIndex | null,
  facts: PlaceFacts,
): Record<GroupKey, Map<string, number>> {
  const out = {} as Record<GroupKey, Map<string, number>>;
  for (const group of GROUPS) {
    const others = state[group.key].length === 0 ? state : { ...state, [group.key]: [] };
    const counts = new Map<string, number>();
    for (const p of search(all, others, centre, communes, facts).places) {
      for (const value of p[group.field]) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    out[group.key] = counts;
  }
  return out;
}
