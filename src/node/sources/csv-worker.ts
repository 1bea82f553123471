/**
 * Parsing a large CSV tab on the machine's second core. A worker thread (csv-worker-main.ts, built
 * as dist/node/csv-worker.js) reads and parses the file and posts its rows in batches; the caller
 * takes them synchronously (receiveMessageOnPort, Atomics.wait), so readTable stays an ordinary
 * synchronous loop while the parsing runs beside it. Taking a batch costs a fraction of decoding
 * its cells (one structured-clone read instead of one buffer decode per cell).
 * Flow control: the worker stays at most MAX_AHEAD batches ahead, so rows never pile up.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { V8_LONG_RUN_FLAGS } from '../launcher-env.js';
import { CsvSyntaxError } from './csv.js';

/** The worker's file, next to the built command line; absent when running from the sources. */
export const CSV_WORKER_URL = new URL('./csv-worker.js', import.meta.url);
export const BATCH_ROWS = 1000;
export const MAX_AHEAD = 8;
/** Longest wait for one batch before giving up (a worker that died says nothing). */
const WAIT_MS = 60_000;

/** Slots of the shared counters. */
export const POSTED = 0;
export const TAKEN = 1;

export type WorkerMessage =
  /** A number in a row stands for `strings` (all batches so far, in order) at that index. */
  | { rows: (string | number)[][]; strings: string[] }
  | { done: true }
  | { error: 'encoding' }
  | { error: 'syntax'; code: CsvSyntaxError['code']; line: number }
  | { error: 'read'; message: string };

export interface CsvWorkerData {
  path: string;
  port: MessagePort;
  counters: Int32Array;
}

/** A file's content is not UTF-8 (the caller words the message). */
export class NotUtf8Error extends Error {}

/** Whether the built worker is there (the command line); runs from the sources parse in-thread. */
export function csvWorkerAvailable(url: URL = CSV_WORKER_URL): boolean {
  return existsSync(url);
}

/** The rows of the CSV file at `path`, parsed by a worker thread. */
export function workerRows(path: string, url: URL = CSV_WORKER_URL): Iterator<string[]> {
  // A tab this large makes a long run: V8 optimises as it does by default (see launcher-env.ts).
  for (const flag of V8_LONG_RUN_FLAGS) setFlagsFromString(flag);
  // Loaded only here: most runs never start a thread (a module of Node.js costs a millisecond or two).
  const { MessageChannel, receiveMessageOnPort, Worker } = createRequire(import.meta.url)(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const data: CsvWorkerData = { path, port: port2 as unknown as MessagePort, counters };
  const worker = new Worker(url, { workerData: data, transferList: [port2] });
  // The command line never waits for it: it ends on its own after the last batch.
  worker.unref();
  let batch: string[][] = [];
  let index = 0;
  /** Texts repeated in a column, sent once each (see csv-worker-main.ts). */
  const strings: string[] = [];
  let taken = 0;
  let finished = false;

  function take(): WorkerMessage {
    for (;;) {
      const received = receiveMessageOnPort(port1);
      if (received) {
        taken++;
        Atomics.store(counters, TAKEN, taken);
        Atomics.notify(counters, TAKEN);
        return received.message as WorkerMessage;
      }
      const posted = Atomics.load(counters, POSTED);
      if (posted > taken) continue;
      if (Atomics.wait(counters, POSTED, posted, WAIT_MS) === 'timed-out') {
        throw new Error(`Lecture de ${path} interrompue : le fil de lecture ne répond plus.`);
      }
    }
  }

  return {
    next(): IteratorResult<string[]> {
      while (index >= batch.length) {
        if (finished) return { done: true, value: undefined };
        const message = take();
        if ('rows' in message) {
          for (const text of message.strings) strings.push(text);
          for (const row of message.rows) {
            for (let c = 0; c < row.length; c++) {
              const cell = row[c];
              if (typeof cell === 'number') row[c] = strings[cell]!;
            }
          }
          batch = message.rows as string[][];
          index = 0;
        } else {
          finished = true;
          port1.close();
          if ('done' in message) return { done: true, value: undefined };
          if (message.error === 'syntax') throw new CsvSyntaxError(message.code, message.line);
          if (message.error === 'encoding') throw new NotUtf8Error(path);
          throw new Error(message.message);
        }
      }
      return { done: false, value: batch[index++]! };
    },
    /** The reader stops early (e.g. a tab without its required columns): stop the worker too. */
    return(): IteratorResult<string[]> {
      batch = [];
      index = 0;
      if (!finished) {
        finished = true;
        port1.close();
        void worker.terminate();
      }
      return { done: true, value: undefined };
    },
  };
}
