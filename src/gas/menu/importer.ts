/** « Importer un fichier du standard national… »: choose the file, read the preview, then import. */
import { type ImportDone, importApply, importPreview } from '../actions/import';
import { writeJournal } from '../actions/journal';
import { withLock } from '../adapters/lock';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { fileDialog } from '../client/common';
import { importClient } from '../client/import-client';
import { clientScript, render } from '../html';
import { menuAction, requiredSheet } from './action';

const CAPTION = 'Importer un fichier du standard national…';

export const IMPORT_SERVER = {
  /** What importing the chosen file would do (writes nothing). */
  importerApercu(payload: unknown) {
    return importPreview(activeSpreadsheet(), payload, new Date());
  },
  /** Imports it under the lock, read again; the Journal notes it. */
  importerEcrire(payload: unknown): ImportDone {
    const ss = activeSpreadsheet();
    const user = activeUserEmail();
    const now = new Date();
    return withLock(() => {
      const done = importApply(ss, payload, user, now);
      if (done.written && done.counts) {
        const c = done.counts;
        writeJournal(
          ss,
          {
            action: 'Import du standard national',
            lignes: c.added + c.updated,
            details: [
              `${done.nom} : ${c.added} ajoutés${done.firstRow ? ` (lignes ${done.firstRow} à ${done.lastRow})` : ''}, ${c.updated} complétés, ${c.leftAlone} déjà présents, ${c.uncertain} incertains, ${c.outside} hors du département, ${c.duplicates} doublons fusionnés.`,
              done.added || done.decided
                ? `Rapprochements : ${done.added ?? 0} cas incertains notés, ${done.decided ?? 0} décisions de la coordination.`
                : '',
              ...done.lines.slice(6),
              done.firstRow
                ? `Pour annuler l’ajout : supprimez les lignes ${done.firstRow} à ${done.lastRow} de l’onglet Lieux.`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
            utilisateur: user,
          },
          now,
        );
      }
      return done;
    });
  },
};

/** Shows a dialog of FichierNational.html: choose a national file, then `client` does the rest. */
export function showNationalFileDialog(
  title: string,
  caption: string,
  script: string,
  vars: { titre: string; importer: boolean; aide: string },
): void {
  showDialog(render('FichierNational', caption, script, { width: 680, height: 560 }, vars), title);
}

export const importerNational = menuAction({
  fn: 'menuImporterNational',
  caption: CAPTION,
  dialog: 'FichierNational',
  server: IMPORT_SERVER,
  handler(title) {
    if (!requiredSheet(activeSpreadsheet(), 'Lieux', title)) return;
    showNationalFileDialog(title, CAPTION, clientScript(importClient, null, IMPORT_SERVER, { fileDialog }), {
      titre: 'Importer un fichier du standard national',
      importer: true,
      aide: 'Un lieu déjà présent n’est jamais ajouté deux fois ; seules ses cases vides sont remplies, jamais une valeur saisie. Rien n’est écrit avant « Importer ».',
    });
  },
});
