/**
 * Test feeds typed by src/core/publish/feed-types.ts (computed from the model's public columns): places of the Haute-Vienne at
 * their communes' points, OSM `horaires`, bus stops with upcoming permanences. Deterministic (seeded),
 * from a handful of places to 5,000. A few named places carry what the tests look for.
 */

import {
  FEED_FIELDS,
  type FeatureProperties,
  type PlaceFeature,
  type PlacesFeed,
  type StandardProperties,
  type UpcomingPermanence,
} from '../../src/core/publish/feed-types';
import { type MapCommune, mapCommunes } from '../../src/core/publish/map-communes';
import { VOCABULARIES } from '../../src/core/standard';
import type { Commune } from '../../src/core/territory';
import { loadTerritory } from '../../src/node/territory';

/** The fixed clock of the tests: Tuesday 1 December 2026, 10:00 in Paris. */
export const NOW = '2026-12-01T10:00';
export const TODAY = '2026-12-01';

const territory = loadTerritory('87');
export const COMMUNES: MapCommune[] = mapCommunes(territory);

export function commune(name: string): Commune {
  const found = territory.communes.find((c) => c.nom === name);
  if (!found?.point) throw new Error(`No commune ${name} with a point in 87`);
  return found;
}

/** mulberry32 */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOURS = [
  'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
  'Tu-Sa 10:00-12:30,13:30-18:00; PH off',
  'Mo,We,Fr 14:00-17:00',
  'Mo-Fr 08:30-12:00; Sa 09:00-12:00; PH off',
  'Mo-Th 13:30-17:30',
  'We 09:00-12:00; Sa 10:00-16:00',
  null,
] as const;

/** Every standard field of the feed, empty (from FEED_FIELDS, the model's public columns). */
function emptyStandard(): StandardProperties {
  const empty: Record<string, unknown> = {};
  for (const field of FEED_FIELDS) {
    empty[field.key] =
      field.kind === 'list' ? [] : field.kind === 'optional' ? null : field.kind === 'text' ? '' : 0;
  }
  return empty as unknown as StandardProperties;
}

/** Every field of FeatureProperties: empty, a plain place in Limoges, then the overrides. */
export function properties(
  overrides: Partial<FeatureProperties> & Pick<FeatureProperties, 'id' | 'nom'>,
): FeatureProperties {
  const c = commune('Limoges');
  const point = c.point ?? [1.25, 45.83];
  return {
    ...emptyStandard(),
    pivot: '00000000000000',
    commune: c.nom,
    code_postal: c.codesPostaux[0] ?? '',
    code_insee: c.code,
    adresse: '1 place de la Mairie',
    latitude: point[1],
    longitude: point[0],
    source: 'Réseau numérique 87',
    itinerance: ['Fixe'],
    date_maj: '2026-11-20',
    services: ['Aide aux démarches administratives'],
    frais_a_charge: ['Gratuit'],
    modalites_acces: ['Se présenter'],
    modalites_accompagnement: ['Accompagnement individuel'],
    categorie: 'lieu',
    precision: 'adresse',
    completude: 50,
    pass_numerique: false,
    ...overrides,
  };
}

export function feature(props: FeatureProperties): PlaceFeature {
  return {
    type: 'Feature',
    id: props.id,
    geometry: { type: 'Point', coordinates: [props.longitude, props.latitude] },
    properties: props,
  };
}

/** A place in a commune, `dx`/`dy` metres away from its point. */
export function at(
  name: string,
  dx = 0,
  dy = 0,
): Pick<FeatureProperties, 'commune' | 'code_postal' | 'code_insee' | 'latitude' | 'longitude'> {
  const c = commune(name);
  const [lon, lat] = c.point ?? [0, 0];
  return {
    commune: c.nom,
    code_postal: c.codesPostaux[0] ?? '',
    code_insee: c.code,
    latitude: Math.round((lat + dy / 111_320) * 1e6) / 1e6,
    longitude: Math.round((lon + dx / (111_320 * Math.cos((lat * Math.PI) / 180))) * 1e6) / 1e6,
  };
}

function permanence(
  id: string,
  date: string,
  debut: string,
  fin: string,
  statut: UpcomingPermanence['statut'] = 'prévue',
): UpcomingPermanence {
  return { id, date, debut, fin, offres: ['Assistance', 'Accès libre'], statut };
}

/** The named places the tests rely on. */
export function namedFeatures(): PlaceFeature[] {
  return [
    feature(
      properties({
        id: 'sj-france-services',
        nom: 'France Services de Saint-Junien',
        ...at('Saint-Junien', 120, 80),
        adresse: '12 rue Lucien Dumas',
        horaires: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
        telephone: '+33555021717', // as the publisher writes it
        courriels: ['franceservices@saint-junien.example'],
        site_web: ['https://www.saint-junien.example/france-services'],
        services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
        publics_specifiquement_adresses: ['Seniors'],
        prise_en_charge_specifique: ['Surdité'],
        frais_a_charge: ['Gratuit'],
        modalites_acces: ['Se présenter', 'Téléphoner', 'Prendre un RDV en ligne'],
        prise_rdv: 'https://rdv.example.org/saint-junien',
        fiche_acces_libre:
          'https://acceslibre.beta.gouv.fr/app/87-saint-junien/a/mairie/erp/france-services/',
        presentation_resume: 'Un agent vous aide pour vos démarches en ligne : impôts, CAF, retraite, santé.',
        dispositif_programmes_nationaux: ['France Services', 'Aidants Connect'],
        completude: 100,
      }),
    ),
    feature(
      properties({
        id: 'sjlc-mediatheque',
        nom: 'Médiathèque de Saint-Junien-les-Combes',
        ...at('Saint-Junien-les-Combes', -60, 40),
        horaires: 'We 14:00-18:00; Sa 10:00-12:00',
        services: ['Accès internet et matériel informatique', 'Loisirs et créations numériques'],
        frais_a_charge: ['Gratuit'],
      }),
    ),
    feature(
      properties({
        id: 'limoges-samedi',
        nom: 'Espace numérique du samedi',
        ...at('Limoges', 400, -300),
        horaires: 'Sa-Su 10:00-18:00',
        services: ['Loisirs et créations numériques'],
        publics_specifiquement_adresses: ['Jeunes'],
        frais_a_charge: ['Payant'],
      }),
    ),
    feature(
      properties({
        id: 'bellac-atelier',
        nom: 'Atelier numérique de Bellac',
        ...at('Bellac', 50, 50),
        // Beyond the simple shape: read by the on-demand opening_hours library.
        horaires: 'Tu[1,3] 09:30-11:30; PH off', // 1st and 3rd Tuesday of the month
        services: ['Maîtrise des outils numériques du quotidien'],
        modalites_accompagnement: ['Dans un atelier collectif'],
        frais_a_charge: ['Gratuit sous condition'],
        prise_en_charge_specifique: ['Illettrisme'],
      }),
    ),
    feature(
      properties({
        id: 'arret-saint-junien',
        nom: 'Bus numérique – Saint-Junien, place Auguste Roche',
        ...at('Saint-Junien', -300, 200),
        adresse: 'Place Auguste Roche',
        categorie: 'arret',
        itinerance: ['Itinérant'],
        services: ['Aide aux démarches administratives', 'Accès internet et matériel informatique'],
        permanences: [
          permanence('p1', '2026-12-01', '09:30', '12:00', 'confirmée'),
          permanence('p2', '2026-12-08', '09:30', '12:00', 'annulée'),
          permanence('p3', '2026-12-15', '14:00', '17:00'),
        ],
      }),
    ),
    feature(
      properties({
        id: 'arret-cussac',
        nom: 'Bus numérique – Cussac, place de la Mairie',
        ...at('Cussac', 0, 0),
        precision: 'commune',
        categorie: 'arret',
        itinerance: ['Itinérant'],
        permanences: [
          permanence('p4', '2026-12-05', '09:00', '12:00'),
          permanence('p5', '2026-12-12', '09:00', '12:00'),
        ],
      }),
    ),
  ];
}

const KINDS = [
  'Médiathèque',
  'Mairie',
  'Centre social',
  'Espace public numérique',
  'Maison France Services',
  'Association Emmaüs Connect',
];

export interface FeedOptions {
  /** Generated places besides the named ones. */
  places?: number;
  /** Generated bus stops besides the named ones. */
  stops?: number;
  seed?: number;
  named?: boolean;
  extra?: PlaceFeature[];
}

/** A whole feed: named places, then generated ones spread over the département's communes. */
export function makeFeed(options: FeedOptions = {}): PlacesFeed {
  const rand = random(options.seed ?? 87);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const some = (list: readonly string[], max: number) => list.filter(() => rand() < max / list.length);
  const communes = territory.communes.filter((c) => c.point);
  const features: PlaceFeature[] = options.named === false ? [] : namedFeatures();
  const total = options.places ?? 30;
  for (let i = 0; i < total; i++) {
    const c = pick(communes);
    const name = `${pick(KINDS)} de ${c.nom}${i >= KINDS.length * 10 ? ` n° ${i}` : ''}`;
    const services = some(VOCABULARIES.services, 3);
    features.push(
      feature(
        properties({
          id: `lieu-${String(i).padStart(5, '0')}`,
          nom: name,
          ...at(c.nom, (rand() - 0.5) * 2000, (rand() - 0.5) * 2000),
          adresse: `${1 + Math.floor(rand() * 40)} rue de la République`,
          horaires: pick(HOURS),
          telephone:
            rand() < 0.7
              ? `+33555${String(10 + Math.floor(rand() * 89))}${String(10 + Math.floor(rand() * 89))}00`
              : null,
          services: services.length > 0 ? services : ['Accès internet et matériel informatique'],
          publics_specifiquement_adresses: some(VOCABULARIES.publics_specifiquement_adresses, 1),
          prise_en_charge_specifique: some(VOCABULARIES.prise_en_charge_specifique, 0.7),
          frais_a_charge: [pick(['Gratuit', 'Gratuit', 'Gratuit sous condition', 'Payant'])],
          prise_rdv: rand() < 0.3 ? `https://rdv.example.org/${i}` : null,
          modalites_acces: some(VOCABULARIES.modalites_acces, 2),
          precision: rand() < 0.9 ? 'adresse' : 'commune',
          completude: Math.floor(rand() * 100),
        }),
      ),
    );
  }
  for (let i = 0; i < (options.stops ?? 3); i++) {
    const c = pick(communes);
    const day = 2 + Math.floor(rand() * 20);
    features.push(
      feature(
        properties({
          id: `arret-${String(i).padStart(4, '0')}`,
          nom: `Bus numérique – ${c.nom}`,
          ...at(c.nom),
          categorie: 'arret',
          itinerance: ['Itinérant'],
          permanences: [permanence(`g${i}`, `2026-12-${String(day).padStart(2, '0')}`, '09:30', '12:00')],
        }),
      ),
    );
  }
  features.push(...(options.extra ?? []));
  const lieux = features.filter((f) => f.properties.categorie === 'lieu').length;
  const [minLon, minLat, maxLon, maxLat] = territory.departement.bbox;
  return {
    type: 'FeatureCollection',
    bbox: [minLon, minLat, maxLon, maxLat],
    maillage: {
      genere_le: '2026-12-01T06:00:00.000Z',
      date: TODAY,
      departement: { code: '87', nom: 'Haute-Vienne' },
      emprise: [minLon, minLat, maxLon, maxLat],
      contour: territory.departement.outline,
      lieux,
      arrets: features.length - lieux,
      calendrier: 'permanences.ics',
      standard: 'standard-mediation-num 1.0.1',
    },
    features,
  };
}

/** A minimal valid calendar for the link. */
export const CALENDAR = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Maillage//tests//FR',
  'END:VCALENDAR',
  '',
].join('\r\n');
