/** The server side of dialogs and sidebars (see server-names.ts). */

import {
  type FicheCheck,
  type FicheData,
  type FicheSaved,
  ficheCheck,
  ficheData,
  ficheSave,
} from './actions/fiche';
import { describeHours, type HoursDescription } from './actions/hours-text';
import { writeJournal } from './actions/journal';
import { addPlanned, type PlanAdded, type PlanForm, type PlanPreview, preview } from './actions/plan';
import { withLock } from './adapters/lock';
import { activeUserEmail } from './adapters/session';
import { activeSpreadsheet, readAll, tabOfName } from './adapters/spreadsheet';
import { territory, today } from './env';
import { MaillageError } from './errors';
import type { ServerCallName } from './server-names';

function ficheCharger(): FicheData {
  return ficheData(activeSpreadsheet());
}

function ficheVerifier(payload: unknown): FicheCheck {
  return ficheCheck(activeSpreadsheet(), payload);
}

function ficheEnregistrer(payload: unknown): FicheSaved {
  const ss = activeSpreadsheet();
  const user = activeUserEmail();
  const now = new Date();
  return withLock(() => {
    const saved = ficheSave(ss, payload, user, now);
    writeJournal(
      ss,
      {
        action: saved.created ? 'Nouveau lieu (formulaire)' : 'Fiche modifiée (formulaire)',
        lignes: 1,
        details: `Lieux, ligne ${saved.row} : ${saved.id} (${saved.check.etat})`,
        utilisateur: user,
      },
      now,
    );
    return saved;
  });
}

function horairesDecrire(value: string): HoursDescription {
  return describeHours(typeof value === 'string' ? value : '', today(), territory().departement.code);
}

function permanencesCells(): unknown[][] {
  const sheet = activeSpreadsheet().getSheetByName('Permanences');
  if (!sheet)
    throw new MaillageError(
      'Onglet « Permanences » introuvable : lancez « Installer / mettre à niveau le classeur ».',
    );
  return readAll(sheet);
}

function planifierApercu(form: PlanForm): PlanPreview {
  return preview(form, permanencesCells());
}

function planifierAjouter(form: PlanForm): PlanAdded {
  const ss = activeSpreadsheet();
  const sheet = ss.getSheetByName('Permanences');
  if (!sheet)
    throw new MaillageError(
      'Onglet « Permanences » introuvable : lancez « Installer / mettre à niveau le classeur ».',
    );
  const user = activeUserEmail();
  const now = new Date();
  return withLock(() => {
    const added = addPlanned(sheet, form, user, now);
    if (added.added > 0) {
      writeJournal(
        ss,
        {
          action: 'Planifier des permanences',
          lignes: added.added,
          details: [
            `${added.resume} : ${added.added} permanence${added.added > 1 ? 's' : ''} ajoutée${added.added > 1 ? 's' : ''} (lignes ${added.firstRow} à ${added.lastRow}).`,
            ...added.skipped.map((s) => `Non planifié : ${s.message}`),
            `Pour annuler : supprimez les lignes ${added.firstRow} à ${added.lastRow} de l’onglet Permanences.`,
          ].join('\n'),
          utilisateur: user,
        },
        now,
      );
    }
    return added;
  });
}

function allerALaLigne(tab: string, row: number): void {
  const name = tabOfName(String(tab));
  const sheet = name ? activeSpreadsheet().getSheetByName(name) : null;
  if (!sheet || !Number.isInteger(row) || row < 1) return;
  sheet.activate();
  sheet.getRange(row, 1).activate();
}

export const SERVER_CALLS = {
  ficheCharger,
  ficheVerifier,
  ficheEnregistrer,
  horairesDecrire,
  planifierApercu,
  planifierAjouter,
  allerALaLigne,
} satisfies Record<ServerCallName, (...args: never[]) => unknown>;

// Every key of SERVER_CALLS is a name of the list, and the other way round.
type Extra = Exclude<keyof typeof SERVER_CALLS, ServerCallName>;
const noExtra: [Extra] extends [never] ? true : false = true;
void noExtra;

export type ServerCalls = typeof SERVER_CALLS;

/** What client code sees: every server call as a promise. */
export type ServerApi = {
  [K in ServerCallName]: (...args: Parameters<ServerCalls[K]>) => Promise<ReturnType<ServerCalls[K]>>;
};
