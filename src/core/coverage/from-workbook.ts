/** Where the offers are, taken from the workbook's valid rows (definitions lieu-fixe and arret-bus). */

import type { Period } from '../calendar/periods';
import type { IndicatorData } from '../indicators/compute';
import { permanenceState } from '../indicators/compute';
import type { Lieu } from '../model';
import type { CommuneRef, LonLat, OfferPoint } from './coverage';

/** A place that is not only itinerant (a bus's own row is not a fixed place). */
export function isFixedPlace(lieu: Lieu): boolean {
  return lieu.itinerance.length === 0 || lieu.itinerance.includes('Fixe');
}

/** Active fixed places, at their coordinates or else at their commune's point; places with neither are left out. */
export function fixedPlaces(data: IndicatorData, communes: readonly CommuneRef[]): OfferPoint[] {
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const out: OfferPoint[] = [];
  for (const lieu of data.lieux) {
    if (lieu.statut !== 'actif' || !isFixedPlace(lieu)) continue;
    const commune = lieu.code_insee ? byCode.get(lieu.code_insee) : undefined;
    let point: LonLat | null = null;
    if (lieu.latitude !== null && lieu.longitude !== null) point = [lieu.longitude, lieu.latitude];
    else if (commune?.point) point = commune.point;
    if (!point) continue;
    out.push({ id: lieu.id ?? '', nom: lieu.nom ?? '', point, code_insee: lieu.code_insee });
  }
  return out;
}

/** INSEE codes of the communes where the bus has a permanence held or to come (not cancelled) in the period. */
export function busStops(data: IndicatorData, period: Period, today: string): string[] {
  const codes = new Set<string>();
  for (const p of data.permanences) {
    if (!p.date || !p.code_insee || p.date < period.du || p.date > period.au) continue;
    const state = permanenceState(p, today);
    if (state === 'réalisée' || state === 'prévue') codes.add(p.code_insee);
  }
  return [...codes].sort();
}
