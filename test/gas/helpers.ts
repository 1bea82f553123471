/** Test helpers for the Apps Script bundle: the built Code.js in the fake runtime, on the sample workbook. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { expect } from 'vitest';
import { headers, TAB_NAMES } from '../../src/core/model';
import {
  type BundleContext,
  type CreateAppsScriptOptions,
  createAppsScript,
  type FakeAppsScript,
  type FetchHandler,
} from '../fakes/gas';
import { brokenCells } from '../fixtures/broken-workbook';
import { asAppsScript, ROOT, sampleWorkbook } from '../helpers/workbook';

export const CODE = join(ROOT, 'dist/gas/Code.js');
/** The partners' project (the form), bound to the same workbook. */
export const PARTNER_CODE = join(ROOT, 'dist/gas-partenaires/Code.js');
export const PARTNER_MANIFEST = join(ROOT, 'dist/gas-partenaires/appsscript.json');
export const COORDINATION_MANIFEST = join(ROOT, 'dist/gas/appsscript.json');
/** Monday 30 November 2026, 10:00 in Paris. */
export const NOW = new Date('2026-11-30T09:00:00Z');
export const COORDINATION = 'coordination@reseau87.example';
export const MENU = 'Réseau numérique';
/** The partners' project's menu. */
export const FICHE_MENU = 'Fiche du lieu';

export function bundlePath(path = CODE): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first.`);
  return path;
}

/** The oauthScopes of a built manifest. */
export function manifestScopes(path: string): string[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { oauthScopes: string[] }).oauthScopes;
}

/** One menu action as the registry lists it (src/gas/menu/registry.ts, catalogue()). */
export interface CatalogueAction {
  fn: string;
  caption: string;
  dialog: string | null;
  role: 'partenaire' | 'coordination';
  server: string[];
}

export interface Catalogue {
  title: string;
  menu: (CatalogueAction | null)[];
  triggers: Record<string, string>;
}

/** The menu registry as a built bundle sees it (the coordination's by default): the tests' list of actions. */
export function bundleCatalogue(path = CODE): Catalogue {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(bundlePath(path), 'utf8'), context);
  return JSON.parse(JSON.stringify(context.__maillage.catalogue)) as Catalogue;
}

/** A project's menu actions (the coordination's by default), separators left out. */
export function menuActions(path = CODE): CatalogueAction[] {
  return bundleCatalogue(path).menu.filter((a): a is CatalogueAction => a !== null);
}

export function sampleSheets(): Record<string, unknown[][]> {
  return asAppsScript(sampleWorkbook());
}

export function gasWith(
  sheets: Record<string, unknown[][]>,
  options: CreateAppsScriptOptions = {},
): { gas: FakeAppsScript; ctx: BundleContext; fiche: BundleContext } {
  const gas = createAppsScript({
    sheets,
    now: () => NOW,
    user: COORDINATION,
    owner: COORDINATION,
    ...options,
  });
  // The two projects bound to the workbook: the coordination's (ctx) and the partners' form (fiche),
  // the latter with only the scopes of its manifest.
  const ctx = gas.loadBundle(bundlePath());
  const fiche = gas.loadProject(bundlePath(PARTNER_CODE), manifestScopes(PARTNER_MANIFEST));
  gas.fireOpen(ctx);
  gas.fireOpen(fiche);
  return { gas, ctx, fiche };
}

export function sampleGas(options: CreateAppsScriptOptions = {}) {
  return gasWith(sampleSheets(), options);
}

/** An empty workbook with only the model's header rows. */
export function emptyModelSheets(): Record<string, unknown[][]> {
  return Object.fromEntries(TAB_NAMES.map((t) => [t, [headers(t)]]));
}

/** Everything a user could see or a script could read, for before/after comparisons. */
export function snapshot(gas: FakeAppsScript) {
  return {
    sheets: gas.sheetNames().map((name) => ({
      sheet: gas.sheet(name),
      values: gas.values(name),
      displayValues: gas.displayValues(name),
      notes: gas.notes(name),
      backgrounds: gas.backgrounds(name),
      validations: gas.dataValidations(name),
      rules: gas.conditionalFormatRules(name),
      protections: gas.protections(name),
      charts: gas.charts(name),
    })),
    properties: JSON.parse(JSON.stringify(gas.properties)),
    triggers: gas.triggers,
  };
}

/** Column index (0-based) of a header in a tab of the fake. */
export function col(gas: FakeAppsScript, tab: string, header: string): number {
  const i = (gas.values(tab)[0] ?? []).indexOf(header);
  if (i < 0) throw new Error(`No column « ${header} » in ${tab}`);
  return i;
}

/** The alerts and dialogs shown since the start, for assertions. */
/** Runs an item of the coordination menu; checks the dialog it opens bears its caption, returns its HTML. */
export function openDialog(gas: FakeAppsScript, ctx: BundleContext, caption: string): string {
  gas.runMenuItem(ctx, MENU, caption);
  const dialog = gas.uiLog.find((e) => e.kind === 'modalDialog');
  expect(dialog?.title).toBe(caption);
  return String(dialog?.content);
}

export function shown(gas: FakeAppsScript, kind?: string): string[] {
  return gas.uiLog.filter((e) => !kind || e.kind === kind).map((e) => `${e.title ?? ''}|${e.content ?? ''}`);
}

export interface GeocoderAnswer {
  score: number;
  citycode: string;
  lon: number;
  lat: number;
  label?: string;
  status?: number;
  /** Retry-After header of a busy answer. */
  retryAfter?: string;
}

/** A fake BAN geocoder: answers by query (the `q` parameter), counts the queries. */
export function fakeGeocoder(answer: (query: string) => GeocoderAnswer | null): {
  handler: FetchHandler;
  queries: string[];
} {
  const queries: string[] = [];
  const handler: FetchHandler = (req) => {
    const m = /[?&]q=([^&]*)/.exec(req.url);
    const q = m ? decodeURIComponent(m[1]!) : '';
    queries.push(q);
    const a = answer(q);
    if (a?.status && a.status !== 200) {
      return {
        status: a.status,
        body: '{"error":"busy"}',
        headers: (a.retryAfter ? { 'Retry-After': a.retryAfter } : {}) as Record<string, string>,
      };
    }
    const features = a
      ? [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
            properties: { score: a.score, citycode: a.citycode, label: a.label ?? q, type: 'housenumber' },
          },
        ]
      : [];
    return {
      status: 200,
      body: JSON.stringify({ type: 'FeatureCollection', features }),
      headers: { 'Content-Type': 'application/json' },
    };
  };
  return { handler, queries };
}

/** The broken fixture as a workbook: every rule broken once, model headers for the other tabs. */
export function brokenSheets(): Record<string, unknown[][]> {
  return {
    ...emptyModelSheets(),
    Lieux: brokenCells('Lieux'),
    Permanences: brokenCells('Permanences'),
    Relais: brokenCells('Relais'),
  };
}

/** The sample workbook with `count` places in Lieux (the sample's places repeated, with new ids). */
export function sampleWithPlaces(count: number): Record<string, unknown[][]> {
  const sheets = sampleSheets();
  const lieux = sheets.Lieux!;
  const [header, ...rows] = lieux;
  const idCol = (header as string[]).indexOf('Identifiant unique local du lieu');
  const out: unknown[][] = [header!];
  for (let i = 0; i < count; i++) {
    const row = [...rows[i % rows.length]!];
    row[idCol] = `lieu-${String(i + 1).padStart(5, '0')}`;
    out.push(row);
  }
  sheets.Lieux = out;
  return sheets;
}
