/** The worker thread of csv-worker.ts: reads one CSV file, posts its rows in batches. */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { CsvSyntaxError, csvRows } from './csv.js';
import {
  BATCH_ROWS,
  type CsvWorkerData,
  MAX_AHEAD,
  POSTED,
  TAKEN,
  type WorkerMessage,
} from './csv-worker.js';

const { path, port, counters } = workerData as CsvWorkerData;
let posted = 0;

function post(message: WorkerMessage): void {
  port.postMessage(message);
  posted++;
  Atomics.store(counters, POSTED, posted);
  Atomics.notify(counters, POSTED);
  // Stay at most MAX_AHEAD batches ahead of the reader.
  for (
    let taken = Atomics.load(counters, TAKEN);
    posted - taken > MAX_AHEAD;
    taken = Atomics.load(counters, TAKEN)
  ) {
    Atomics.wait(counters, TAKEN, taken, 1000);
  }
}

try {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) post({ error: 'encoding' });
  else {
    let rows: string[][] = [];
    for (const row of csvRows(bytes)) {
      rows.push(row);
      if (rows.length === BATCH_ROWS) {
        post({ rows });
        rows = [];
      }
    }
    if (rows.length > 0) post({ rows });
    post({ done: true });
  }
} catch (error) {
  post(
    error instanceof CsvSyntaxError
      ? { error: 'syntax', code: error.code, line: error.line }
      : { error: 'read', message: (error as Error).message },
  );
}
port.close();
