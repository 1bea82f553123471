import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/workbook';
import { bundleCatalogue, manifestScopes, menuActions, PARTNER_CODE, PARTNER_MANIFEST } from './helpers';

const codePath = join(ROOT, 'dist/gas/Code.js');

describe('the Apps Script bundle (dist/gas/Code.js, built by npm run build)', () => {
  const code = readFileSync(codePath, 'utf8');

  it('has no module syntax and loads in a bare context', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const context = vm.createContext({});
    vm.runInContext(code, context);
    expect(typeof context.onOpen).toBe('function');
    expect(typeof context.onEdit).toBe('function');
  });

  it('defines a real top-level function for every menu item and trigger handler', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const { triggers } = bundleCatalogue();
    const names = [
      'onOpen',
      'onEdit',
      ...menuActions().flatMap((a) => [a.fn, ...a.server]),
      ...Object.values(triggers),
    ];
    for (const name of names) {
      expect(typeof context[name], name).toBe('function');
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('builds a menu whose items all name a global function', () => {
    const items: [string, string][] = [];
    const menu = {
      addItem(caption: string, fn: string) {
        items.push([caption, fn]);
        return menu;
      },
      addSeparator: () => menu,
      addSubMenu: () => menu,
      addToUi: () => undefined,
    };
    const context = vm.createContext({
      SpreadsheetApp: { getUi: () => ({ createMenu: () => menu, createAddonMenu: () => menu }) },
    });
    vm.runInContext(code, context);
    context.onOpen({});
    expect(items).toEqual(menuActions().map((a) => [a.caption, a.fn]));
    for (const [, fn] of items) expect(typeof context[fn]).toBe('function');
  });

  it('ships its manifest with the coordination’s scopes and the HTML of its dialogs only', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist/gas/appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Paris');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(existsSync(join(ROOT, 'dist/gas/Code.js'))).toBe(true);
    const dialogs = [...new Set(menuActions().flatMap((a) => (a.dialog ? [`${a.dialog}.html`] : [])))];
    expect(readdirSync(join(ROOT, 'dist/gas')).sort()).toEqual(
      ['Code.js', 'appsscript.json', ...dialogs].sort(),
    );
    expect(dialogs).not.toContain('Fiche.html');
  });

  it('leaves the form to the partners’ project: no item, no server call of it here', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    expect(menuActions().map((a) => a.caption)).not.toContain('Modifier la fiche sélectionnée');
    expect(typeof context.ficheEnregistrer).toBe('undefined');
    expect(menuActions().every((a) => a.role === 'coordination')).toBe(true);
  });
});

describe('the partners’ bundle (dist/gas-partenaires/, their own project bound to the workbook)', () => {
  const code = readFileSync(PARTNER_CODE, 'utf8');

  it('holds the form and its calls, onOpen, and no trigger handler', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const actions = menuActions(PARTNER_CODE);
    expect(actions.map((a) => [a.caption, a.role])).toEqual([
      ['Modifier la fiche sélectionnée', 'partenaire'],
    ]);
    const names = ['onOpen', ...actions.flatMap((a) => [a.fn, ...a.server])];
    for (const name of names) {
      expect(typeof context[name], name).toBe('function');
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
    expect(typeof context.onEdit).toBe('undefined');
    expect(bundleCatalogue(PARTNER_CODE).triggers).toEqual({});
    expect(bundleCatalogue(PARTNER_CODE).title).toBe('Fiche du lieu');
  });

  // Every user who runs a function of a project accepts all the scopes of its manifest: this one
  // lists only the workbook (« this spreadsheet only ») and the dialogs, so a partner's consent
  // screen names nothing else: no mail, no outside requests, no triggers, not even their address.
  it('asks only for this workbook and the dialogs', () => {
    expect(manifestScopes(PARTNER_MANIFEST)).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
    const manifest = JSON.parse(readFileSync(PARTNER_MANIFEST, 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(readdirSync(join(ROOT, 'dist/gas-partenaires')).sort()).toEqual([
      'Code.js',
      'Fiche.html',
      'appsscript.json',
    ]);
  });
});

describe('clasp configuration', () => {
  it('pushes each project from its own built folder', () => {
    const rootDir = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')).rootDir;
    expect(rootDir('.clasp.json')).toBe('dist/gas');
    expect(rootDir('.clasp.prod.json')).toBe('dist/gas');
    expect(rootDir('.clasp.partenaires.json')).toBe('dist/gas-partenaires');
    expect(rootDir('.clasp.partenaires.prod.json')).toBe('dist/gas-partenaires');
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts['deploy:partenaires']).toContain('--project .clasp.partenaires.json');
  });
});
