/**
 * « Envoyer la lettre du réseau… »: the preview of this month's letter, a test send to oneself, then
 * the send to the referents (under the lock, in the Journal), within the day's mail quota.
 */
import { journaledAsUser, mailingLines } from '../actions/journal';
import {
  type LetterPreview,
  type LetterSendResult,
  type LetterTestResult,
  letterPreview,
  sendLetter,
  sendLetterTest,
} from '../actions/letter';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { showDialog } from '../adapters/ui';
import { appendList } from '../client/common';
import { letterClient } from '../client/letter-client';
import { clientScript, render } from '../html';
import { plural } from '../messages';
import { menuAction, requiredSheet } from './action';

const CAPTION = 'Envoyer la lettre du réseau…';

export const LETTER_SERVER = {
  /** The letter of another month the dialog offers (writes nothing). */
  lettreApercu(mois: unknown): LetterPreview {
    return letterPreview(activeSpreadsheet(), new Date(), mois);
  },
  /** Sends the letter to the person who runs the action (under the lock, in the Journal). */
  lettreEssai(mois: unknown): LetterTestResult {
    const ss = activeSpreadsheet();
    return journaledAsUser(
      ss,
      CAPTION,
      (_user, now) => sendLetterTest(ss, now, mois),
      (result) => ({ lignes: 0, details: `Lettre de ${result.mois} : essai envoyé à ${result.to}.` }),
    );
  },
  /** Sends it to the referents still waiting for it (under the lock, in the Journal). */
  lettreEnvoyer(mois: unknown): LetterSendResult {
    const ss = activeSpreadsheet();
    return journaledAsUser(
      ss,
      CAPTION,
      (_user, now) => sendLetter(ss, now, mois),
      (result) => ({
        lignes: result.envoyes.length,
        details: [
          `Lettre de ${result.mois} : ${plural(result.envoyes.length, 'courriel envoyé', 'courriels envoyés')}, ${plural(result.total, 'référent l’a reçue', 'référents l’ont reçue')} ce mois-ci.`,
          `Contenu : ${result.contenu}`,
          ...mailingLines(result),
        ].join('\n'),
      }),
    );
  },
};

export const envoyerLettre = menuAction({
  fn: 'menuEnvoyerLettre',
  caption: CAPTION,
  dialog: 'Lettre',
  server: LETTER_SERVER,
  handler(title) {
    const ss = activeSpreadsheet();
    for (const tab of ['Lieux', 'Référents', 'Lettres'] as const) if (!requiredSheet(ss, tab, title)) return;
    const preview = letterPreview(ss, new Date());
    showDialog(
      render('Lettre', CAPTION, clientScript(letterClient, preview, LETTER_SERVER, { appendList }), {
        width: 720,
        height: 640,
      }),
      title,
    );
  },
});
