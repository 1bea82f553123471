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
