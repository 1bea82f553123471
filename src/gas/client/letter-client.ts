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
  const month = document.getElementById('mois') as HTMLSelectElement;
  for (const m of data.moisPossibles) {
    const o = document.createElement('option');
    o.value = m.key;
    o.textContent = `Lettre de ${m.label}`;
    month.append(o);
  }
  let current = data;

  function say(text: string, kind: '' | 'ok' | 'erreur' = ''): void {
    status.textContent = text;
    status.className = kind;
  }

  const s = (n: number) => (n > 1 ? 's' : '');

  function showPreview(p: LetterPreview): void {
    current = p;
    month.value = p.mois;
    frame.srcdoc = p.html;
    result.textContent = '';
    say('');
    summary.textContent = p.envoyee
      ? `« ${p.sujet} » : ${p.envoyee}.`
      : `« ${p.sujet} » : ${p.destinataires} référent${s(p.destinataires)} à qui l’envoyer${p.deja ? ` (${p.deja} l’ont déjà reçue)` : ''} ; courriels encore possibles aujourd’hui : ${p.quota}.`;
    appendList(result, 'Sans courriel valide (onglet Référents)', p.sansCourriel);
    if (p.essai) say(`Essai déjà envoyé à ${p.essai} pour ce mois.`, 'ok');
    send.textContent = `Envoyer aux ${p.destinataires} référents`;
    send.disabled = !p.essai || p.destinataires === 0;
    test.textContent = p.vous ? `M’envoyer un essai (${p.vous})` : 'M’envoyer un essai';
  }
  showPreview(data);

  month.addEventListener('change', () => {
    say('Préparation de la lettre…');
    server
      .lettreApercu(month.value)
      .then(showPreview)
      .catch((e: unknown) => say(e instanceof Error ? e.message : String(e), 'erreur'));
  });

  test.addEventListener('click', () => {
    test.disabled = true;
    say('Envoi de l’essai…');
    server
      .lettreEssai(current.mois)
      .then((r) => {
        say(`Essai envoyé à ${r.to} : relisez-le, puis envoyez la lettre aux référents.`, 'ok');
        send.disabled = current.destinataires === 0;
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
      .lettreEnvoyer(current.mois)
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
