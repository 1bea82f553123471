import { beforeAll, describe, expect, it } from 'vitest';
import { makeNationalSample, type NationalSample } from '../../scripts/make-national-sample';
import type { Comparison } from '../../src/gas/actions/compare';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { expectSampleTodo } from '../helpers/national';
import { formulaCell, spreadsheetCells } from '../helpers/spreadsheet';
import { sampleGas } from './helpers';

/** « Comparer avec un fichier national… » (its dialog is tested with the import's, in import.test.ts). */

let national: NationalSample;
beforeAll(() => {
  national = makeNationalSample();
});

describe('« Comparer avec un fichier national… »', () => {
  it('lists what each side lacks and what differs, as the command line does, and writes nothing', () => {
    const { gas, ctx } = sampleGas();
    const names = gas.sheetNames();
    const before = Object.fromEntries(names.map((n) => [n, gas.values(n)]));
    const c = ctx.comparerNational!({ nom: 'lieux-87.csv', contenu: national.csv }) as Comparison;
    expect(c.errors).toEqual([]);
    expect(c.lines).toContain(
      `${national.expected.newPlaces.length} lieux du fichier national manquent au classeur.`,
    );
    expect(expectSampleTodo(c.csv, national)).toHaveLength(c.rows);
    expect(spreadsheetCells(c.csv).filter(formulaCell)).toEqual([]);
    expect(gas.sheetNames()).toEqual(names);
    for (const n of names) expect(gas.values(n), n).toEqual(before[n]);
  });

  it('says why a file cannot be compared', () => {
    const { ctx } = sampleGas();
    const c = ctx.comparerNational!({ nom: 'x.csv', contenu: 'Nom,Ville\nA,B\n' }) as Comparison;
    expect(c.errors[0]).toContain('Colonnes du standard national introuvables');
    expect(c.csv).toBe('');
  });

  it('makes the same service calls for a file of 10 places and one of 500', () => {
    const lines = national.csv.split('\r\n');
    const small = `${lines.slice(0, 11).join('\r\n')}\r\n`;
    const logs = [small, national.csv].map((contenu) => {
      const { gas, ctx } = sampleGas();
      gas.resetCalls();
      const c = ctx.comparerNational!({ nom: 'f.csv', contenu }) as Comparison;
      expect(c.rows).toBeGreaterThan(0);
      return gas.calls.log.filter((x) => !LOCAL_OBJECT_SERVICES.some((s) => x.startsWith(`${s}.`)));
    });
    expect(logs[0]).toEqual([
      'PropertiesService.getDocumentProperties',
      'Properties.getProperty',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'Utilities.parseCsv',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSpreadsheetTimeZone',
      // Lieux and Rapprochements read once each; nothing written.
      'Sheet.getSheetValues',
      'Spreadsheet.getSheetByName',
      'Sheet.getSheetValues',
    ]);
    expect(logs[1]).toEqual(logs[0]);
  });
});
