/**
 * Browser code of the « Fiche » sidebar. Injected as source by html.ts: it must use nothing from the
 * bundle but types (osmOfWeek is declared beside it by clientScript).
 */
import type { FicheCheck, FicheData, FicheField, FicheSaved } from '../actions/fiche';
import type { osmOfWeek as OsmOfWeek } from '../actions/hours-text';
import type { ServerApi } from '../html';
import type { FICHE_SERVER } from '../menu/fiche';

declare const osmOfWeek: typeof OsmOfWeek;

export function ficheClient(initial: FicheData, server: ServerApi<typeof FICHE_SERVER>): void {
  let data = initial;
  const root = document.getElementById('fiche')!;
  const status = document.getElementById('statut')!;
  const busy = (on: boolean) => {
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button.action')))
      b.disabled = on;
    root.setAttribute('aria-busy', on ? 'true' : 'false');
  };
  const say = (text: string, kind: 'info' | 'ok' | 'erreur' = 'info') => {
    status.textContent = text;
    status.className = `statut ${kind}`;
  };
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Record<string, string> = {},
    text?: string,
  ): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function control(field: FicheField, value: string | string[]): HTMLElement {
    const id = `c-${field.key}`;
    const describedBy = `h-${field.key} e-${field.key}`;
    const common: Record<string, string> = { id, name: field.key, 'aria-describedby': describedBy };
    if (field.required) common['aria-required'] = 'true';
    const text = Array.isArray(value) ? value.join('|') : value;
    switch (field.kind) {
      case 'paragraphe': {
        const t = el('textarea', { ...common, rows: '4' });
        if (field.maxLength) t.setAttribute('maxlength', String(field.maxLength));
        t.value = text;
        return t;
      }
      case 'liste': {
        const s = el('select', common);
        s.append(el('option', { value: '' }, '— choisir —'));
        for (const o of field.options) s.append(el('option', { value: o.value }, o.label));
        s.value = text;
        return s;
      }
      case 'cases': {
        const box = el('div', { class: 'cases', role: 'group', 'aria-labelledby': `l-${field.key}`, id });
        const chosen = Array.isArray(value) ? value : [];
        const known = new Set(field.options.map((o) => o.value));
        field.options.forEach((o, i) => {
          const cid = `${id}-${i}`;
          const line = el('div', { class: 'case' });
          const input = el('input', { type: 'checkbox', id: cid, value: o.value, 'data-field': field.key });
          input.checked = chosen.includes(o.value);
          line.append(input, el('label', { for: cid }, o.label));
          box.append(line);
        });
        const others = chosen.filter((v) => !known.has(v));
        const oid = `${id}-autres`;
        const otherLine = el('div', { class: 'autres' });
        otherLine.append(el('label', { for: oid }, 'Valeurs non reconnues (à corriger ou effacer)'));
        const other = el('input', { type: 'text', id: oid, 'data-field': field.key, 'data-autres': 'oui' });
        other.value = others.join('|');
        otherLine.append(other);
        if (others.length === 0) otherLine.hidden = true;
        box.append(otherLine);
        return box;
      }
      case 'oui-non': {
        const box = el('div', {
          class: 'oui-non',
          role: 'radiogroup',
          'aria-labelledby': `l-${field.key}`,
          id,
        });
        for (const [v, label] of [
          ['oui', 'Oui'],
          ['non', 'Non'],
          ['', 'Je ne sais pas'],
        ] as const) {
          const rid = `${id}-${v || 'vide'}`;
          const input = el('input', { type: 'radio', name: field.key, id: rid, value: v });
          input.checked = text === v;
          box.append(input, el('label', { for: rid }, label));
        }
        return box;
      }
      case 'lecture':
        return el('output', { id, 'aria-describedby': describedBy }, text || '—');
      default: {
        const type = field.kind === 'date' ? 'date' : field.kind === 'telephone' ? 'tel' : 'text';
        const input = el('input', { ...common, type });
        if (field.kind === 'nombre') input.setAttribute('inputmode', 'decimal');
        if (field.kind === 'courriel') input.setAttribute('autocomplete', 'email');
        if (field.maxLength) input.setAttribute('maxlength', String(field.maxLength));
        input.value = text;
        return input;
      }
    }
  }

  function hoursHelper(): HTMLElement {
    const box = el('details', { class: 'aide-horaires' });
    box.append(el('summary', {}, 'Aide pour écrire les horaires'));
    const week = data.check.horaires?.semaine ?? [];
    data.jours.forEach((day, d) => {
      const block = el('div', { class: 'jour', role: 'group', 'aria-labelledby': `jour-${d}` });
      block.append(el('span', { class: 'nom-jour', id: `jour-${d}` }, day));
      ['matin', 'après-midi'].forEach((part, s) => {
        const line = el('div', { class: 'plage' });
        line.append(el('span', { 'aria-hidden': 'true' }, part));
        for (let k = 0; k < 2; k++) {
          const input = el('input', {
            type: 'time',
            'data-jour': String(d),
            'data-plage': String(s),
            'data-borne': String(k),
            'aria-label': `${day}, ${part}, ${k === 0 ? 'ouverture' : 'fermeture'}`,
          });
          input.value = week[d]?.[s]?.[k] ?? '';
          if (k === 1) line.append(el('span', { 'aria-hidden': 'true' }, 'à'));
          line.append(input);
        }
        block.append(line);
      });
      box.append(block);
    });
    const ph = el('input', { type: 'checkbox', id: 'feries-fermes' });
    ph.checked = data.check.horaires?.feriesFermes ?? true;
    const phLine = el('div');
    phLine.append(ph, el('label', { for: 'feries-fermes' }, 'Fermé les jours fériés'));
    box.append(phLine);
    const write = el('button', { type: 'button', class: 'secondaire' }, 'Écrire ces horaires dans la fiche');
    write.addEventListener('click', () => {
      const grid: [string, string][][] = data.jours.map(() => []);
      for (const input of Array.from(box.querySelectorAll<HTMLInputElement>('input[type=time]'))) {
        const d = Number(input.dataset.jour);
        const s = Number(input.dataset.plage);
        const k = Number(input.dataset.borne);
        const slot = grid[d]![s] ?? ['', ''];
        slot[k] = input.value;
        grid[d]![s] = slot;
      }
      const value = osmOfWeek(grid, ph.checked);
      const target = document.getElementById('c-horaires') as HTMLInputElement;
      target.value = value;
      void check();
      target.focus();
    });
    box.append(write);
    return box;
  }

  function render(): void {
    root.textContent = '';
    const title = data.row === null ? 'Nouveau lieu' : `Lieu de la ligne ${data.row}`;
    root.append(el('h1', {}, title));
    root.append(
      el(
        'p',
        { class: 'intro' },
        'Remplissez ou corrigez les champs, puis « Enregistrer ». Les problèmes s’affichent sous chaque champ avant l’enregistrement.',
      ),
    );
    const rowProblems = el('ul', { id: 'problemes-ligne', class: 'erreurs' });
    root.append(rowProblems);
    for (const group of data.groups) {
      const fs = el('fieldset');
      fs.append(el('legend', {}, group.title));
      for (const field of group.fields) {
        const wrap = el('div', { class: `champ champ-${field.kind}`, id: `f-${field.key}` });
        const label =
          field.kind === 'cases' || field.kind === 'oui-non'
            ? el('span', { class: 'libelle', id: `l-${field.key}` }, field.label)
            : el('label', { for: `c-${field.key}`, id: `l-${field.key}`, class: 'libelle' }, field.label);
        if (field.required) label.append(el('span', { class: 'obligatoire' }, ' (obligatoire)'));
        wrap.append(label, el('p', { class: 'aide', id: `h-${field.key}` }, field.help));
        wrap.append(control(field, data.values[field.key] ?? ''));
        if (field.kind === 'horaires') {
          wrap.append(el('p', { class: 'en-clair', id: 'horaires-en-clair', 'aria-live': 'polite' }));
          wrap.append(hoursHelper());
        }
        wrap.append(el('ul', { class: 'erreurs', id: `e-${field.key}` }));
        fs.append(wrap);
      }
      root.append(fs);
    }
    show(data.check);
  }

  function payload() {
    const values: Record<string, string | string[]> = {};
    for (const group of data.groups) {
      for (const field of group.fields) {
        if (field.kind === 'lecture') continue;
        if (field.kind === 'cases') {
          const boxes = Array.from(
            document.querySelectorAll<HTMLInputElement>(`input[data-field="${field.key}"]`),
          );
          const chosen = boxes.filter((b) => b.type === 'checkbox' && b.checked).map((b) => b.value);
          const other = boxes.find((b) => b.dataset.autres === 'oui');
          const extra = other
            ? other.value
                .split('|')
                .map((v) => v.trim())
                .filter(Boolean)
            : [];
          values[field.key] = [...chosen, ...extra];
        } else if (field.kind === 'oui-non') {
          const picked = document.querySelector<HTMLInputElement>(`input[name="${field.key}"]:checked`);
          values[field.key] = picked ? picked.value : '';
        } else {
          const input = document.getElementById(`c-${field.key}`) as HTMLInputElement | null;
          values[field.key] = input ? input.value : '';
        }
      }
    }
    // What the form showed: the server writes only the fields changed since.
    return { row: data.row, id: data.id, values, initial: data.values };
  }

  function show(result: FicheCheck): void {
    for (const group of data.groups) {
      for (const field of group.fields) {
        const list = document.getElementById(`e-${field.key}`);
        if (!list) continue;
        list.textContent = '';
        const messages = result.fields[field.key] ?? [];
        for (const m of messages) list.append(el('li', {}, m));
        const controlEl = document.getElementById(`c-${field.key}`);
        if (controlEl) {
          if (messages.length > 0) controlEl.setAttribute('aria-invalid', 'true');
          else controlEl.removeAttribute('aria-invalid');
        }
      }
    }
    const rowList = document.getElementById('problemes-ligne')!;
    rowList.textContent = '';
    for (const m of result.row) rowList.append(el('li', {}, m));
    const plain = document.getElementById('horaires-en-clair');
    if (plain) plain.textContent = result.horaires?.texte ? `En clair : ${result.horaires.texte}` : '';
  }

  const fail = (error: unknown) => {
    busy(false);
    say(error instanceof Error ? error.message : String(error), 'erreur');
  };

  async function check(): Promise<void> {
    try {
      const result = await server.ficheVerifier(payload());
      show(result);
      const count = Object.values(result.fields).reduce((n, list) => n + list.length, 0) + result.row.length;
      say(
        count === 0
          ? 'Aucun problème repéré.'
          : `${count} point${count > 1 ? 's' : ''} à corriger ou vérifier.`,
        count ? 'info' : 'ok',
      );
    } catch (error) {
      fail(error);
    }
  }

  async function save(): Promise<void> {
    busy(true);
    say('Enregistrement…');
    try {
      const sent = payload();
      const saved: FicheSaved = await server.ficheEnregistrer(sent);
      // What was saved is what the form now shows: the next save compares with it.
      data = { ...data, row: saved.row, id: saved.id, values: { ...data.values, ...sent.values } };
      show(saved.check);
      busy(false);
      say(
        `Enregistré ligne ${saved.row} (${saved.id}) : ${saved.check.etat === 'OK' ? 'fiche complète' : 'des points restent à corriger'}.`,
        saved.check.etat === 'OK' ? 'ok' : 'info',
      );
    } catch (error) {
      fail(error);
    }
  }

  async function reload(): Promise<void> {
    busy(true);
    try {
      data = await server.ficheCharger();
      render();
      busy(false);
      say(data.row === null ? 'Nouveau lieu.' : `Ligne ${data.row} chargée.`);
    } catch (error) {
      fail(error);
    }
  }

  root.addEventListener('change', () => {
    void check();
  });
  document.getElementById('enregistrer')!.addEventListener('click', () => {
    void save();
  });
  document.getElementById('verifier')!.addEventListener('click', () => {
    void check();
  });
  document.getElementById('recharger')!.addEventListener('click', () => {
    void reload();
  });
  render();
}
