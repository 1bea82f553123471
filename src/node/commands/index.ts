/** Every command of `maillage`. Add a command here and it appears in the help. */
import type { Command } from './command';
import { verifier } from './verifier';

export const COMMANDS: Record<string, Command> = {
  verifier,
};
