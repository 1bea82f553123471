/**
 * Pooling the offer: « qui propose quoi, où ». For each service of the national standard and each
 * EPCI of the département, the active fixed places that offer it; and, per service, the EPCI and the
 * communes without any such place. The rule is written in French in definitions.ts (id offre-epci).
 */

import type { CommuneRef } from '../coverage/coverage';
import { isFixedPlace } from '../coverage/from-workbook';
import { headers, type Lieu, type OffreRow, TABS } from '../model';
import { VOCABULARIES } from '../standard';

/** The public side of a place, as the table names it. */
export interface OfferPlace {
  id: string;
  nom: string;
  commune: string;
}

export interface OfferEpci {
  nom: string;
  /** Communes of the EPCI in the département. */
  communes: number;
  population: number;
}

export interface OfferService {
  service: string;
  /** Aligned with `OfferTable.epcis`: the places of each EPCI offering the service, by name. */
  cells: OfferPlace[][];
  /** Distinct places offering the service. */
  lieux: number;
  /** EPCI without any place offering the service. */
  epcisSans: string[];
  /** Communes of the département where no place offers the service, by name. */
  communesSans: { code: string; nom: string; epci: string }[];
  /** Their population (municipal population). */
  populationSans: number;
}

export interface OfferTable {
  /** Every EPCI of the département, by name (communes without EPCI under « Sans EPCI »). */
  epcis: OfferEpci[];
  /** Every service of the standard, in the standard's order, offered or not. */
  services: OfferService[];
  /** Places counted: active, fixed, in a commune of the département. */
  lieux: number;
  /** Active fixed places left out because their commune is not one of the département's. */
  horsTerritoire: number;
  communes: number;
  population: number;
}

/** Name under which communes without an EPCI (islands) are grouped. */
export const NO_EPCI = 'Sans EPCI';

function epciName(epci: CommuneRef['epci']): string {
  if (!epci) return NO_EPCI;
  return typeof epci === 'string' ? epci : epci.nom;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'fr');

/** The table from the valid rows of Lieux and the communes of the territory. */
export function offerTable(lieux: readonly Lieu[], communes: readonly CommuneRef[]): OfferTable {
  const commune = new Map(communes.map((c) => [c.code, c]));
  const epciStats = new Map<string, OfferEpci>();
  for (const c of communes) {
    const nom = epciName(c.epci);
    const entry = epciStats.get(nom) ?? { nom, communes: 0, population: 0 };
    entry.communes++;
    entry.population += c.population ?? 0;
    epciStats.set(nom, entry);
  }
  const epcis = [...epciStats.values()].sort((a, b) => byName(a.nom, b.nom));
  const column = new Map(epcis.map((e, i) => [e.nom, i]));
  const services = VOCABULARIES.services;
  const cells = services.map(() => epcis.map((): OfferPlace[] => []));
  const communesWith = services.map(() => new Set<string>());
  let counted = 0;
  let outside = 0;
  for (const lieu of lieux) {
    if (lieu.statut !== 'actif' || !isFixedPlace(lieu)) continue;
    const c = lieu.code_insee ? commune.get(lieu.code_insee) : undefined;
    if (!c) {
      outside++;
      continue;
    }
    counted++;
    const e = column.get(epciName(c.epci))!;
    const place = { id: lieu.id ?? '', nom: lieu.nom ?? '', commune: c.nom };
    for (const service of new Set(lieu.services)) {
      const s = services.indexOf(service);
      if (s < 0) continue;
      cells[s]![e]!.push(place);
      communesWith[s]!.add(c.code);
    }
  }
  const placeOrder = (a: OfferPlace, b: OfferPlace) =>
    byName(a.commune, b.commune) || byName(a.nom, b.nom) || byName(a.id, b.id);
  return {
    epcis,
    services: services.map((service, s) => {
      const row = cells[s]!.map((places) => places.sort(placeOrder));
      const sans = communes
        .filter((c) => !communesWith[s]!.has(c.code))
        .map((c) => ({ code: c.code, nom: c.nom, epci: epciName(c.epci), population: c.population ?? 0 }))
        .sort((a, b) => byName(a.nom, b.nom) || byName(a.code, b.code));
      return {
        service,
        cells: row,
        lieux: row.reduce((n, places) => n + places.length, 0),
        epcisSans: epcis.filter((_, e) => row[e]!.length === 0).map((e) => e.nom),
        communesSans: sans.map(({ code, nom, epci }) => ({ code, nom, epci })),
        populationSans: sans.reduce((n, c) => n + c.population, 0),
      };
    }),
    lieux: counted,
    horsTerritoire: outside,
    communes: communes.length,
    population: epcis.reduce((n, e) => n + e.population, 0),
  };
}

/** One `Offre` row per service and EPCI, in the table's order (services, then EPCI by name). */
export function offerRows(table: OfferTable, today: string): OffreRow[] {
  return table.services.flatMap((s) =>
    table.epcis.map((epci, e) => {
      const places = s.cells[e]!;
      const sans = s.communesSans.filter((c) => c.epci === epci.nom);
      return {
        service: s.service,
        epci: epci.nom,
        nombre_lieux: places.length,
        lieux: places.map((p) => `${p.nom} (${p.commune}) [${p.id}]`).join(' | ') || null,
        nombre_communes_sans: sans.length,
        communes_sans: sans.map((c) => c.nom).join(', ') || null,
        donnees_au: today,
      };
    }),
  );
}

/** The `Offre` tab's cells (header row first), to be written in one call over the whole tab. */
export function offerCells(rows: readonly OffreRow[]): (string | number)[][] {
  const columns = TABS.Offre.columns;
  return [headers('Offre'), ...rows.map((r) => columns.map((c) => r[c.key as keyof OffreRow] ?? ''))];
}
