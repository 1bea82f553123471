/**
 * The region of a département, as the `opening_hours` library names its « states »: school holidays
 * (`SH`) are known per region, and Alsace-Moselle's public holidays per département (57, 67, 68).
 */
import { isAlsaceMoselle } from './holidays';

const REGIONS: Record<string, readonly string[]> = {
  'Auvergne-Rhône-Alpes': ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  'Hauts-de-France': ['02', '59', '60', '62', '80'],
  "Provence-Alpes-Côte d'Azur": ['04', '05', '06', '13', '83', '84'],
  'Grand Est': ['08', '10', '51', '52', '54', '55', '88'],
  Occitanie: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  Normandie: ['14', '27', '50', '61', '76'],
  'Nouvelle-Aquitaine': ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  'Centre-Val de Loire': ['18', '28', '36', '37', '41', '45'],
  'Bourgogne-Franche-Comté': ['21', '25', '39', '58', '70', '71', '89', '90'],
  Bretagne: ['22', '29', '35', '56'],
  Corse: ['2A', '2B'],
  'Pays de la Loire': ['44', '49', '53', '72', '85'],
  'Île-de-France': ['75', '77', '78', '91', '92', '93', '94', '95'],
  Guadeloupe: ['971'],
  Martinique: ['972'],
  Guyane: ['973'],
  'La Réunion': ['974'],
  Mayotte: ['976'],
};

const BY_DEPARTEMENT = new Map(
  Object.entries(REGIONS).flatMap(([region, codes]) => codes.map((c) => [c, region] as const)),
);

const ALSACE_MOSELLE_STATES: Record<string, string> = {
  '57': 'Moselle',
  '67': 'Bas-Rhin',
  '68': 'Haut-Rhin',
};

/**
 * The `opening_hours` state of a département: its region (school holidays), or in Alsace-Moselle
 * the département itself (its two more public holidays; the library has no school holidays there).
 * '' when unknown (national public holidays only).
 */
export function openingHoursState(departement: string | null | undefined): string {
  const code = departement ?? '';
  if (isAlsaceMoselle(code)) return ALSACE_MOSELLE_STATES[code] ?? '';
  return BY_DEPARTEMENT.get(code) ?? '';
}
