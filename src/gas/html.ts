/**
 * Dialogs and sidebars: an HTML file of appsscript/ evaluated as a template, given its data as JSON and
 * its client code (typed TypeScript functions of client/, injected as source).
 */

/** What client code sees of its action's server calls: each one as a promise. */
export type ServerApi<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

type ClientFunction = (...args: never[]) => unknown;

/**
 * The client script: helper functions declared under the names the client code uses (the bundler may
 * rename the functions themselves), then `main(data, server)` called with the data and a
 * promise-returning proxy of google.script.run for each of its action's server calls.
 */
export function clientScript(
  main: ClientFunction,
  data: unknown,
  server: Readonly<Record<string, unknown>>,
  helpers: Record<string, ClientFunction> = {},
): string {
  const declarations = Object.entries(helpers)
    .map(([name, fn]) => `var ${name} = ${fn.toString()};`)
    .join('\n');
  return `${declarations}\n(${main.toString()})(${scriptJson(data)}, (${serverProxy.toString()})(${scriptJson(Object.keys(server))}));`;
}

/** Runs in the browser: google.script.run, one function per server call, as promises. */
function serverProxy(names: string[]): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  const g = (globalThis as unknown as { google: { script: { run: Record<string, unknown> } } }).google;
  for (const name of names) {
    out[name] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const runner = (
          g.script.run as unknown as {
            withSuccessHandler(f: (v: unknown) => void): {
              withFailureHandler(f: (e: unknown) => void): Record<string, (...a: unknown[]) => void>;
            };
          }
        )
          .withSuccessHandler(resolve)
          .withFailureHandler(reject);
        runner[name]!(...args);
      });
  }
  return out;
}

export function render(
  file: string,
  title: string,
  script: string,
  size: { width?: number; height?: number } = {},
  vars: Record<string, unknown> = {},
): GoogleAppsScript.HTML.HtmlOutput {
  const template = HtmlService.createTemplateFromFile(file);
  Object.assign(template, vars, { clientScript: script });
  const out = template.evaluate().setTitle(title);
  if (size.width) out.setWidth(size.width);
  if (size.height) out.setHeight(size.height);
  return out;
}
