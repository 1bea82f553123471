/** Where a page's files are: relative to the bundle's own folder unless the element says otherwise. */

/** The bundle's own folder, captured when it runs (document.currentScript is only set then). */
const scriptBase = (() => {
  const script = document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return new URL('.', script.src).href;
  return new URL('.', document.baseURI).href;
})();

/**
 * An address from an element's data attribute (relative to the host page), or `fallback` relative to
 * the bundle (`../lieux.geojson` beside the published page).
 */
export function pageAddress(value: string | undefined, fallback: string): string {
  try {
    return new URL(value || fallback, value ? document.baseURI : scriptBase).href;
  } catch {
    return new URL(fallback, scriptBase).href;
  }
}
