/**
 * The `opening_hours` library as Maillage calls it, without what such calls never reach: an esbuild
 * plugin for the Apps Script bundle (scripts/build.ts), where every execution loads the whole bundle.
 *
 * Maillage always gives the library a French location (core/hours/check.ts, `osmLocation`) and the
 * French or the default (English) locale. The library's published file (build/opening_hours.esm.mjs)
 * also carries:
 * - the public and school holidays of 60 other countries (about 500 kB): the library looks holidays
 *   up by the location's country code only, so only `fr` is kept;
 * - its messages in other languages: a message is looked up in the parser's locale, then English,
 *   so only `fr` and `en` are kept;
 * - the cross-language index of weekday and month words (`lundi`, `Montag`, `понедельник`...):
 *   kept whole, but as one compact string, turned back into the library's object the first time a
 *   value has a word that is not a canonical abbreviation (most executions never need it).
 * Then the library is minified (its own identifiers included; Maillage's keep their names, for
 * readable Apps Script stacks).
 *
 * test/gas/opening-hours-lean.test.ts checks that this build answers exactly as the published
 * library on every value the tests use; each rewrite below must match the library's text exactly
 * once, or the build fails (a new version of the library must be looked at again).
 */
import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import { type Plugin, transform } from 'esbuild';

/** The library's file that bundlers read (its `module` / `import` entry). */
const LIBRARY_FILE = /[\\/]opening_hours[\\/]build[\\/]opening_hours\.esm\.mjs$/;

/** The span from `start` to the first `end` after it; `start` must occur exactly once. */
function span(source: string, start: string, end: string): [number, number] {
  const from = source.indexOf(start);
  if (from < 0 || source.indexOf(start, from + 1) >= 0)
    throw new Error(
      `opening_hours : « ${start} » introuvable ou en double, revoir scripts/opening-hours-lean.ts`,
    );
  const to = source.indexOf(end, from + start.length);
  if (to < 0) throw new Error(`opening_hours : fin de « ${start} » introuvable`);
  return [from, to];
}

/** Replaces the text from `start` up to (not including) `end`. */
function replaceSpan(source: string, start: string, end: string, by: string): string {
  const [from, to] = span(source, start, end);
  return source.slice(0, from) + by + source.slice(to);
}

/** A plain object or array literal of the library, read as a value (it holds no code). */
function literal(source: string, start: string, end: string): unknown {
  const [from, to] = span(source, start, end);
  return vm.runInNewContext(`(${source.slice(from + start.length - 1, to + 1)})`);
}

interface Candidate {
  lang: string;
  meaning: string;
  type: 'weekday' | 'month';
}

const SEPARATORS = /[\n\t,:]/;

const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/**
 * `token\tlang:meaning,...` one token a line, candidates in the library's order; the type is the
 * meaning's (a weekday's abbreviation or a month's).
 */
export function encodeCrossLocale(table: Record<string, Candidate[]>): string {
  const lines: string[] = [];
  for (const [token, candidates] of Object.entries(table)) {
    if (SEPARATORS.test(token) || token === '__proto__')
      throw new Error(`opening_hours : jeton « ${token} »`);
    const items = candidates.map((c) => {
      if (
        Object.keys(c).join() !== 'lang,meaning,type' ||
        c.type !== (WEEKDAYS.includes(c.meaning) ? 'weekday' : 'month')
      )
        throw new Error(`opening_hours : candidat inattendu pour « ${token} »`);
      if (SEPARATORS.test(c.lang) || SEPARATORS.test(c.meaning))
        throw new Error(`opening_hours : candidat « ${c.lang}:${c.meaning} »`);
      return `${c.lang}:${c.meaning}`;
    });
    lines.push(`${token}\t${items.join(',')}`);
  }
  return lines.join('\n');
}

/** The inverse of encodeCrossLocale, written in the library's dialect (ES2019, no imports). */
const DECODE = `function decodeCrossLocale(text) {
  var table = {};
  text.split('\\n').forEach(function (line) {
    var tab = line.indexOf('\\t');
    table[line.slice(0, tab)] = line.slice(tab + 1).split(',').map(function (item) {
      var parts = item.split(':');
      return { lang: parts[0], meaning: parts[1], type: /^(Mo|Tu|We|Th|Fr|Sa|Su)$/.test(parts[1]) ? 'weekday' : 'month' };
    });
  });
  return table;
}`;

export interface LeanOptions {
  /**
   * The one `opening_hours` state (region) whose school and public holidays are kept besides the
   * national ones (core/calendar/regions.ts, openingHoursState): the Apps Script bundle is built for
   * one département. Absent: every French state (the map serves any département).
   */
  state?: string;
}

/** The library's source with the rewrites above (exported for the test). */
export function leanSource(source: string, options: LeanOptions = {}): string {
  let out = source;
  if (options.state !== undefined) {
    // France's national holidays, and its regions' only for the département's.
    const fr = literal(out, 'const fr = {', '};\n') as Record<string, unknown>;
    const kept = Object.fromEntries(
      // A state is an object of its own (PH and SH are arrays, _nominatim_url a string).
      Object.entries(fr).filter(
        ([key, value]) => typeof value !== 'object' || Array.isArray(value) || key === options.state,
      ),
    );
    out = replaceSpan(out, 'const fr = {', ';\n', `const fr = ${JSON.stringify(kept)}`);
  }
  // Holidays: France only.
  out = replaceSpan(
    out,
    'var holiday_definitions = /*#__PURE__*/Object.freeze({',
    '});',
    'var holiday_definitions = /*#__PURE__*/Object.freeze({\n  __proto__: null,\n  fr: fr\n',
  );
  // Messages: French and English, the parser's only (`texts`): the prettified value's words
  // (`pretty`) are translated only for a prettify locale other than English, which Maillage never asks.
  const messages = literal(out, 'var data = {', '};\n') as Record<string, { texts?: unknown }>;
  if (!messages.en?.texts || !messages.fr?.texts)
    throw new Error('opening_hours : messages en/fr introuvables');
  out = replaceSpan(
    out,
    'var data = {',
    ';\n',
    `var data = ${JSON.stringify({ en: { texts: messages.en.texts }, fr: { texts: messages.fr.texts } })}`,
  );
  // Weekday and month words of every language: one string, read on first use.
  const cross = literal(out, 'var crossLocale = {', '};\n') as Record<string, Candidate[]>;
  out = replaceSpan(
    out,
    'var crossLocale = {',
    ';\n',
    `var crossLocaleText = ${JSON.stringify(encodeCrossLocale(cross))};\nvar crossLocale;\n${DECODE}`,
  );
  out = replaceSpan(
    out,
    '\tcrossLocale: crossLocale,',
    '\n',
    '\tget crossLocale() { return crossLocale || (crossLocale = decodeCrossLocale(crossLocaleText)); },',
  );
  return out;
}

/** The esbuild plugin: the library's file read through leanSource, then minified. */
export function leanOpeningHours(options: LeanOptions = {}): Plugin {
  return {
    name: 'opening-hours-lean',
    setup(build) {
      build.onLoad({ filter: LIBRARY_FILE }, async (args) => {
        const source = leanSource(await readFile(args.path, 'utf8'), options);
        const { code } = await transform(source, {
          loader: 'js',
          format: 'esm',
          target: 'es2019',
          minify: true,
          legalComments: 'none',
        });
        return { contents: code, loader: 'js' };
      });
    },
  };
}
