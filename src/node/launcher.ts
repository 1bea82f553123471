/**
 * dist/node/maillage.js, the `maillage` executable: runs the command line (dist/node/cli.js, one
 * CommonJS file) with V8's code cache written by the build (dist/node/cli.cache).
 *
 * A command runs once and exits: most of its functions run only a few times, and compiling them
 * on first call was a tenth of a publication's time. The build runs a publication of the sample
 * workbook and keeps the bytecode V8 compiled for it (scripts/build.ts); each run then starts with
 * those functions compiled. V8 checks the cache against its version, its flags and the source: a
 * cache from another Node.js or another build is refused and everything is compiled as usual.
 * One CommonJS file also skips the ES module loader's resolution of a dozen chunks.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { WRITE_CACHE_ENV } from './launcher-env';

const file = join(__dirname, 'cli.js');
const cacheFile = join(__dirname, 'cli.cache');
const writeTo = process.env[WRITE_CACHE_ENV];
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
  filename: file,
  ...(writeTo || !existsSync(cacheFile) ? {} : { cachedData: readFileSync(cacheFile) }),
});
if (writeTo) process.on('exit', () => writeFileSync(writeTo, script.createCachedData()));
const cli = new Module(file, module);
cli.filename = file;
script.runInThisContext()(cli.exports, createRequire(file), cli, file, __dirname);
