/** The « Réseau numérique » menu: caption -> global function. One list drives onOpen and the tests. */
export const MENU_TITLE = 'Réseau numérique';

export const MENU_ITEMS = [
  { caption: 'Installer / mettre à niveau le classeur', fn: 'menuInstaller' },
  { caption: 'Modifier la fiche sélectionnée', fn: 'menuModifierFiche' },
  { caption: 'Vérifier tout le classeur', fn: 'menuVerifier' },
  null,
  { caption: 'Compléter les coordonnées', fn: 'menuCompleterCoordonnees' },
  { caption: 'Appliquer les droits des partenaires', fn: 'menuAppliquerDroits' },
  { caption: 'Planifier des permanences', fn: 'menuPlanifier' },
  { caption: 'Relancer les fiches anciennes', fn: 'menuRelancer' },
  null,
  { caption: 'Calculer les indicateurs', fn: 'menuCalculerIndicateurs' },
  { caption: 'Automatisations', fn: 'menuAutomatisations' },
] as const;

/** Trigger handlers installed by « Automatisations ». */
export const TRIGGER_HANDLERS = {
  weeklyRollup: 'triggerRollupHebdomadaire',
  edit: 'triggerEdition',
} as const;
