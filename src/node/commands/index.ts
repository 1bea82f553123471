/**
 * Every command of `maillage`: its one-line summary for the general help, and its module, loaded
 * only when the command runs (`maillage --help` loads none of them). Add a command here and it
 * appears in the help.
 */
import type { Command } from './command';

export interface CommandEntry {
  /** One French line for the general help. */
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  comparer: {
    summary:
      'compare l’annuaire avec un fichier national : lieux manquants de part et d’autre, valeurs différentes',
    load: async () => (await import('./comparer')).comparer,
  },
  importer: {
    summary: 'importe un fichier du standard national (CSV, JSON, GeoJSON) dans un classeur local',
    load: async () => (await import('./importer')).importer,
  },
  indicateurs: {
    summary: 'calcule les indicateurs par semaine, mois ou trimestre (tableau, CSV ou JSON)',
    load: async () => (await import('./indicateurs')).indicateurs,
  },
  lettre: {
    summary: 'écrit la lettre mensuelle du réseau (HTML autonome et version texte) à partir du classeur',
    load: async () => (await import('./lettre')).lettre,
  },
  publier: {
    summary: 'lit le classeur, vérifie et publie la carte, le fichier national et le calendrier du bus',
    load: async () => (await import('./publier')).publier,
  },
  rapport: {
    summary: 'écrit le rapport trimestriel du comité de pilotage (HTML, et PDF si Chromium est présent)',
    load: async () => (await import('./rapport')).rapport,
  },
  servir: {
    summary: 'sert le dossier publié en local, comme un hébergeur de production (aperçu de la carte)',
    load: async () => (await import('./servir')).servir,
  },
  verifier: {
    summary: 'vérifie le classeur et affiche chaque problème (onglet, ligne, colonne)',
    load: async () => (await import('./verifier')).verifier,
  },
};
