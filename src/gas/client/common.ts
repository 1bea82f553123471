/**
 * Browser helpers several dialogs share: clientScript (html.ts) declares them beside a dialog's
 * code, which names them with `declare const` (only their types are imported).
 */

/** Appends a heading and a bulleted list to `container`; nothing when `lines` is empty. */
export function appendList(container: HTMLElement, title: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const h = document.createElement('h2');
  h.textContent = title;
  const ul = document.createElement('ul');
  for (const l of lines) {
    const li = document.createElement('li');
    li.textContent = l;
    ul.append(li);
  }
  container.append(h, ul);
}

/** Appends an option to a select. */
export function addOption(select: HTMLSelectElement, value: string, text: string): void {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.append(o);
}

export type Say = (text: string, kind?: '' | 'ok' | 'erreur') => void;

/**
 * The common parts of a dialog of FichierNational.html: its status line (the returned `say`), the
 * chosen file read as UTF-8 text each time the choice changes (`reset` first, then `read`), and
 * its close button.
 */
export function fileDialog(reset: () => void, read: (nom: string, contenu: string) => void): Say {
  const status = document.getElementById('statut')!;
  const say: Say = (text, kind = '') => {
    status.textContent = text;
    status.className = `statut ${kind}`;
  };
  const input = document.getElementById('fichier') as HTMLInputElement;
  input.addEventListener('change', () => {
    reset();
    const file = input.files?.[0];
    if (!file) return;
    say(`Lecture de ${file.name}…`);
    const reader = new FileReader();
    reader.onerror = () => say('Le fichier n’a pas pu être lu.', 'erreur');
    reader.onload = () => read(file.name, typeof reader.result === 'string' ? reader.result : '');
    reader.readAsText(file, 'UTF-8');
  });
  document
    .getElementById('fermer')!
    .addEventListener('click', () =>
      (
        globalThis as unknown as { google: { script: { host: { close(): void } } } }
      ).google.script.host.close(),
    );
  return say;
}
