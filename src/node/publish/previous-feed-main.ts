/** The worker thread of previousFeedAside (previous-feed.ts): scans the feed, posts its entries. */
import { parentPort, workerData } from 'node:worker_threads';
import { type PreviousFeedReply, previousFeedEntries } from './previous-feed.js';

const reply = (message: PreviousFeedReply) => parentPort!.postMessage(message);
previousFeedEntries((workerData as { path: string }).path).then(
  // Two lists of strings: much cheaper to pass between threads than 100,000 objects.
  (entries) =>
    reply(
      entries
        ? {
            ids: entries.map((e) => e.id),
            noms: entries.map((e) => e.nom),
            arrets: entries.flatMap((e, i) => (e.arret ? [i] : [])),
          }
        : { none: true },
    ),
  (error: NodeJS.ErrnoException) =>
    reply({ error: error.message, ...(error.code ? { code: error.code } : {}) }),
);
