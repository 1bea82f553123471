/**
 * Everything the command line takes from the outside world, captured once (as google/clasp does), so
 * tests pick a path by passing another object instead of patching globals.
 */
export interface Environment {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Progress lines are shown only on a terminal. */
  isTTY: boolean;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the process is asked to stop (servir). */
  stopSignal?: Promise<void>;
}

export function processEnvironment(): Environment {
  return {
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Exit codes, documented in the README and in --help. */
export const EXIT = { ok: 0, usage: 1, source: 2, refused: 3, problems: 4 } as const;

/** A usage or configuration error (exit 1), with a French message. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}
