/**
 * The definitions of every figure Maillage computes, written once, in French. The report prints them,
 * the README copies them, the tests hold the code to them. Change a rule here and in the code together.
 */

/** Radius within which a commune counts as reached by an offer (km, straight line). */
export const REACH_KM = 10;
/** Distance thresholds of the coverage tables (km, straight line). */
export const DISTANCE_THRESHOLDS_KM = [10, 15, 20] as const;
/** A place's record is stale when its last update is more than this many years old. */
export const STALE_AFTER_YEARS = 1;
/** A place's record is recent when it was updated within this many months. */
export const FRESH_MONTHS = 6;

export interface Definition {
  /** Stable identifier (anchors in the report). */
  id: string;
  /** The term as printed. */
  terme: string;
  /** The rule, in French, for a reader who does not know the workbook. */
  definition: string;
}

export interface DefinitionGroup {
  titre: string;
  definitions: readonly Definition[];
}

export const DEFINITIONS: readonly DefinitionGroup[] = [
  {
    titre: 'Périodes et lignes prises en compte',
    definitions: [
      {
        id: 'periodes',
        terme: 'Périodes',
        definition:
          'Semaine ISO du lundi au dimanche (2026-W48), mois civil (2026-11), trimestre civil (2026-T4 : octobre à décembre). Les jours sont ceux de l’heure de Paris ; une semaine à cheval sur deux années appartient à l’année de son jeudi (le 1er janvier 2027 est dans la semaine 2026-W53).',
      },
      {
        id: 'donnees-au',
        terme: 'Données au',
        definition:
          'Jour de référence du calcul (aujourd’hui, sauf indication contraire). Une permanence datée d’après ce jour n’est jamais comptée comme réalisée.',
      },
      {
        id: 'lignes-comptees',
        terme: 'Lignes comptées',
        definition:
          'Seules les lignes sans erreur sont comptées : onglets Lieux, Permanences et Relais, et pour la vie du réseau Rencontres, Inscriptions et Pass Numérique. Le nombre de lignes écartées de Lieux, Permanences et Relais est indiqué : corrigez-les (« Vérifier tout le classeur ») pour qu’elles comptent.',
      },
    ],
  },
  {
    titre: 'Le bus « aller vers »',
    definitions: [
      {
        id: 'permanences-realisees',
        terme: 'Permanences réalisées',
        definition:
          'Permanences au statut « réalisée » dont la date est dans la période et n’est pas postérieure au jour de référence. Une permanence annulée ou à venir ne compte jamais comme réalisée.',
      },
      {
        id: 'permanences-prevues',
        terme: 'Permanences prévues',
        definition:
          'Permanences au statut « prévue » ou « confirmée » dont la date est dans la période, ainsi que celles marquées « réalisée » mais datées d’après le jour de référence.',
      },
      {
        id: 'permanences-annulees',
        terme: 'Permanences annulées',
        definition: 'Permanences au statut « annulée » dont la date est dans la période.',
      },
      {
        id: 'communes-couvertes',
        terme: 'Communes couvertes',
        definition:
          'Nombre de communes différentes (code INSEE) où le bus a tenu au moins une permanence réalisée dans la période. Par type d’offre (Assistance, Formation, Accès libre) : communes où au moins une permanence réalisée proposait cette offre ; une commune peut compter pour plusieurs types.',
      },
      {
        id: 'personnes-recues',
        terme: 'Personnes reçues',
        definition:
          'Somme des personnes accueillies lors des permanences réalisées de la période. Une personne venue à deux permanences compte deux fois.',
      },
      {
        id: 'accompagnements',
        terme: 'Accompagnements',
        definition:
          'Compté comme la Coop de la médiation numérique : accompagnements individuels + un accompagnement par participant à un atelier collectif, sur les permanences réalisées de la période.',
      },
      {
        id: 'satisfaction',
        terme: 'Taux de satisfaction',
        definition:
          'Réponses « satisfait » divisées par le nombre de questionnaires remplis, sur les permanences réalisées de la période ; le nombre de réponses est toujours donné à côté du taux. Sans aucune réponse, il n’y a pas de taux (ce n’est pas 0 %).',
      },
    ],
  },
  {
    titre: 'Le réseau',
    definitions: [
      {
        id: 'relais-actifs',
        terme: 'Relais actifs',
        definition:
          'Structures relais dont la case « Actif » vaut oui et dont la convention, si elle est datée, a été signée au plus tard le dernier jour de la période. L’onglet Relais ne garde pas l’historique de la case « Actif » : les périodes passées utilisent sa valeur actuelle.',
      },
      {
        id: 'relais-mobilises',
        terme: 'Relais mobilisés',
        definition: 'Relais différents rattachés à au moins une permanence réalisée dans la période.',
      },
      {
        id: 'nouveaux-relais',
        terme: 'Nouveaux relais',
        definition: 'Relais dont la convention a été signée dans la période.',
      },
      {
        id: 'lieux-actifs',
        terme: 'Lieux actifs',
        definition:
          'Lieux de l’annuaire au statut « actif », relevés le jour du calcul. L’onglet Indicateurs garde le relevé de chaque semaine ; une période sans relevé reste vide. Par service : un lieu compte pour chacun des services qu’il propose. Par EPCI : intercommunalité de la commune du lieu.',
      },
      {
        id: 'lieux-anciens',
        terme: 'Lieux à mettre à jour',
        definition:
          'Lieux actifs dont la date de mise à jour est vide ou antérieure de plus d’un an au jour de référence.',
      },
      {
        id: 'lieux-mis-a-jour',
        terme: 'Lieux mis à jour',
        definition: 'Lieux actifs dont la dernière mise à jour de la fiche tombe dans la période.',
      },
      {
        id: 'chartes-signees',
        terme: 'Chartes signées',
        definition:
          'Lieux actifs dont la Charte de l’accompagnement numérique a été signée dans la période : ce sont les nouveaux membres du réseau.',
      },
    ],
  },
  {
    titre: 'La vie du réseau',
    definitions: [
      {
        id: 'rencontres-tenues',
        terme: 'Rencontres tenues',
        definition:
          'Rencontres de l’onglet Rencontres (formations, échanges de pratiques, réunions de réseau, comités de pilotage), sans erreur, au statut « réalisée » et datées dans le trimestre, au plus tard le jour de référence. Les rencontres annulées et à venir sont comptées à part. Aucune rencontre datée dans le trimestre : « pas de données ».',
      },
      {
        id: 'professionnels-formes',
        terme: 'Professionnels formés',
        definition:
          'Personnes différentes (reconnues à leur courriel) marquées « présent » dans l’onglet Inscriptions à au moins une formation sur les services d’un opérateur tenue dans le trimestre. Une personne venue à deux formations compte une fois. Des formations tenues sans aucune présence relevée : « pas de données » (relevez la présence pour qu’elles comptent).',
      },
      {
        id: 'structures-representees',
        terme: 'Structures représentées',
        definition:
          'Structures différentes dont au moins une personne était présente à une rencontre tenue dans le trimestre (le lieu de l’inscription, ou à défaut le nom de la structure tel qu’il a été tapé). Parmi elles, les structures membres : lieux actifs qui ont signé la Charte de l’accompagnement numérique au plus tard le dernier jour compté du trimestre.',
      },
      {
        id: 'signataires-charte',
        terme: 'Signataires de la charte',
        definition:
          'Lieux actifs dont la date de signature de la charte est au plus tard le dernier jour compté du trimestre (la fin du trimestre, ou le jour de référence s’il est avant) ; les nouveaux l’ont signée dans le trimestre.',
      },
      {
        id: 'pass-numerique',
        terme: 'Chèques Pass Numérique',
        definition:
          'Chèques distribués et encaissés déclarés par les structures dans l’onglet Pass Numérique, sur les relevés datés dans le trimestre (chaque relevé compte ce qui s’est passé depuis le précédent). Une structure sans relevé dans le trimestre n’apparaît pas ; sans aucun relevé : « pas de données ».',
      },
      {
        id: 'lieux-recents',
        terme: 'Lieux mis à jour depuis six mois',
        definition:
          'Part des lieux actifs dont la date de mise à jour de la fiche est au plus six mois avant le dernier jour compté du trimestre (ce jour compris).',
      },
    ],
  },
  {
    titre: 'Qui propose quoi, où',
    definitions: [
      {
        id: 'offre-epci',
        terme: 'Offre par service et par EPCI',
        definition:
          'Pour chaque service du standard national (champ services) et chaque intercommunalité (EPCI) du département : les lieux fixes actifs, sans erreur, dont la commune est dans cet EPCI et qui proposent ce service. Un lieu compte dans chacun des services qu’il propose. Le bus (itinérant) n’est pas compté : ses arrêts changent d’un trimestre à l’autre. Plusieurs lieux dans une même case montrent une offre à mutualiser ; une case vide, un manque.',
      },
      {
        id: 'offre-manques',
        terme: 'Communes sans ce service',
        definition:
          'Communes du département où aucun lieu fixe actif ne propose le service, avec leur population municipale. Un service proposé dans la commune voisine ne compte pas : c’est la distance (Couverture du territoire) qui le mesure.',
      },
    ],
  },
  {
    titre: 'Couverture du territoire',
    definitions: [
      {
        id: 'distance',
        terme: 'Distance',
        definition:
          'Distance à vol d’oiseau (pas la route) entre le point de référence de la commune et l’offre la plus proche, en kilomètres.',
      },
      {
        id: 'lieu-fixe',
        terme: 'Lieu fixe',
        definition:
          'Lieu actif, sans erreur, qui n’est pas seulement itinérant ; on prend ses coordonnées, ou à défaut le point de sa commune. Les lieux des départements voisins ne sont pas comptés.',
      },
      {
        id: 'arret-bus',
        terme: 'Arrêt du bus',
        definition:
          'Commune où le bus a, dans le trimestre, au moins une permanence non annulée (réalisée, prévue ou confirmée) ; on prend le point de la commune.',
      },
      {
        id: 'offre-proche',
        terme: 'Offre la plus proche',
        definition:
          'Le plus proche des lieux fixes et des arrêts du bus. Une commune « à plus de 10 km » n’a aucune offre à 10 km ou moins ; sa population est la population municipale du recensement.',
      },
      {
        id: 'arret-suggere',
        terme: 'Arrêts à étudier',
        definition:
          'Une commune est non couverte si aucune offre n’est à 10 km ou moins. Pour chaque commune du département, on additionne la population des communes non couvertes situées à 10 km ou moins d’elle (elle comprise) : c’est ce qu’un arrêt du bus dans cette commune atteindrait. On retient la commune qui atteint le plus d’habitants (à égalité, la plus peuplée), on considère ses communes comme couvertes, puis on recommence : le classement donne ainsi des arrêts complémentaires, sans double compte.',
      },
    ],
  },
];

/** Every definition, flat, for lookups by id. */
export function definition(id: string): Definition {
  for (const group of DEFINITIONS) {
    const found = group.definitions.find((d) => d.id === id);
    if (found) return found;
  }
  throw new Error(`No definition ${id}`);
}

/** The definitions as Markdown, for the README. */
export function definitionsMarkdown(): string {
  return DEFINITIONS.map(
    (group) =>
      `### ${group.titre}\n\n${group.definitions.map((d) => `- **${d.terme}** : ${d.definition}`).join('\n')}`,
  ).join('\n\n');
}
