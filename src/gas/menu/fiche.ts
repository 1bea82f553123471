/** « Modifier la fiche sélectionnée »: the sidebar form of one place, and what it calls. */
import { type FicheData, ficheCheck, ficheData, ficheSave } from '../actions/fiche';
import { describeHours, osmOfWeek } from '../actions/hours-text';
import { journaled } from '../actions/journal';
import { activeUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showSidebar } from '../adapters/ui';
import { ficheClient } from '../client/fiche-client';
import { territory, today } from '../env';
import { clientScript, render } from '../html';
import { menuAction } from './action';

export const FICHE_SERVER = {
  ficheCharger() {
    return ficheData(activeSpreadsheet());
  },
  ficheVerifier(payload: unknown) {
    return ficheCheck(activeSpreadsheet(), payload);
  },
  ficheEnregistrer(payload: unknown) {
    const ss = activeSpreadsheet();
    // The partners' project does not ask to see addresses (no userinfo.email in its manifest):
    // Google does not say who saves, and « Modifié par » is emptied rather than left naming someone else.
    const user = activeUserEmail() ?? '';
    const now = new Date();
    return journaled(
      ss,
      { action: 'Fiche modifiée (formulaire)', utilisateur: user, now },
      () => ficheSave(ss, payload, user, now),
      (saved) => ({
        action: saved.created ? 'Nouveau lieu (formulaire)' : undefined,
        lignes: 1,
        details: `Lieux, ligne ${saved.row} : ${saved.id} (${saved.check.etat})`,
      }),
    );
  },
  horairesDecrire(value: string) {
    return describeHours(typeof value === 'string' ? value : '', today(), territory().departement.code);
  },
};

function ficheSidebar(data: FicheData): GoogleAppsScript.HTML.HtmlOutput {
  const title = data.row === null ? 'Nouveau lieu' : `Fiche du lieu (ligne ${data.row})`;
  const script = clientScript(ficheClient, data, FICHE_SERVER, { osmOfWeek });
  return render('Fiche', title, script, { width: 360 }, { title });
}

export const modifierFiche = menuAction({
  fn: 'menuModifierFiche',
  caption: 'Modifier la fiche sélectionnée',
  role: 'partenaire',
  dialog: 'Fiche',
  server: FICHE_SERVER,
  handler() {
    showSidebar(ficheSidebar(ficheData(activeSpreadsheet())));
  },
});
