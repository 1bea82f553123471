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
 * Measured (`npm run bench`, alternating runs): 1,000 places 12 % faster, 10,000 places 5 %, 100,000
 * places unchanged (their loops run long enough to be optimised either way).
 */
export const V8_FLAGS = ['--interrupt-budget=300000'] as const;
