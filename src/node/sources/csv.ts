/**
 * RFC 4180 CSV parsing (comma, double quotes, CRLF or LF) straight from the file's UTF-8 bytes,
 * written for speed and memory: on a 100,000-place workbook csv-parse took most of the publishing
 * time, and cells cut out of one big decoded string keep that whole string alive. Here each cell is
 * decoded on its own, so the file's bytes are freed once parsed. The separators are ASCII bytes,
 * which never occur inside a multi-byte UTF-8 sequence. Checked against csv-parse in the tests.
 */

export class CsvSyntaxError extends Error {
  constructor(
    readonly code: 'UNCLOSED_QUOTE' | 'INVALID_CLOSING_QUOTE',
    /** 1-based line where the problem was found. */
    readonly line: number,
  ) {
    super(code);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The rows of a CSV text, one at a time: a caller reading them in turn (readTable) never holds every
 * row's cells at once. Throws CsvSyntaxError when it reaches a malformed row.
 */
export function* csvRows(input: Uint8Array | string): Generator<string[], void, undefined> {
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = bytes.length;
  let i = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (i === n) return;
  let row: string[] = [];
  let line = 1;
  for (;;) {
    let value: string;
    if (bytes[i] === QUOTE) {
      const startLine = line;
      let start = i + 1;
      let parts = '';
      for (;;) {
        const q = bytes.indexOf(QUOTE, start);
        if (q < 0) throw new CsvSyntaxError('UNCLOSED_QUOTE', startLine);
        for (let k = bytes.indexOf(LF, start); k >= 0 && k < q; k = bytes.indexOf(LF, k + 1)) line++;
        if (bytes[q + 1] === QUOTE) {
          parts += bytes.toString('utf8', start, q + 1);
          start = q + 2;
          continue;
        }
        value = parts + bytes.toString('utf8', start, q);
        i = q + 1;
        break;
      }
      const c = bytes[i];
      if (i < n && c !== COMMA && c !== LF && c !== CR)
        throw new CsvSyntaxError('INVALID_CLOSING_QUOTE', line);
    } else {
      let j = i;
      let ascii = true;
      while (j < n) {
        const c = bytes[j]!;
        if (c === COMMA || c === LF || c === CR) break;
        if (c > 127) ascii = false;
        j++;
      }
      // ASCII cells (most of them) take the cheaper one-byte decoding.
      value = j === i ? '' : bytes.toString(ascii ? 'latin1' : 'utf8', i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) {
      yield row;
      return;
    }
    if (bytes[i] === COMMA) {
      i++;
      if (i === n) {
        row.push('');
        yield row;
        return;
      }
      continue;
    }
    // End of line: CRLF or LF (or a lone CR).
    i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
    line++;
    yield row;
    row = [];
    if (i >= n) return;
  }
}
