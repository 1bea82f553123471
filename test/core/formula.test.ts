import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertCell, runsAsFormula } from '../../src/core/formula';
import { csvField } from '../../src/core/publish/standard-csv';
import { formulaCell, spreadsheetCells } from '../helpers/spreadsheet';

describe('formula injection (OWASP CSV injection)', () => {
  const attacks = [
    '=HYPERLINK("http://evil","x")',
    '@SUM(1)',
    "=cmd|' /C calc'!A0",
    '+1+1',
    "-2+3+cmd|' /C calc'!A0",
    '\t=1+1',
    '\r=1+1',
    '  =1+1',
    '"=1+1"',
    'Médiathèque;=HYPERLINK("http://evil","x");fin',
    'Ateliers :\n- initiation\n- =1+1',
    'a\t@SUM(1)',
  ];

  it.each(attacks)('writes %j inert in every reading of the CSV', (attack) => {
    expect(runsAsFormula(attack)).toBe(true);
    const line = `${csvField('lieu-0001')},${csvField(attack)},${csvField('fin')}\r\n`;
    expect(spreadsheetCells(line).filter(formulaCell)).toEqual([]);
    // What a CSV reader reads is the text, an apostrophe before each formula start.
    const read = (parse(line) as string[][])[0]![1]!;
    expect(read).not.toBe(attack);
    expect(read.replace(/'/g, '')).toBe(attack.replace(/'/g, ''));
  });

  it('leaves plain text and numbers as they are (the schema’s patterns still hold)', () => {
    for (const text of [
      'Espace numérique',
      '+33555123456',
      '-1.2611',
      '45,8336',
      'Mo-Fr 09:00-12:00; PH off',
      'contact@mairie-87.fr',
      'https://exemple.fr/?a=1',
      'Bâtiment A - 2e étage',
    ]) {
      expect(runsAsFormula(text)).toBe(false);
      expect(inertCell(text)).toBe(text);
    }
  });

  it('no text written through csvField ever starts a formula, however it is read', () => {
    const piece = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      ';',
      ',',
      '"',
      ' ',
      'a',
      '1',
      'SUM(1)',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const line = `x,${csvField(text)},y\r\n`;
        expect(spreadsheetCells(line).filter(formulaCell)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as the rule written whole, on any text (the shortcut for plain values changes nothing)', () => {
    const rule = (t: string) =>
      /^[\s"]*[=+\-@]|^[\t\r]|[;\t\r\n][\s"]*[=+\-@]/.test(t) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(t);
    const piece = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        ';',
        '\t',
        '\r',
        '\n',
        ' ',
        '"',
        '\u00a0',
        '\u2003',
        'A',
        'z',
        '1',
        '.',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        expect(runsAsFormula(text)).toBe(rule(text));
      }),
      { numRuns: 20_000, seed: 87 },
    );
  });
});
