/** A1 notation helpers (1-based columns), shared by the Apps Script actions and the .xlsx writer. */

export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The 1-based column of letters: `A` -> 1, `AA` -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** `B2:D9` from 1-based coordinates. */
export function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetter(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Groups 1-based column numbers into runs of consecutive columns: [[3, 4, 5], [9]]. */
export function runs(columns: readonly number[]): number[][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === c - 1) last.push(c);
    else out.push([c]);
  }
  return out;
}
