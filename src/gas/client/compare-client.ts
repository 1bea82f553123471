/** Browser code of the « Comparer avec un fichier national… » dialog (injected by html.ts). */
import type { Comparison } from '../actions/compare';
import type { ServerApi } from '../html';
import type { COMPARE_SERVER } from '../menu/comparer';
import type { fileDialog as FileDialog } from './common';

declare const fileDialog: typeof FileDialog;

export function compareClient(_data: null, server: ServerApi<typeof COMPARE_SERVER>): void {
  const result = document.getElementById('apercu')!;
  const csv = document.getElementById('csv') as HTMLAnchorElement;

  function show(c: Comparison): void {
    result.textContent = '';
    const list = document.createElement('ul');
    for (const line of c.errors.length > 0 ? c.errors : c.lines) {
      const item = document.createElement('li');
      item.textContent = line;
      list.append(item);
    }
    result.append(list);
    if (csv.href) URL.revokeObjectURL(csv.href);
    csv.hidden = c.errors.length > 0;
    if (c.errors.length > 0) return;
    csv.href = URL.createObjectURL(new Blob([c.csv], { type: 'text/csv;charset=utf-8' }));
    csv.download = 'comparaison-carte-nationale.csv';
    csv.textContent = `Télécharger la liste à faire (CSV, ${c.rows} ligne${c.rows > 1 ? 's' : ''})`;
  }

  const say = fileDialog(
    () => {
      result.textContent = '';
      csv.hidden = true;
    },
    (nom, contenu) => {
      server
        .comparerNational({ nom, contenu })
        .then((c) => {
          show(c);
          if (c.errors.length > 0) say('Ce fichier ne peut pas être comparé.', 'erreur');
          else say(`Comparaison avec ${c.nom} : rien n’a été écrit dans le classeur.`, 'ok');
        })
        .catch((error: unknown) =>
          say(`Erreur : ${error instanceof Error ? error.message : String(error)}`, 'erreur'),
        );
    },
  );
}
