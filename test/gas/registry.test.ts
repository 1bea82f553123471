/** The menu registry (src/gas/menu/registry.ts) as the built bundle lists it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/core/read-table';
import { INSTALL_CAPTION, SETUP_HINT } from '../../src/gas/messages';
import { loadTerritory } from '../../src/node/territory';
import { SETUP_HINT as NODE_SETUP_HINT } from '../../src/node/workbook-input';
import { ROOT } from '../helpers/workbook';
import { bundleCatalogue, menuActions } from './helpers';

describe('the menu registry', () => {
  it('names each global function once, and each dialog is an HTML file of appsscript/', () => {
    const { triggers } = bundleCatalogue();
    const names = [...menuActions().flatMap((a) => [a.fn, ...a.server]), ...Object.values(triggers)];
    expect(new Set(names).size).toBe(names.length);
    for (const a of menuActions()) {
      expect(a.caption, a.fn).toMatch(/^[A-ZÀ-Ý]/);
      if (a.dialog) expect(existsSync(join(ROOT, 'appsscript', `${a.dialog}.html`)), a.dialog).toBe(true);
    }
    expect(menuActions().map((a) => a.caption)).toContain(INSTALL_CAPTION);
  });
});

describe('the hint core gives when a tab or a column is missing', () => {
  const territory = loadTerritory('87');

  it('is the caller’s: the installer’s caption in Apps Script and on the command line', () => {
    expect(SETUP_HINT).toContain(`« ${INSTALL_CAPTION} »`);
    expect(NODE_SETUP_HINT).toContain(`« ${INSTALL_CAPTION} »`);
    const table = readTable('Relais', [[]], { territory, setupHint: 'faites ceci' });
    expect(table.problems.map((p) => p.message)).toEqual([
      'L’onglet « Relais » n’a pas de ligne d’en-têtes : faites ceci.',
    ]);
  });

  it('names no menu when the caller gives none', () => {
    const table = readTable('Relais', [['Nom']], { territory });
    expect(table.problems.length).toBeGreaterThan(0);
    for (const p of table.problems) expect(p.message).not.toContain(INSTALL_CAPTION);
  });
});
