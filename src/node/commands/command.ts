import type { Environment } from '../environment';

export interface Command {
  /** One French line for the general help. */
  summary: string;
  /** Full French help, shown by --help. */
  help: string;
  run(argv: string[], environment: Environment): Promise<number>;
}
