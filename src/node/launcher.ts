/**
 * dist/node/maillage.js, the `maillage` executable: runs the command line (dist/node/cli.js, one
 * CommonJS file) with V8's code cache written by the build (dist/node/cli.cache).
 *
 * A command runs once and exits: most of its functions run only a few times, and compiling them
 * on first call was a tenth of a publication's time. The build runs a publication of the sample
 * workbook and keeps the bytecode V8 compiled for it (scripts/build.ts); each run then starts with
 * those functions compiled. V8 checks the cache against its version, its flags and the source: a
 * cache from another Node.js or another build is refused and everything is compiled as usual. V8
 * only compares the source's length: a cache older than cli.js (the file edited after the build)
 * is not even offered.
 * One CommonJS file also skips the ES module loader's resolution of a dozen chunks.
 * V8 is tuned for a command that runs a fraction of a second (V8_FLAGS, launcher-env.ts) before
 * anything is compiled: the cache is written and read under the same flags.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { V8_FLAGS, WRITE_CACHE_ENV } from './launcher-env';

// Node.js's own code cache of its built-in modules is refused under other V8 flags as well: a
// built-in first loaded after V8_FLAGS are set is compiled from its source (node:fs/promises and
// what it loads: 2.7 ms instead of 0.75). Those every command uses are loaded before: fs/promises,
// util's parseArgs (loaded on first access) and the streams of stdout and stderr (made on first
// access: a terminal, a file or a pipe).
require('node:fs/promises');
void require('node:util').parseArgs;
void process.stdout;
void process.stderr;
// Before anything of the command line is compiled or read from the cache (see launcher-env.ts).
for (const flag of V8_FLAGS) setFlagsFromString(flag);

const file = join(__dirname, 'cli.js');
const cacheFile = join(__dirname, 'cli.cache');
const writeTo = process.env[WRITE_CACHE_ENV];

/** The build's code cache, when it was written after cli.js. */
function cachedData(): Buffer | undefined {
  if (writeTo) return undefined;
  const cache = statSync(cacheFile, { throwIfNoEntry: false });
  if (!cache || cache.mtimeMs < statSync(file).mtimeMs) return undefined;
  return readFileSync(cacheFile);
}

const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
  filename: file,
  cachedData: cachedData(),
});
if (writeTo) process.on('exit', () => writeFileSync(writeTo, script.createCachedData()));
const cli = new Module(file, module);
cli.filename = file;
script.runInThisContext()(cli.exports, createRequire(file), cli, file, __dirname);
