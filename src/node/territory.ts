// Territory data for Node: the COG of @etalab/decoupage-administratif (communes, EPCI) and the
// committed reference data (commune points, département outlines).
//
// The committed data is imported as JSON, so esbuild inlines it into dist/node/maillage.js. The
// COG is required at first use instead: the package stays external to the bundle either way
// (resolved from node_modules at run time), its entry point is broken (it reads files relative to
// the working directory), and importing 12 MB of JSON would make the type checker infer types for
// all of it (about 15 s and 800 MB on every `tsc`).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Bbox,
  type Commune,
  type LonLat,
  makeTerritory,
  type Outline,
  type Territory,
  type TerritoryData,
} from '../core/territory';

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  commune?: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
}

interface CogEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const requireJson = createRequire(import.meta.url);

let cogCommunesCache: CogCommune[] | undefined;
function cogCommunes(): CogCommune[] {
  cogCommunesCache ??= requireJson('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  return cogCommunesCache;
}

/**
 * The committed reference data (src/core/data), read on first use. The same relative path works
 * from src/node/ (sources) and dist/node/ (the bundle): both are two levels below the project.
 * Not bundled: the command line loads the territory the build computed and never needs them.
 */
const DATA = new URL('../../src/core/data/', import.meta.url);

function readData<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DATA), 'utf8')) as T;
}

let communePointsCache: Record<string, LonLat> | undefined;
function communePoints(): Record<string, LonLat> {
  communePointsCache ??= readData<Record<string, LonLat>>('commune-points.json');
  return communePointsCache;
}

type DepartementData = { nom: string; bbox: Bbox; outline: Outline };
let departementsCache: Record<string, DepartementData> | undefined;
function departements(): Record<string, DepartementData> {
  departementsCache ??= readData<Record<string, DepartementData>>('departements.json');
  return departementsCache;
}

export const DEFAULT_DEPARTEMENT = '87';

/**
 * The département a run is about: the command line's `--departement`, else MAILLAGE_DEPARTEMENT, else
 * DEFAULT_DEPARTEMENT. Read here only (the command line and the Apps Script build alike).
 */
export function departementSetting(
  env: Readonly<Record<string, string | undefined>>,
  option?: string,
): string {
  return option ?? env.MAILLAGE_DEPARTEMENT ?? DEFAULT_DEPARTEMENT;
}

let epciByCommune: Map<string, { code: string; nom: string }> | undefined;

function epciOf(communeCode: string): { code: string; nom: string } | null {
  if (!epciByCommune) {
    epciByCommune = new Map();
    const cogEpci = requireJson('@etalab/decoupage-administratif/data/epci.json') as CogEpci[];
    for (const epci of cogEpci) {
      for (const membre of epci.membres) epciByCommune.set(membre.code, { code: epci.code, nom: epci.nom });
    }
  }
  const epci = epciByCommune.get(communeCode);
  return epci ? { ...epci } : null;
}

/** "87", " 2a ", "1" -> "87", "2A", "01". */
function normalizeDepartementCode(code: string | number): string {
  const normalized = String(code).trim().toUpperCase();
  return /^\d$/.test(normalized) ? `0${normalized}` : normalized;
}

/** Every département with an outline, by code. */
export function departementCodes(): string[] {
  return Object.keys(departements());
}

/** Folder, next to the built command line, where the build writes `<code>.json` for each département. */
export const BUILT_TERRITORIES = 'territoires';

/**
 * The territory the build computed (scripts/build.ts writes territoryData(code) for every
 * département next to dist/node/maillage.js): loading it takes a millisecond where computing it
 * parses 12 MB of COG JSON (a quarter of a second at every start). Undefined when absent (runs
 * from the sources, tests), so the caller computes it.
 */
function builtTerritory(code: string): TerritoryData | undefined {
  if (!/^(\d{2,3}|2[AB])$/.test(code)) return undefined;
  try {
    const path = new URL(`./${BUILT_TERRITORIES}/${code}.json`, import.meta.url);
    return JSON.parse(readFileSync(path, 'utf8')) as TerritoryData;
  } catch {
    return undefined;
  }
}

/** The serialisable territory of one département (what the Apps Script build embeds). */
export function territoryData(code: string | number = DEFAULT_DEPARTEMENT): TerritoryData {
  const departementCode = normalizeDepartementCode(code);
  const built = builtTerritory(departementCode);
  if (built) return built;
  const departement = Object.hasOwn(departements(), departementCode)
    ? departements()[departementCode]
    : undefined;
  if (!departement) {
    const shown = String(code).trim();
    if (cogCommunes().some((c) => c.type === 'commune-actuelle' && c.departement === departementCode)) {
      throw new Error(
        `Département « ${shown} » non pris en charge : aucun contour géographique n'est disponible pour cette collectivité d'outre-mer. Indiquez un département comme 87 ou 2A.`,
      );
    }
    throw new Error(`Département « ${shown} » inconnu : indiquez un code comme 87 ou 2A.`);
  }

  const communes: Commune[] = [];
  const anciensCodes: Record<string, string> = {};
  for (const c of cogCommunes()) {
    if (c.departement !== departementCode) continue;
    if (c.type === 'commune-actuelle') {
      communes.push({
        code: c.code,
        nom: c.nom,
        codesPostaux: [...(c.codesPostaux ?? [])],
        population: c.population ?? 0,
        epci: epciOf(c.code),
        point: Object.hasOwn(communePoints(), c.code) ? ([...communePoints()[c.code]!] as LonLat) : null,
      });
      for (const oldCode of c.anciensCodes ?? []) anciensCodes[oldCode] = c.code;
    } else if (c.type === 'arrondissement-municipal' && c.commune) {
      anciensCodes[c.code] = c.commune;
    }
  }
  communes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    departement: {
      code: departementCode,
      nom: departement.nom,
      bbox: [...departement.bbox],
      outline: structuredClone(departement.outline),
    },
    communes,
    anciensCodes,
  };
}

/** The territory of a département (default: Haute-Vienne, 87), with its indexes. */
export function loadTerritory(code: string | number = DEFAULT_DEPARTEMENT): Territory {
  return makeTerritory(territoryData(code));
}
