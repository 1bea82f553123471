/**
 * The published diagnostic kit (`diagnostic.json`): what the page reads. Types and the list of
 * texts only, so that the page's bundle does not carry the workbook reader.
 */

/** The texts of the page a coordinator may reword, and what each is for. */
export const TEXT_CODES = {
  titre: 'titre de la page',
  introduction: 'phrase d’introduction, avant les questions',
  confidentialite: 'ce qui est dit sur les réponses (rien n’est enregistré)',
  resultat: 'titre du résultat',
  'fiche-titre': 'titre de la fiche remise à la personne',
  'fiche-pied': 'phrase en bas de la fiche remise à la personne',
} as const;
export type TextCode = keyof typeof TEXT_CODES;

/** What to look for on the map, in the national standard's own vocabularies. */
export interface Criteria {
  services: string[];
  modalites_accompagnement: string[];
  publics_specifiquement_adresses: string[];
  prise_en_charge_specifique: string[];
  frais_a_charge: string[];
}

export interface Reponse extends Omit<Criteria, 'modalites_accompagnement' | 'frais_a_charge'> {
  code: string;
  texte: string;
  points: number;
  obstacles: string[];
}

export interface Question {
  code: string;
  texte: string;
  precision: string;
  multiple: boolean;
  reponses: Reponse[];
}

export interface Profil extends Pick<Criteria, 'services' | 'modalites_accompagnement'> {
  code: string;
  texte: string;
  /** What to propose, in plain words. */
  precision: string;
  prochaine_etape: string;
  /** Lowest score of the profile. */
  points: number;
}

export interface Obstacle extends Criteria {
  code: string;
  texte: string;
  precision: string;
  arguments: string[];
  prochaine_etape: string;
  pass_numerique: boolean;
}

export interface DiagnosticContent {
  textes: Record<TextCode, string>;
  questions: Question[];
  /** Lowest threshold first. */
  profils: Profil[];
  obstacles: Obstacle[];
}
