import type { Environment } from '../environment';

export interface Command {
  /** Full French help, shown by --help. */
  help: string;
  run(argv: string[], environment: Environment): Promise<number>;
}
