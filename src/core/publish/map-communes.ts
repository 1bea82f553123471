/**
 * `carte/communes.json`: the communes of the département, for the map's commune search. The map
 * never bundles the France-wide data; the publisher writes this small file beside it.
 */
import { compareIso } from '../calendar/civil';
import { frenchOrder } from '../french/collation';
import type { Territory } from '../territory';

export const MAP_COMMUNES_FILE = 'communes.json';

/** One commune as the map reads it. */
export interface MapCommune {
  /** Current INSEE code. */
  code: string;
  nom: string;
  codesPostaux: string[];
  /** [longitude, latitude], 5 decimals (about 1 m); null when no point is known. */
  point: [number, number] | null;
  /** Used to rank homonyms and prefixes in the search (largest first). */
  population: number;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** The département's communes, sorted by name (French order), ready for JSON.stringify. */
export function mapCommunes(territory: Pick<Territory, 'communes'>): MapCommune[] {
  const collator = frenchOrder();
  return territory.communes
    .map((c) => ({
      code: c.code,
      nom: c.nom,
      codesPostaux: [...c.codesPostaux],
      point: c.point ? ([round5(c.point[0]), round5(c.point[1])] as [number, number]) : null,
      population: c.population,
    }))
    .sort((a, b) => collator.compare(a.nom, b.nom) || compareIso(a.code, b.code));
}
