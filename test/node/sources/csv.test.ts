import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvRows } from '../../../src/node/sources/csv';

const parseCsv = (text: string) => Array.from(csvRows(text));

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

  it('reads any text, well-formed or not, as a cell-by-cell reading of RFC 4180 does', () => {
    // The parser decodes runs of unquoted cells at once; this oracle reads one character at a time.
    function reference(text: string): string[][] | 'error' {
      const t = text.startsWith('\uFEFF') ? text.slice(1) : text;
      const rows: string[][] = [];
      if (t === '') return rows;
      let row: string[] = [];
      let i = 0;
      for (;;) {
        let cell = '';
        if (t[i] === '"') {
          i++;
          for (;;) {
            if (i >= t.length) return 'error';
            if (t[i] === '"') {
              if (t[i + 1] === '"') {
                cell += '"';
                i += 2;
                continue;
              }
              i++;
              break;
            }
            cell += t[i++];
          }
          if (i < t.length && !',\r\n'.includes(t[i]!)) return 'error';
        } else {
          while (i < t.length && !',\r\n'.includes(t[i]!)) cell += t[i++];
        }
        row.push(cell);
        if (i >= t.length) return [...rows, row];
        if (t[i] === ',') {
          i++;
          if (i === t.length) return [...rows, [...row, '']];
          continue;
        }
        i += t[i] === '\r' && t[i + 1] === '\n' ? 2 : 1;
        rows.push(row);
        row = [];
        if (i >= t.length) return rows;
      }
    }
    const text = fc
      .array(fc.constantFrom('a', 'é', '🚌', ' ', ',', '"', '""', '\n', '\r', '\r\n', '\uFEFF'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (input) => {
        const expected = reference(input);
        if (expected === 'error') expect(() => parseCsv(input)).toThrow(CsvSyntaxError);
        else expect(parseCsv(input)).toEqual(expected);
      }),
      { numRuns: 3000 },
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
