/**
 * Writes sheets-templates/: the template (one CSV per tab, from the model: headers only, and the
 * default diagnostic kit in `Diagnostic`) and the sample workbook of Haute-Vienne (fictional
 * places, contacts and figures in real communes).
 * Deterministic: the same script gives the same files. Run: npx tsx scripts/make-sample.ts
 *
 * Contacts are fictional: phone numbers in the range ARCEP reserves for fiction (05 36 49 xx xx),
 * e-mail addresses and web sites under the reserved `.example` domain.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { addDays, format } from 'date-fns';
import { holidayName } from '../src/core/calendar/holidays';
import { defaultDiagnosticCells } from '../src/core/diagnostic/defaults';
import { isValidSiret } from '../src/core/identifiers';
import {
  headers,
  OFFRES,
  type RELAIS_TYPES,
  TAB_NAMES,
  TABS,
  type TabName,
  TYPOLOGIES,
} from '../src/core/model';
import { VOCABULARIES } from '../src/core/standard';
import { type Commune, isInsideDepartement } from '../src/core/territory';
import { loadTerritory } from '../src/node/territory';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The sample's reference day: permanences before it are held, after it planned. */
export const SAMPLE_REFERENCE_DATE = '2026-11-28';

let seed = 87;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}
function some<T>(list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(random() * (max - min + 1));
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
  return out;
}

const SAMPLE_DEPARTEMENT = '87';
const territory = loadTerritory(SAMPLE_DEPARTEMENT);
function commune(nom: string): Commune {
  const c = territory.communes.find((x) => x.nom === nom);
  if (!c) throw new Error(`Commune inconnue : ${nom}`);
  return c;
}

function siret(n: number): string {
  const base = `8${String(100000 + n * 7919).padStart(8, '0')}000${String(n % 100).padStart(2, '0')}`.slice(
    0,
    13,
  );
  for (let d = 0; d < 10; d++) if (isValidSiret(`${base}${d}`)) return `${base}${d}`;
  throw new Error('no siret');
}

let phoneCounter = 1000;
function phone(): string {
  phoneCounter += 37;
  const n = String(phoneCounter).padStart(4, '0');
  return `05 36 49 ${n.slice(0, 2)} ${n.slice(2)}`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const HOURS = [
  'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
  'Tu,Th 14:00-18:00; Sa 09:00-12:00; PH off',
  'We 09:00-12:00,13:30-17:30; PH off',
  'Mo-Sa 10:00-12:30,14:00-19:00; PH off',
  'Mo,We,Fr 09:00-12:00; PH off',
  'Tu-Fr 13:30-17:30; Sa 09:30-12:30; PH off',
  'Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off',
  'Mo-Fr 09:00-17:00; Dec 24-Jan 01 off; PH off',
];

/** Places: [name, commune, typologies, street]. Names are fictional but of the kinds found in the field. */
const PLACES: [string, string, string[], string][] = [
  ['Médiathèque francophone — espace numérique', 'Limoges', ['BIB'], '2 place Aimé-Césaire'],
  ['France Services de Limoges Beaubreuil', 'Limoges', ['MSAP'], '12 rue de Bourgogne'],
  ['CCAS de Limoges — point numérique', 'Limoges', ['CCAS'], '7 rue Jean-Jaurès'],
  ['Centre social du Val de l’Aurence', 'Limoges', ['CSC', 'ASSO'], '3 rue Louis-Armand'],
  ['Caisse d’allocations familiales — point d’accès numérique', 'Limoges', ['CAF'], '22 avenue des Casseaux'],
  ['CPAM — espace libre-service', 'Limoges', ['CPAM'], '8 rue Émile-Zola'],
  ['Mission locale de l’agglomération', 'Limoges', ['ML'], '15 rue Bernard-Palissy'],
  ['Tiers-lieu La Fabrique des Usages', 'Limoges', ['TIERS_LIEUX', 'FABLAB'], '40 rue Armand-Dutreix'],
  ['Maison du Département — accueil social', 'Limoges', ['MDS', 'DEPT'], '11 rue François-Chénieux'],
  ['Association Trait d’Union Numérique', 'Limoges', ['ASSO', 'ESS'], '5 rue de la Boucherie'],
  ['Emmaüs Connect — permanence', 'Limoges', ['ASSO', 'ACI'], '18 avenue Baudin'],
  ['Maison de quartier de la Bastide', 'Limoges', ['MQ'], '1 rue de Nantes'],
  ['Cyberbase de Panazol', 'Panazol', ['EPN', 'MUNI'], '9 avenue Jean-Monnet'],
  ['Bibliothèque municipale de Couzeix', 'Couzeix', ['BIB', 'MUNI'], '4 place de l’Église'],
  ['Espace jeunes d’Isle', 'Isle', ['MJC'], '26 avenue du Président-Wilson'],
  ['France Services de Saint-Junien', 'Saint-Junien', ['MSAP', 'EPCI'], '3 place Lénine'],
  ['Médiathèque Lucie-Aubrac', 'Saint-Junien', ['BIB'], '21 rue Lucien-Dumas'],
  ['Atelier numérique du centre social', 'Saint-Junien', ['CSC'], '6 avenue Henri-Barbusse'],
  [
    'France Services de Saint-Yrieix-la-Perche',
    'Saint-Yrieix-la-Perche',
    ['MSAP'],
    '1 boulevard de l’Hôtel-de-Ville',
  ],
  [
    'Espace public numérique du Pays de Saint-Yrieix',
    'Saint-Yrieix-la-Perche',
    ['EPN', 'EPCI'],
    '14 rue Pasteur',
  ],
  [
    'Médiathèque intercommunale d’Aixe-sur-Vienne',
    'Aixe-sur-Vienne',
    ['BIB', 'EPCI'],
    '2 avenue du Général-de-Gaulle',
  ],
  ['Point numérique du Palais-sur-Vienne', 'Le Palais-sur-Vienne', ['MUNI'], '10 rue Jean-Giraudoux'],
  ['Maison des associations de Feytiat', 'Feytiat', ['ASSO', 'MUNI'], '5 allée du Parc'],
  ['France Services de Bellac', 'Bellac', ['MSAP'], '9 rue Lamartine'],
  ['Médiathèque de Bellac', 'Bellac', ['BIB'], '2 place de la République'],
  ['Espace numérique d’Ambazac', 'Ambazac', ['EPN'], '15 rue Adrien-Tessier'],
  ['France Services de Rochechouart', 'Rochechouart', ['MSAP', 'MUNI'], '4 place du Château'],
  ['Maison de l’emploi de Saint-Léonard', 'Saint-Léonard-de-Noblat', ['MDE', 'MDEF'], '8 rue Gay-Lussac'],
  ['Médiathèque de Saint-Léonard-de-Noblat', 'Saint-Léonard-de-Noblat', ['BIB'], '1 rue Jean-Jaurès'],
  ['France Services de Bessines-sur-Gartempe', 'Bessines-sur-Gartempe', ['MSAP'], '2 avenue du 11-Novembre'],
  ['Espace numérique d’Eymoutiers', 'Eymoutiers', ['EPN', 'TIERS_LIEUX'], '6 rue de la Collégiale'],
  ['France Services de Châteauponsac', 'Châteauponsac', ['MSAP'], '3 place Mazurier'],
  ['Point numérique du Dorat', 'Le Dorat', ['MUNI', 'BIB'], '7 place de la Collégiale'],
  ['France Services de Nexon', 'Nexon', ['MSAP', 'LA_POSTE'], '1 place de l’Église'],
  ['Atelier numérique de Saint-Mathieu', 'Saint-Mathieu', ['ASSO'], '12 route de Limoges'],
  ['Médiathèque de Magnac-Laval', 'Magnac-Laval', ['BIB', 'MUNI'], '5 place de la Mairie'],
  ['France Services de Châlus', 'Châlus', ['MSAP'], '2 rue Salviat'],
  ['Espace numérique de Pierre-Buffière', 'Pierre-Buffière', ['EPN'], '3 rue du Pont-Vieux'],
  ['MSA du Limousin — accueil', 'Saint-Germain-les-Belles', ['MSA'], '4 avenue de la Gare'],
  ['Médiathèque d’Oradour-sur-Glane', 'Oradour-sur-Glane', ['BIB'], '1 avenue du 10-Juin-1944'],
  ['Point numérique de Cognac-la-Forêt', 'Cognac-la-Forêt', ['MUNI'], '2 place de l’Église'],
  ['Association Nantiat Solidaire', 'Nantiat', ['ASSO', 'EVS'], '8 rue du Stade'],
  [
    'France Services de Saint-Sulpice-les-Feuilles',
    'Saint-Sulpice-les-Feuilles',
    ['MSAP'],
    '5 place du Champ-de-Foire',
  ],
  [
    'Espace numérique de Châteauneuf-la-Forêt',
    'Châteauneuf-la-Forêt',
    ['EPN', 'MUNI'],
    '6 avenue de la Paix',
  ],
  ['Lac numérique — tiers-lieu de Peyrat', 'Peyrat-le-Château', ['TIERS_LIEUX', 'FABRIQUE'], '3 rue du Lac'],
  ['Point numérique d’Oradour-sur-Vayres', 'Oradour-sur-Vayres', ['MUNI'], '1 place de la Mairie'],
  ['Médiathèque de Condat-sur-Vienne', 'Condat-sur-Vienne', ['BIB'], '10 rue de la Mairie'],
  ['Centre communal d’action sociale de Verneuil', 'Verneuil-sur-Vienne', ['CCAS'], '2 rue du Stade'],
  ['Espace seniors de Boisseuil', 'Boisseuil', ['CCAS', 'MUNI'], '4 allée des Tilleuls'],
  ['Cyberespace de Rilhac-Rancon', 'Rilhac-Rancon', ['EPN'], '20 avenue Gay-Lussac'],
  ['Association Saint-Priest Connectée', 'Saint-Priest-Taurion', ['ASSO'], '3 rue des Écoles'],
  ['Bibliothèque de Compreignac', 'Compreignac', ['BIB', 'MUNI'], '1 place de la Mairie'],
  ['Point numérique de Saint-Sulpice-Laurière', 'Saint-Sulpice-Laurière', ['MUNI'], '2 place de l’Église'],
  ['Espace numérique de Laurière', 'Laurière', ['EPN'], '5 avenue de la Gare'],
  ['Centre d’hébergement — atelier numérique', 'Limoges', ['CHRS', 'OACAS'], '30 rue Daguerre'],
  ['Cap emploi — accueil numérique', 'Limoges', ['CAP_EMPLOI'], '12 avenue Garibaldi'],
  ['France Travail — espace libre-service', 'Limoges', ['FT'], '9 rue Cruveilhier'],
  ['Centre d’information des droits des femmes', 'Limoges', ['CIDFF', 'ASSO'], '3 place Denis-Dussoubs'],
  ['Université — accompagnement numérique étudiant', 'Limoges', ['Autre'], '33 rue François-Mitterrand'],
  ['Repair café et matériel solidaire', 'Isle', ['ASSO', 'ESS'], '18 avenue de Limoges'],
  ['Association Val d’Oire Numérique', "Val-d'Oire-et-Gartempe", ['ASSO'], '2 place de la Mairie'],
  ['Maison de santé — aide à Mon Espace Santé', 'Saint-Junien', ['CS'], '15 avenue Corot'],
  // The bus: its row carries what every stop publishes (SIRET, contacts, services); the stops come from Permanences.
  ['Bus numérique de la Haute-Vienne', 'Limoges', ['ENM'], '5 rue de la Boucherie'],
];

const PRESENTATIONS = [
  'Accompagnement aux démarches en ligne (CAF, impôts, santé) et initiation à l’ordinateur et au smartphone.',
  'Ateliers collectifs pour apprendre à utiliser son téléphone, ses courriels et les services publics en ligne.',
  'Ordinateurs en libre accès, aide ponctuelle d’un médiateur et ateliers sur rendez-vous.',
  'Aide personnalisée pour créer ses comptes en ligne, scanner et envoyer ses documents.',
];

const BUS_OPERATOR = 'Association Limousin Numérique en Commun';

function lieux(): unknown[][] {
  const rows: unknown[][] = [];
  const vocabCursor: Record<string, number> = {};
  /** Spreads every value of a vocabulary over the rows, plus a few random ones. */
  function cover(key: keyof typeof VOCABULARIES, i: number, min: number, max: number): string {
    const list = VOCABULARIES[key];
    const start = vocabCursor[key] ?? 0;
    const chosen = new Set(some(list, min, max));
    chosen.add(list[start % list.length]!);
    vocabCursor[key] = start + 1;
    return [...chosen].join(i % 3 === 0 ? ', ' : '|');
  }
  const unusedTypologies = TYPOLOGIES.map((t) => t.code).filter((c) => !PLACES.some((p) => p[2].includes(c)));
  const BUS_ROW = PLACES.length;
  PLACES.forEach(([nom, communeName, typologies, adresse], i) => {
    const c = commune(communeName);
    const n = i + 1;
    const bus = n === BUS_ROW;
    const types = [...typologies];
    if (!bus && unusedTypologies.length && types.length < 3) types.push(unusedTypologies.shift()!);
    if (!bus && unusedTypologies.length && types.length < 3) types.push(unusedTypologies.shift()!);
    const domain = `${slug(nom).slice(0, 30)}.example`;
    const point = c.point!;
    let lat = Number((point[1] + (random() - 0.5) * 0.004).toFixed(5));
    let lon = Number((point[0] + (random() - 0.5) * 0.004).toFixed(5));
    if (!isInsideDepartement(territory, lon, lat)) [lon, lat] = point;
    const withCoordinates = n % 7 !== 0; // a few rows rely on the commune point
    const itinerant = n === 11;
    const record: Record<string, unknown> = {
      id: `lieu-${String(n).padStart(4, '0')}`,
      pivot: n === 42 ? 'W872004217' : siret(n),
      nom,
      commune: c.nom,
      code_postal: c.codesPostaux[n % c.codesPostaux.length],
      code_insee: n % 5 === 0 ? '' : c.code,
      adresse,
      complement_adresse: n % 4 === 0 ? 'Rez-de-chaussée, accès de plain-pied' : '',
      latitude: withCoordinates ? lat : '',
      longitude: withCoordinates ? lon : '',
      typologie: types.join('|'),
      telephone: phone(),
      courriels: n % 6 === 0 ? `accueil@${domain}|numerique@${domain}` : `contact@${domain}`,
      site_web: n % 3 === 0 ? '' : `https://${domain}/`,
      horaires: bus ? '' : pick(HOURS),
      presentation_resume: PRESENTATIONS[n % PRESENTATIONS.length],
      presentation_detail:
        n % 2 === 0
          ? 'Un médiateur numérique vous reçoit avec ou sans rendez-vous. Apportez vos identifiants, vos justificatifs et votre téléphone.'
          : '',
      source: 'Réseau départemental d’inclusion numérique de la Haute-Vienne',
      itinerance: bus ? 'Itinérant' : itinerant ? 'Itinérant|Fixe' : 'Fixe',
      structure_parente: bus
        ? BUS_OPERATOR
        : itinerant
          ? 'Emmaüs Connect'
          : n % 4 === 1
            ? `Commune de ${c.nom}`
            : '',
      date_maj: format(addDays(new Date(Date.UTC(2026, 10, 28)), -((n * 23) % 540)), 'yyyy-MM-dd'),
      services: cover('services', i, 1, 3),
      publics_specifiquement_adresses: n % 2 === 0 ? cover('publics_specifiquement_adresses', i, 0, 1) : '',
      prise_en_charge_specifique: n % 3 === 0 ? cover('prise_en_charge_specifique', i, 0, 1) : '',
      frais_a_charge: cover('frais_a_charge', i, 0, 0),
      dispositif_programmes_nationaux: n % 2 === 1 ? cover('dispositif_programmes_nationaux', i, 0, 1) : '',
      formations_labels: n % 3 === 1 ? cover('formations_labels', i, 0, 0) : '',
      autres_formations_labels: n % 10 === 0 ? 'Formation PIX Médiation|Label Numérique Inclusif' : '',
      modalites_acces: cover('modalites_acces', i, 1, 2),
      modalites_accompagnement: cover('modalites_accompagnement', i, 1, 2),
      fiche_acces_libre:
        n % 3 === 0
          ? `https://acceslibre.beta.gouv.fr/app/87-${slug(c.nom)}/a/espace-numerique/erp/lieu-${n}/`
          : '',
      prise_rdv: n % 4 === 2 ? `https://rdv.${domain}/` : '',
      referent_nom: `${pick(['Camille', 'Dominique', 'Claude', 'Sacha', 'Alix', 'Maxime', 'Morgane', 'Yannick'])} ${pick(['Martin', 'Bernard', 'Dubois', 'Faure', 'Lacroix', 'Mercier', 'Chabrol', 'Peyrot'])}`,
      referent_courriel: `referent@${domain}`,
      referent_telephone: phone(),
      editeurs: `referent@${domain}`,
      charte_signee_le:
        n % 3 === 2 ? '' : format(addDays(new Date(Date.UTC(2025, 0, 15)), n * 5), 'dd/MM/yyyy'),
      pass_numerique: n % 2 === 0 ? 'oui' : 'non',
      statut: n === 60 ? 'fermé' : 'actif',
      etat: '',
      problemes: '',
      modifie_le: '',
      modifie_par: '',
    };
    rows.push(TABS.Lieux.columns.map((col) => record[col.key] ?? ''));
  });
  return rows;
}

/** Rural communes the bus serves, with where it parks. */
const BUS_STOPS: [string, string, string][] = [
  ['Cussac', 'Place de la Mairie', '1 place de la Mairie'],
  ['Saint-Laurent-sur-Gorre', 'Parking de la salle des fêtes', 'Rue du Stade'],
  ['Bussière-Galant', 'Place de l’Église', 'Place de l’Église'],
  ['Ladignac-le-Long', 'Parking de la mairie', '2 place de la Mairie'],
  ['Saint-Paul', 'Place du Marché', 'Place du Marché'],
  ['Sussac', 'Parking de l’école', 'Route de Châteauneuf'],
  ['Bujaleuf', 'Place du Champ-de-Foire', 'Place du Champ-de-Foire'],
  ['Nedde', 'Parking de la mairie', '1 rue de la Mairie'],
  ['Saint-Sornin-Leulac', 'Place de l’Église', 'Place de l’Église'],
  ['Dompierre-les-Églises', 'Parking de la salle polyvalente', 'Route de Magnac'],
  ['Mailhac-sur-Benaize', 'Place de la Mairie', 'Place de la Mairie'],
  ['Cieux', 'Parking du lac', 'Route du Lac'],
  ['Blond', 'Place de l’Église', 'Place de l’Église'],
  ['Javerdat', 'Parking de la mairie', '3 place de la Mairie'],
  ['Champagnac-la-Rivière', 'Place du Bourg', 'Place du Bourg'],
  ['Les Cars', 'Parking de la salle des fêtes', 'Route de Châlus'],
  ['Saint-Martin-Terressus', 'Place de la Mairie', 'Place de la Mairie'],
  ['Razès', 'Parking de la mairie', '1 place de la Mairie'],
];

const RELAIS: [string, (typeof RELAIS_TYPES)[number], string][] = [
  ['Mairie de Cussac', 'Mairie', 'Cussac'],
  ['Mairie de Bujaleuf', 'Mairie', 'Bujaleuf'],
  ['Mairie de Nedde', 'Mairie', 'Nedde'],
  ['Boulangerie du Bourg', 'Commerce', 'Saint-Laurent-sur-Gorre'],
  ['Bar-tabac Le Relais', 'Commerce', 'Ladignac-le-Long'],
  ['Épicerie multiservice', 'Commerce', 'Dompierre-les-Églises'],
  ['Club des aînés', 'Association', 'Saint-Sornin-Leulac'],
  ['Comité des fêtes', 'Association', 'Blond'],
  ['France Services de Châlus', 'France Services', 'Champagnac-la-Rivière'],
  ['Bibliothèque de Javerdat', 'Bibliothèque / Médiathèque', 'Javerdat'],
  ['Centre social rural', 'Centre social', 'Saint-Paul'],
  ['École primaire de Cieux', 'Établissement scolaire', 'Cieux'],
  ['Pharmacie du Bourg', 'Autre', 'Razès'],
];

function relais(): unknown[][] {
  return RELAIS.map(([nom, type, communeName], i) => {
    const c = commune(communeName);
    const record: Record<string, unknown> = {
      id: `relais-${String(i + 1).padStart(3, '0')}`,
      nom,
      type,
      code_insee: c.code,
      commune: c.nom,
      contact_nom: `${pick(['Annie', 'Bernard', 'Christiane', 'Didier', 'Évelyne', 'Francis'])} ${pick(['Lagarde', 'Roux', 'Vergnaud', 'Chazeaud'])}`,
      contact_courriel: `${slug(nom)}@relais.example`,
      contact_telephone: phone(),
      convention_le: format(addDays(new Date(Date.UTC(2026, 0, 10)), i * 9), 'dd/MM/yyyy'),
      actif: i === 12 ? 'non' : 'oui',
    };
    return TABS.Relais.columns.map((col) => record[col.key] ?? '');
  });
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function permanences(): unknown[][] {
  const rows: unknown[][] = [];
  const start = new Date(Date.UTC(2026, 0, 6)); // early January 2026: a year of history for the reports
  const end = new Date(Date.UTC(2027, 4, 28)); // end of May 2027
  const reference = SAMPLE_REFERENCE_DATE;
  let n = 0;
  let stop = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const weekday = d.getUTCDay();
    if (weekday < 2 || weekday > 5) continue; // the bus runs Tuesday to Friday
    const day = isoDay(d);
    if (holidayName(day, SAMPLE_DEPARTEMENT)) continue; // the bus does not run on public holidays
    for (const [debut, fin] of [
      ['09:30', '12:00'],
      ['14:00', '16:30'],
    ] as const) {
      const [communeName, lieu, adresse] = BUS_STOPS[stop % BUS_STOPS.length]!;
      stop++;
      n++;
      const c = commune(communeName);
      const past = day < reference;
      const cancelled = n % 23 === 0;
      const relay = RELAIS.findIndex((r) => r[2] === communeName);
      const offres =
        n % 3 === 0 ? [OFFRES[0], OFFRES[1]] : n % 3 === 1 ? [OFFRES[0], OFFRES[2]] : [...OFFRES];
      const people = 3 + ((n * 7) % 9);
      const workshop = offres.includes('Formation') ? (n * 5) % 6 : 0;
      const answers = Math.max(0, people - 1 - (n % 3));
      const record: Record<string, unknown> = {
        id: `perm-${String(n).padStart(4, '0')}`,
        date: format(d, 'dd/MM/yyyy'),
        debut,
        fin,
        code_insee: c.code,
        commune: c.nom,
        lieu,
        adresse,
        relais: relay >= 0 ? `relais-${String(relay + 1).padStart(3, '0')}` : '',
        offres: offres.join(n % 2 ? '|' : ', '),
        statut: cancelled ? 'annulée' : past ? 'réalisée' : n % 4 === 0 ? 'confirmée' : 'prévue',
        personnes_recues: past && !cancelled ? people : '',
        accompagnements_individuels: past && !cancelled ? people - (n % 2) : '',
        participants_ateliers: past && !cancelled ? workshop : '',
        reponses_satisfaction: past && !cancelled ? answers : '',
        satisfaits: past && !cancelled ? Math.max(0, answers - (n % 4 === 0 ? 1 : 0)) : '',
        notes: cancelled ? 'Annulée : panne du véhicule' : '',
      };
      rows.push(TABS.Permanences.columns.map((col) => record[col.key] ?? ''));
    }
  }
  return rows;
}

function communes(): unknown[][] {
  return territory.communes.map((c) => {
    const record: Record<string, unknown> = {
      code_insee: c.code,
      nom: c.nom,
      codes_postaux: c.codesPostaux.join('|'),
      population: c.population,
      epci: c.epci?.nom ?? '',
      latitude: c.point?.[1] ?? '',
      longitude: c.point?.[0] ?? '',
    };
    return TABS.Communes.columns.map((col) => record[col.key] ?? '');
  });
}

// ---- A year of network life: referents, meetings, registrations, Pass Numérique, letters. ----
// A generator of its own, so the tabs above do not change when this part does.
let lifeSeed = 13;
function lifeRandom(): number {
  lifeSeed = (lifeSeed * 1103515245 + 12345) % 2147483648;
  return lifeSeed / 2147483648;
}

const FIRST_NAMES = [
  'Camille',
  'Dominique',
  'Claude',
  'Sacha',
  'Alix',
  'Maxime',
  'Morgane',
  'Yannick',
  'Élodie',
  'Julien',
  'Nadia',
  'Thierry',
  'Sophie',
  'Karim',
  'Hélène',
  'Mathieu',
  'Laetitia',
  'Romain',
  'Inès',
  'Pascal',
  'Aurélie',
  'Fabrice',
  'Léa',
  'Olivier',
  'Sandrine',
  'Bruno',
  'Chloé',
  'Hugo',
  'Manon',
  'Gilles',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Faure',
  'Lacroix',
  'Mercier',
  'Chabrol',
  'Peyrot',
  'Vergnaud',
  'Lagarde',
  'Roux',
  'Chazeaud',
  'Delage',
  'Nouaille',
  'Texier',
  'Boutaud',
  'Massy',
  'Pradeau',
  'Dumont',
  'Coudert',
  'Laplaud',
  'Bouchaud',
  'Gourinchas',
  'Marcheix',
  'Tarrade',
];
const FONCTIONS = [
  'Conseiller numérique',
  'Médiatrice numérique',
  'Agent d’accueil',
  'Responsable de structure',
  'Animateur multimédia',
  'Travailleuse sociale',
];

interface SampleReferent {
  id: string;
  nom: string;
  courriel: string;
  structure: string;
  lieu: string;
}

/** One referent per open place, a second one for every fourth place; fictitious names, `.example` mail. */
function sampleReferents(): SampleReferent[] {
  const out: SampleReferent[] = [];
  const used = new Set<string>();
  PLACES.forEach(([nom], i) => {
    const n = i + 1;
    if (n === 60) return; // the closed place has no referent any more
    const domain = `${slug(nom).slice(0, 30)}.example`;
    for (let k = 0; k < (n % 4 === 0 ? 2 : 1); k++) {
      let first: string;
      let last: string;
      do {
        first = FIRST_NAMES[Math.floor(lifeRandom() * FIRST_NAMES.length)]!;
        last = LAST_NAMES[Math.floor(lifeRandom() * LAST_NAMES.length)]!;
      } while (used.has(`${first} ${last}`));
      used.add(`${first} ${last}`);
      out.push({
        id: `ref-${String(out.length + 1).padStart(3, '0')}`,
        nom: `${first} ${last}`,
        courriel: `${slug(first)}.${slug(last)}@${domain}`,
        structure: nom,
        lieu: `lieu-${String(n).padStart(4, '0')}`,
      });
    }
  });
  return out;
}
const REFERENTS = sampleReferents();

/** The months of the letters already sent (Lettres); the thirteenth referent missed September's (quota). */
const LETTER_MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const SEPTEMBER_MISSED = 12;

function referents(): unknown[][] {
  return REFERENTS.map((r, i) => {
    const optedOut = i % 17 === 5;
    // The bus's referent also answers for the itinerant Emmaüs place.
    const lieux =
      r.lieu === `lieu-${String(PLACES.length).padStart(4, '0')}` ? `${r.lieu}|lieu-0011` : r.lieu;
    const record: Record<string, unknown> = {
      id: r.id,
      nom: r.nom,
      fonction: FONCTIONS[i % FONCTIONS.length],
      structure: r.structure,
      courriel: r.courriel,
      telephone: phone(),
      lieux,
      lettre: optedOut ? 'non' : i % 3 === 0 ? '' : 'oui',
      lettres: optedOut
        ? ''
        : LETTER_MONTHS.filter((m) => !(m === '2026-09' && i === SEPTEMBER_MISSED)).join('|'),
    };
    return TABS.Référents.columns.map((col) => record[col.key] ?? '');
  });
}

type SampleRencontre = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  boolean,
  string,
];
/** The steering committee meets every quarter in the same room; its meetings are not published. */
function copil(date: string, sujet: string, statut: string): SampleRencontre {
  const room = 'Hôtel du Département, salle du conseil, 11 rue François-Chénieux';
  return [date, '10:00', '12:00', 'Comité de pilotage', sujet, '', room, 'Limoges', 20, false, statut];
}

/** [date, start, end, type, subject, operator, room or '' for video, commune, capacity, public, status]. */
const RENCONTRES: SampleRencontre[] = [
  [
    '2026-01-20',
    '09:30',
    '12:00',
    'Formation sur les services d’un opérateur',
    'Mon Compte CAF et la prime d’activité',
    'CAF',
    'Médiathèque francophone, salle de conférence, 2 place Aimé-Césaire',
    'Limoges',
    15,
    true,
    'réalisée',
  ],
  [
    '2026-02-05',
    '14:00',
    '16:30',
    'Réunion de réseau',
    'Lancement de l’année : la charte et la carte du réseau',
    '',
    'Hôtel du Département, salle Léonard-Limosin, 11 rue François-Chénieux',
    'Limoges',
    40,
    true,
    'réalisée',
  ],
  [
    '2026-02-24',
    '10:00',
    '11:30',
    'Formation sur les services d’un opérateur',
    'Mon Espace Santé et le compte ameli',
    'CPAM',
    '',
    '',
    20,
    true,
    'réalisée',
  ],
  copil('2026-03-12', 'Bilan du premier trimestre', 'réalisée'),
  [
    '2026-03-26',
    '14:00',
    '16:30',
    'Échange de pratiques',
    'Accompagner sans faire à la place',
    '',
    'Centre social, 6 avenue Henri-Barbusse',
    'Saint-Junien',
    12,
    true,
    'réalisée',
  ],
  [
    '2026-04-16',
    '09:30',
    '12:00',
    'Formation sur les services d’un opérateur',
    'L’espace candidat de France Travail',
    'France Travail',
    'France Services, 9 rue Lamartine',
    'Bellac',
    12,
    true,
    'réalisée',
  ],
  [
    '2026-05-19',
    '10:00',
    '11:30',
    'Formation sur les services d’un opérateur',
    'Demander sa retraite en ligne',
    'CARSAT',
    '',
    '',
    25,
    true,
    'réalisée',
  ],
  copil('2026-06-11', 'Bilan du deuxième trimestre', 'réalisée'),
  [
    '2026-06-23',
    '14:00',
    '16:30',
    'Échange de pratiques',
    'Les arnaques en ligne : repérer et prévenir',
    '',
    'Espace public numérique, 14 rue Pasteur',
    'Saint-Yrieix-la-Perche',
    12,
    true,
    'réalisée',
  ],
  [
    '2026-07-07',
    '09:30',
    '12:00',
    'Formation sur les services d’un opérateur',
    'Les services en ligne de la MSA',
    'MSA',
    'MSA du Limousin, 4 avenue de la Gare',
    'Saint-Germain-les-Belles',
    10,
    true,
    'réalisée',
  ],
  [
    '2026-08-25',
    '14:00',
    '16:00',
    'Formation sur les services d’un opérateur',
    'La Poste : l’identité numérique',
    'La Poste',
    '',
    '',
    20,
    true,
    'annulée',
  ],
  [
    '2026-09-15',
    '14:00',
    '16:30',
    'Réunion de réseau',
    'La rentrée du réseau',
    '',
    'Tiers-lieu La Fabrique des Usages, 40 rue Armand-Dutreix',
    'Limoges',
    40,
    true,
    'réalisée',
  ],
  [
    '2026-09-29',
    '10:00',
    '11:30',
    'Formation sur les services d’un opérateur',
    'Déclarer et payer en ligne : l’espace particulier',
    'Impôts (DGFiP)',
    '',
    '',
    25,
    true,
    'réalisée',
  ],
  copil('2026-10-08', 'Bilan du troisième trimestre', 'réalisée'),
  [
    '2026-10-20',
    '14:00',
    '16:30',
    'Échange de pratiques',
    'Le Pass Numérique : retours d’expérience',
    '',
    'Espace numérique, 6 rue de la Collégiale',
    'Eymoutiers',
    12,
    true,
    'réalisée',
  ],
  [
    '2026-11-17',
    '09:30',
    '12:00',
    'Formation sur les services d’un opérateur',
    'Titres d’identité et permis de conduire en ligne',
    'ANTS',
    'CCAS, 7 rue Jean-Jaurès',
    'Limoges',
    15,
    true,
    'réalisée',
  ],
  copil('2026-12-10', 'Bilan de l’année et programme 2027', 'prévue'),
  [
    '2026-12-15',
    '10:00',
    '11:30',
    'Formation sur les services d’un opérateur',
    'La déclaration trimestrielle du RSA',
    'CAF',
    '',
    '',
    20,
    true,
    'prévue',
  ],
  [
    '2027-01-19',
    '14:00',
    '16:30',
    'Réunion de réseau',
    'Vœux et programme 2027',
    '',
    'Médiathèque francophone, salle de conférence, 2 place Aimé-Césaire',
    'Limoges',
    40,
    true,
    'prévue',
  ],
  [
    '2027-02-09',
    '14:00',
    '16:30',
    'Échange de pratiques',
    'Accueillir les personnes allophones',
    '',
    'Médiathèque, 1 rue Jean-Jaurès',
    'Saint-Léonard-de-Noblat',
    12,
    true,
    'prévue',
  ],
];

const AUDIENCES: Record<string, string> = {
  'Formation sur les services d’un opérateur':
    'Médiateurs numériques, agents d’accueil, travailleurs sociaux',
  'Échange de pratiques': 'Professionnels de l’accompagnement numérique du réseau',
  'Réunion de réseau': 'Toutes les structures membres du réseau',
  'Comité de pilotage': 'Partenaires institutionnels et financeurs',
};

function rencontreId(i: number): string {
  return `renc-${String(i + 1).padStart(3, '0')}`;
}

function rencontres(): unknown[][] {
  return RENCONTRES.map(
    ([date, debut, fin, type, sujet, operateur, lieu, communeName, capacite, publique, statut], i) => {
      if (holidayName(date, SAMPLE_DEPARTEMENT)) throw new Error(`${date} est férié`);
      const c = communeName ? commune(communeName) : null;
      const record: Record<string, unknown> = {
        id: rencontreId(i),
        type,
        sujet,
        operateur,
        date: format(new Date(`${date}T12:00:00Z`), 'dd/MM/yyyy'),
        debut,
        fin,
        lieu,
        code_insee: c?.code ?? '',
        commune: c?.nom ?? '',
        lien_visio: lieu ? '' : `https://visio.reseau-numerique-87.example/${slug(sujet).slice(0, 40)}`,
        capacite,
        public_cible: AUDIENCES[type],
        publique: publique ? 'oui' : 'non',
        statut,
        notes: statut === 'annulée' ? 'Annulée : trop peu d’inscrits en plein été.' : '',
      };
      return TABS.Rencontres.columns.map((col) => record[col.key] ?? '');
    },
  );
}

/**
 * Registrations: referents first come, first served; past the capacity, the waiting list. Held meetings
 * record attendance (most present, a few absent or excused); a few people cancel.
 */
function inscriptions(): unknown[][] {
  const rows: unknown[][] = [];
  RENCONTRES.forEach(([date, , , type, , , , , capacite, , statut], i) => {
    const copil = type === 'Comité de pilotage';
    // Every fifth meeting is over-subscribed: the last ones wait for a place.
    const full = i % 5 === 0;
    const share = 0.55 + lifeRandom() * 0.4;
    const wanted = copil ? 9 : full ? capacite + 3 + Math.floor(capacite / 10) : Math.round(capacite * share);
    const start = Math.floor(lifeRandom() * REFERENTS.length);
    const held = statut === 'réalisée';
    let taken = 0;
    for (let k = 0; k < wanted; k++) {
      const r = REFERENTS[(start + k * 7) % REFERENTS.length]!;
      const dropped = k % 11 === 10;
      const waiting = !dropped && taken >= capacite;
      if (!dropped && !waiting) taken++;
      const daysBefore = 30 - Math.floor((k * 25) / Math.max(1, wanted));
      const registered = addDays(new Date(`${date}T00:00:00Z`), -daysBefore);
      const minute = String((k * 13) % 60).padStart(2, '0');
      const status = dropped ? 'désinscrit' : waiting ? 'liste d’attente' : 'inscrit';
      const roll = lifeRandom();
      const record: Record<string, unknown> = {
        id: `insc-${String(rows.length + 1).padStart(4, '0')}`,
        rencontre: rencontreId(i),
        nom: r.nom,
        structure: r.structure,
        lieu: r.lieu,
        courriel: r.courriel,
        inscrit_le: `${format(registered, 'dd/MM/yyyy')} ${String(8 + (k % 10)).padStart(2, '0')}:${minute}`,
        statut: status,
        presence:
          held && status === 'inscrit' ? (roll < 0.82 ? 'présent' : roll < 0.92 ? 'excusé' : 'absent') : '',
      };
      rows.push(TABS.Inscriptions.columns.map((col) => record[col.key] ?? ''));
    }
  });
  return rows;
}

/** Quarterly counts of the places that accept the Pass Numérique (even rows of the sample). */
function passNumerique(): unknown[][] {
  const rows: unknown[][] = [];
  const days = ['2026-03-31', '2026-06-30', '2026-09-30'];
  PLACES.forEach((_, i) => {
    const n = i + 1;
    if (n % 2 !== 0 || n === 60 || n === PLACES.length) return;
    days.forEach((day, q) => {
      const distribues = 4 + Math.floor(lifeRandom() * 30);
      const encaisses = Math.max(0, distribues - 3 - Math.floor(lifeRandom() * 8));
      const record: Record<string, unknown> = {
        lieu: `lieu-${String(n).padStart(4, '0')}`,
        date: format(addDays(new Date(`${day}T12:00:00Z`), (n + q) % 5), 'dd/MM/yyyy'),
        distribues,
        encaisses,
        notes: q === 2 && n % 8 === 0 ? 'Chiffres donnés par téléphone, à confirmer.' : '',
      };
      rows.push(TABS['Pass Numérique'].columns.map((col) => record[col.key] ?? ''));
    });
  });
  return rows;
}

/** Six letters already sent, June to November 2026 (what each contained, as the tools write it). */
function lettres(): unknown[][] {
  const months = LETTER_MONTHS;
  const recipients = REFERENTS.filter((_, i) => i % 17 !== 5).length;
  return months.map((mois, m) => {
    const next = RENCONTRES.map((r, i) => [r, i] as const)
      .filter(([r]) => r[0] > `${mois}-05` && r[9] && r[10] !== 'annulée')
      .slice(0, 3)
      .map(([, i]) => rencontreId(i));
    const failed = months[m] === '2026-09' ? [REFERENTS[SEPTEMBER_MISSED]!.courriel] : [];
    const record: Record<string, unknown> = {
      mois,
      envoyee_le: `${format(new Date(`${mois}-0${2 + (m % 3)}T12:00:00Z`), 'dd/MM/yyyy')} 10:00`,
      destinataires: recipients - failed.length,
      non_envoyes: failed.join('|'),
      contenu: `Lieux nouveaux ou mis à jour : ${2 + (m % 4)} ; lieux à mettre à jour : ${5 + m} ; rencontres : ${next.join(', ')} ; permanences du bus le mois suivant : ${30 + ((m * 7) % 12)}.`,
    };
    return TABS.Lettres.columns.map((col) => record[col.key] ?? '');
  });
}

/** `--sortie <dir>` writes elsewhere (the drift test compares a fresh run with the committed files). */
const outIndex = process.argv.indexOf('--sortie');
const outRoot = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '.') : join(root, 'sheets-templates');

function write(folder: string, tab: TabName, rows: unknown[][]) {
  const dir = join(outRoot, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${tab}.csv`), stringify([headers(tab), ...rows]));
}

// The template carries the default diagnostic kit, as « Installer / mettre à niveau » writes it.
for (const tab of TAB_NAMES) write('modele', tab, tab === 'Diagnostic' ? defaultDiagnosticCells() : []);
write('exemple', 'Lieux', lieux());
write('exemple', 'Permanences', permanences());
write('exemple', 'Relais', relais());
write('exemple', 'Diagnostic', defaultDiagnosticCells());
write('exemple', 'Référents', referents());
write('exemple', 'Rencontres', rencontres());
write('exemple', 'Inscriptions', inscriptions());
write('exemple', 'Pass Numérique', passNumerique());
write('exemple', 'Lettres', lettres());
write('exemple', 'Communes', communes());
write('exemple', 'Offre', []);
write('exemple', 'Indicateurs', []);
write('exemple', 'Rapprochements', []);
write('exemple', 'Journal', []);
console.log(`${outRoot}/modele et ${outRoot}/exemple écrits.`);
