/** Every command of `maillage`. Add a command here and it appears in the help. */
import type { Command } from './command';
import { comparer } from './comparer';
import { importer } from './importer';
import { indicateurs } from './indicateurs';
import { publier } from './publier';
import { rapport } from './rapport';
import { servir } from './servir';
import { verifier } from './verifier';

export const COMMANDS: Record<string, Command> = {
  comparer,
  importer,
  indicateurs,
  publier,
  rapport,
  servir,
  verifier,
};
