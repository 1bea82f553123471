/**
 * A national-style export of about 500 places around Haute-Vienne, with the traps of real data, for
 * the import and comparison tests and for trying `maillage importer` / `maillage comparer`:
 * duplicates under different ids and sources, « St-Junien » for « Saint-Junien » and « av. » for
 * « avenue », phones in every format, places in the neighbouring départements, missing coordinates,
 * swapped coordinates, invalid values, and the standard CSV v1.0.1 with a BOM and CRLF line ends;
 * the same records as JSON and GeoJSON. Some places of the sample workbook are in it under other
 * ids (a few with a blank of ours filled, or a different phone), some planted as uncertain, some
 * left out. `attendu.json` says what was planted, independently of the matching code.
 * Deterministic (seeded). Run: npx tsx scripts/make-national-sample.ts [--sortie dossier]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { isValidSiret } from '../src/core/identifiers';
import { type Lieu, publicColumns } from '../src/core/model';
import { readTable } from '../src/core/read-table';
import { standardFields } from '../src/core/standard';
import type { Commune, Territory } from '../src/core/territory';
import { loadTerritory } from '../src/node/territory';

const ROOT = resolve(import.meta.dirname, '..');
export const NATIONAL_SAMPLE_DIR = join(ROOT, 'test/fixtures/national');
export const NATIONAL_FILES = {
  csv: 'lieux-de-mediation-numerique-87.csv',
  json: 'lieux-de-mediation-numerique-87.json',
  geojson: 'lieux-de-mediation-numerique-87.geojson',
  expected: 'attendu.json',
} as const;

/** What the file holds, as planted. */
export interface Planted {
  /** National id -> sample workbook id: the same place (surely). */
  sameAsSample: Record<string, string>;
  /** Sample ids whose blank cells the file fills (key -> text). */
  fillsSample: Record<string, string[]>;
  /** Sample ids where the file says another phone number (the sample's stays). */
  phoneDiffers: string[];
  /** Sample ids where the file gives another SIRET (the parent structure's): found by name and address. */
  pivotDiffers: string[];
  /** National ids that may be a place of the sample or of the file: for the coordinator. */
  uncertain: string[];
  /** Groups of national ids for one new place (the first is the most recently updated). */
  duplicates: string[][];
  /** National ids of places of the département the sample lacks (one per place). */
  newPlaces: string[];
  /** National ids of places in other départements. */
  outside: string[];
  /** National ids of records with invalid values (each reported with its fix). */
  invalid: string[];
  /** Sample ids absent from the file. */
  absentFromFile: string[];
}

type Rec = Record<string, string | number | string[] | null | undefined>;

let seed = 1987;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function siret(n: number): string {
  const base = `7${String(3100000 + n * 7717).padStart(8, '0')}0001`.slice(0, 13);
  for (let d = 0; d < 10; d++) if (isValidSiret(`${base}${d}`)) return `${base}${d}`;
  throw new Error('no siret');
}

/** Fictional numbers (ARCEP's range for fiction, 05 36 49 xx xx), written as people write them. */
const PHONE_FORMATS: ((d: string) => string)[] = [
  (d) => `0${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d) => `0${d}`,
  (d) => `0${d.slice(0, 1)}.${d.slice(1, 3)}.${d.slice(3, 5)}.${d.slice(5, 7)}.${d.slice(7)}`,
  (d) => `+33 ${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d) => `+33${d}`,
  (d) => `0033 ${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d) => `+33 (0)${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d) => `0${d.slice(0, 1)}-${d.slice(1, 3)}-${d.slice(3, 5)}-${d.slice(5, 7)}-${d.slice(7)}`,
];
let phoneCounter = 6000;
function newPhoneDigits(): string {
  phoneCounter += 7;
  return `53649${String(phoneCounter).padStart(4, '0')}`;
}
function phoneText(digits: string): string {
  return pick(PHONE_FORMATS)(digits);
}

/** Kinds of places; no two share a word, so two kinds in one commune are never alike. */
const KINDS: [string, string[]][] = [
  ['Médiathèque', ['BIB']],
  ['Bibliothèque municipale', ['BIB', 'MUNI']],
  ['France Services', ['MSAP']],
  ['Mairie — accueil numérique', ['MUNI']],
  ['Centre social', ['CSC']],
  ['Espace public internet', ['EPN']],
  ['CCAS', ['CCAS']],
  ['Tiers-lieu La Fabrique', ['TIERS_LIEUX']],
  ['Association Clic Solidaire', ['ASSO']],
  ['Maison des solidarités', ['MDS']],
  ['Atelier informatique', ['ASSO']],
  ['Cyberbase', ['EPN']],
  ['Point CAF', ['CAF']],
  ['Mission locale — antenne', ['ML']],
  ['Club des aînés connectés', ['ASSO']],
  ['Foyer rural', ['ASSO']],
  ['Résidence autonomie', ['CCAS']],
];
const STREETS = [
  'rue Jean-Jaurès',
  'avenue de la Gare',
  'place de la Mairie',
  'rue Victor-Hugo',
  'boulevard Gambetta',
  'rue de la République',
  'avenue du Général-de-Gaulle',
  'rue Pasteur',
  'place de l’Église',
  'rue des Écoles',
  'route de Limoges',
  'allée des Tilleuls',
  'rue du Stade',
  'avenue Saint-Éloi',
  'rue Sainte-Valérie',
];
const SOURCES = ['La Coop de la médiation numérique', 'Dora', 'France Services', 'Conseiller numérique'];
const PREFIX: Record<string, string> = {
  'La Coop de la médiation numérique': 'coop',
  Dora: 'dora',
  'France Services': 'fs',
  'Conseiller numérique': 'cnfs',
};
const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Accès internet et matériel informatique',
  'Compréhension du monde numérique',
  'Insertion professionnelle via le numérique',
];
const HOURS = [
  'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
  'Tu,Th 14:00-18:00; Sa 09:00-12:00',
  'We 09:00-12:00,13:30-17:30',
  'Mo,We,Fr 09:00-12:00; PH off',
];

/** Words of a name, for keeping generated names unlike the sample's (not the matching code). */
function words(text: string): Set<string> {
  return new Set(
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );
}

function abbreviate(text: string): string {
  return text
    .replace(/\bSaint-/g, 'St-')
    .replace(/\bSainte-/g, 'Ste-')
    .replace(/\bavenue\b/g, 'av.')
    .replace(/\bboulevard\b/g, 'bd')
    .replace(/\bplace\b/g, 'pl.');
}

function jitter(value: number, metres: number): number {
  return Math.round((value + ((random() * 2 - 1) * metres) / 111_000) * 100000) / 100000;
}

/** The sample's places, and the keys of the cells left blank in each (by id). */
function readSample(territory: Territory): { lieux: Lieu[]; blank: Map<string, Set<string>> } {
  const rows = parse(readFileSync(join(ROOT, 'sheets-templates/exemple/Lieux.csv')), {
    bom: true,
  }) as string[][];
  const table = readTable('Lieux', rows, { territory });
  const blank = new Map<string, Set<string>>();
  for (const r of table.rows) {
    const keys = new Set<string>();
    for (const [key, i] of Object.entries(table.columnIndex))
      if (rows[r.row - 1]?.[i ?? -1] === '') keys.add(key);
    blank.set(r.record.id ?? '', keys);
  }
  return { lieux: table.rows.map((r) => r.record), blank };
}

const FIELDS = standardFields.map((f) => f.name);
const PUBLIC = new Set(publicColumns('Lieux').map((c) => c.key));

function fromSample(lieu: Lieu): Rec {
  const out: Rec = {};
  for (const key of FIELDS) {
    if (!PUBLIC.has(key)) continue;
    out[key] = lieu[key as keyof Lieu] as Rec[string];
  }
  return out;
}

export interface NationalSample {
  csv: string;
  json: string;
  geojson: string;
  expected: Planted;
}

export function makeNationalSample(): NationalSample {
  seed = 1987;
  phoneCounter = 6000;
  const t87 = loadTerritory('87');
  const neighbours = ['23', '19', '16', '24', '86'].map((d) => loadTerritory(d));
  const { lieux: sample, blank } = readSample(t87);
  const planted: Planted = {
    sameAsSample: {},
    fillsSample: {},
    phoneDiffers: [],
    pivotDiffers: [],
    uncertain: [],
    duplicates: [],
    newPlaces: [],
    outside: [],
    invalid: [],
    absentFromFile: [],
  };
  const records: Rec[] = [];
  let counter = 0;
  const nextId = (source: string) => `${PREFIX[source]}-${String(++counter * 37 + 1000).padStart(5, '0')}`;
  const day = () =>
    `2026-${String(1 + Math.floor(random() * 10)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;

  // 1. Places of the sample workbook, under the national sources' ids.
  const fixed = sample.filter(
    (l) => l.itinerance?.length === 1 && l.itinerance[0] === 'Fixe' && l.statut === 'actif',
  );
  const uncertainSample = new Set(['lieu-0017', 'lieu-0024', 'lieu-0013']);
  const candidates = fixed.filter((l) => !uncertainSample.has(l.id ?? ''));
  const kept = new Set(
    shuffle([...candidates])
      .slice(0, 40)
      .map((l) => l.id),
  );
  for (const lieu of sample) {
    const id = lieu.id ?? '';
    if (!kept.has(id)) {
      if (!uncertainSample.has(id)) planted.absentFromFile.push(id);
      continue;
    }
    const source = pick(SOURCES);
    const rec = fromSample(lieu);
    rec.id = nextId(source);
    rec.source = source;
    rec.date_maj = day();
    const byPivot = random() < 0.5;
    // Another SIRET (the parent structure's): only the name and the address can match.
    if (!byPivot) {
      rec.pivot = siret(9000 + counter);
      planted.pivotDiffers.push(id);
    }
    rec.nom = random() < 0.5 ? abbreviate(lieu.nom ?? '') : (lieu.nom ?? '').toUpperCase();
    rec.adresse = abbreviate(lieu.adresse ?? '');
    rec.commune = abbreviate(lieu.commune ?? '');
    if (random() < 0.3) rec.code_insee = null;
    if (lieu.telephone) rec.telephone = phoneText(lieu.telephone.slice(3));
    const fills: string[] = [];
    // A blank code INSEE of ours is filled: the file gives it, or its commune's name does.
    if (blank.get(id)?.has('code_insee')) fills.push('code_insee');
    if (lieu.latitude === null) {
      const commune = t87.byCode.get(lieu.code_insee ?? '');
      if (commune?.point) {
        rec.latitude = jitter(commune.point[1], 150);
        rec.longitude = jitter(commune.point[0], 150);
        fills.push('latitude', 'longitude');
      }
    } else if (random() < 0.7) {
      rec.latitude = jitter(lieu.latitude, 25);
      rec.longitude = jitter(lieu.longitude ?? 0, 25);
    } else {
      rec.latitude = null;
      rec.longitude = null;
    }
    if (!lieu.prise_rdv && random() < 0.25) {
      rec.prise_rdv = `https://rdv.${id}.example/`;
      fills.push('prise_rdv');
    }
    if (fills.length > 0) planted.fillsSample[id] = fills;
    else if (
      lieu.telephone &&
      Object.keys(planted.fillsSample).length + planted.phoneDiffers.length < 40 &&
      random() < 0.2
    ) {
      rec.telephone = phoneText(newPhoneDigits());
      planted.phoneDiffers.push(id);
    }
    planted.sameAsSample[rec.id as string] = id;
    records.push(rec);
  }

  // 2. Uncertain: the same name elsewhere in the commune; same SIRET and address 400 m away; a
  // close name at the same address.
  const byId = new Map(sample.map((l) => [l.id, l]));
  for (const [sampleId, change] of [
    ['lieu-0017', 'moved'],
    ['lieu-0024', 'far'],
    ['lieu-0013', 'renamed'],
  ] as const) {
    const lieu = byId.get(sampleId)!;
    const rec = fromSample(lieu);
    const source = pick(SOURCES);
    rec.id = nextId(source);
    rec.source = source;
    rec.date_maj = day();
    if (change === 'moved') rec.adresse = '2 rue Jean-Jaurès';
    if (change === 'far') {
      rec.latitude = (lieu.latitude ?? 0) + 0.004;
      rec.nom = `Espace France Services — ${lieu.commune}`;
    }
    if (change === 'renamed') {
      rec.nom = 'Cyberbase municipale de Panazol';
      rec.pivot = siret(8000);
    }
    planted.uncertain.push(rec.id as string);
    records.push(rec);
  }

  // 3. New places of the département, some of them twice (another source, another spelling).
  const taken = new Map<string, Set<string>>();
  for (const lieu of sample) {
    const set = taken.get(lieu.code_insee ?? '') ?? new Set<string>();
    for (const w of words(lieu.nom ?? '')) set.add(w);
    taken.set(lieu.code_insee ?? '', set);
  }
  const pairs: [Commune, number][] = [];
  for (const commune of t87.communes) {
    if (!commune.point) continue;
    const used = taken.get(commune.code) ?? new Set();
    const communeWords = words(commune.nom);
    KINDS.forEach(([kind], k) => {
      const own = [...words(kind)].filter((w) => !communeWords.has(w));
      if (own.some((w) => used.has(w))) return;
      pairs.push([commune, k]);
    });
  }
  shuffle(pairs);
  const chosen = pairs.slice(0, 420);
  const usedAddresses = new Set<string>();
  chosen.forEach(([commune, k], n) => {
    const [kind, typologie] = KINDS[k]!;
    const source = pick(SOURCES);
    let adresse: string;
    do adresse = `${1 + Math.floor(random() * 60)} ${pick(STREETS)}`;
    while (usedAddresses.has(`${commune.code} ${adresse}`));
    usedAddresses.add(`${commune.code} ${adresse}`);
    const noPoint = random() < 0.12;
    const digits = newPhoneDigits();
    const rec: Rec = {
      id: nextId(source),
      pivot: siret(n),
      nom: `${kind} ${/^[AEIOUYÉÈ]/.test(commune.nom) ? 'd’' : 'de '}${commune.nom}`,
      commune: commune.nom,
      code_postal: commune.codesPostaux[0] ?? null,
      code_insee: commune.code,
      adresse,
      complement_adresse: random() < 0.1 ? 'Bâtiment B, 1er étage' : null,
      latitude: noPoint ? null : jitter(commune.point![1], 250),
      longitude: noPoint ? null : jitter(commune.point![0], 250),
      typologie,
      telephone: phoneText(digits),
      courriels: random() < 0.7 ? [`contact@lieu-${n}.example`] : [],
      site_web: random() < 0.4 ? [`https://lieu-${n}.example/`] : [],
      horaires: random() < 0.8 ? pick(HOURS) : null,
      presentation_resume:
        random() < 0.5
          ? `Accueil, conseils et ateliers « pas à pas », sur place ou par téléphone, à ${commune.nom}.`
          : null,
      presentation_detail: null,
      source,
      itinerance: ['Fixe'],
      structure_parente: random() < 0.5 ? `Commune de ${commune.nom}` : null,
      date_maj: day(),
      services: shuffle([...SERVICES]).slice(0, 1 + Math.floor(random() * 3)),
      publics_specifiquement_adresses: [],
      prise_en_charge_specifique: [],
      frais_a_charge: ['Gratuit'],
      dispositif_programmes_nationaux: random() < 0.3 ? ['Conseillers numériques'] : [],
      formations_labels: [],
      autres_formations_labels: null,
      modalites_acces: random() < 0.5 ? ['Se présenter', 'Téléphoner'] : [],
      modalites_accompagnement: random() < 0.5 ? ['Accompagnement individuel'] : [],
      fiche_acces_libre: null,
      prise_rdv: null,
    };
    // Invalid values, each with its fix in the report.
    if (n % 40 === 5) rec.telephone = '55 12 34';
    if (n % 40 === 15)
      rec.pivot = `${String(rec.pivot).slice(0, 13)}${(Number(String(rec.pivot).slice(13)) + 1) % 10}`;
    if (n % 40 === 25) rec.horaires = 'lundi 9h-12h';
    if (n % 40 === 35 && rec.latitude !== null) [rec.latitude, rec.longitude] = [rec.longitude, rec.latitude];
    if (n % 40 === 5 || n % 40 === 15 || n % 40 === 25 || (n % 40 === 35 && rec.latitude !== null)) {
      planted.invalid.push(rec.id as string);
    }
    records.push(rec);
    planted.newPlaces.push(rec.id as string);
    if (n % 14 === 3) {
      // The same place from another source, written otherwise, updated earlier.
      const other = SOURCES[(SOURCES.indexOf(source) + 1) % SOURCES.length]!;
      const copy: Rec = {
        ...rec,
        id: nextId(other),
        source: other,
        nom: abbreviate(String(rec.nom)).toUpperCase(),
        commune: abbreviate(commune.nom),
        adresse: abbreviate(adresse),
        code_insee: random() < 0.5 ? null : commune.code,
        telephone: n % 40 === 5 ? rec.telephone : phoneText(digits),
        latitude: rec.latitude === null ? null : jitter(Number(rec.latitude), 20),
        longitude: rec.longitude === null ? null : jitter(Number(rec.longitude), 20),
        horaires: rec.horaires ?? 'Mo-Fr 10:00-12:00',
        date_maj: '2025-06-30',
      };
      if (n % 40 === 35) [copy.latitude, copy.longitude] = [rec.latitude, rec.longitude];
      records.push(copy);
      planted.duplicates.push([rec.id as string, copy.id as string]);
      if (planted.invalid.includes(rec.id as string)) planted.invalid.push(copy.id as string);
    }
  });
  // Two places of one name in one commune, at two addresses: the second is for the coordinator.
  const twin = records.find((r) => r.id === planted.newPlaces[0]);
  if (twin) {
    const copy: Rec = {
      ...twin,
      id: nextId('Dora'),
      source: 'Dora',
      adresse: '99 rue Mozart',
      date_maj: '2025-01-15',
    };
    records.push(copy);
    planted.uncertain.push(copy.id as string);
  }

  // 4. Places across the border: in the neighbouring départements, one with its commune only.
  neighbours.forEach((t, d) => {
    for (let i = 0; i < 3; i++) {
      const commune = pick(t.communes.filter((c) => c.point));
      const source = pick(SOURCES);
      const rec: Rec = {
        id: nextId(source),
        pivot: siret(5000 + d * 10 + i),
        nom: `${KINDS[(d + i) % KINDS.length]![0]} de ${commune.nom}`,
        commune: commune.nom,
        code_postal: commune.codesPostaux[0] ?? null,
        code_insee: i === 2 ? null : commune.code,
        adresse: `${3 + i} ${STREETS[i]}`,
        latitude: i === 2 ? null : commune.point![1],
        longitude: i === 2 ? null : commune.point![0],
        telephone: phoneText(newPhoneDigits()),
        source,
        itinerance: ['Fixe'],
        date_maj: day(),
        services: [SERVICES[i]!],
        frais_a_charge: ['Gratuit'],
      };
      records.push(rec);
      planted.outside.push(rec.id as string);
    }
  });

  shuffle(records);
  return { ...render(records), expected: planted };
}

/** An RFC 4180 field, as other producers write it (no apostrophe before `+33 5…`). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function render(records: Rec[]): { csv: string; json: string; geojson: string } {
  const text = (v: Rec[string] | undefined) =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join('|') : String(v);
  const lines = [FIELDS.join(',')];
  for (const rec of records) lines.push(FIELDS.map((f) => csvField(text(rec[f]))).join(','));
  const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
  const clean = (rec: Rec) => {
    const out: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const v = rec[f];
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '') continue;
      out[f] = v;
    }
    return out;
  };
  const json = `${JSON.stringify(records.map(clean))}\n`;
  const features = records.map((rec) => {
    const { latitude, longitude, ...properties } = clean(rec);
    return {
      type: 'Feature',
      geometry:
        typeof latitude === 'number' && typeof longitude === 'number'
          ? { type: 'Point', coordinates: [longitude, latitude] }
          : null,
      properties,
    };
  });
  const geojson = `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
  return { csv, json, geojson };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { sortie: { type: 'string' } } });
  const dir = resolve(values.sortie ?? NATIONAL_SAMPLE_DIR);
  const sample = makeNationalSample();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, NATIONAL_FILES.csv), sample.csv);
  writeFileSync(join(dir, NATIONAL_FILES.json), sample.json);
  writeFileSync(join(dir, NATIONAL_FILES.geojson), sample.geojson);
  writeFileSync(join(dir, NATIONAL_FILES.expected), `${JSON.stringify(sample.expected, null, 2)}\n`);
}
