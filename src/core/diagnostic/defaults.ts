/**
 * The default diagnostic kit, as rows of the `Diagnostic` tab (cells as a coordinator types them):
 * written by « Installer / mettre à niveau » into a new tab, by scripts/make-sample.ts into the
 * templates, and published as is while a workbook has no `Diagnostic` tab yet. Twelve short
 * questions in the manner of Les Bons Clics' and Pix's first-level evaluators, three profiles from
 * the WeTechCare study, the obstacles it lists, and arguments used by digital-mediation workers.
 */
import { type KeyOf, TABS } from '../model';

type Cells = Partial<Record<KeyOf<'Diagnostic'>, string | number>>;

const DEMARCHES = 'Aide aux démarches administratives';
const QUOTIDIEN = 'Maîtrise des outils numériques du quotidien';
const SECURITE = 'Utilisation sécurisée du numérique';
const MATERIEL = 'Accès internet et matériel informatique';
const SOLIDAIRE = 'Acquisition de matériel informatique à prix solidaire';
const EMPLOI = 'Insertion professionnelle via le numérique';

function question(code: string, texte: string, precision: string, plusieurs = false): Cells {
  return {
    element: 'question',
    code,
    texte,
    precision,
    choix: plusieurs ? 'plusieurs réponses' : 'une réponse',
  };
}

function reponse(q: string, code: string, texte: string, points: number, more: Cells = {}): Cells {
  return { element: 'réponse', question: q, code, texte, points, ...more };
}

export const DEFAULT_DIAGNOSTIC_ROWS: readonly Cells[] = [
  { element: 'texte', code: 'titre', texte: 'Diagnostic numérique' },
  {
    element: 'texte',
    code: 'introduction',
    texte:
      'Douze questions à poser avec la personne, en lisant chaque question à voix haute. Il n’y a pas de bonne ou de mauvaise réponse : le but est de trouver l’aide qui lui convient.',
  },
  {
    element: 'texte',
    code: 'confidentialite',
    texte:
      'Rien n’est enregistré ni envoyé : les réponses restent sur cet écran et s’effacent quand on ferme la page.',
  },
  { element: 'texte', code: 'resultat', texte: 'Ce que nous avons vu ensemble' },
  { element: 'texte', code: 'fiche-titre', texte: 'Ma prochaine étape avec le numérique' },
  {
    element: 'texte',
    code: 'fiche-pied',
    texte: 'Cette fiche vous appartient. Présentez-la au lieu choisi : l’équipe saura par où commencer.',
  },

  question(
    'equipement',
    'Quel matériel avez-vous chez vous ?',
    'Un téléphone qui va sur internet compte comme un smartphone.',
    true,
  ),
  reponse('equipement', 'smartphone', 'Un smartphone', 2),
  reponse('equipement', 'ordinateur', 'Un ordinateur ou une tablette', 2),
  reponse('equipement', 'aucun', 'Aucun des deux', 0, { obstacles: 'materiel' }),

  question(
    'connexion',
    'Avez-vous internet chez vous ?',
    'Une box, ou un forfait de téléphone avec assez de données.',
  ),
  reponse('connexion', 'oui', 'Oui, ça marche bien', 2),
  reponse('connexion', 'parfois', 'Parfois, ou un tout petit forfait', 1, { obstacles: 'connexion' }),
  reponse('connexion', 'non', 'Non', 0, { obstacles: 'connexion' }),

  question(
    'telephone',
    'Savez-vous appeler, envoyer un SMS et prendre une photo avec un téléphone ?',
    'Si la personne a un téléphone, demandez-lui de montrer.',
  ),
  reponse('telephone', 'oui', 'Oui, facilement', 2),
  reponse('telephone', 'aide', 'Avec un peu d’aide', 1, { obstacles: 'competences' }),
  reponse('telephone', 'non', 'Non', 0, { obstacles: 'competences' }),

  question(
    'courriel',
    'Avez-vous une adresse e-mail que vous consultez ?',
    'Une adresse créée par un proche et jamais ouverte compte comme « je ne m’en sers pas ».',
  ),
  reponse('courriel', 'oui', 'Oui, et je sais envoyer un message', 2),
  reponse('courriel', 'inutilisee', 'J’en ai une, mais je ne m’en sers pas', 1, { obstacles: 'competences' }),
  reponse('courriel', 'non', 'Non', 0, { obstacles: 'competences' }),

  question(
    'mots-de-passe',
    'Retrouvez-vous vos mots de passe (impots.gouv, Ameli, CAF…) ?',
    'Les avoir notés dans un carnet rangé à la maison, c’est les retrouver.',
  ),
  reponse('mots-de-passe', 'oui', 'Oui, je les retrouve', 2),
  reponse('mots-de-passe', 'oublies', 'Souvent, je les oublie', 1, {
    obstacles: 'competences',
    services: SECURITE,
  }),
  reponse('mots-de-passe', 'non', 'Je n’en ai pas : quelqu’un s’en occupe pour moi', 0, {
    obstacles: 'competences',
  }),

  question(
    'franceconnect',
    'Vous connectez-vous avec FranceConnect (le bouton bleu, avec votre compte impots.gouv ou Ameli) ?',
    'FranceConnect évite de retenir un mot de passe par site.',
  ),
  reponse('franceconnect', 'oui', 'Oui, je l’utilise', 2),
  reponse('franceconnect', 'entendu', 'J’en ai entendu parler', 1),
  reponse('franceconnect', 'non', 'Non', 0, { obstacles: 'competences' }),

  question(
    'document',
    'Savez-vous envoyer un document sur un site (photo d’une fiche de paie, d’un justificatif) ?',
    'Par exemple pour la CAF, Ameli ou France Travail.',
  ),
  reponse('document', 'oui', 'Oui, seul(e)', 2),
  reponse('document', 'aide', 'Avec de l’aide', 1, { obstacles: 'competences' }),
  reponse('document', 'non', 'Non', 0, { obstacles: 'competences' }),

  question('paiement', 'Avez-vous déjà payé ou acheté quelque chose sur internet ?', ''),
  reponse('paiement', 'oui', 'Oui, sans crainte', 2),
  reponse('paiement', 'crainte', 'Oui, mais je n’aime pas ça', 1, { obstacles: 'peur', services: SECURITE }),
  reponse('paiement', 'non', 'Non, jamais', 0),

  question(
    'arnaques',
    'Sauriez-vous reconnaître un faux message (faux colis, faux conseiller de banque, fausse amende) ?',
    'Un message qui presse de payer ou de donner un code est presque toujours une arnaque.',
  ),
  reponse('arnaques', 'oui', 'Oui', 2),
  reponse('arnaques', 'pas-sur', 'Je ne suis pas sûr(e)', 1, { obstacles: 'peur', services: SECURITE }),
  reponse('arnaques', 'non', 'Non, ou je me suis déjà fait avoir', 0, {
    obstacles: 'peur',
    services: SECURITE,
  }),

  question(
    'demarches',
    'Quelles démarches devez-vous faire en ce moment ?',
    'Notez la plus urgente : c’est par elle qu’on commence.',
    true,
  ),
  reponse('demarches', 'caf', 'CAF ou MSA (déclaration trimestrielle, prime d’activité, logement)', 0, {
    services: DEMARCHES,
  }),
  reponse('demarches', 'impots', 'Impôts (déclaration, paiement)', 0, { services: DEMARCHES }),
  reponse('demarches', 'sante', 'Santé (Ameli, complémentaire santé, rendez-vous médical)', 0, {
    services: DEMARCHES,
  }),
  reponse('demarches', 'emploi', 'Emploi (France Travail, CV, candidatures)', 0, { services: EMPLOI }),
  reponse('demarches', 'retraite', 'Retraite (demande, relevé de carrière)', 0, { services: DEMARCHES }),
  reponse('demarches', 'vie-courante', 'Banque, factures, rendez-vous, papiers d’identité', 0, {
    services: QUOTIDIEN,
  }),
  reponse('demarches', 'aucune', 'Rien d’urgent pour l’instant', 0),

  question('autonomie', 'Aujourd’hui, qui fait ces démarches ?', ''),
  reponse('autonomie', 'seul', 'Moi, seul(e)', 3),
  reponse('autonomie', 'avec-proche', 'Moi, avec l’aide d’un proche', 1),
  reponse('autonomie', 'a-ma-place', 'Un proche ou un professionnel, à ma place', 0, {
    obstacles: 'competences',
  }),

  question(
    'freins',
    'Qu’est-ce qui vous retient le plus ?',
    'Lisez toutes les réponses avant de laisser choisir.',
    true,
  ),
  reponse('freins', 'erreur', 'J’ai peur de faire une erreur ou de tout casser', 0, { obstacles: 'peur' }),
  reponse('freins', 'age', 'Je me sens trop âgé(e) pour apprendre', 0, { obstacles: 'age' }),
  reponse('freins', 'lecture', 'Lire ou écrire est difficile pour moi', 0, {
    obstacles: 'lecture',
    prise_en_charge_specifique: 'Illettrisme',
  }),
  reponse('freins', 'langue', 'Je parle mal le français', 0, {
    obstacles: 'langue',
    prise_en_charge_specifique: 'Langues étrangères (autres)',
  }),
  reponse('freins', 'vue', 'Je vois mal l’écran', 0, {
    obstacles: 'handicap',
    prise_en_charge_specifique: 'Déficience visuelle',
  }),
  reponse('freins', 'audition', 'J’entends mal', 0, {
    obstacles: 'handicap',
    prise_en_charge_specifique: 'Surdité',
  }),
  reponse('freins', 'mains', 'J’ai du mal avec la souris ou l’écran tactile', 0, {
    obstacles: 'handicap',
    prise_en_charge_specifique: 'Handicaps moteurs',
  }),
  reponse('freins', 'cout', 'Le matériel ou internet coûtent trop cher', 0, { obstacles: 'cout' }),
  reponse('freins', 'temps', 'Je n’ai pas le temps', 0),
  reponse('freins', 'rien', 'Rien de particulier', 1),

  {
    element: 'profil',
    code: 'eloigne',
    texte: 'Éloigné(e) du numérique',
    points: 0,
    precision:
      'Faire la démarche urgente avec la personne, ou pour elle (assistance). Puis lui proposer un accompagnement individuel, pas à pas, sans avoir besoin de matériel.',
    prochaine_etape:
      'Prendre rendez-vous dans un lieu proche ou au passage du bus pour faire la démarche urgente ensemble.',
    services: DEMARCHES,
    modalites_accompagnement: 'Accompagnement individuel',
  },
  {
    element: 'profil',
    code: 'debutant',
    texte: 'Débutant(e)',
    points: 8,
    precision:
      'Faire la démarche avec la personne : c’est elle qui tient la souris. Puis lui proposer une formation, seule ou en petit groupe, pour la faire elle-même la prochaine fois.',
    prochaine_etape:
      'Faire la prochaine démarche avec un médiateur, puis s’inscrire à des ateliers pour débutants.',
    services: `${DEMARCHES}|${QUOTIDIEN}`,
    modalites_accompagnement: 'Accompagnement individuel|Dans un atelier collectif',
  },
  {
    element: 'profil',
    code: 'presque-autonome',
    texte: 'Presque autonome, manque de confiance',
    points: 17,
    precision:
      'Encourager : la personne sait déjà beaucoup. Lui proposer un atelier en groupe (sécurité, démarches en ligne) et un ordinateur en accès libre pour s’exercer, avec quelqu’un à qui demander en cas de doute.',
    prochaine_etape: 'S’inscrire à un atelier sur la sécurité en ligne, et venir s’exercer en accès libre.',
    services: `${SECURITE}|${QUOTIDIEN}`,
    modalites_accompagnement: 'Dans un atelier collectif|En autonomie',
  },

  {
    element: 'obstacle',
    code: 'materiel',
    texte: 'Pas d’ordinateur ni de smartphone',
    precision: 'La personne n’a pas d’appareil pour aller sur internet.',
    arguments:
      'Pas besoin d’avoir un ordinateur pour commencer : les lieux d’accès libre en prêtent un, avec quelqu’un pour aider.|Des associations vendent du matériel reconditionné à petit prix.|Apprendre d’abord aide à choisir le bon appareil, sans se tromper d’achat.',
    prochaine_etape: 'Venir dans un lieu qui prête un ordinateur (accès libre).',
    services: `${MATERIEL}|${SOLIDAIRE}`,
    modalites_accompagnement: 'En autonomie',
  },
  {
    element: 'obstacle',
    code: 'connexion',
    texte: 'Pas de connexion internet, ou trop faible',
    precision: 'Pas de box, un forfait trop petit ou une zone mal couverte.',
    arguments:
      'Les lieux d’accès libre et le bus ont internet : on peut y faire ses démarches.|Il existe des offres internet à tarif social : demandez au lieu d’accompagnement.',
    prochaine_etape: 'Faire ses démarches depuis un lieu équipé ou au passage du bus.',
    services: MATERIEL,
  },
  {
    element: 'obstacle',
    code: 'competences',
    texte: 'Ne sait pas encore faire seul(e)',
    precision: 'Téléphone, e-mail, mots de passe ou envoi de documents : il manque des bases.',
    arguments:
      'Tout le monde a commencé un jour : on apprend une chose à la fois, à son rythme.|Les médiateurs numériques sont là pour ça, sans jugement.|Savoir faire soi-même, c’est ne plus dépendre de quelqu’un pour ses démarches.',
    prochaine_etape: 'Apprendre une chose à la fois, en commençant par la démarche urgente.',
    services: QUOTIDIEN,
  },
  {
    element: 'obstacle',
    code: 'peur',
    texte: 'Peur de faire une erreur ou de se faire arnaquer',
    precision: 'Crainte de tout casser, de se tromper dans une démarche ou de tomber dans un piège.',
    arguments:
      'On ne casse rien en cliquant : on peut presque toujours revenir en arrière.|Une erreur sur un site administratif se corrige : l’accompagnateur est là pour ça.|Savoir reconnaître une arnaque protège mieux que de tout éviter.',
    prochaine_etape: 'Un atelier sur les arnaques et la sécurité en ligne, pour gagner confiance.',
    services: SECURITE,
  },
  {
    element: 'obstacle',
    code: 'age',
    texte: '« Je suis trop vieux » : se sentir trop âgé(e)',
    precision: 'La personne pense que le numérique n’est plus pour elle.',
    arguments:
      'Il n’y a pas d’âge pour apprendre : beaucoup de participants aux ateliers ont plus de 70 ans.|Voir les photos des petits-enfants, les appeler en vidéo : de bonnes raisons de commencer.|Les ateliers vont doucement, entre personnes qui débutent aussi.',
    prochaine_etape: 'Commencer par une chose utile tout de suite (appel vidéo, photos), avec un médiateur.',
    modalites_accompagnement: 'Dans un atelier collectif',
  },
  {
    element: 'obstacle',
    code: 'lecture',
    texte: 'Lire ou écrire est difficile',
    precision: 'Difficultés de lecture ou d’écriture en français.',
    arguments:
      'Beaucoup de personnes sont dans ce cas : les accompagnateurs ont l’habitude et ne jugent pas.|Le téléphone peut lire à voix haute et écrire sous la dictée.',
    prochaine_etape: 'Un lieu qui accompagne les personnes en situation d’illettrisme.',
    prise_en_charge_specifique: 'Illettrisme',
  },
  {
    element: 'obstacle',
    code: 'langue',
    texte: 'Parle peu le français',
    precision: 'La langue est un obstacle pour comprendre les sites et les courriers.',
    arguments:
      'Les téléphones traduisent à voix haute : on peut l’apprendre en une séance.|Certains lieux accueillent dans d’autres langues.',
    prochaine_etape: 'Un lieu qui accompagne dans d’autres langues.',
    prise_en_charge_specifique: 'Langues étrangères (autres)',
  },
  {
    element: 'obstacle',
    code: 'handicap',
    texte: 'Handicap (vue, audition, mains)',
    precision: 'Un handicap gêne l’usage de l’écran, du son ou de la souris.',
    arguments:
      'Téléphones et ordinateurs peuvent grossir le texte, lire à voix haute et se commander à la voix.|Certains lieux sont équipés et formés : la carte les signale.',
    prochaine_etape: 'Un lieu équipé pour ce handicap, et les réglages d’accessibilité de son appareil.',
  },
  {
    element: 'obstacle',
    code: 'cout',
    texte: 'Le coût (matériel, internet, formation)',
    precision: 'Le prix du matériel, de l’abonnement ou d’une formation freine la personne.',
    arguments:
      'L’accompagnement est gratuit dans la plupart des lieux du réseau.|Le Pass Numérique (chèques APTIC) paie des heures de formation : demandez-le à votre travailleur social ou à la mairie.|Des associations vendent du matériel reconditionné à petit prix.',
    prochaine_etape: 'Un lieu gratuit ou qui accepte le Pass Numérique.',
    frais_a_charge: 'Gratuit',
    pass_numerique: 'oui',
  },
];

/** The default rows as cells in the model's column order (templates, installer). */
export function defaultDiagnosticCells(): string[][] {
  return DEFAULT_DIAGNOSTIC_ROWS.map((row) =>
    TABS.Diagnostic.columns.map((c) => {
      const value = (row as Record<string, string | number | undefined>)[c.key];
      return value === undefined ? '' : String(value);
    }),
  );
}
