/** Browser code of the « Importer un fichier du standard national… » dialog (injected by html.ts). */
import type { ImportDone, ImportPreview } from '../actions/import';
import type { ServerApi } from '../html';
import type { IMPORT_SERVER } from '../menu/importer';

export function importClient(_data: null, server: ServerApi<typeof IMPORT_SERVER>): void {
  const input = document.getElementById('fichier') as HTMLInputElement;
  const status = document.getElementById('statut')!;
  const preview = document.getElementById('apercu')!;
  const button = document.getElementById('importer') as HTMLButtonElement;
  let payload: { nom: string; contenu: string } | null = null;

  function say(text: string, kind: '' | 'ok' | 'erreur' = ''): void {
    status.textContent = text;
    status.className = `statut ${kind}`;
  }

  function show(result: ImportPreview): void {
    preview.textContent = '';
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

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    button.disabled = true;
    payload = null;
    preview.textContent = '';
    if (!file) return;
    say(`Lecture de ${file.name}…`);
    const reader = new FileReader();
    reader.onerror = () => say('Le fichier n’a pas pu être lu.', 'erreur');
    reader.onload = () => {
      const contenu = typeof reader.result === 'string' ? reader.result : '';
      const candidate = { nom: file.name, contenu };
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
          button.disabled = c.added + c.updated === 0;
          say(
            c.added + c.updated === 0
              ? 'Rien à importer : le classeur a déjà tout ce que le fichier apporte.'
              : 'Aperçu prêt : rien n’est écrit avant « Importer ».',
            'ok',
          );
        })
        .catch((error: unknown) =>
          say(`Erreur : ${error instanceof Error ? error.message : String(error)}`, 'erreur'),
        );
    };
    reader.readAsText(file, 'UTF-8');
  });

  button.addEventListener('click', () => {
    if (!payload) return;
    button.disabled = true;
    say('Import en cours…');
    server
      .importerEcrire(payload)
      .then((done: ImportDone) => {
        show(done);
        if (done.errors.length > 0) say('Rien n’a été importé.', 'erreur');
        else if (!done.written)
          say('Rien à importer : le classeur a déjà tout ce que le fichier apporte.', 'ok');
        else {
          const c = done.counts!;
          say(
            `Importé : ${c.added} lieu(x) ajouté(s)${done.firstRow ? ` (lignes ${done.firstRow} à ${done.lastRow})` : ''}, ${c.updated} complété(s). Noté dans le Journal.`,
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

  document
    .getElementById('fermer')!
    .addEventListener('click', () =>
      (
        globalThis as unknown as { google: { script: { host: { close(): void } } } }
      ).google.script.host.close(),
    );
}
