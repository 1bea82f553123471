/** The worker thread of csv-worker.ts: reads one CSV file, posts its rows in batches. */
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { asUtf8, CsvSyntaxError, csvRows, detectSeparator } from './csv.js';
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

/**
 * Texts that repeat in a column (communes, dates, vocabularies...) are sent once: later cells carry
 * the text's number in `strings` (sent with the batch that first uses it). The reader then gets
 * one string instance per text, so its look-ups by text need no hashing and it allocates fewer
 * strings. A column whose first 1,024 texts are mostly distinct is sent as is.
 */
class ColumnDictionary {
  private readonly ids = new Map<string, number>();
  private lookups = 0;
  private hits = 0;
  active = true;

  encode(text: string, strings: { next: number; added: string[] }): string | number {
    const known = this.ids.get(text);
    this.lookups++;
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    if (this.lookups === 1024 && this.hits < 512) {
      this.active = false;
      this.ids.clear();
      return text;
    }
    if (this.ids.size >= 4096) return text;
    const id = strings.next++;
    strings.added.push(text);
    this.ids.set(text, id);
    return id;
  }
}

try {
  const text = asUtf8(readFileSync(path));
  if (!text) post({ error: 'encoding' });
  else {
    const bytes = text.bytes;
    const dictionaries: ColumnDictionary[] = [];
    const strings = { next: 0, added: [] as string[] };
    let rows: (string | number)[][] = [];
    for (const row of csvRows(bytes, detectSeparator(bytes))) {
      const encoded: (string | number)[] = row;
      for (let c = 0; c < row.length; c++) {
        const text = row[c]!;
        if (text === '') continue;
        let dictionary = dictionaries[c];
        if (!dictionary) {
          dictionary = new ColumnDictionary();
          dictionaries[c] = dictionary;
        }
        if (dictionary.active) encoded[c] = dictionary.encode(text, strings);
      }
      rows.push(encoded);
      if (rows.length === BATCH_ROWS) {
        post({ rows, strings: strings.added });
        rows = [];
        strings.added = [];
      }
    }
    if (rows.length > 0) post({ rows, strings: strings.added });
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
