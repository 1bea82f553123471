/** Every command of `maillage`. Add a command here and it appears in the help. */
import type { Command } from './command';
import { indicateurs } from './indicateurs';
import { rapport } from './rapport';
import { verifier } from './verifier';

export const COMMANDS: Record<string, Command> = {
  indicateurs,
  rapport,
  verifier,
};
