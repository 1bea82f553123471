/**
 * The workbook's own time zone: a typed date is midnight in that zone, and Maillage reads it as the
 * day typed, in metropolitan France, La Réunion and Guyane alike.
 */
import { describe, expect, it } from 'vitest';
import type { FicheData } from '../../src/gas/actions/fiche';
import { col, emptyModelSheets, gasWith, MENU, sampleGas } from './helpers';

describe('the workbook’s time zone', () => {
  for (const zone of ['Europe/Paris', 'Indian/Reunion', 'America/Cayenne']) {
    it(`reads a date typed in a ${zone} workbook as typed`, () => {
      const { gas, ctx, fiche } = sampleGas({ timeZone: zone });
      const c = col(gas, 'Lieux', 'Date de mise à jour');
      const letter = String.fromCharCode(65 + c);
      for (const [typed, iso] of [
        ['15/03/2027', '2027-03-15'],
        ['01/01/2027', '2027-01-01'],
        ['31/10/2027', '2027-10-31'],
        ['31/12/2027', '2027-12-31'],
      ] as const) {
        gas.fireEdit(ctx, 'Lieux', `${letter}2`, typed);
        gas.select('Lieux', 'A2');
        const data = gas.runServerCall(fiche, 'ficheCharger') as FicheData;
        expect(data.values.date_maj, `${zone} ${typed}`).toBe(iso);
      }
    });
  }

  it('is set from the département when the workbook is installed', () => {
    const { gas, ctx } = gasWith(emptyModelSheets(), { timeZone: 'America/New_York' });
    gas.runMenuItem(ctx, MENU, 'Installer / mettre à niveau le classeur');
    expect(gas.spreadsheet.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(String(gas.values('Journal').at(-1)?.[4])).toContain('Fuseau horaire du classeur : Europe/Paris');
  });
});
