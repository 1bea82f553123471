import { describe, expect, it } from 'vitest';
import { patchSheetXml } from '../../src/node/xlsx-patch';

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C2"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" s="1" t="s"><v>2</v></c></row><row r="2" spans="1:3"><c r="A2" t="s"><v>3</v></c><c r="B2" s="4"/><c r="C2"><f>A2&amp;"!"</f><v>0</v></c></row></sheetData><dataValidations count="1"><dataValidation sqref="B2:B1000" type="list"><formula1>"oui,non"</formula1></dataValidation></dataValidations></worksheet>`;

describe('patchSheetXml', () => {
  it('fills a blank styled cell in place, keeps formulas and everything after the data', () => {
    const out = patchSheetXml(SHEET, [{ row: 2, column: 1, value: 'oui & <non>' }]);
    expect(out).toContain(
      '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="4" t="inlineStr"><is><t xml:space="preserve">oui &amp; &lt;non&gt;</t></is></c><c r="C2"><f>A2&amp;"!"</f><v>0</v></c></row>',
    );
    expect(out).toContain('<dataValidations count="1"><dataValidation sqref="B2:B1000" type="list">');
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });

  it('adds rows below the last one, cells in column order, and widens the dimension', () => {
    const out = patchSheetXml(SHEET, [
      { row: 4, column: 3, value: 45.83 },
      { row: 4, column: 0, value: 'lieu-1' },
      { row: 3, column: 1, value: true },
    ]);
    expect(out).toContain('<dimension ref="A1:D4"/>');
    expect(out).toContain(
      '</row><row r="3"><c r="B3" t="b"><v>1</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">lieu-1</t></is></c><c r="D4"><v>45.83</v></c></row></sheetData>',
    );
  });

  it('reads a sheet written as an empty sheetData', () => {
    const out = patchSheetXml('<worksheet><dimension ref="A1"/><sheetData/></worksheet>', [
      { row: 1, column: 27, value: 'AB' },
    ]);
    expect(out).toBe(
      '<worksheet><dimension ref="A1:AB1"/><sheetData><row r="1"><c r="AB1" t="inlineStr"><is><t xml:space="preserve">AB</t></is></c></row></sheetData></worksheet>',
    );
  });
});
