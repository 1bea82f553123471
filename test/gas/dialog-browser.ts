/** A dialog or sidebar of the bundle in Chromium, its google.script.run answered by the bundle in the fake. */
import type { Browser, Page } from 'playwright-core';
import type { BundleContext } from '../fakes/gas';
import { openPage } from '../web/browser';

/** Opens the HTML in a page whose google.script.run calls the bundle, as Apps Script would. */
export async function openDialog(
  browser: Browser,
  ctx: BundleContext,
  source: string,
): Promise<{ page: Page; errors: string[] }> {
  let html = source;
  const opened = await openPage(browser, { viewport: { width: 360, height: 900 } });
  const { page } = opened;
  await page.exposeFunction('__server', (name: string, args: string) => {
    try {
      const fn = ctx[name];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      // google.script.run passes arguments and results as JSON-like values.
      return { ok: JSON.parse(JSON.stringify(fn(...(JSON.parse(args) as unknown[])) ?? null)) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  // What Apps Script puts in every dialog before its own scripts: google.script.run and host.
  const stub = `<script>(${(
    () => {
      const runner = (success: (v: unknown) => void, failure: (e: unknown) => void): unknown =>
        new Proxy(
          {},
          {
            get(_t, prop: string) {
              if (prop === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, failure);
              if (prop === 'withFailureHandler') return (f: (e: unknown) => void) => runner(success, f);
              return (...args: unknown[]) => {
                const server = (
                  window as unknown as {
                    __server(n: string, a: string): Promise<{ ok?: unknown; error?: string }>;
                  }
                ).__server;
                void server(prop, JSON.stringify(args)).then((r) =>
                  r.error === undefined ? success(r.ok) : failure(new Error(r.error)),
                );
              };
            },
          },
        );
      (window as unknown as { google: unknown }).google = {
        script: {
          run: runner(
            () => undefined,
            () => undefined,
          ),
          host: { close: () => undefined },
        },
      };
    }
  ).toString()})();</script>`;
  html = html.replace('<head>', `<head>${stub}`);
  await page.setContent(html, { waitUntil: 'load' });
  return { page, errors: opened.errors };
}
