/**
 * RFC 4180 CSV parsing (comma or semicolon, double quotes, CRLF or LF) straight from UTF-8 bytes,
 * written for speed and memory: on a 100,000-place workbook csv-parse took most of the publishing
 * time, and cells cut out of one big decoded string keep that whole string alive. Here each cell is
 * decoded on its own, so the file's bytes are freed once parsed. The separators are ASCII bytes,
 * which never occur inside a multi-byte UTF-8 sequence. Checked against csv-parse in the tests.
 */
import { isUtf8 } from 'node:buffer';

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
const SEMICOLON = 59;
const LF = 10;
const CR = 13;

/** The byte between cells: `,`, or `;` as French Excel and LibreOffice write CSV. */
export type Separator = typeof COMMA | typeof SEMICOLON;

/**
 * The separator of a file, from its first line (outside quotes): `;` when it holds more semicolons
 * than commas (a French header has none of either inside a name; `Complément d'adresse`, `Types
 * d’offre`...), `,` otherwise.
 */
export function detectSeparator(bytes: Uint8Array): Separator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) break;
    else if (c === COMMA) commas++;
    else if (c === SEMICOLON) semicolons++;
  }
  return semicolons > commas ? SEMICOLON : COMMA;
}

/**
 * Windows-1252's bytes 0x80-0x9F (€, ’, œ, «…»); 0 where it defines none. The other bytes are
 * Latin-1's. (Node 20's TextDecoder('windows-1252') decodes these as Latin-1 control characters.)
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/** Windows-1252 bytes as text; null when a byte is undefined there, or NUL (another encoding). */
function decodeWindows1252(bytes: Uint8Array): string | null {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const code = b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80]! : b;
    if (code === 0) return null;
    codes[i] = code;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
  return text;
}

/**
 * The file as UTF-8 bytes: UTF-8 (with or without BOM) as it is, else read as Windows-1252 (what
 * Excel writes for « CSV (séparateur : point-virgule) » on a French Windows); null when it is
 * neither (UTF-16, a binary file...).
 */
export function asUtf8(bytes: Buffer): { bytes: Buffer; encoding: 'UTF-8' | 'Windows-1252' } | null {
  if (isUtf8(bytes)) return { bytes, encoding: 'UTF-8' };
  const text = decodeWindows1252(bytes);
  return text === null ? null : { bytes: Buffer.from(text, 'utf8'), encoding: 'Windows-1252' };
}

/**
 * The rows of a CSV text, one at a time: a caller reading them in turn (readTable) never holds every
 * row's cells at once. Throws CsvSyntaxError when it reaches a malformed row.
 *
 * Each row is found in the bytes by native searches (its end: the first line feed after an even
 * number of quotes), decoded at once and cut on the separator and quotes (`rowOfText`): reading
 * byte by byte in JavaScript cost most of a one-shot run's parsing. A row that this does not read
 * exactly as RFC 4180 (a quote inside an unquoted cell, a lone CR, a malformed quote) is read
 * byte by byte (`quotedRow`), which also reports the errors.
 */
export function* csvRows(
  input: Uint8Array | string,
  separator: Separator = COMMA,
): Generator<string[], void, undefined> {
  const bytes =
    typeof input === 'string'
      ? Buffer.from(input, 'utf8')
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = bytes.length;
  const sep = String.fromCharCode(separator);
  const at: Cursor = {
    i: n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0,
    line: 1,
  };
  // The next quote and the next CR at or after the row being read: one scan of the file each.
  let quote = bytes.indexOf(QUOTE, at.i);
  let cr = bytes.indexOf(CR, at.i);
  while (at.i < n) {
    const start = at.i;
    if (quote >= 0 && quote < start) quote = bytes.indexOf(QUOTE, start);
    if (cr >= 0 && cr < start) cr = bytes.indexOf(CR, start);
    // The row ends at the first line feed after an even number of quotes.
    let quotes = 0;
    let breaks = 0;
    let lf = bytes.indexOf(LF, start);
    for (;;) {
      const lineEnd = lf < 0 ? n : lf;
      while (quote >= 0 && quote < lineEnd) {
        quotes++;
        quote = bytes.indexOf(QUOTE, quote + 1);
      }
      if (quotes % 2 === 0 || lf < 0) break;
      breaks++;
      lf = bytes.indexOf(LF, lf + 1);
    }
    const rowEnd = lf < 0 ? n : lf;
    const crlf = lf >= 0 && rowEnd > start && bytes[rowEnd - 1] === CR;
    const textEnd = crlf ? rowEnd - 1 : rowEnd;
    // Line breaks inside the row (other than its CRLF) must all be inside quoted cells.
    const inner = breaks > 0 || (cr >= 0 && cr < textEnd);
    const row =
      quotes % 2 === 0
        ? rowOfText(start === textEnd ? '' : bytes.toString('utf8', start, textEnd), sep, quotes > 0, inner)
        : null;
    if (row === null) {
      yield quotedRow(bytes, at, separator);
      // The byte-by-byte row may end before the quotes counted above: count again from its end.
      quote = bytes.indexOf(QUOTE, at.i);
      cr = bytes.indexOf(CR, at.i);
      continue;
    }
    at.i = rowEnd + 1;
    at.line += 1 + breaks;
    yield row;
  }
}

/**
 * The cells of one row's text, or null when the text is not read here exactly as byte by byte
 * (a quote not opening a cell's text, what follows a closing quote, a line break outside quotes).
 */
function rowOfText(text: string, sep: string, quoted: boolean, inner: boolean): string[] | null {
  if (!quoted && !inner) return text.split(sep);
  const row: string[] = [];
  const n = text.length;
  let p = 0;
  for (;;) {
    if (text.charCodeAt(p) === QUOTE) {
      let value = '';
      let s = p + 1;
      for (;;) {
        const q = text.indexOf('"', s);
        if (q < 0) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(s, q + 1);
          s = q + 2;
          continue;
        }
        value += text.slice(s, q);
        p = q + 1;
        break;
      }
      row.push(value);
      if (p === n) return row;
      if (text[p] !== sep) return null;
    } else {
      const c = text.indexOf(sep, p);
      const value = text.slice(p, c < 0 ? n : c);
      if (inner && /[\r\n]/.test(value)) return null;
      row.push(value);
      if (c < 0) return row;
      p = c;
    }
    // After a separator: the next cell, empty at the end of the text.
    p++;
    if (p === n) {
      row.push('');
      return row;
    }
  }
}

interface Cursor {
  /** Byte offset of the next row. */
  i: number;
  /** Its 1-based line. */
  line: number;
}

/** One row read byte by byte from `at` (quoted cells, line breaks inside them, lone CRs); moves `at`. */
function quotedRow(bytes: Buffer, at: Cursor, SEP: Separator): string[] {
  const n = bytes.length;
  let i = at.i;
  let line = at.line;
  const row: string[] = [];
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
      if (i < n && c !== SEP && c !== LF && c !== CR) throw new CsvSyntaxError('INVALID_CLOSING_QUOTE', line);
    } else {
      let j = i;
      while (j < n) {
        const c = bytes[j]!;
        if (c === SEP || c === LF || c === CR) break;
        j++;
      }
      value = j === i ? '' : bytes.toString('utf8', i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) break;
    if (bytes[i] === SEP) {
      i++;
      if (i === n) {
        row.push('');
        break;
      }
      continue;
    }
    // End of line: CRLF or LF (or a lone CR).
    i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
    line++;
    break;
  }
  at.i = i;
  at.line = line;
  return row;
}
