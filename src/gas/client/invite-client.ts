/** Browser code of the « Inviter des référents à une rencontre » dialog (injected as source by html.ts). */

import type { InviteDialogData, InvitePreview, InviteResult } from '../actions/invite';
import type { ServerApi } from '../html';
import type { INVITE_SERVER } from '../menu/inviter';
import type { addOption as AddOption, appendList as AppendList } from './common';

declare const appendList: typeof AppendList;
declare const addOption: typeof AddOption;

export function inviteClient(data: InviteDialogData, server: ServerApi<typeof INVITE_SERVER>): void {
  const form = document.getElementById('inviter') as HTMLFormElement;
  const result = document.getElementById('resultat')!;
  const status = document.getElementById('statut')!;
  const send = document.getElementById('envoyer') as HTMLButtonElement;
  const rencontre = document.getElementById('rencontre') as HTMLSelectElement;
  const epci = document.getElementById('epci') as HTMLSelectElement;
  const typologie = document.getElementById('typologie') as HTMLSelectElement;
  for (const r of data.rencontres)
    addOption(rencontre, r.id, `${r.label}${r.formulaire ? '' : ' — sans formulaire'}`);
  if (data.selected) rencontre.value = data.selected;
  for (const e of data.epcis) addOption(epci, e.code, e.nom);
  for (const t of data.typologies) addOption(typologie, t.code, `${t.label} (${t.code})`);
  if (data.rencontres.length === 0) {
    status.textContent = 'Aucune rencontre prévue à venir dans l’onglet Rencontres.';
    status.className = 'erreur';
  }

  function values() {
    const par = (document.querySelector<HTMLInputElement>('input[name="par"]:checked')?.value ?? 'tous') as
      | 'tous'
      | 'epci'
      | 'typologie'
      | 'charte'
      | 'pass';
    const code = par === 'epci' ? epci.value : par === 'typologie' ? typologie.value : '';
    return { rencontre: rencontre.value, filtre: { par, code } };
  }

  const fail = (error: unknown) => {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.className = 'erreur';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = 'Recherche des référents…';
    status.className = '';
    server
      .inviterApercu(values())
      .then((p: InvitePreview) => {
        result.textContent = '';
        const n = p.aInviter.length;
        status.textContent = `${p.rencontre} : ${n} référent(s) à inviter parmi ${p.filtre}${p.deja ? ` (${p.deja} déjà invité(s))` : ''}. Courriels encore possibles aujourd’hui : ${p.quota}.${p.quota < n ? ` Les ${n - p.quota} derniers partiront en relançant l’action demain.` : ''}${p.formulaire ? '' : ' Cette rencontre n’a pas encore de formulaire d’inscription : créez-le d’abord pour que le lien figure dans l’invitation.'}`;
        appendList(result, 'À inviter', p.aInviter);
        appendList(result, 'Sans courriel valide (non invités)', p.sansCourriel);
        send.disabled = n === 0;
      })
      .catch(fail);
  });
  send.addEventListener('click', () => {
    send.disabled = true;
    status.textContent = 'Envoi en cours…';
    status.className = '';
    server
      .inviterEnvoyer(values())
      .then((r: InviteResult) => {
        result.textContent = '';
        status.textContent = `${r.envoyes.length} invitation(s) envoyée(s).${r.nonEnvoyes.length ? ` ${r.nonEnvoyes.length} non envoyée(s) : relancez l’action (demain si le quota est atteint), seules celles-ci partiront.` : ''}`;
        status.className = r.nonEnvoyes.length ? 'erreur' : 'ok';
        appendList(result, 'Envoyées', r.envoyes);
        appendList(
          result,
          'Non envoyées (à refaire)',
          r.nonEnvoyes.map((n) => `${n.to} : ${n.reason}`),
        );
        appendList(result, 'Sans courriel valide', r.sansCourriel);
      })
      .catch((error) => {
        send.disabled = false;
        fail(error);
      });
  });
}
