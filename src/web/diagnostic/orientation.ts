/**
 * From an assessment to places: the map's address already filtered near the person's commune, and
 * the few places nearby that match (bus stops with their next passage), Pass Numérique places first
 * when cost is an obstacle. Everything stays in the page: the filters travel in the map link's fragment
 * (never sent to a server), the answers never leave.
 */
import type { CivilDate } from '../../core/calendar/civil';
import { compareMoments, type Moment, parseClock, parseDate } from '../../core/calendar/civil';
import type { Assessment } from '../../core/diagnostic/assess';
import { dateText } from '../../core/french/dates';
import { intervalsText } from '../../core/french/hours';
import { distanceKm } from '../../core/territory';
import { type CommuneIndex, isInCommune, type MapCommune } from '../carte/communes';
import { emptyState, encodeState } from '../carte/filters';
import type { Place } from '../carte/places';

/** How far from the commune's point places are proposed (the map's own largest default radius). */
export const RAYON_KM = 20;

/** The map's state for an assessment: the standard's criteria, around the commune. */
export function mapFragment(assessment: Assessment, commune: MapCommune | null): string {
  const c = assessment.criteres;
  const state = emptyState();
  state.services = c.services;
  state.publics = c.publics_specifiquement_adresses;
  state.priseEnCharge = c.prise_en_charge_specifique;
  state.modalites = c.modalites_accompagnement;
  state.passNumerique = assessment.passNumerique;
  state.gratuit = c.frais_a_charge.length > 0 && c.frais_a_charge.every((f) => f !== 'Payant');
  if (commune) {
    state.commune = commune.code;
    state.rayon = RAYON_KM;
  }
  return encodeState(state);
}

function anyOf(wanted: readonly string[], values: readonly string[]): boolean {
  return wanted.length === 0 || wanted.some((w) => values.includes(w));
}

export interface Nearby {
  place: Place;
  km: number;
  /** « mardi 8 décembre de 9 h 30 à 12 h » for a bus stop with an upcoming passage. */
  nextPassage: string | null;
}

/** The next passage of a bus stop after `now`, in words, or null. */
export function nextPassageText(place: Place, now: Moment): string | null {
  const upcoming: { date: CivilDate; start: number; end: number }[] = [];
  for (const p of place.permanences) {
    const date = parseDate(p.date);
    const start = parseClock(p.debut);
    const end = parseClock(p.fin);
    if (!date || start === null || end === null || p.statut === 'annulée') continue;
    if (compareMoments({ date, minutes: end }, now) <= 0) continue;
    upcoming.push({ date, start, end });
  }
  upcoming.sort((a, b) =>
    compareMoments({ date: a.date, minutes: a.start }, { date: b.date, minutes: b.start }),
  );
  const next = upcoming[0];
  return next ? `${dateText(next.date, now.date.y)} ${intervalsText([[next.start, next.end]])}` : null;
}

/**
 * Places near the commune that match the criteria as the map does (any value within a group, every
 * group), nearest first (Pass Numérique places first when
 * cost is an obstacle); a bus stop counts only with an upcoming passage.
 */
export function nearbyPlaces(
  places: readonly Place[],
  assessment: Assessment,
  commune: MapCommune,
  communes: CommuneIndex,
  now: Moment,
  limit = 5,
): Nearby[] {
  const c = assessment.criteres;
  const point = commune.point;
  const gratuit = c.frais_a_charge.length > 0 && c.frais_a_charge.every((f) => f !== 'Payant');
  const out: Nearby[] = [];
  for (const place of places) {
    if (!anyOf(c.services, place.services)) continue;
    if (!anyOf(c.modalites_accompagnement, place.modalites_accompagnement)) continue;
    if (!anyOf(c.prise_en_charge_specifique, place.prise_en_charge_specifique)) continue;
    if (!anyOf(c.publics_specifiquement_adresses, place.publics_specifiquement_adresses)) continue;
    if (gratuit && !place.frais_a_charge.includes('Gratuit')) continue;
    const inside = isInCommune(place, commune, communes);
    const km = point
      ? distanceKm(point, [place.longitude, place.latitude])
      : inside
        ? 0
        : Number.POSITIVE_INFINITY;
    if (!inside && km > RAYON_KM) continue;
    const nextPassage = place.categorie === 'arret' ? nextPassageText(place, now) : null;
    if (place.categorie === 'arret' && !nextPassage) continue;
    out.push({ place, km: inside ? Math.min(km, 0.5) : km, nextPassage });
  }
  const pass = assessment.passNumerique;
  out.sort(
    (a, b) =>
      (pass ? Number(b.place.pass_numerique) - Number(a.place.pass_numerique) : 0) ||
      a.km - b.km ||
      a.place.nom.localeCompare(b.place.nom, 'fr'),
  );
  return out.slice(0, limit);
}
