/** Browser code of the « Planifier des permanences » dialog (injected as source by html.ts). */
import type { PlanAdded, PlanDialogData, PlanForm, PlanPreview } from '../actions/plan';
import type { ServerApi } from '../html';
import type { PLAN_SERVER } from '../menu/planifier';

export function planClient(data: PlanDialogData, server: ServerApi<typeof PLAN_SERVER>): void {
  const form = document.getElementById('planifier') as HTMLFormElement;
  const result = document.getElementById('resultat')!;
  const status = document.getElementById('statut')!;
  const add = document.getElementById('ajouter') as HTMLButtonElement;
  const list = document.getElementById('communes')!;
  for (const c of data.communes) {
    const option = document.createElement('option');
    option.value = `${c.nom} (${c.code})`;
    list.append(option);
  }
  const relais = document.getElementById('relais') as HTMLSelectElement;
  for (const r of data.relais) {
    const option = document.createElement('option');
    option.value = r.id;
    option.textContent = `${r.nom}${r.commune ? ` — ${r.commune}` : ''}`;
    relais.append(option);
  }
  const offres = document.getElementById('offres')!;
  data.offres.forEach((o, i) => {
    const line = document.createElement('div');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'offres';
    input.value = o;
    input.id = `offre-${i}`;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = o;
    line.append(input, label);
    offres.append(line);
  });
  const jour = document.getElementById('jour') as HTMLSelectElement;
  data.jours.forEach((j, i) => {
    const option = document.createElement('option');
    option.value = String(i + 1);
    option.textContent = j;
    jour.append(option);
  });
  (document.getElementById('du') as HTMLInputElement).value = data.today;

  function codeOf(text: string): string {
    const m = /\(([0-9][0-9AB][0-9]{3})\)\s*$/i.exec(text.trim());
    if (m) return m[1]!.toUpperCase();
    const wanted = text.trim().toLowerCase();
    const found = data.communes.find((c) => c.nom.toLowerCase() === wanted || c.code === text.trim());
    return found ? found.code : text.trim();
  }

  function values(): PlanForm {
    const get = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
    const frequence = document.querySelector<HTMLInputElement>('input[name="frequence"]:checked');
    return {
      code_insee: codeOf(get('commune')),
      lieu: get('lieu'),
      adresse: get('adresse'),
      relais: get('relais'),
      offres: Array.from(document.querySelectorAll<HTMLInputElement>('input[name="offres"]:checked')).map(
        (i) => i.value,
      ),
      jour: get('jour'),
      frequence: frequence ? frequence.value : '1',
      debut: get('debut'),
      fin: get('fin'),
      du: get('du'),
      au: get('au'),
    };
  }

  function item(text: string): HTMLLIElement {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }

  function show(p: PlanPreview, done: boolean): void {
    result.textContent = '';
    if (p.errors.length > 0) {
      const ul = document.createElement('ul');
      ul.className = 'erreurs';
      for (const e of p.errors) ul.append(item(e));
      result.append(ul);
      add.disabled = true;
      return;
    }
    const h = document.createElement('h2');
    h.textContent = done
      ? `${p.permanences.length} permanence(s) ajoutée(s)`
      : `${p.permanences.length} permanence(s) à ajouter`;
    result.append(h);
    const ul = document.createElement('ul');
    for (const x of p.permanences) ul.append(item(x.texte));
    result.append(ul);
    if (p.skipped.length > 0) {
      const h2 = document.createElement('h2');
      h2.textContent = `Jours non planifiés (${p.skipped.length})`;
      result.append(h2);
      const skipped = document.createElement('ul');
      for (const s of p.skipped) skipped.append(item(s.message));
      result.append(skipped);
    }
    add.disabled = done || p.permanences.length === 0;
  }

  const fail = (error: unknown) => {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.className = 'statut erreur';
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = 'Calcul des dates…';
    status.className = 'statut';
    server
      .planifierApercu(values())
      .then((p) => {
        show(p, false);
        status.textContent = p.errors.length ? 'Le formulaire est incomplet.' : p.resume;
      })
      .catch(fail);
  });
  add.addEventListener('click', () => {
    add.disabled = true;
    status.textContent = 'Ajout en cours…';
    server
      .planifierAjouter(values())
      .then((p: PlanAdded) => {
        show(p, true);
        status.textContent =
          p.added > 0
            ? `C’est fait : lignes ${p.firstRow} à ${p.lastRow} de l’onglet Permanences.`
            : 'Rien n’a été ajouté.';
        status.className = 'statut ok';
      })
      .catch((error) => {
        add.disabled = false;
        fail(error);
      });
  });
}
