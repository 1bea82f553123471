/** Browser code of the « Importer un fichier du standard national… » dialog (injected by html.ts). */
import type { ImportDone, ImportPreview } from '../actions/import';
import type { ServerApi } from '../html';
import type { IMPORT_SERVER } from '../menu/importer';
import type { fileDialog as FileDialog } from './common';

declare const fileDialog: typeof FileDialog;

export function importClient(_data: null, server: ServerApi<typeof IMPORT_SERVER>): void {
  const preview = document.getElementById('apercu')!;
  const button = document.getElementById('importer') as HTMLButtonElement;
  const choices = document.getElementById('decisions')!;
  let payload: { nom: string; contenu: string } | null = null;
  let asked: ImportPreview['uncertain'] = [];

  /** One group of choices per uncertain place: later (default), the same as one row, or different. */
  function ask(uncertain: ImportPreview['uncertain']): void {
    asked = uncertain;
    choices.textContent = '';
    if (uncertain.length === 0) return;
    const intro = document.createElement('p');
    intro.className = 'aide';
    intro.textContent =
      'Lieux incertains : dites s’il s’agit d’un lieu du classeur. Votre décision est notée dans l’onglet Rapprochements : le même fichier ne vous la redemandera pas.';
    choices.append(intro);
    uncertain.forEach((u, i) => {
      const set = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = u.lieu;
      set.append(legend);
      const option = (value: string, text: string, checked = false) => {
        const label = document.createElement('label');
        label.className = 'choix';
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = `incertain-${i}`;
        radio.value = value;
        radio.checked = checked;
        label.append(radio, ` ${text}`);
        set.append(label);
      };
      option('', 'À décider plus tard', true);
      for (const c of u.candidates) option(`meme:${c.id}`, `Même lieu que ${c.text}`);
      option('different', 'Lieu différent : l’ajouter comme nouveau lieu');
      choices.append(set);
    });
  }

  function decisions(): { cle: string; lieu: string; same: boolean }[] {
    return asked.flatMap((u, i): { cle: string; lieu: string; same: boolean }[] => {
      const picked =
        document.querySelector<HTMLInputElement>(`input[name="incertain-${i}"]:checked`)?.value ?? '';
      if (picked === 'different') return u.candidates.map((c) => ({ cle: u.cle, lieu: c.id, same: false }));
      if (picked.startsWith('meme:')) return [{ cle: u.cle, lieu: picked.slice(5), same: true }];
      return [];
    });
  }

  function show(result: ImportPreview): void {
    preview.textContent = '';
    ask(result.uncertain ?? []);
    if (result.errors.length > 0) {
      const list = document.createElement('ul');
      for (const e of result.errors) {
        const item = document.createElement('li');
        item.textContent = e;
        list.append(item);
      }
      preview.append(list);
      return;
    }
    const [summary, details] = [result.lines.slice(0, 6), result.lines.slice(6)];
    const list = document.createElement('ul');
    for (const line of summary) {
      const item = document.createElement('li');
      item.textContent = line;
      list.append(item);
    }
    preview.append(list);
    if (details.length > 0) {
      const box = document.createElement('details');
      const title = document.createElement('summary');
      title.textContent = `Détail (${details.length} ligne${details.length > 1 ? 's' : ''})`;
      const more = document.createElement('ul');
      more.id = 'details';
      for (const line of details) {
        const item = document.createElement('li');
        item.textContent = line;
        more.append(item);
      }
      box.append(title, more);
      preview.append(box);
    }
  }

  const say = fileDialog(
    () => {
      button.disabled = true;
      payload = null;
      preview.textContent = '';
    },
    (nom, contenu) => {
      const candidate = { nom, contenu };
      server
        .importerApercu(candidate)
        .then((result) => {
          show(result);
          if (result.errors.length > 0) {
            say('Ce fichier ne peut pas être importé.', 'erreur');
            return;
          }
          const c = result.counts!;
          payload = candidate;
          const nothing = c.added + c.updated === 0 && result.uncertain.length === 0;
          button.disabled = nothing;
          say(
            nothing
              ? 'Rien à importer : le classeur a déjà tout ce que le fichier apporte.'
              : 'Aperçu prêt : rien n’est écrit avant « Importer ».',
            'ok',
          );
        })
        .catch((error: unknown) =>
          say(`Erreur : ${error instanceof Error ? error.message : String(error)}`, 'erreur'),
        );
    },
  );

  button.addEventListener('click', () => {
    if (!payload) return;
    button.disabled = true;
    say('Import en cours…');
    server
      .importerEcrire({ ...payload, decisions: decisions() })
      .then((done: ImportDone) => {
        show(done);
        if (done.errors.length > 0) say('Rien n’a été importé.', 'erreur');
        else if (!done.written)
          say('Rien à importer : le classeur a déjà tout ce que le fichier apporte.', 'ok');
        else {
          const c = done.counts!;
          say(
            `Importé : ${c.added} lieu(x) ajouté(s)${done.firstRow ? ` (lignes ${done.firstRow} à ${done.lastRow})` : ''}, ${c.updated} complété(s)${done.decided ? `, ${done.decided} décision(s) notée(s) dans Rapprochements` : ''}. Noté dans le Journal.`,
            'ok',
          );
        }
        payload = null;
      })
      .catch((error: unknown) => {
        button.disabled = false;
        say(`Erreur : ${error instanceof Error ? error.message : String(error)}`, 'erreur');
      });
  });
}
