/**
 * Atomic publication of a set of files into an output folder that a web server keeps serving.
 *
 * 1. A lock file (`.<sortie>.maillage.lock` beside the folder, holding the pid) keeps two runs
 *    (cron + hand) apart.
 * 2. Every file is written into `.<sortie>.maillage-tmp-<pid>-<time>/`, beside the output folder
 *    (same file system, so renames are atomic; never inside it, where a web server would serve it
 *    and an rsync of the folder would upload it), and fsynced (each file's fsync runs while the next is written;
 *    all are done before step 3); then a `.complet` marker is written and fsynced.
 * 3. Each file is renamed over its old version (rename(2) is atomic per file: a reader sees the old
 *    bytes or the new ones, never a partial file), the folder is fsynced, the temporary folder removed.
 *
 * A run killed during step 2 leaves the previous outputs untouched (the next run deletes its
 * temporary folder). A run killed during step 3 leaves every file whole, old or new; the next run
 * finds the `.complet` marker and finishes the swap before doing anything else (roll forward).
 * The output folder stays a real folder (no symlink to follow), so any static host can serve it and
 * other files in it (a website's index.html) are left alone.
 *
 * Files of a previous run that this one no longer writes (a stop that left the bus: its
 * `permanences/<arrêt>.ics`) are removed in step 3, after the new files are in place, and only in
 * the folders the caller names (`owned`), only those the caller recognises as its own: a file put
 * there by someone else is never touched. The list is decided under the lock and kept in the
 * `.complet` marker, so a run killed mid-swap removes them when rolled forward.
 */
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_PREFIX = '.maillage-tmp-';
const LOCK_FILE = '.maillage.lock';

/** The lock of a publication into `outDir`: a hidden file beside the folder. */
export function lockPath(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}${LOCK_FILE}`);
}

/** The start of the temporary folders' paths of a publication into `outDir`, beside the folder. */
export function tempPrefix(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}${TEMP_PREFIX}`);
}
const COMPLETE_MARKER = '.complet';

export interface OutputFile {
  /** Path relative to the output folder, with `/` (e.g. `lieux.geojson`, `carte/carte.js`). */
  name: string;
  /** Bytes, text, or text produced piece by piece (written in batches, never held whole). */
  content: string | Uint8Array | (() => Iterable<string>);
}

export interface AtomicHooks {
  /** After each file is written into the temporary folder (its fsync may still be running). */
  afterWrite?: (name: string) => Promise<void> | void;
  /** After each file is renamed into place. */
  afterRename?: (name: string) => Promise<void> | void;
}

/**
 * A folder (relative to the output folder, no sub-folders) whose files this program writes: those
 * of its files that `isOurs` recognises and the run no longer writes are removed.
 */
export interface OwnedFolder {
  folder: string;
  /** Whether a file of the folder (its name, and the first bytes of its text) was written by us. */
  isOurs: (name: string, head: string) => boolean;
}

export interface AtomicOptions extends AtomicHooks {
  owned?: readonly OwnedFolder[];
  /** After each obsolete file is removed. */
  afterRemove?: (name: string) => Promise<void> | void;
}

/** Another run holds the lock. */
export class PublishBusyError extends Error {}

async function fsyncPath(path: string, directory = false): Promise<void> {
  const handle = await open(
    path,
    directory ? constants.O_RDONLY | constants.O_DIRECTORY : constants.O_RDONLY,
  );
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const BATCH = 1 << 18;

/**
 * Writes a file and starts its fsync without waiting for it: the disk flushes one file while the
 * next one is being built. The returned promise settles once the file is synced and closed.
 */
async function writeThenSync(
  path: string,
  content: OutputFile['content'],
): Promise<{ synced: Promise<void> }> {
  const handle = await open(path, 'w', 0o644);
  try {
    if (typeof content === 'function') {
      // One batch is written while the next is built (at most one write in flight, in order).
      let pending = '';
      let inflight: Promise<unknown> | null = null;
      for (const chunk of content()) {
        pending += chunk;
        if (pending.length >= BATCH) {
          if (inflight) await inflight;
          inflight = handle.write(pending);
          // Handled here, rethrown by the await above or below.
          inflight.catch(() => undefined);
          pending = '';
        }
      }
      if (inflight) await inflight;
      if (pending) await handle.write(pending);
    } else await handle.writeFile(content);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const synced = handle.sync().finally(() => handle.close());
  // Handled here so that a failure before the caller awaits it is not an unhandled rejection;
  // the caller still sees it when it awaits `synced`.
  synced.catch(() => undefined);
  return { synced };
}

async function writeSynced(path: string, content: OutputFile['content']): Promise<void> {
  await (await writeThenSync(path, content)).synced;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left inside the folder by a version that kept it there: honoured while its run lives. */
async function legacyLock(outDir: string): Promise<void> {
  const path = join(outDir, LOCK_FILE);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return;
  const holder = Number(text.trim());
  if (isAlive(holder) && holder !== process.pid) {
    throw new PublishBusyError(
      `Une autre publication est en cours dans ${outDir} (processus ${holder}) : attendez qu’elle se termine. Si aucun processus ne publie, supprimez ${path}.`,
    );
  }
  await unlink(path).catch(() => undefined);
}

async function acquireLock(outDir: string): Promise<() => Promise<void>> {
  const path = lockPath(outDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (isAlive(holder) && holder !== process.pid) {
        throw new PublishBusyError(
          `Une autre publication est en cours dans ${outDir} (processus ${holder}) : attendez qu’elle se termine. Si aucun processus ne publie, supprimez ${path}.`,
        );
      }
      await unlink(path).catch(() => undefined); // left by a killed run
    }
  }
  throw new PublishBusyError(`Impossible de prendre le verrou ${path}.`);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

async function swapInto(
  outDir: string,
  tmp: string,
  names: readonly string[],
  obsolete: readonly string[],
  hooks: AtomicOptions,
): Promise<void> {
  const dirs = new Set<string>([outDir]);
  for (const name of names) {
    const from = join(tmp, ...name.split('/'));
    const to = join(outDir, ...name.split('/'));
    const parent = dirname(to);
    if (!dirs.has(parent)) {
      await mkdir(parent, { recursive: true });
      dirs.add(parent);
    }
    try {
      await rename(from, to);
    } catch (error) {
      // Already moved by the interrupted run being rolled forward.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await hooks.afterRename?.(name);
  }
  for (const name of obsolete) {
    const path = join(outDir, ...name.split('/'));
    try {
      await unlink(path);
    } catch (error) {
      // Already removed by the interrupted run being rolled forward.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    dirs.add(dirname(path));
    await hooks.afterRemove?.(name);
  }
  await Promise.all([...dirs].map((dir) => fsyncPath(dir, true)));
}

/** What a `.complet` marker holds: the files to move into place, the obsolete ones to remove. */
interface Marker {
  files: string[];
  remove: string[];
}

function readMarker(text: string): Marker {
  const parsed = JSON.parse(text) as string[] | Marker;
  // A marker written by a version that removed nothing is the bare list of files.
  return Array.isArray(parsed) ? { files: parsed, remove: [] } : parsed;
}

const HEAD_BYTES = 256;

/**
 * The files of the owned folders that this run does not write and that their folder's `isOurs`
 * recognises (read under the lock, before anything moves).
 */
async function obsoleteFiles(
  outDir: string,
  owned: readonly OwnedFolder[],
  written: ReadonlySet<string>,
): Promise<string[]> {
  const out: string[] = [];
  for (const { folder, isOurs } of owned) {
    const entries = await readdir(join(outDir, ...folder.split('/')), { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const name = `${folder}/${entry.name}`;
      if (!entry.isFile() || written.has(name) || entry.name.startsWith('.')) continue;
      const handle = await open(join(outDir, ...name.split('/')), 'r');
      let head: string;
      try {
        const buffer = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
        head = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
      if (isOurs(entry.name, head)) out.push(name);
    }
  }
  return out.sort();
}

/** Finishes or discards what an interrupted run left. Returns the names of rolled-forward files. */
export async function recoverInterrupted(outDir: string): Promise<string[]> {
  const recovered: string[] = [];
  const prefix = basename(tempPrefix(outDir));
  const beside = (await readdir(dirname(outDir)).catch(() => [] as string[]))
    .filter((e) => e.startsWith(prefix))
    .sort()
    .map((e) => join(dirname(outDir), e));
  // Left inside the folder by a version that wrote its temporary files there.
  const inside = (await readdir(outDir).catch(() => [] as string[]))
    .filter((e) => e.startsWith(TEMP_PREFIX))
    .sort()
    .map((e) => join(outDir, e));
  for (const tmp of [...inside, ...beside]) {
    const marker = await readFile(join(tmp, COMPLETE_MARKER), 'utf8').catch(() => null);
    if (marker !== null) {
      const { files, remove } = readMarker(marker);
      await swapInto(outDir, tmp, files, remove, {});
      recovered.push(...files);
    }
    await rm(tmp, { recursive: true, force: true });
  }
  return recovered;
}

/**
 * Writes `files` into `outDir` atomically (see above). The order of `files` is the order of the
 * swap: put the file readers look at first (the map's feed) last. Returns the obsolete files of
 * the owned folders that were removed.
 */
export async function publishAtomically(
  outDir: string,
  files: readonly OutputFile[],
  hooks: AtomicOptions = {},
): Promise<{ removed: string[] }> {
  for (const f of files) {
    if (
      f.name.startsWith('/') ||
      f.name.split('/').some((part) => part === '..' || part === '' || part.startsWith('.'))
    ) {
      throw new Error(`Nom de fichier de sortie invalide : ${f.name}`);
    }
  }
  await mkdir(outDir, { recursive: true });
  const release = await acquireLock(outDir);
  try {
    await legacyLock(outDir);
    await recoverInterrupted(outDir);
    const names = files.map((f) => f.name);
    const removed = await obsoleteFiles(outDir, hooks.owned ?? [], new Set(names));
    const tmp = `${tempPrefix(outDir)}${process.pid}-${Date.now()}`;
    await mkdir(tmp);
    const syncs: Promise<void>[] = [];
    try {
      const dirs = new Set<string>([tmp]);
      // Written in reverse swap order: the map's feed (the largest file) first, so that its fsync
      // runs while the others are built.
      for (const f of [...files].reverse()) {
        const path = join(tmp, ...f.name.split('/'));
        const parent = dirname(path);
        if (!dirs.has(parent)) {
          await mkdir(parent, { recursive: true });
          dirs.add(parent);
        }
        syncs.push((await writeThenSync(path, f.content)).synced);
        await hooks.afterWrite?.(f.name);
      }
      await Promise.all(syncs);
      await Promise.all([...dirs].map((dir) => fsyncPath(dir, true)));
      const marker: Marker = { files: names, remove: removed };
      await writeSynced(join(tmp, COMPLETE_MARKER), JSON.stringify(marker));
      await fsyncPath(tmp, true);
    } catch (error) {
      await Promise.allSettled(syncs);
      await rm(tmp, { recursive: true, force: true });
      throw error;
    }
    await swapInto(outDir, tmp, names, removed, hooks);
    await rm(tmp, { recursive: true, force: true });
    return { removed };
  } finally {
    await release();
  }
}

/** Every file under `dir`, as output files under `prefix/` (e.g. the built map under `carte/`). */
export async function filesUnder(dir: string, prefix: string): Promise<OutputFile[]> {
  try {
    if (!(await stat(dir)).isDirectory()) return [];
  } catch {
    return [];
  }
  const names = (await listFiles(dir)).filter((n) => !n.split('/').some((p) => p.startsWith('.'))).sort();
  const out: OutputFile[] = [];
  for (const name of names)
    out.push({ name: `${prefix}/${name}`, content: await readFile(join(dir, ...name.split('/'))) });
  return out;
}
