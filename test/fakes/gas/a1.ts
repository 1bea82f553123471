/** A1 notation. */

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface ParsedA1 {
  sheetName?: string;
  /** Undefined bounds are open (whole column / whole row / to the end). */
  row1?: number;
  col1?: number;
  row2?: number;
  col2?: number;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/** Parses 'A1', 'A1:C3', 'A:A', '2:2', 'A2:C', "'My tab'!B2:B", 'Tab!A1'. Returns null if invalid. */
export function parseA1(input: string): ParsedA1 | null {
  let text = input.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const name = text.slice(0, bang);
    text = text.slice(bang + 1);
    sheetName =
      name.startsWith("'") && name.endsWith("'") && name.length >= 2
        ? name.slice(1, -1).replace(/''/g, "'")
        : name;
    if (!sheetName) return null;
  }
  const parts = text.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const cells = parts.map((p) => CELL.exec(p));
  if (cells.some((m) => !m || (m[1] === '' && m[2] === ''))) return null;
  const [a, b] = cells as RegExpExecArray[];
  const col = (m: RegExpExecArray) => (m[1] ? columnNumber(m[1]) : undefined);
  const row = (m: RegExpExecArray) => (m[2] ? Number(m[2]) : undefined);
  if (!b) {
    // A single reference must be a cell.
    if (!a![1] || !a![2]) return null;
    return { sheetName, row1: row(a!), col1: col(a!), row2: row(a!), col2: col(a!) };
  }
  const out: ParsedA1 = { sheetName, row1: row(a!), col1: col(a!), row2: row(b), col2: col(b) };
  if (out.row1 === 0 || out.row2 === 0) return null;
  // 'A:B' has no rows, '1:2' no columns; 'A2:B' is open at the bottom; 'A:B2' is not valid.
  if (out.col1 === undefined && out.col2 !== undefined) return null;
  if (out.col1 !== undefined && out.col2 === undefined) return null;
  if (out.row1 === undefined && out.row2 !== undefined) return null;
  return out;
}

export function formatA1(row: number, col: number, numRows: number, numCols: number): string {
  const start = `${columnLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnLetters(col + numCols - 1)}${row + numRows - 1}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
