/** Set by the build only (scripts/build.ts): where the launcher writes V8's code cache when the run ends. */
export const WRITE_CACHE_ENV = 'MAILLAGE_ECRIRE_CACHE_CODE';

/**
 * V8 flags the launcher sets before it compiles the command line. Its code cache is written and read
 * under them (V8 refuses a cache made under other flags: the build writes it through the launcher).
 *
 * `--interrupt-budget` (default 67,584): a function is handed to TurboFan, V8's optimising compiler,
 * after about four times as much work. A publication of 1,000 places lasts a fifth of a second: by
 * default TurboFan spent about 65 ms of processor on V8's worker threads compiling functions that
 * then ran a few more times, and on a 2-core machine those threads took turns with the main thread.
 * Measured (alternating runs, each variant with its own cache): 1,000 places 12 % faster, 5,000
 * places 6 %, 10,000 places 0 to 5 % (series differ), 100,000 places unchanged (their loops run
 * long enough to be optimised either way).
 */
export const V8_FLAGS = ['--interrupt-budget=300000'] as const;

/**
 * V8's own values of V8_FLAGS (Node.js 20), set back once a run turns out long: a tab large enough
 * to be parsed by a worker thread (csv-worker.ts), whose loops then pay for being optimised early.
 * Measured on 10,000 places (alternating runs): `indicateurs` 348 ms without the raised budget,
 * 385 ms with it, 349 ms with it set back when the worker starts; on 5,000 places (no worker) every
 * command is 6 % faster with the raised budget.
 */
export const V8_LONG_RUN_FLAGS = ['--interrupt-budget=67584'] as const;
