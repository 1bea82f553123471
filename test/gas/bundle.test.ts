import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/workbook';
import { bundleCatalogue, menuActions } from './helpers';

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

  it('ships its manifest with least-privilege scopes and the HTML it shows', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist/gas/appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Paris');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(existsSync(join(ROOT, 'dist/gas/Code.js'))).toBe(true);
  });
});
