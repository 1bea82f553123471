/** Browser code of the « Référents : liste et export… » dialog (injected as source by html.ts). */
import type { ReferentsDialogData, ReferentsExport } from '../actions/referents';
import type { ServerApi } from '../html';
import type { REFERENTS_SERVER } from '../menu/referents';
import type { addOption as AddOption } from './common';

declare const addOption: typeof AddOption;

export function referentsClient(data: ReferentsDialogData, server: ServerApi<typeof REFERENTS_SERVER>): void {
  const form = document.getElementById('filtres') as HTMLFormElement;
  const epci = document.getElementById('epci') as HTMLSelectElement;
  const typologie = document.getElementById('typologie') as HTMLSelectElement;
  const status = document.getElementById('statut')!;
  const list = document.getElementById('liste')!;
  const csv = document.getElementById('csv') as HTMLAnchorElement;
  const vcf = document.getElementById('vcf') as HTMLAnchorElement;
  for (const e of data.epcis) addOption(epci, e.code, e.nom);
  for (const t of data.typologies) addOption(typologie, t.code, `${t.label} (${t.code})`);
  status.textContent = `${data.total} référents dans l’onglet Référents.`;

  function link(a: HTMLAnchorElement, content: string, type: string, name: string): void {
    if (a.href) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([content], { type }));
    a.download = name;
    a.hidden = false;
  }

  function show(r: ReferentsExport): void {
    list.textContent = '';
    status.textContent = `${r.nombre} ${r.nombre > 1 ? 'référents' : 'référent'} : ${r.filtre}.${r.nombre > r.lignes.length ? ` Les ${r.lignes.length} premiers ci-dessous ; les fichiers les contiennent tous.` : ''}`;
    status.className = 'ok';
    if (r.nombre === 0) {
      csv.hidden = true;
      vcf.hidden = true;
      return;
    }
    const table = document.createElement('table');
    const caption = document.createElement('caption');
    caption.textContent = 'Référents choisis';
    caption.className = 'aide';
    const head = document.createElement('tr');
    for (const h of ['Nom', 'Structure', 'Courriel', 'Lieux']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    for (const l of r.lignes) {
      const tr = document.createElement('tr');
      for (const v of [l.nom, l.structure, l.courriel, l.lieux]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    list.append(table);
    link(csv, r.csv, 'text/csv;charset=utf-8', `${r.fichier}.csv`);
    link(vcf, r.vcf, 'text/vcard;charset=utf-8', `${r.fichier}.vcf`);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = 'Lecture des référents…';
    status.className = '';
    server
      .referentsExporter({
        epci: epci.value,
        typologie: typologie.value,
        charte: (document.getElementById('charte') as HTMLInputElement).checked,
        pass: (document.getElementById('pass') as HTMLInputElement).checked,
      })
      .then(show)
      .catch((e: unknown) => {
        status.textContent = e instanceof Error ? e.message : String(e);
        status.className = 'erreur';
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
