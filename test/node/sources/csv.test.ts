import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../src/node/sources/csv';

describe('parseCsv', () => {
  it('reads what csv-stringify writes exactly as csv-parse does', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('', '"', '""', ',', '\n', '\r\n', 'a,b', ' x ', 'é|ü'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (rows, crlf) => {
          const text = stringify(rows, {
            record_delimiter: crlf ? 'windows' : 'unix',
            quoted_match: /[\r\n]/,
          });
          const expected = parse(text, { relax_column_count: true, skip_empty_lines: false });
          expect(parseCsv(text)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('handles a BOM, a missing final newline, empty cells and ragged rows', () => {
    expect(parseCsv('\ufeffa,b\n1,\n,2,3')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2', '3'],
    ]);
    expect(parseCsv('a,b\r\n"x\ny","z"""\r\n')).toEqual([
      ['a', 'b'],
      ['x\ny', 'z"'],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('names the line of a misplaced or unclosed quote', () => {
    expect(() => parseCsv('a\n"b"c\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\nb\n"open\nstill');
    } catch (error) {
      expect(error).toMatchObject({ code: 'UNCLOSED_QUOTE', line: 3 });
    }
    try {
      parseCsv('a\n"x" y\n');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_CLOSING_QUOTE', line: 2 });
    }
  });
});
