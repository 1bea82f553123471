import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { BROKEN } from '../fixtures/broken-workbook';
import { brokenSheets, col, gasWith, MENU, sampleGas, sampleSheets, sampleWithPlaces } from './helpers';

const VERIFY = 'Vérifier tout le classeur';

describe('« Vérifier tout le classeur »', () => {
  it('marks every row of the sample OK and says so', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, VERIFY);
    for (const tab of [
      'Lieux',
      'Permanences',
      'Relais',
      'Diagnostic',
      'Référents',
      'Rencontres',
      'Inscriptions',
      'Pass Numérique',
    ]) {
      const values = gas.values(tab);
      const etat = col(gas, tab, 'État');
      expect(
        values.slice(1).every((r) => r[etat] === 'OK'),
        tab,
      ).toBe(true);
    }
    const dialog = gas.uiLog.find((e) => e.kind === 'modalDialog');
    expect(dialog?.title).toBe('Vérification du classeur');
    expect(dialog?.content).toContain('Tout est en ordre : 1215 ligne(s) vérifiée(s), aucune à corriger.');
    expect(gas.values('Journal').at(-1)?.slice(2, 4)).toEqual([VERIFY, 1215]);
  });

  it('gives each broken row its status, and a note naming the problem on the faulty cell', () => {
    const { gas, ctx } = gasWith(brokenSheets());
    gas.runMenuItem(ctx, MENU, VERIFY);
    for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
      const values = gas.values(tab);
      const header = values[0] as string[];
      const notes = gas.notes(tab);
      const etat = header.indexOf('État');
      const problemes = header.indexOf('Problèmes');
      BROKEN[tab].forEach((broken, i) => {
        const row = i + 2;
        const cells = values[i + 1]!;
        if (broken.expect === '' || broken.rule === 'missing id') {
          expect(cells[etat], `${tab} ${broken.rule}`).toBe('OK');
          return;
        }
        expect(cells[etat], `${tab} ${broken.rule}`).toBe('À corriger');
        expect(String(cells[problemes])).toContain(`« ${broken.expect} »`);
        const c = header.indexOf(broken.expect);
        const a1 = `${String.fromCharCode(65 + (c % 26)).padStart(c >= 26 ? 2 : 1, String.fromCharCode(64 + Math.floor(c / 26)))}${row}`;
        expect(notes[a1], `${tab} ${broken.rule} ${a1}`).toMatch(/^Maillage : /);
        if (broken.says) expect(notes[a1]).toMatch(broken.says);
      });
    }
    // The row without id got one, and is valid now.
    const lieux = gas.values('Lieux');
    const missing = BROKEN.Lieux.findIndex((b) => b.rule === 'missing id');
    expect(lieux[missing + 1]?.[0]).toMatch(/^lieu-[0-9a-z]{8}$/);
    // The summary lists the first problems with a way to reach each row.
    const dialog = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    expect(dialog).toMatch(/<strong>\d+ ligne\(s\) à corriger<\/strong>/);
    expect(dialog).toContain('data-onglet="Lieux" data-ligne="3"');
    expect(dialog).toContain('Lieux, ligne 3, colonne « Nom » : Champ obligatoire : remplissez-le.');
  });

  it('keeps notes people wrote, and removes its own once the cell is fixed', () => {
    const { gas, ctx } = gasWith(brokenSheets());
    gas.runMenuItem(ctx, MENU, VERIFY);
    const nom = col(gas, 'Lieux', 'Nom');
    const sheet = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
    const cell = sheet.getRange(3, nom + 1);
    cell.setNote(`${cell.getNote()}\n\nÀ voir avec la mairie (Claire)`);
    cell.setValue('Médiathèque de Bellac');
    gas.runMenuItem(ctx, MENU, VERIFY);
    expect(cell.getNote()).toBe('À voir avec la mairie (Claire)');
  });

  it('loses nothing typed while it runs: a cell filled since its snapshot keeps its value', () => {
    const sheets = sampleSheets();
    const header = sheets.Lieux![0] as string[];
    const idCol = header.indexOf('Identifiant unique local du lieu');
    const nameCol = header.indexOf('Nom');
    // Two new rows without ids.
    for (const name of ['Espace numérique A', 'Espace numérique B']) {
      const row = [...(sheets.Lieux![1] as unknown[])];
      row[idCol] = '';
      row[nameCol] = name;
      sheets.Lieux!.push(row);
    }
    const { gas, ctx } = gasWith(sheets);
    const rowA = sheets.Lieux!.length - 1;
    const rowB = sheets.Lieux!.length;
    const letter = String.fromCharCode(65 + idCol);
    // While it runs (after reading the workbook, before writing ids), a partner types an id in row A:
    // their edit trigger waits for the lock Vérifier holds.
    gas.interleave('Sheet.getRange', () =>
      gas.fireEdit(ctx, 'Lieux', `${letter}${rowA}`, 'lieu-typed01', { user: 'autre@example.org' }),
    );
    gas.runMenuItem(ctx, MENU, VERIFY);
    const values = gas.values('Lieux');
    expect(values[rowA - 1]![idCol]).toBe('lieu-typed01');
    expect(values[rowB - 1]![idCol]).toMatch(/^lieu-[0-9a-z]{8}$/);
    expect(values[rowA - 1]![nameCol]).toBe('Espace numérique A');
    expect(gas.logs.map((l) => l.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('le classeur était occupé')]),
    );
  });

  it('makes the same number of service calls on 500 and on 5,000 places', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = gasWith(sampleWithPlaces(n));
      gas.resetCalls();
      gas.runMenuItem(ctx, MENU, VERIFY);
      const lieux = gas.values('Lieux');
      expect(lieux).toHaveLength(n + 1);
      const etat = col(gas, 'Lieux', 'État');
      expect(lieux.every((r, i) => i === 0 || r[etat] === 'OK')).toBe(true);
      return {
        total: gas.calls.total,
        services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES),
        log: gas.calls.log,
      };
    });
    expect(counts[1]).toEqual(counts[0]);
    // 13 tabs read (getSheetByName + getSheetValues), per editable tab one status write and one read of
    // the notes (nothing to note on valid rows), the coordination check, the workbook’s zone, lock,
    // session, journal, summary dialog.
    expect(counts[0]!.log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(14);
    expect(counts[0]!.log.filter((c) => c === 'Range.setValues')).toHaveLength(8);
    expect(counts[0]!.total).toBe(81);
    expect(counts[0]!.services).toBe(76);
  });
});

describe('the Diagnostic tab in the workbook', () => {
  it('marks a reply naming an unknown obstacle « À corriger », with a note on the cell', () => {
    const sheets = sampleSheets();
    const diagnostic = sheets.Diagnostic!;
    const header = diagnostic[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const r = diagnostic.findIndex((row) => row[at('Élément')] === 'réponse' && row[at('Code')] === 'aucun');
    diagnostic[r]![at('Obstacles')] = 'materiel|argent';
    const { gas, ctx } = gasWith(sheets);
    gas.runMenuItem(ctx, MENU, VERIFY);
    const values = gas.values('Diagnostic');
    const etat = col(gas, 'Diagnostic', 'État');
    expect(values[r]![etat]).toBe('À corriger');
    expect(String(values[r]![col(gas, 'Diagnostic', 'Problèmes')])).toContain('« Obstacles »');
    expect(values.filter((row, i) => i > 0 && row[etat] === 'À corriger')).toHaveLength(1);
    const dialog = String(gas.uiLog.find((e) => e.kind === 'modalDialog')?.content);
    expect(dialog).toContain(
      `Diagnostic, ligne ${r + 1}, colonne « Obstacles » : Obstacle inconnu : argent.`,
    );
  });

  it('checks a Diagnostic row as it is typed', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, VERIFY);
    const header = gas.values('Diagnostic')[0] as string[];
    const letter = String.fromCharCode(65 + header.indexOf('Points'));
    const rows = gas.values('Diagnostic');
    const r = rows.findIndex((row) => row[header.indexOf('Élément')] === 'réponse');
    gas.fireEdit(ctx, 'Diagnostic', `${letter}${r + 1}`, 'beaucoup');
    const row = gas.values('Diagnostic')[r]!;
    expect(row[col(gas, 'Diagnostic', 'État')]).toBe('À corriger');
    expect(String(row[col(gas, 'Diagnostic', 'Problèmes')])).toContain('« Points »');
  });
});
