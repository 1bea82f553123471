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
import {
  closeSync,
  constants,
  copyFileSync,
  type Dirent,
  fsync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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
  /**
   * Bytes, text, text produced piece by piece (written in batches, never held whole), or a file
   * to copy as it is (a built page's script: copied by the kernel, never read into memory).
   */
  content: string | Uint8Array | (() => Iterable<string>) | { copyOf: string };
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

/*
 * The file operations are synchronous: each is a few microseconds on a local disk, where a promise
 * per call costs a trip through libuv's thread pool and the event loop (measured: the asynchronous
 * version spent a third of the writing phase waiting). Only the fsyncs, the slow calls, run in the
 * thread pool, several at once, while the next file is built and written.
 */

/** Flushes an open file to the disk in the thread pool, then closes it. */
function syncAndClose(fd: number): Promise<void> {
  return new Promise((done, fail) => {
    fsync(fd, (error) => {
      try {
        closeSync(fd);
      } catch (closing) {
        fail(error ?? closing);
        return;
      }
      if (error) fail(error);
      else done();
    });
  });
}

function fsyncPath(path: string, directory = false): Promise<void> {
  return syncAndClose(
    openSync(path, directory ? constants.O_RDONLY | constants.O_DIRECTORY : constants.O_RDONLY),
  );
}

const BATCH = 1 << 18;

/**
 * Writes a file and starts its fsync without waiting for it: the disk flushes one file while the
 * next one is being built. The returned promise settles once the file is synced and closed.
 */
function writeThenSync(path: string, content: OutputFile['content']): Promise<void> {
  if (typeof content === 'object' && 'copyOf' in content) {
    copyFileSync(content.copyOf, path);
    return fsyncPath(path);
  }
  const fd = openSync(path, 'w', 0o644);
  try {
    if (typeof content === 'function') {
      // Pieces joined into one flat string per batch (cheaper to encode than a string grown by +=).
      let pending: string[] = [];
      let length = 0;
      for (const chunk of content()) {
        pending.push(chunk);
        length += chunk.length;
        if (length >= BATCH) {
          writeFileSync(fd, pending.join(''));
          pending = [];
          length = 0;
        }
      }
      if (pending.length > 0) writeFileSync(fd, pending.join(''));
    } else writeFileSync(fd, content);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const synced = syncAndClose(fd);
  // Handled here so that a failure before the caller awaits it is not an unhandled rejection;
  // the caller still sees it when it awaits.
  synced.catch(() => undefined);
  return synced;
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

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** A lock left inside the folder by a version that kept it there: honoured while its run lives. */
function legacyLock(outDir: string): void {
  const path = join(outDir, LOCK_FILE);
  const text = readOrNull(path);
  if (text === null) return;
  const holder = Number(text.trim());
  if (isAlive(holder) && holder !== process.pid) {
    throw new PublishBusyError(
      `Une autre publication est en cours dans ${outDir} (processus ${holder}) : attendez qu’elle se termine. Si aucun processus ne publie, supprimez ${path}.`,
    );
  }
  unlinkQuietly(path);
}

function acquireLock(outDir: string): () => void {
  const path = lockPath(outDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => unlinkQuietly(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((readOrNull(path) ?? '').trim());
      if (isAlive(holder) && holder !== process.pid) {
        throw new PublishBusyError(
          `Une autre publication est en cours dans ${outDir} (processus ${holder}) : attendez qu’elle se termine. Si aucun processus ne publie, supprimez ${path}.`,
        );
      }
      unlinkQuietly(path); // left by a killed run
    }
  }
  throw new PublishBusyError(`Impossible de prendre le verrou ${path}.`);
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
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
      mkdirSync(parent, { recursive: true });
      dirs.add(parent);
    }
    try {
      renameSync(from, to);
    } catch (error) {
      // Already moved by the interrupted run being rolled forward.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (hooks.afterRename) await hooks.afterRename(name);
  }
  for (const name of obsolete) {
    const path = join(outDir, ...name.split('/'));
    try {
      unlinkSync(path);
    } catch (error) {
      // Already removed by the interrupted run being rolled forward.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    dirs.add(dirname(path));
    if (hooks.afterRemove) await hooks.afterRemove(name);
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

function readDirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The files of the owned folders that this run does not write and that their folder's `isOurs`
 * recognises (read under the lock, before anything moves).
 */
function obsoleteFiles(
  outDir: string,
  owned: readonly OwnedFolder[],
  written: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const { folder, isOurs } of owned) {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(outDir, ...folder.split('/')), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const name = `${folder}/${entry.name}`;
      if (!entry.isFile() || written.has(name) || entry.name.startsWith('.')) continue;
      const fd = openSync(join(outDir, ...name.split('/')), 'r');
      let head: string;
      try {
        const buffer = Buffer.alloc(HEAD_BYTES);
        const bytesRead = readSync(fd, buffer, 0, HEAD_BYTES, 0);
        head = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        closeSync(fd);
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
  const beside = readDirOrEmpty(dirname(outDir))
    .filter((e) => e.startsWith(prefix))
    .sort()
    .map((e) => join(dirname(outDir), e));
  // Left inside the folder by a version that wrote its temporary files there.
  const inside = readDirOrEmpty(outDir)
    .filter((e) => e.startsWith(TEMP_PREFIX))
    .sort()
    .map((e) => join(outDir, e));
  for (const tmp of [...inside, ...beside]) {
    const marker = readOrNull(join(tmp, COMPLETE_MARKER));
    if (marker !== null) {
      const { files, remove } = readMarker(marker);
      await swapInto(outDir, tmp, files, remove, {});
      recovered.push(...files);
    }
    rmSync(tmp, { recursive: true, force: true });
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
  mkdirSync(outDir, { recursive: true });
  const release = acquireLock(outDir);
  try {
    legacyLock(outDir);
    await recoverInterrupted(outDir);
    const names = files.map((f) => f.name);
    const removed = obsoleteFiles(outDir, hooks.owned ?? [], new Set(names));
    const tmp = `${tempPrefix(outDir)}${process.pid}-${Date.now()}`;
    mkdirSync(tmp);
    const syncs: Promise<void>[] = [];
    try {
      // Every folder first: a folder made while a file's fsync runs waits for the journal.
      const dirs = new Set<string>([tmp]);
      for (const f of files) {
        const parent = dirname(join(tmp, ...f.name.split('/')));
        if (!dirs.has(parent)) {
          mkdirSync(parent, { recursive: true });
          dirs.add(parent);
        }
      }
      // Written in reverse swap order: the map's feed (the largest file) first, so that its fsync
      // runs while the others are built.
      for (const f of [...files].reverse()) {
        syncs.push(writeThenSync(join(tmp, ...f.name.split('/')), f.content));
        if (hooks.afterWrite) await hooks.afterWrite(f.name);
      }
      // Every entry exists: the folders are flushed with the files, all at once.
      syncs.push(...[...dirs].map((dir) => fsyncPath(dir, true)));
      await Promise.all(syncs);
      // Then the marker, its bytes and its entry (made before the folder's fsync starts).
      const marker: Marker = { files: names, remove: removed };
      await Promise.all([
        writeThenSync(join(tmp, COMPLETE_MARKER), JSON.stringify(marker)),
        fsyncPath(tmp, true),
      ]);
    } catch (error) {
      await Promise.allSettled(syncs);
      rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
    await swapInto(outDir, tmp, names, removed, hooks);
    rmSync(tmp, { recursive: true, force: true });
    return { removed };
  } finally {
    release();
  }
}

/**
 * Every file under `dir`, as output files under `prefix/` (e.g. the built map under `carte/`), to
 * be copied as they are.
 */
export function filesUnder(dir: string, prefix: string): OutputFile[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  return listFiles(dir)
    .filter((n) => !n.split('/').some((p) => p.startsWith('.')))
    .sort()
    .map((name) => ({ name: `${prefix}/${name}`, content: { copyOf: join(dir, ...name.split('/')) } }));
}
