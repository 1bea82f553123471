/** Browser code of the « Envoyer la lettre du réseau… » dialog (injected as source by html.ts). */

import type { LetterPreview, LetterSendResult } from '../actions/letter';
import type { ServerApi } from '../html';
import type { LETTER_SERVER } from '../menu/lettre';
import type { appendList as AppendList } from './common';

declare const appendList: typeof AppendList;

export function letterClient(data: LetterPreview, server: ServerApi<typeof LETTER_SERVER>): void {
  const summary = document.getElementById('resume')!;
  const frame = document.getElementById('apercu') as HTMLIFrameElement;
  const test = document.getElementById('essai') as HTMLButtonElement;
  const send = document.getElementById('envoyer') as HTMLButtonElement;
  const status = document.getElementById('statut')!;
  const result = document.getElementById('resultat')!;
  frame.srcdoc = data.html;

  function say(text: string, kind: '' | 'ok' | 'erreur' = ''): void {
    status.textContent = text;
    status.className = kind;
  }

  const s = (n: number) => (n > 1 ? 's' : '');
  summary.textContent = data.envoyee
    ? `« ${data.sujet} » : ${data.envoyee}.`
    : `« ${data.sujet} » : ${data.destinataires} référent${s(data.destinataires)} à qui l’envoyer${data.deja ? ` (${data.deja} l’ont déjà reçue)` : ''} ; courriels encore possibles aujourd’hui : ${data.quota}.`;
  appendList(result, 'Sans courriel valide (onglet Référents)', data.sansCourriel);
  if (data.essai) say(`Essai déjà envoyé à ${data.essai} pour ce mois.`, 'ok');
  send.textContent = `Envoyer aux ${data.destinataires} référents`;
  send.disabled = !data.essai || data.destinataires === 0;
  test.textContent = data.vous ? `M’envoyer un essai (${data.vous})` : 'M’envoyer un essai';

  test.addEventListener('click', () => {
    test.disabled = true;
    say('Envoi de l’essai…');
    server
      .lettreEssai()
      .then((r) => {
        say(`Essai envoyé à ${r.to} : relisez-le, puis envoyez la lettre aux référents.`, 'ok');
        send.disabled = data.destinataires === 0;
      })
      .catch((e: unknown) => say(e instanceof Error ? e.message : String(e), 'erreur'))
      .finally(() => {
        test.disabled = false;
      });
  });

  send.addEventListener('click', () => {
    send.disabled = true;
    test.disabled = true;
    say('Envoi en cours…');
    server
      .lettreEnvoyer()
      .then((r: LetterSendResult) => {
        result.textContent = '';
        say(
          `${r.envoyes.length} courriel${s(r.envoyes.length)} envoyé${s(r.envoyes.length)} ; ${r.total} référent${s(r.total)} l’ont reçue ce mois-ci.`,
          'ok',
        );
        appendList(
          result,
          'Non envoyés (relancez l’action un autre jour : elle ne part qu’à eux)',
          r.nonEnvoyes.map((n) => `${n.to} : ${n.reason}`),
        );
      })
      .catch((e: unknown) => {
        say(e instanceof Error ? e.message : String(e), 'erreur');
        send.disabled = false;
      })
      .finally(() => {
        test.disabled = false;
      });
  });

  document.getElementById('fermer')!.addEventListener('click', () => {
    (globalThis as unknown as { google: { script: { host: { close(): void } } } }).google.script.host.close();
  });
}
