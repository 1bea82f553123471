/** Set by the build only (scripts/build.ts): where the launcher writes V8's code cache when the run ends. */
export const WRITE_CACHE_ENV = 'MAILLAGE_ECRIRE_CACHE_CODE';
