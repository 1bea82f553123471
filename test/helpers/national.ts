/** What a comparison of the sample workbook with the national sample must find, whichever program made it. */
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { NationalSample } from '../../scripts/make-national-sample';
import { headers } from '../../src/core/model';
import { readCsvFolder, SAMPLE_DIR } from './workbook';

/**
 * Checks the to-do CSV (`maillage comparer`, or the sheet's download) against the places the
 * national sample plants: missing here, missing there, a different phone. Returns its rows.
 */
export function expectSampleTodo(csv: string | Buffer, national: NationalSample): Record<string, string>[] {
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
  const ids = (what: string, column: string, field?: string) =>
    rows
      .filter((r) => r['À faire'] === what && (field === undefined || r.Champ === field))
      .map((r) => r[column])
      .sort();
  expect(ids('Ajouter au classeur', 'Identifiant national')).toEqual([...national.expected.newPlaces].sort());
  const sample = readCsvFolder(SAMPLE_DIR).Lieux!;
  const statut = headers('Lieux').indexOf('Statut');
  const absent = sample.filter(
    (row) => national.expected.absentFromFile.includes(row[0]!) && row[statut] === 'actif',
  );
  expect(ids('Absent de la carte nationale', 'Identifiant du classeur')).toEqual(
    absent.map((row) => row[0]).sort(),
  );
  expect(ids('Valeur différente', 'Identifiant du classeur', 'Numéro de téléphone')).toEqual(
    [...national.expected.phoneDiffers].sort(),
  );
  return rows;
}
