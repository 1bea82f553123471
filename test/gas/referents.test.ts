import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { COORDINATION, gasWith, MENU, openDialog, sampleGas, sampleSheets, shown } from './helpers';
import { withRows } from './meeting-helpers';

const CAPTION = 'Référents : liste et export…';

interface Export {
  filtre: string;
  nombre: number;
  lignes: { nom: string; courriel: string }[];
  csv: string;
  vcf: string;
  fichier: string;
}

describe('« Référents : liste et export… »', () => {
  it('offers the EPCIs and typologies of the workbook’s places', () => {
    const { gas, ctx } = sampleGas();
    const content = openDialog(gas, ctx, CAPTION);
    expect(content).toContain('{"code":"248719312","nom":"CU Limoges Métropole"}');
    expect(content).toContain('"code":"BIB"');
    expect(content).toContain('"total":76');
    expect(content).toContain('<label for="charte">qui ont signé la charte</label>');
  });

  it('lists the chosen referents with their CSV and vCard files, and notes the export in the Journal', () => {
    const { gas, ctx } = sampleGas();
    const all = gas.runServerCall(ctx, 'referentsExporter', {}) as Export;
    expect(all.nombre).toBe(76);
    const some = gas.runServerCall(ctx, 'referentsExporter', {
      epci: '248719312',
      charte: true,
    }) as Export;
    expect(some.nombre).toBeGreaterThan(0);
    expect(some.nombre).toBeLessThan(all.nombre);
    expect(some.filtre).toBe('référents des lieux de CU Limoges Métropole, qui ont signé la charte');
    expect(some.fichier).toBe('referents-2026-11-30');
    expect(some.csv.startsWith('\uFEFFNom;Fonction;Structure;Courriel;')).toBe(true);
    expect(some.csv.trimEnd().split('\r\n')).toHaveLength(some.nombre + 1);
    expect(some.vcf.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(some.nombre);
    expect(
      some.lignes.map((l) => l.courriel).every((m) => some.csv.includes(m) && some.vcf.includes(m)),
    ).toBe(true);
    const journal = gas.values('Journal').at(-1)!;
    expect(journal.slice(1, 5)).toEqual([
      COORDINATION,
      CAPTION,
      some.nombre,
      `Liste des référents des lieux de CU Limoges Métropole, qui ont signé la charte (${some.nombre}) préparée en CSV et vCard pour ${COORDINATION}.`,
    ]);
    expect(gas.sentMails).toEqual([]);
  });

  it('makes the same service calls with 500 and 5,000 referents', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = gasWith(withRows(sampleSheets(), 'Référents', n));
      gas.resetCalls();
      const result = gas.runServerCall(ctx, 'referentsExporter', { typologie: 'BIB' }) as Export;
      expect(result.nombre).toBeGreaterThan(n / 20);
      expect(result.lignes.length).toBe(Math.min(result.nombre, 200));
      return { log: gas.calls.log, services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES) };
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]!.log).toMatchInlineSnapshot(`
      [
        "PropertiesService.getDocumentProperties",
        "Properties.getProperty",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Session.getActiveUser",
        "User.getEmail",
        "LockService.getScriptLock",
        "Lock.tryLock",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "SpreadsheetApp.getActiveSpreadsheet",
        "Spreadsheet.getSpreadsheetTimeZone",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Spreadsheet.getSheetByName",
        "Sheet.getSheetValues",
        "Sheet.appendRow",
        "Lock.releaseLock",
      ]
    `);
  });

  it('is refused to a partner', () => {
    const { gas, ctx } = gasWith(sampleSheets(), {
      properties: { document: { MAILLAGE_COORDINATION: COORDINATION } },
    });
    gas.setUser('partenaire@commune.example');
    expect(() => gas.runServerCall(ctx, 'referentsExporter', {})).toThrow(/réservé à la coordination/);
    gas.runMenuItem(ctx, MENU, CAPTION);
    expect(shown(gas).at(-1)).toMatch(/réservé à la coordination du réseau/);
  });
});
