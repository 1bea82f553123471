/** The three example persons of the diagnostic kit (issue 14), shared by the core and browser tests. */
import type { Answers } from '../../src/core/diagnostic/assess';

/** The three persons of the issue, answered as a worker would. */
export const PERSONS: Record<string, Answers> = {
  sansMaterielEtInquiete: {
    equipement: ['aucun'],
    connexion: ['non'],
    telephone: ['aide'],
    courriel: ['non'],
    'mots-de-passe': ['non'],
    franceconnect: ['non'],
    document: ['non'],
    paiement: ['non'],
    arnaques: ['non'],
    demarches: ['sante'],
    autonomie: ['a-ma-place'],
    freins: ['erreur', 'cout'],
  },
  debutanteCaf: {
    equipement: ['smartphone'],
    connexion: ['oui'],
    telephone: ['oui'],
    courriel: ['inutilisee'],
    'mots-de-passe': ['oublies'],
    franceconnect: ['entendu'],
    document: ['aide'],
    paiement: ['non'],
    arnaques: ['pas-sur'],
    demarches: ['caf'],
    autonomie: ['avec-proche'],
    freins: ['rien'],
  },
  presqueAutonomeArnaques: {
    equipement: ['smartphone', 'ordinateur'],
    connexion: ['oui'],
    telephone: ['oui'],
    courriel: ['oui'],
    'mots-de-passe': ['oui'],
    franceconnect: ['oui'],
    document: ['oui'],
    paiement: ['crainte'],
    arnaques: ['pas-sur'],
    demarches: ['impots'],
    autonomie: ['seul'],
    freins: ['erreur'],
  },
};
