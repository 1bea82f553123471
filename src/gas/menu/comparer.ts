/** « Comparer avec un fichier national… »: what the national map knows that we don't, and back. */
import { type Comparison, compareWithNational } from '../actions/compare';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { fileDialog } from '../client/common';
import { compareClient } from '../client/compare-client';
import { clientScript } from '../html';
import { menuAction, requiredSheet } from './action';
import { showNationalFileDialog } from './importer';

const CAPTION = 'Comparer avec un fichier national…';

export const COMPARE_SERVER = {
  /** The comparison of Lieux with the chosen file (writes nothing). */
  comparerNational(payload: unknown): Comparison {
    return compareWithNational(activeSpreadsheet(), payload, new Date());
  },
};

export const comparerNational = menuAction({
  fn: 'menuComparerNational',
  caption: CAPTION,
  dialog: 'FichierNational',
  server: COMPARE_SERVER,
  handler(title) {
    if (!requiredSheet(activeSpreadsheet(), 'Lieux', title)) return;
    showNationalFileDialog(
      title,
      CAPTION,
      clientScript(compareClient, null, COMPARE_SERVER, { fileDialog }),
      {
        titre: 'Comparer avec un fichier national',
        importer: false,
        aide: 'La comparaison liste les lieux qu’il a et que l’annuaire n’a pas, les lieux actifs de l’annuaire qu’il n’a pas, les valeurs qui diffèrent pour un même lieu et les cas à décider. Rien n’est écrit dans le classeur.',
      },
    );
  },
});
