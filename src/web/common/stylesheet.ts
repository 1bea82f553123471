/**
 * A page's stylesheet, added next to its script when the host page holds none of ours (a site
 * embedding the page with one script tag). `script` is document.currentScript, read when the
 * bundle runs.
 */
export function ensureStylesheet(script: HTMLOrSVGScriptElement | null, file: string) {
  if (!(script instanceof HTMLScriptElement) || !script.src) return;
  const href = new URL(file, script.src).href;
  const present = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some(
    (l) => l.href === href,
  );
  if (present) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}
