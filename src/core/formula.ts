/**
 * CSV (formula) injection, as OWASP describes it: a spreadsheet opening a CSV runs a cell that
 * starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), and some
 * strip a leading tab, space or line break first (`\t=1+1` becomes `=1+1`). A cell also starts after
 * every `;`, tab or line break when French Excel splits a comma-separated file on semicolons,
 * whatever the quotes. Every cell Maillage writes to a CSV goes through `inertCell`: an apostrophe
 * before each such start makes the spreadsheet show the text instead of running it.
 */

/**
 * Where a spreadsheet may start a cell: the value's start, or after `;`, tab or a line break, then
 * blanks or quotes it may skip.
 */
const CELL_START = /([;\t\r\n])(?=[\s"]*[=+\-@])|^(?=[\s"]*[=+\-@]|[\t\r])/g;
/** Whether CELL_START matches anywhere: one pass, no global state. */
const ANY_START = /^[\s"]*[=+\-@]|^[\t\r]|[;\t\r\n][\s"]*[=+\-@]/;
/** A plain number (`-1.25`, `+33555123456`): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/** Where a cell may start inside a value. */
const SPLITS = /[;\t\r\n]/;

/** True when a spreadsheet could run part of `text` as a formula. */
export function runsAsFormula(text: string): boolean {
  // Most values start with a letter (above `@`, below the Unicode spaces) and hold no `;`, tab or
  // line break: nothing can start a formula in them (one scan for a character class).
  const first = text.charCodeAt(0);
  if (first > 64 && first < 0xa0 && !SPLITS.test(text)) return false;
  return ANY_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** `text`, with an apostrophe wherever a spreadsheet would start a formula; unchanged otherwise. */
export function inertCell(text: string): string {
  return runsAsFormula(text) ? text.replace(CELL_START, "$1'") : text;
}

/** The characters that make `text` a formula, for messages: `=`, `+`, `-`, `@`, tab or line break. */
export function formulaSign(text: string): string {
  const start = /(?:^|[;\t\r\n])[\s"]*([=+\-@])/.exec(text);
  if (start?.[1]) return start[1];
  return text.startsWith('\t') ? 'tabulation' : 'retour à la ligne';
}
