// A1 notation as the Sheets API v4 reads and writes it: `'Relais ''été'''!A1:C`, `Lieux!A:ZZ`, `Lieux`,
// `A1:B2` (first sheet), `Lieux!3:7`. R1C1 notation is not supported (the client never sends it).

export interface ParsedRange {
  /** Sheet name as written (unquoted, `''` unescaped), or undefined when the range names no sheet. */
  sheet: string | undefined;
  /** Zero-based, inclusive bounds; undefined = unbounded on that side. */
  startRow: number | undefined;
  endRow: number | undefined;
  startColumn: number | undefined;
  endColumn: number | undefined;
  /** True when the text after `!` (or the whole text) is a cell reference, false for a bare sheet name. */
  hasCells: boolean;
}

export interface Bounds {
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

const CELL = /^(\$?([A-Za-z]{1,3}))?(\$?([0-9]{1,7}))?$/;

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

interface CellRef {
  column: number | undefined;
  row: number | undefined;
}

function parseCell(text: string): CellRef | undefined {
  const m = CELL.exec(text);
  if (!m || (!m[2] && !m[4])) return undefined;
  const row = m[4] ? Number(m[4]) - 1 : undefined;
  if (row !== undefined && row < 0) return undefined;
  return { column: m[2] ? columnIndex(m[2]) : undefined, row };
}

/** Parses the part after `!`. Returns undefined when it is not a cell reference. */
function parseCells(text: string): Omit<ParsedRange, 'sheet'> | undefined {
  const parts = text.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const a = parseCell(parts[0]!);
  if (!a) return undefined;
  if (parts.length === 1) {
    // A single reference must be a full cell (A1); `A` or `3` alone are not ranges.
    if (a.column === undefined || a.row === undefined) return undefined;
    return {
      startRow: a.row,
      endRow: a.row,
      startColumn: a.column,
      endColumn: a.column,
      hasCells: true,
    };
  }
  const b = parseCell(parts[1]!);
  if (!b) return undefined;
  // `1:5` (rows) and `A:C` (columns) must be homogeneous; `A1:C` and `A:C10` are accepted as the API does.
  if (a.column === undefined && b.column !== undefined) return undefined;
  if (a.column !== undefined && b.column === undefined) return undefined;
  const order = (x: number | undefined, y: number | undefined): [number | undefined, number | undefined] =>
    x !== undefined && y !== undefined && y < x ? [y, x] : [x, y];
  const [startColumn, endColumn] = order(a.column, b.column);
  const [startRow, endRow] = order(a.row, b.row);
  return { startRow, endRow, startColumn, endColumn, hasCells: true };
}

function unquote(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith("'") || !text.endsWith("'")) return undefined;
  const inner = text.slice(1, -1);
  // Inside quotes, a lone quote is invalid; `''` stands for one quote.
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return inner.replace(/''/g, "'");
}

/**
 * Parses an A1 range. Returns undefined when the text cannot be a range at all
 * (the caller answers 400 "Unable to parse range").
 */
export function parseA1(text: string): ParsedRange | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const bang = trimmed.lastIndexOf('!');
  if (bang === -1) {
    const quoted = unquote(trimmed);
    if (quoted !== undefined) return whole(quoted);
    if (trimmed.includes("'")) return undefined;
    const cells = parseCells(trimmed);
    // Ambiguous text (a sheet could be called "A1"): the caller decides, sheet names first.
    if (cells) return { sheet: undefined, ...cells };
    return whole(trimmed);
  }
  const sheetPart = trimmed.slice(0, bang);
  const cellPart = trimmed.slice(bang + 1);
  let sheet: string | undefined;
  if (sheetPart.startsWith("'")) {
    sheet = unquote(sheetPart);
    if (sheet === undefined) return undefined;
  } else {
    if (sheetPart.includes("'") || sheetPart === '') return undefined;
    sheet = sheetPart;
  }
  const cells = parseCells(cellPart);
  if (!cells) return undefined;
  return { sheet, ...cells };
}

function whole(sheet: string): ParsedRange {
  return {
    sheet,
    startRow: undefined,
    endRow: undefined,
    startColumn: undefined,
    endColumn: undefined,
    hasCells: false,
  };
}

/** Quotes a sheet name the way the API does in the `range` fields it returns. */
export function quoteSheetName(title: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !/^[A-Za-z]{1,3}[0-9]+$/.test(title);
  return plain ? title : `'${title.replace(/'/g, "''")}'`;
}

export function formatA1(title: string, bounds: Bounds): string {
  const start = `${columnLetters(bounds.startColumn)}${bounds.startRow + 1}`;
  const end = `${columnLetters(bounds.endColumn)}${bounds.endRow + 1}`;
  return `${quoteSheetName(title)}!${start === end ? start : `${start}:${end}`}`;
}
