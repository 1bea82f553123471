/**
 * The features (id, name) of the previously published `lieux.geojson`, for the circuit breaker.
 * Our own feed has one feature per line: it is scanned as bytes, chunk by chunk, decoding only the
 * ids and names (a 100,000-place feed is 125 MB of JSON; decoding it all took half a second).
 * A feed written by anything else is parsed whole.
 */
import { existsSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { type FeedEntry, feedEntries } from '../../core/publish/circuit-breaker';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const HEAD_START = Buffer.from('{"type":"FeatureCollection"');
const HEAD_END = Buffer.from('"features":[');
const FEATURE_START = Buffer.from('{"type":"Feature","id":"');
const NAME = Buffer.from('"nom":"');
const CATEGORY = Buffer.from('"categorie":"');
const STOP = Buffer.from('arret"');
/** Our head line is a few hundred bytes: a longer first line is another writer's feed. */
const MAX_HEAD = 1 << 16;

function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return (
    end - start >= prefix.length && buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  );
}

function isHead(buf: Buffer, start: number, end: number): boolean {
  return (
    startsWith(buf, start, end, HEAD_START) &&
    end - start >= HEAD_END.length &&
    buf.compare(HEAD_END, 0, HEAD_END.length, end - HEAD_END.length, end) === 0
  );
}

/** The JSON string whose opening quote is at `quote`, and the index after its closing quote. */
function jsonString(buf: Buffer, quote: number, end: number): [string, number] | null {
  let escaped = false;
  for (let i = quote + 1; i < end; i++) {
    const c = buf[i];
    if (c === BACKSLASH) {
      escaped = true;
      i++;
    } else if (c === QUOTE) {
      const text = escaped
        ? (JSON.parse(buf.toString('utf8', quote, i + 1)) as string)
        : buf.toString('utf8', quote + 1, i);
      return [text, i + 1];
    }
  }
  return null;
}

/**
 * One feature line of our feed (`start`..`end`, no line break): its id, name and category, else
 * null. Each search stops at the line's first match (every line of ours has a name and a category).
 */
function entryOf(buf: Buffer, start: number, end: number): FeedEntry | null {
  if (!startsWith(buf, start, end, FEATURE_START)) return null;
  const id = jsonString(buf, start + FEATURE_START.length - 1, end);
  if (!id) return null;
  // Searches stay within the line: another writer's lines may lack a name or a category.
  const line = buf.subarray(0, end);
  const name = line.indexOf(NAME, id[1]);
  const nom = name >= 0 ? jsonString(buf, name + NAME.length - 1, end) : null;
  const category = line.indexOf(CATEGORY, nom ? nom[1] : id[1]);
  const arret =
    category >= 0 ? startsWith(buf, category + CATEGORY.length, end, STOP) : id[0].startsWith('arret-');
  return { id: id[0], nom: nom ? nom[0] : '', arret };
}

/** Null when there is no previous feed or it cannot be read. */
export async function previousFeedEntries(path: string, chunkSize = 1 << 20): Promise<FeedEntry[] | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const entries: FeedEntry[] = [];
  let headSeen = false;
  const anotherWriter = async () => feedEntries(await readFile(path, 'utf8'));
  try {
    const chunk = Buffer.allocUnsafe(chunkSize);
    let carry: Buffer | null = null;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkSize, null);
      const last = bytesRead === 0;
      if (last && !carry) break;
      const buf: Buffer = carry
        ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
        : chunk.subarray(0, bytesRead);
      let start = 0;
      for (;;) {
        let lf = buf.indexOf(LF, start);
        if (lf < 0) {
          if (!last) break;
          lf = buf.length;
        }
        const end = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
        if (!headSeen) {
          if (!isHead(buf, start, end)) return await anotherWriter();
          headSeen = true;
        } else {
          const entry = entryOf(buf, start, end);
          if (entry) entries.push(entry);
        }
        start = lf + 1;
        if (start >= buf.length) break;
      }
      if (last) break;
      // The chunk buffer is reused: keep a copy of the unfinished line.
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
      if (!headSeen && carry && carry.length > MAX_HEAD) return await anotherWriter();
    }
  } finally {
    await handle.close();
  }
  return headSeen ? entries : null;
}

/** The scanning thread, built next to the command line (absent when running from the sources). */
export const PREVIOUS_FEED_WORKER_URL = new URL('./previous-feed.js', import.meta.url);

export type PreviousFeedReply =
  /** `arrets`: the indexes of the bus stops. */
  { ids: string[]; noms: string[]; arrets: number[] } | { none: true } | { error: string; code?: string };

/**
 * From this size on, the previous feed is scanned by a worker thread (about 13,000 places): below,
 * starting the thread costs more than the scan it would take off this one.
 */
export const PREVIOUS_FEED_WORKER_MIN_BYTES = 16 << 20;

/**
 * previousFeedEntries in a worker thread when the feed is large, so that scanning yesterday's feed (a
 * quarter of a second at 100,000 places) runs while this thread reads the workbook. In-thread when
 * it is small or there is no built worker; null at once when there is none.
 */
export async function previousFeedAside(
  path: string,
  url: URL = PREVIOUS_FEED_WORKER_URL,
  minBytes = PREVIOUS_FEED_WORKER_MIN_BYTES,
): Promise<FeedEntry[] | null> {
  if (!existsSync(url)) return previousFeedEntries(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (size < minBytes) return previousFeedEntries(path);
  // Loaded only here: most runs never start a thread (a module of Node.js costs a millisecond or two).
  const { Worker } = await import('node:worker_threads');
  return new Promise((resolve, reject) => {
    // Not unref'd: the caller awaits its answer, and it ends by itself once it has replied.
    const worker = new Worker(url, { workerData: { path } });
    worker.once('message', (reply: PreviousFeedReply) => {
      if ('ids' in reply) {
        const stops = new Set(reply.arrets);
        resolve(reply.ids.map((id, i) => ({ id, nom: reply.noms[i]!, arret: stops.has(i) })));
      } else if ('none' in reply) resolve(null);
      else reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {}));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Lecture du flux précédent interrompue (code ${code}).`)));
  });
}
