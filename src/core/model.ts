/**
 * The workbook model, defined once. Tabs, columns, French headers, types, vocabularies, public or
 * private, help texts. Zod schemas (schemas.ts), dropdown rules (Apps Script installer), template
 * headers (sheets-templates/) and published outputs are all derived from this module.
 */
import typologies from './data/typologies.json' with { type: 'json' };
import { standardField, VOCABULARIES } from './standard';

export type ColumnType =
  | 'text'
  | 'id'
  | 'email'
  | 'emails'
  | 'phone'
  | 'url'
  | 'urls'
  | 'postcode'
  | 'postcodes'
  | 'insee'
  | 'integer'
  | 'number'
  | 'latitude'
  | 'longitude'
  | 'date'
  | 'time'
  | 'datetime'
  | 'boolean'
  | 'vocabulary'
  | 'pivot'
  | 'horaires';

export interface ColumnDef {
  /** Record key; for the public columns of `Lieux`, the national standard's field name. */
  readonly key: string;
  /** French header shown in the sheet. */
  readonly header: string;
  readonly type: ColumnType;
  readonly required: boolean;
  /** Exact labels allowed (type `vocabulary`). */
  readonly vocabulary?: readonly string[];
  /** Several values in one cell, separated by `|` (or `, ` as Sheets' multi-select chips write them). */
  readonly multiple: boolean;
  /** May appear in published outputs. */
  readonly public: boolean;
  /** Filled by the tools, never typed by hand (protected, not stamped on edit). */
  readonly computed: boolean;
  /** One-line French help text (cell note, sidebar). */
  readonly help: string;
  readonly maxLength?: number;
  /** Width in pixels for the installer. */
  readonly width?: number;
}

type ColumnOptions = Partial<Omit<ColumnDef, 'key' | 'header' | 'type' | 'help'>>;

/**
 * A column keeps its key, type, multiplicity, publicity and requiredness as literal types, so record
 * types and the feed contract (publish/feed-types.ts) derive from the model.
 */
type Column<K extends string, T extends ColumnType, O extends ColumnOptions> = ColumnDef & {
  readonly key: K;
  readonly type: T;
  readonly multiple: O extends { multiple: true } ? true : false;
  readonly public: O extends { public: true } ? true : false;
  readonly required: O extends { required: true } ? true : false;
};

function column<
  const K extends string,
  const T extends ColumnType,
  const O extends ColumnOptions = Record<never, never>,
>(key: K, header: string, type: T, help: string, options?: O): Column<K, T, O> {
  return {
    key,
    header,
    type,
    help,
    required: false,
    multiple: false,
    public: false,
    computed: false,
    ...options,
  } as Column<K, T, O>;
}

/**
 * A public column of `Lieux`: its header is the standard's own French title. A field the standard
 * requires is written `required: true` here too (checked), so that the type knows it.
 */
function standard<
  const K extends string,
  const T extends ColumnType,
  const O extends ColumnOptions = Record<never, never>,
>(key: K, type: T, help: string, options?: O): Column<K, T, O & { public: true }> {
  const field = standardField(key);
  if (field.required && options?.required !== true) {
    throw new Error(`Lieux.${key}: the standard requires this field, write required: true in the model`);
  }
  return column(key, field.title, type, help, {
    public: true,
    required: field.required,
    ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
    ...options,
  }) as unknown as Column<K, T, O & { public: true }>;
}

function many(values: readonly string[]) {
  return { vocabulary: values, multiple: true } as const;
}

function one(values: readonly string[]) {
  return { vocabulary: values, multiple: false } as const;
}

export const TYPOLOGIES: readonly { code: string; label: string }[] = typologies;

export const LIEU_STATUTS = ['actif', 'fermé'] as const;
export const PERMANENCE_STATUTS = ['prévue', 'confirmée', 'annulée', 'réalisée'] as const;
/** The call for projects' three types of offer. */
export const OFFRES = ['Assistance', 'Formation', 'Accès libre'] as const;
export const RELAIS_TYPES = [
  'Mairie',
  'Commerce',
  'Association',
  'France Services',
  'Bibliothèque / Médiathèque',
  'Centre social',
  'Établissement scolaire',
  'Autre',
] as const;
export const ETATS_VALIDATION = ['OK', 'À corriger'] as const;

/** Computed columns every editable tab carries: validation status and last edit. */
function trackingColumns() {
  return [
    column('etat', 'État', 'vocabulary', 'Rempli par Maillage : OK ou À corriger.', {
      ...one(ETATS_VALIDATION),
      computed: true,
      width: 90,
    }),
    column('problemes', 'Problèmes', 'text', 'Rempli par Maillage : ce qu’il faut corriger sur la ligne.', {
      computed: true,
      width: 320,
    }),
    column('modifie_le', 'Dernière modification', 'datetime', 'Rempli par Maillage à chaque modification.', {
      computed: true,
    }),
    column(
      'modifie_par',
      'Modifié par',
      'email',
      'Rempli par Maillage : qui a modifié la ligne en dernier.',
      {
        computed: true,
      },
    ),
  ] as const;
}

const lieuxColumns = [
  standard('id', 'id', 'Identifiant stable du lieu, attribué par Maillage. Ne pas modifier.', {
    required: true,
    width: 110,
  }),
  standard('pivot', 'pivot', 'SIRET (14 chiffres) de la structure, ou numéro RNA (W suivi de 9 chiffres).', {
    required: true,
  }),
  standard('nom', 'text', 'Nom du lieu tel que le public le connaît.', { required: true, width: 220 }),
  standard('commune', 'text', 'Nom de la commune du lieu.', { required: true, width: 150 }),
  standard('code_postal', 'postcode', 'Code postal à 5 chiffres.', { required: true }),
  standard('code_insee', 'insee', 'Code INSEE de la commune (5 caractères, par exemple 87085).'),
  standard('adresse', 'text', 'Numéro et nom de la voie.', { required: true, width: 200 }),
  standard('complement_adresse', 'text', 'Bâtiment, étage, entrée…'),
  standard(
    'latitude',
    'latitude',
    'Latitude WGS84 (par exemple 45.8336). Laisser vide : Maillage la complète.',
  ),
  standard(
    'longitude',
    'longitude',
    'Longitude WGS84 (par exemple 1.2611). Laisser vide : Maillage la complète.',
  ),
  standard(
    'typologie',
    'vocabulary',
    'Type de structure (codes data.inclusion, plusieurs possibles, séparés par |).',
    {
      ...many(TYPOLOGIES.map((t) => t.code)),
    },
  ),
  standard(
    'telephone',
    'phone',
    'Un numéro de téléphone, par exemple 05 55 12 34 56 (écrit ensuite +33555123456).',
  ),
  standard('courriels', 'emails', 'Courriel(s) de contact du lieu, séparés par |.', { multiple: true }),
  standard('site_web', 'urls', 'Adresse(s) du site, commençant par https://, séparées par |.', {
    multiple: true,
  }),
  standard(
    'horaires',
    'horaires',
    'Horaires au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off ».',
    {
      width: 260,
    },
  ),
  standard('presentation_resume', 'text', 'Présentation en une ou deux phrases (280 caractères au plus).', {
    width: 260,
  }),
  standard('presentation_detail', 'text', 'Présentation détaillée du lieu et de ses services.'),
  standard('source', 'text', 'Structure qui a collecté la donnée (par exemple le réseau départemental).'),
  standard('itinerance', 'vocabulary', 'Fixe, ou Itinérant pour un bus ou un camion.', {
    ...many(VOCABULARIES.itinerance),
  }),
  standard('structure_parente', 'text', 'Structure dont dépend le lieu (commune, association…).'),
  standard('date_maj', 'date', 'Date de la dernière mise à jour de la fiche (remplie par Maillage).', {
    required: true,
  }),
  standard('services', 'vocabulary', 'Services proposés (plusieurs possibles).', {
    ...many(VOCABULARIES.services),
    required: true,
  }),
  standard('publics_specifiquement_adresses', 'vocabulary', 'Publics accueillis en particulier.', {
    ...many(VOCABULARIES.publics_specifiquement_adresses),
  }),
  standard('prise_en_charge_specifique', 'vocabulary', 'Prises en charge spécifiques proposées.', {
    ...many(VOCABULARIES.prise_en_charge_specifique),
  }),
  standard('frais_a_charge', 'vocabulary', 'Gratuit, Gratuit sous condition ou Payant.', {
    ...many(VOCABULARIES.frais_a_charge),
  }),
  standard(
    'dispositif_programmes_nationaux',
    'vocabulary',
    'Dispositifs nationaux dont le lieu fait partie.',
    {
      ...many(VOCABULARIES.dispositif_programmes_nationaux),
    },
  ),
  standard('formations_labels', 'vocabulary', 'Formations suivies et labels obtenus.', {
    ...many(VOCABULARIES.formations_labels),
  }),
  standard('autres_formations_labels', 'text', 'Autres formations ou labels, séparés par |.'),
  standard(
    'modalites_acces',
    'vocabulary',
    'Comment venir : se présenter, téléphoner, prendre rendez-vous…',
    {
      ...many(VOCABULARIES.modalites_acces),
    },
  ),
  standard(
    'modalites_accompagnement',
    'vocabulary',
    'En autonomie, individuel, atelier collectif, à distance.',
    {
      ...many(VOCABULARIES.modalites_accompagnement),
    },
  ),
  standard('fiche_acces_libre', 'url', 'Lien vers la fiche acceslibre.beta.gouv.fr du lieu (accessibilité).'),
  standard('prise_rdv', 'url', 'Lien de prise de rendez-vous en ligne.'),
  // Private network columns.
  column('referent_nom', 'Référent (nom)', 'text', 'Personne référente du lieu pour le réseau (non publié).'),
  column('referent_courriel', 'Référent (courriel)', 'email', 'Courriel du référent (non publié).'),
  column('referent_telephone', 'Référent (téléphone)', 'phone', 'Téléphone du référent (non publié).'),
  column(
    'editeurs',
    'Éditeurs',
    'emails',
    'Courriels autorisés à modifier cette ligne, séparés par | (non publié).',
    {
      multiple: true,
      width: 220,
    },
  ),
  column(
    'charte_signee_le',
    'Charte signée le',
    'date',
    'Date de signature de la Charte de l’accompagnement numérique.',
  ),
  column(
    'pass_numerique',
    'Pass Numérique (APTIC) accepté',
    'boolean',
    'Le lieu accepte-t-il les chèques APTIC ? (oui ou non)',
  ),
  column('statut', 'Statut', 'vocabulary', 'actif, ou fermé (la fiche n’est plus publiée).', {
    ...one(LIEU_STATUTS),
    required: true,
  }),
  ...trackingColumns(),
] as const;

const permanencesColumns = [
  column('id', 'Identifiant', 'id', 'Identifiant stable de la permanence, attribué par Maillage.', {
    public: true,
  }),
  column('date', 'Date', 'date', 'Jour de la permanence (JJ/MM/AAAA).', { public: true, required: true }),
  column('debut', 'Début', 'time', 'Heure de début (par exemple 09:30).', { public: true, required: true }),
  column('fin', 'Fin', 'time', 'Heure de fin, après le début.', { public: true, required: true }),
  column('code_insee', 'Code INSEE', 'insee', 'Code INSEE de la commune où stationne le bus.', {
    public: true,
    required: true,
  }),
  column('commune', 'Commune', 'text', 'Nom de la commune (vérifié avec le code INSEE).', { public: true }),
  column('lieu', 'Lieu', 'text', 'Où stationne le bus (place, salle, parking…).', {
    public: true,
    required: true,
  }),
  column('adresse', 'Adresse', 'text', 'Adresse du lieu de stationnement.', { public: true }),
  column('relais', 'Relais', 'id', 'Identifiant du relais local (onglet Relais), s’il y en a un.'),
  column(
    'offres',
    'Types d’offre',
    'vocabulary',
    'Assistance, Formation, Accès libre (plusieurs possibles).',
    {
      ...many(OFFRES),
      public: true,
      required: true,
    },
  ),
  column('statut', 'Statut', 'vocabulary', 'prévue, confirmée, annulée ou réalisée.', {
    ...one(PERMANENCE_STATUTS),
    public: true,
    required: true,
  }),
  column(
    'personnes_recues',
    'Personnes reçues',
    'integer',
    'Une fois la permanence réalisée : personnes accueillies.',
  ),
  column(
    'accompagnements_individuels',
    'Accompagnements individuels',
    'integer',
    'Une fois réalisée : nombre d’accompagnements individuels.',
  ),
  column(
    'participants_ateliers',
    'Participants aux ateliers',
    'integer',
    'Une fois réalisée : participants aux ateliers.',
  ),
  column(
    'reponses_satisfaction',
    'Réponses satisfaction',
    'integer',
    'Questionnaires de satisfaction remplis.',
  ),
  column(
    'satisfaits',
    'Dont satisfaits',
    'integer',
    'Parmi les questionnaires remplis, réponses satisfaites.',
  ),
  column('notes', 'Notes', 'text', 'Remarques internes (non publiées).', { width: 240 }),
  ...trackingColumns(),
] as const;

const relaisColumns = [
  column('id', 'Identifiant', 'id', 'Identifiant stable du relais, attribué par Maillage.'),
  column('nom', 'Nom', 'text', 'Nom du relais (mairie, commerce, association…).', {
    required: true,
    width: 200,
  }),
  column('type', 'Type', 'vocabulary', 'Mairie, Commerce, Association…', {
    ...one(RELAIS_TYPES),
    required: true,
  }),
  column('code_insee', 'Code INSEE', 'insee', 'Code INSEE de la commune du relais.', { required: true }),
  column('commune', 'Commune', 'text', 'Nom de la commune (vérifié avec le code INSEE).'),
  column('contact_nom', 'Contact (nom)', 'text', 'Personne à contacter (non publié).'),
  column('contact_courriel', 'Contact (courriel)', 'email', 'Courriel du contact (non publié).'),
  column('contact_telephone', 'Contact (téléphone)', 'phone', 'Téléphone du contact (non publié).'),
  column('convention_le', 'Convention signée le', 'date', 'Date de l’accord avec le relais.'),
  column('actif', 'Actif', 'boolean', 'Le relais est-il actif ? (oui ou non)', { required: true }),
  ...trackingColumns(),
] as const;

const indicateursColumns = [
  column('periode', 'Période', 'text', 'Semaine ISO (2026-W48), mois (2026-11) ou trimestre (2026-T4).', {
    computed: true,
  }),
  column('du', 'Du', 'date', 'Premier jour de la période.', { computed: true }),
  column('au', 'Au', 'date', 'Dernier jour de la période.', { computed: true }),
  column(
    'communes_couvertes',
    'Communes couvertes',
    'integer',
    'Communes où le bus a tenu une permanence réalisée.',
    {
      computed: true,
    },
  ),
  column(
    'communes_assistance',
    'Communes (assistance)',
    'integer',
    'Communes couvertes avec une offre d’assistance.',
    {
      computed: true,
    },
  ),
  column(
    'communes_formation',
    'Communes (formation)',
    'integer',
    'Communes couvertes avec une offre de formation.',
    {
      computed: true,
    },
  ),
  column(
    'communes_acces_libre',
    'Communes (accès libre)',
    'integer',
    'Communes couvertes avec un accès libre.',
    {
      computed: true,
    },
  ),
  column(
    'permanences_realisees',
    'Permanences réalisées',
    'integer',
    'Permanences tenues (jamais annulées ni à venir).',
    {
      computed: true,
    },
  ),
  column('permanences_prevues', 'Permanences prévues', 'integer', 'Permanences prévues ou confirmées.', {
    computed: true,
  }),
  column('permanences_annulees', 'Permanences annulées', 'integer', 'Permanences annulées.', {
    computed: true,
  }),
  column(
    'personnes_recues',
    'Personnes reçues',
    'integer',
    'Personnes accueillies lors des permanences réalisées.',
    {
      computed: true,
    },
  ),
  column(
    'accompagnements',
    'Accompagnements',
    'integer',
    'Accompagnements individuels + participants aux ateliers.',
    {
      computed: true,
    },
  ),
  column(
    'accompagnements_individuels',
    'Accompagnements individuels',
    'integer',
    'Accompagnements individuels.',
    {
      computed: true,
    },
  ),
  column(
    'participants_ateliers',
    'Participants aux ateliers',
    'integer',
    'Participants aux ateliers collectifs.',
    {
      computed: true,
    },
  ),
  column(
    'reponses_satisfaction',
    'Réponses satisfaction',
    'integer',
    'Questionnaires de satisfaction remplis.',
    {
      computed: true,
    },
  ),
  column('satisfaits', 'Dont satisfaits', 'integer', 'Réponses satisfaites.', { computed: true }),
  column(
    'taux_satisfaction',
    'Taux de satisfaction',
    'number',
    'Réponses satisfaites / réponses (vide sans réponse).',
    {
      computed: true,
    },
  ),
  column('relais_actifs', 'Relais actifs', 'integer', 'Structures relais actives.', { computed: true }),
  column('relais_mobilises', 'Relais mobilisés', 'integer', 'Relais rattachés à une permanence réalisée.', {
    computed: true,
  }),
  column(
    'lieux_actifs',
    'Lieux actifs',
    'integer',
    'Lieux actifs de l’annuaire, relevés le jour du calcul.',
    {
      computed: true,
    },
  ),
  column(
    'lieux_anciens',
    'Lieux à mettre à jour',
    'integer',
    'Lieux dont la fiche a plus d’un an, relevés le jour du calcul.',
    {
      computed: true,
    },
  ),
  column(
    'donnees_au',
    'Données au',
    'date',
    'Jour de référence du calcul : rien d’après ce jour n’est compté comme réalisé.',
    {
      computed: true,
    },
  ),
] as const;

const communesColumns = [
  column('code_insee', 'Code INSEE', 'insee', 'Code officiel géographique de la commune.', {
    required: true,
    computed: true,
  }),
  column('nom', 'Commune', 'text', 'Nom de la commune.', { required: true, computed: true }),
  column('codes_postaux', 'Codes postaux', 'postcodes', 'Codes postaux de la commune.', {
    multiple: true,
    computed: true,
  }),
  column('population', 'Population', 'integer', 'Population municipale.', { computed: true }),
  column('epci', 'EPCI', 'text', 'Intercommunalité.', { computed: true }),
  column('latitude', 'Latitude', 'latitude', 'Point situé dans la commune.', { computed: true }),
  column('longitude', 'Longitude', 'longitude', 'Point situé dans la commune.', { computed: true }),
] as const;

const journalColumns = [
  column('horodatage', 'Horodatage', 'datetime', 'Quand.', { required: true, computed: true }),
  column('utilisateur', 'Utilisateur', 'text', 'Qui (courriel, si connu).', { computed: true }),
  column('action', 'Action', 'text', 'Ce qui a été fait.', { required: true, computed: true }),
  column('lignes', 'Lignes', 'integer', 'Nombre de lignes concernées.', { computed: true }),
  column('details', 'Détails', 'text', 'Précisions (onglet, identifiants, retour arrière possible).', {
    computed: true,
    width: 400,
  }),
] as const;

/** What the coordination decided about a place of a national file that looked like one of ours. */
export const RAPPROCHEMENT_DECISIONS = ['même lieu', 'lieu différent'] as const;

/**
 * The uncertain matches of imports and what the coordination decided, so that importing the same
 * file again does not ask again: one row per place of the file and row of Lieux it looked like.
 */
const rapprochementsColumns = [
  column(
    'cle',
    'Lieu du fichier',
    'text',
    'Comment Maillage reconnaît le lieu du fichier national : « id:<source>:<identifiant> », ou « nom:<commune>:<nom> » sans identifiant.',
    { required: true, computed: true, width: 240 },
  ),
  column('nom', 'Nom dans le fichier', 'text', 'Le nom du lieu dans le fichier national.', {
    computed: true,
    width: 220,
  }),
  column('commune', 'Commune', 'text', 'Sa commune dans le fichier national.', { computed: true }),
  column('lieu', 'Lieu du classeur', 'text', 'Identifiant de la ligne de l’onglet Lieux qui lui ressemble.', {
    required: true,
    computed: true,
  }),
  column('nom_lieu', 'Nom dans le classeur', 'text', 'Le nom de cette ligne de l’onglet Lieux.', {
    computed: true,
    width: 220,
  }),
  column('raison', 'Pourquoi c’est incertain', 'text', 'Ce qui les rapproche et ce qui les distingue.', {
    computed: true,
    width: 260,
  }),
  column(
    'decision',
    'Décision',
    'vocabulary',
    'même lieu : le lieu du fichier est cette ligne (ses cases vides seront complétées) ; lieu différent : il sera ajouté comme un nouveau lieu ; vide : encore à décider.',
    one(RAPPROCHEMENT_DECISIONS),
  ),
  column('decide_le', 'Décidé le', 'datetime', 'Quand la décision a été prise.', { computed: true }),
  column('decide_par', 'Décidé par', 'text', 'Qui l’a prise (courriel, si connu).', { computed: true }),
] as const;

/** What a row of the `Diagnostic` tab describes. */
export const DIAGNOSTIC_ELEMENTS = ['question', 'réponse', 'profil', 'obstacle', 'texte'] as const;
export const DIAGNOSTIC_CHOIX = ['une réponse', 'plusieurs réponses'] as const;

/** A column of the `Diagnostic` tab holding one of the standard's vocabularies, under its own title. */
function standardVocabulary<const K extends keyof typeof VOCABULARIES>(key: K, help: string) {
  return column(key, standardField(key).title, 'vocabulary', help, {
    ...many(VOCABULARIES[key]),
    public: true,
  });
}

/**
 * The diagnostic kit (questions asked with a person, profiles, obstacles, arguments, texts of the
 * page): one row per element, edited by the coordination, published as `diagnostic.json`.
 */
const diagnosticColumns = [
  column(
    'element',
    'Élément',
    'vocabulary',
    'question, réponse (sous sa question), profil, obstacle ou texte de la page.',
    {
      ...one(DIAGNOSTIC_ELEMENTS),
      required: true,
      public: true,
    },
  ),
  column(
    'code',
    'Code',
    'text',
    'Code court, unique : minuscules sans accent, chiffres et tirets (par exemple pas-d-ordinateur).',
    {
      required: true,
      public: true,
    },
  ),
  column('question', 'Question', 'text', 'Pour une réponse : le code de sa question (écrite plus haut).', {
    public: true,
  }),
  column(
    'choix',
    'Choix',
    'vocabulary',
    'Pour une question : une réponse, ou plusieurs réponses possibles.',
    {
      ...one(DIAGNOSTIC_CHOIX),
      public: true,
    },
  ),
  column(
    'texte',
    'Texte',
    'text',
    'Ce que la page affiche : la question, la réponse, le nom du profil ou de l’obstacle, le texte.',
    {
      required: true,
      public: true,
      width: 320,
    },
  ),
  column(
    'precision',
    'Précision',
    'text',
    'Question : comment la poser. Profil : ce qu’il faut proposer. Obstacle : ce qu’il recouvre.',
    {
      public: true,
      width: 320,
    },
  ),
  column(
    'points',
    'Points',
    'integer',
    'Réponse : points d’autonomie (0 à 10). Profil : total de points à partir duquel il s’applique.',
    {
      public: true,
    },
  ),
  column(
    'obstacles',
    'Obstacles',
    'text',
    'Pour une réponse : codes des obstacles qu’elle révèle, séparés par |.',
    {
      public: true,
    },
  ),
  column(
    'arguments',
    'Arguments',
    'text',
    'Pour un obstacle : phrases courtes pour convaincre la personne, séparées par |.',
    {
      public: true,
      width: 320,
    },
  ),
  column(
    'prochaine_etape',
    'Prochaine étape',
    'text',
    'Profil ou obstacle : la prochaine étape à proposer, en une phrase.',
    {
      public: true,
      width: 240,
    },
  ),
  standardVocabulary(
    'services',
    'Services à chercher sur la carte pour ce profil, cet obstacle ou cette réponse.',
  ),
  standardVocabulary(
    'modalites_accompagnement',
    'Profil ou obstacle : la forme d’accompagnement à proposer.',
  ),
  standardVocabulary(
    'publics_specifiquement_adresses',
    'Réponse ou obstacle : lieux qui accueillent ce public en particulier.',
  ),
  standardVocabulary(
    'prise_en_charge_specifique',
    'Réponse ou obstacle : prise en charge spécifique à chercher.',
  ),
  standardVocabulary(
    'frais_a_charge',
    'Obstacle : frais acceptables (par exemple Gratuit quand le coût freine).',
  ),
  column(
    'pass_numerique',
    'Pass Numérique d’abord',
    'boolean',
    'Obstacle : montrer d’abord les lieux qui acceptent le Pass Numérique (oui ou non).',
    {
      public: true,
    },
  ),
  ...trackingColumns(),
] as const;

/** The four kinds of meeting the network organises (call for projects, II.2). */
export const RENCONTRE_TYPES = [
  'Formation sur les services d’un opérateur',
  'Échange de pratiques',
  'Réunion de réseau',
  'Comité de pilotage',
] as const;
/** Operators whose services the network trains professionals on. */
export const OPERATEURS = [
  'CAF',
  'CPAM',
  'CARSAT',
  'France Travail',
  'MSA',
  'Impôts (DGFiP)',
  'ANTS',
  'La Poste',
  'Autre',
] as const;
export const RENCONTRE_STATUTS = ['prévue', 'annulée', 'réalisée'] as const;
export const INSCRIPTION_STATUTS = ['inscrit', 'liste d’attente', 'désinscrit'] as const;
export const PRESENCES = ['présent', 'absent', 'excusé'] as const;

/** The member structures' referents: private, never published, tied to places by the Lieux id. */
const referentsColumns = [
  column('id', 'Identifiant', 'id', 'Identifiant stable du référent, attribué par Maillage.'),
  column('nom', 'Nom', 'text', 'Prénom et nom du référent (non publié).', { required: true, width: 180 }),
  column('fonction', 'Fonction', 'text', 'Rôle dans la structure (médiateur, directrice, agent d’accueil…).'),
  column('structure', 'Structure', 'text', 'Structure membre du réseau qu’il ou elle représente.', {
    width: 220,
  }),
  column('courriel', 'Courriel', 'email', 'Courriel professionnel (non publié).', { required: true }),
  column('telephone', 'Téléphone', 'phone', 'Téléphone professionnel (non publié).'),
  column(
    'lieux',
    'Lieux',
    'id',
    'Identifiants des lieux (onglet Lieux) dont il ou elle est référent, séparés par |.',
    { multiple: true, width: 160 },
  ),
  column(
    'lettre',
    'Reçoit la lettre',
    'boolean',
    'Reçoit la lettre mensuelle du réseau ? (oui ou non ; vide : oui)',
  ),
  column(
    'invitations',
    'Invité aux rencontres',
    'id',
    'Rempli par Maillage : les rencontres (onglet Rencontres) auxquelles il ou elle a été invité(e), séparées par |.',
    { multiple: true, computed: true, width: 160 },
  ),
  column(
    'lettres',
    'Lettres reçues',
    'id',
    'Rempli par Maillage : les mois (AAAA-MM) des lettres du réseau qui lui sont parties, séparés par |.',
    { multiple: true, computed: true, width: 140 },
  ),
  ...trackingColumns(),
] as const;

/** Trainings and exchange meetings: only the rows marked public reach `rencontres.ics`. */
const rencontresColumns = [
  column('id', 'Identifiant', 'id', 'Identifiant stable de la rencontre, attribué par Maillage.', {
    public: true,
  }),
  column(
    'type',
    'Type',
    'vocabulary',
    'Formation, échange de pratiques, réunion de réseau ou comité de pilotage.',
    {
      ...one(RENCONTRE_TYPES),
      public: true,
      required: true,
      width: 220,
    },
  ),
  column(
    'sujet',
    'Sujet',
    'text',
    'Sujet en une ligne (par exemple « Le nouvel espace CAF des allocataires »).',
    {
      public: true,
      required: true,
      width: 260,
    },
  ),
  column(
    'operateur',
    'Opérateur',
    'vocabulary',
    'Pour une formation : l’opérateur dont on présente les services.',
    {
      ...one(OPERATEURS),
      public: true,
    },
  ),
  column('date', 'Date', 'date', 'Jour de la rencontre (JJ/MM/AAAA).', { public: true, required: true }),
  column('debut', 'Début', 'time', 'Heure de début (par exemple 09:30).', { public: true, required: true }),
  column('fin', 'Fin', 'time', 'Heure de fin, après le début.', { public: true, required: true }),
  column('lieu', 'Lieu', 'text', 'Salle et adresse ; vide pour une rencontre en visioconférence.', {
    public: true,
    width: 220,
  }),
  column('code_insee', 'Code INSEE', 'insee', 'Code INSEE de la commune de la salle.', { public: true }),
  column('commune', 'Commune', 'text', 'Nom de la commune (vérifié avec le code INSEE).', { public: true }),
  column(
    'lien_visio',
    'Lien de visioconférence',
    'url',
    'Lien de la visioconférence, envoyé aux seuls invités et inscrits (non publié).',
  ),
  column(
    'capacite',
    'Places',
    'integer',
    'Nombre de places ; au-delà, les inscrits vont en liste d’attente.',
    {
      public: true,
    },
  ),
  column('public_cible', 'Public', 'text', 'À qui s’adresse la rencontre (médiateurs, agents d’accueil…).', {
    public: true,
    width: 200,
  }),
  column(
    'publique',
    'Publiée',
    'boolean',
    'Publiée dans l’agenda du réseau (rencontres.ics) ? (oui ou non ; un comité de pilotage reste en général non publié)',
    { required: true },
  ),
  column('statut', 'Statut', 'vocabulary', 'prévue, annulée ou réalisée.', {
    ...one(RENCONTRE_STATUTS),
    public: true,
    required: true,
  }),
  column(
    'formulaire',
    'Formulaire d’inscription',
    'url',
    'Rempli par Maillage : le formulaire Google de la rencontre.',
    {
      public: true,
      computed: true,
    },
  ),
  column('notes', 'Notes', 'text', 'Remarques internes (non publiées).', { width: 240 }),
  ...trackingColumns(),
] as const;

/** Registrations of professionals to meetings, then their attendance. Personal data: purged after a while. */
const inscriptionsColumns = [
  column('id', 'Identifiant', 'id', 'Identifiant stable de l’inscription, attribué par Maillage.'),
  column('rencontre', 'Rencontre', 'id', 'Identifiant de la rencontre (onglet Rencontres).', {
    required: true,
  }),
  column('nom', 'Nom', 'text', 'Prénom et nom de la personne inscrite (non publié).', { required: true }),
  column('structure', 'Structure', 'text', 'Structure de la personne inscrite.', { width: 200 }),
  column('lieu', 'Lieu', 'id', 'Identifiant du lieu de sa structure (onglet Lieux), s’il y en a un.'),
  column('courriel', 'Courriel', 'email', 'Courriel de la personne inscrite (non publié).', {
    required: true,
  }),
  column('inscrit_le', 'Inscrit le', 'datetime', 'Date et heure de l’inscription (rang sur la liste).', {
    required: true,
  }),
  column('statut', 'Statut', 'vocabulary', 'inscrit, liste d’attente ou désinscrit.', {
    ...one(INSCRIPTION_STATUTS),
    required: true,
  }),
  column('presence', 'Présence', 'vocabulary', 'Après la rencontre : présent, absent ou excusé.', {
    ...one(PRESENCES),
  }),
  column(
    'rappel_le',
    'Rappel envoyé le',
    'datetime',
    'Rempli par Maillage : quand le rappel de la rencontre (deux jours avant) est parti.',
    { computed: true },
  ),
  ...trackingColumns(),
] as const;

/** Pass Numérique (APTIC) cheques, as each structure reports them to the coordination. */
const passNumeriqueColumns = [
  column('lieu', 'Lieu', 'id', 'Identifiant du lieu de la structure (onglet Lieux).', { required: true }),
  column('date', 'Date du relevé', 'date', 'Jour où la structure a donné ses chiffres (JJ/MM/AAAA).', {
    required: true,
  }),
  column(
    'distribues',
    'Chèques distribués',
    'integer',
    'Chèques remis aux personnes depuis le relevé précédent.',
  ),
  column(
    'encaisses',
    'Chèques encaissés',
    'integer',
    'Chèques reçus en paiement depuis le relevé précédent.',
  ),
  column('notes', 'Notes', 'text', 'Remarques internes (non publiées).'),
  ...trackingColumns(),
] as const;

/** What each monthly letter of the network contained, written by Maillage when it sends one. */
const lettresColumns = [
  column('mois', 'Mois', 'text', 'Mois de la lettre (AAAA-MM).', { required: true, computed: true }),
  column('envoyee_le', 'Envoyée le', 'datetime', 'Quand la lettre est partie (vide : pas encore envoyée).', {
    computed: true,
  }),
  column('destinataires', 'Destinataires', 'integer', 'Référents à qui elle a été envoyée.', {
    computed: true,
  }),
  column(
    'non_envoyes',
    'Non envoyés',
    'text',
    'Courriels auxquels elle n’a pas pu partir (quota), à renvoyer.',
    {
      computed: true,
    },
  ),
  column(
    'contenu',
    'Contenu',
    'text',
    'Ce qu’elle contenait : lieux, rencontres, permanences et chiffres cités.',
    {
      computed: true,
      width: 400,
    },
  ),
] as const;

/** Pooling the offer (« qui propose quoi, où »): one row per service of the standard and EPCI, written by Maillage. */
const offreColumns = [
  column('service', 'Service', 'text', 'Service du standard national des lieux de médiation numérique.', {
    computed: true,
    width: 260,
  }),
  column('epci', 'EPCI', 'text', 'Intercommunalité.', { computed: true, width: 220 }),
  column('nombre_lieux', 'Nombre de lieux', 'integer', 'Lieux actifs de l’EPCI qui proposent ce service.', {
    computed: true,
  }),
  column('lieux', 'Lieux', 'text', 'Ces lieux : nom (commune) [identifiant], séparés par |.', {
    computed: true,
    width: 400,
  }),
  column(
    'nombre_communes_sans',
    'Communes sans ce service',
    'integer',
    'Communes de l’EPCI où aucun lieu ne propose ce service.',
    { computed: true },
  ),
  column('communes_sans', 'Lesquelles', 'text', 'Ces communes, séparées par des virgules.', {
    computed: true,
    width: 400,
  }),
  column('donnees_au', 'Données au', 'date', 'Jour du calcul.', { computed: true }),
] as const;

export interface TabDef {
  readonly name: TabName;
  readonly columns: readonly ColumnDef[];
  /** Partners and the coordinator type in it (validated, stamped); otherwise written by the tools only. */
  readonly editable: boolean;
  /** Prefix of generated ids, for tabs that have an `id` column. */
  readonly idPrefix?: string;
  readonly description: string;
}

export type TabName =
  | 'Lieux'
  | 'Permanences'
  | 'Relais'
  | 'Diagnostic'
  | 'Référents'
  | 'Rencontres'
  | 'Inscriptions'
  | 'Pass Numérique'
  | 'Lettres'
  | 'Offre'
  | 'Indicateurs'
  | 'Communes'
  | 'Rapprochements'
  | 'Journal';

export const TABS = {
  Lieux: {
    name: 'Lieux',
    columns: lieuxColumns,
    editable: true,
    idPrefix: 'lieu',
    description: 'Annuaire des lieux de médiation numérique (une ligne par lieu).',
  },
  Permanences: {
    name: 'Permanences',
    columns: permanencesColumns,
    editable: true,
    idPrefix: 'perm',
    description: 'Calendrier du bus : une ligne par permanence.',
  },
  Relais: {
    name: 'Relais',
    columns: relaisColumns,
    editable: true,
    idPrefix: 'relais',
    description: 'Acteurs relais (mairies, commerces, associations).',
  },
  Diagnostic: {
    name: 'Diagnostic',
    columns: diagnosticColumns,
    editable: true,
    description:
      'Kit de diagnostic numérique : questions, réponses, profils, obstacles, arguments et textes de la page.',
  },
  Référents: {
    name: 'Référents',
    columns: referentsColumns,
    editable: true,
    idPrefix: 'ref',
    description: 'Référents des structures membres (privé : ne sort jamais du classeur).',
  },
  Rencontres: {
    name: 'Rencontres',
    columns: rencontresColumns,
    editable: true,
    idPrefix: 'renc',
    description: 'Formations, échanges de pratiques, réunions de réseau et comités de pilotage.',
  },
  Inscriptions: {
    name: 'Inscriptions',
    columns: inscriptionsColumns,
    editable: true,
    idPrefix: 'insc',
    description: 'Inscriptions aux rencontres, liste d’attente et présence (privé, purgé après un temps).',
  },
  'Pass Numérique': {
    name: 'Pass Numérique',
    columns: passNumeriqueColumns,
    editable: true,
    description:
      'Chèques Pass Numérique distribués et encaissés, par structure (relevés de la coordination).',
  },
  Lettres: {
    name: 'Lettres',
    columns: lettresColumns,
    editable: false,
    description: 'Lettres mensuelles du réseau : ce que chacune contenait, quand et à qui elle est partie.',
  },
  Offre: {
    name: 'Offre',
    columns: offreColumns,
    editable: false,
    description:
      'Qui propose quoi, où : chaque service du standard par EPCI, avec les lieux qui le proposent et les communes sans (calculé par Maillage avec les indicateurs).',
  },
  Indicateurs: {
    name: 'Indicateurs',
    columns: indicateursColumns,
    editable: false,
    description: 'Indicateurs calculés par Maillage chaque semaine. Ne pas modifier.',
  },
  Communes: {
    name: 'Communes',
    columns: communesColumns,
    editable: false,
    description: 'Communes du département (référentiel, rempli par Maillage).',
  },
  Rapprochements: {
    name: 'Rapprochements',
    columns: rapprochementsColumns,
    editable: false,
    description:
      'Lieux des fichiers nationaux importés qui ressemblent à un lieu de l’annuaire : ce que la coordination a décidé (même lieu ou lieu différent).',
  },
  Journal: {
    name: 'Journal',
    columns: journalColumns,
    editable: false,
    description: 'Ce que Maillage a fait, quand et pour qui.',
  },
} as const satisfies Record<TabName, TabDef>;

export const TAB_NAMES = Object.keys(TABS) as TabName[];

export function tab(name: TabName): TabDef {
  return TABS[name];
}

export function columnOf(tabName: TabName, key: string): ColumnDef {
  const col = TABS[tabName].columns.find((c) => c.key === key);
  if (!col) throw new Error(`No column ${key} in ${tabName}`);
  return col;
}

export function publicColumns(tabName: TabName): ColumnDef[] {
  return TABS[tabName].columns.filter((c) => c.public);
}

export function headers(tabName: TabName): string[] {
  return TABS[tabName].columns.map((c) => c.header);
}

type NumericType = 'integer' | 'number' | 'latitude' | 'longitude';
/** The typed value of a column once read: arrays for multi-value columns, null when the cell is empty. */
export type ValueOf<C> = C extends { multiple: true }
  ? string[]
  : C extends { type: NumericType }
    ? number | null
    : C extends { type: 'boolean' }
      ? boolean | null
      : string | null;

type ColumnsOf<N extends TabName> = (typeof TABS)[N]['columns'][number];
export type RecordOf<N extends TabName> = { [C in ColumnsOf<N> as C['key']]: ValueOf<C> };
export type KeyOf<N extends TabName> = ColumnsOf<N>['key'];

export type Lieu = RecordOf<'Lieux'>;
export type Permanence = RecordOf<'Permanences'>;
export type Relais = RecordOf<'Relais'>;
export type IndicateurRow = RecordOf<'Indicateurs'>;
export type CommuneRow = RecordOf<'Communes'>;
export type JournalRow = RecordOf<'Journal'>;
export type DiagnosticRow = RecordOf<'Diagnostic'>;
export type Referent = RecordOf<'Référents'>;
export type Rencontre = RecordOf<'Rencontres'>;
export type Inscription = RecordOf<'Inscriptions'>;
export type PassNumeriqueRow = RecordOf<'Pass Numérique'>;
export type LettreRow = RecordOf<'Lettres'>;
export type OffreRow = RecordOf<'Offre'>;
export type Rapprochement = RecordOf<'Rapprochements'>;
