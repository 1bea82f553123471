import { describe, expect, it } from 'vitest';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { BROKEN } from '../fixtures/broken-workbook';
import { brokenSheets, col, gasWith, MENU, NOW, sampleGas, sampleSheets, sampleWithPlaces } from './helpers';

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

  describe('loses nothing of an edit made while it runs (État, Problèmes, notes, stamps)', () => {
    const DOMAIN = 'reseau87.example';
    const P1 = `partenaire1@${DOMAIN}`;
    const P2 = `partenaire2@${DOMAIN}`;
    const setup = () => {
      // Editors of the owner's Workspace domain: their simple onEdit knows who they are.
      const { gas, ctx } = gasWith(brokenSheets(), { workspaceDomain: DOMAIN });
      gas.runMenuItem(ctx, MENU, VERIFY);
      const at = (header: string, row: number) =>
        `${String.fromCharCode(65 + col(gas, 'Lieux', header))}${row}`;
      const cell = (header: string, row: number) => gas.values('Lieux')[row - 1]![col(gas, 'Lieux', header)];
      return { gas, ctx, at, cell };
    };

    it('an edit while it reads keeps its own stamp; one under its lock whose onEdit gave up is stamped by it', () => {
      const { gas, ctx, at, cell } = setup();
      // Row 3 has no name: after a first run it is « À corriger » with a note; someone adds to the note.
      expect(cell('État', 3)).toBe('À corriger');
      expect(gas.notes('Lieux')[at('Nom', 3)]).toMatch(/^Maillage : .*obligatoire/);
      const sheet = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
      gas.uncounted(() => {
        const c = sheet.getRange(at('Nom', 3));
        c.setNote(`${c.getNote()}\n\nÀ voir avec la mairie (Claire)`);
      });
      // While Vérifier reads (no lock yet): partner 1 empties the name of valid row 2; their onEdit runs
      // at once. Then, once Vérifier holds the lock and before it reads again, partner 2 names row 3;
      // their onEdit waits its 20 s for the lock and gives up (Vérifier holds it longer).
      gas.interleave('Lock.tryLock', () => {
        gas.fireEdit(ctx, 'Lieux', at('Nom', 2), '', { user: P1 });
        gas.interleave('Sheet.getSheetValues', () =>
          gas.fireEdit(ctx, 'Lieux', at('Nom', 3), 'Espace public numérique de Bellac', { user: P2 }),
        );
      });
      gas.runMenuItem(ctx, MENU, VERIFY);
      expect(gas.logs.map((l) => l.message)).toEqual(
        expect.arrayContaining([expect.stringContaining('le classeur était occupé')]),
      );
      // Row 2: what partner 1 typed, the state it gives, the note on the cell, partner 1's stamp.
      expect(cell('Nom', 2)).toBe('');
      expect(cell('État', 2)).toBe('À corriger');
      expect(String(cell('Problèmes', 2))).toContain('« Nom »');
      expect(gas.notes('Lieux')[at('Nom', 2)]).toMatch(/^Maillage : .*obligatoire/);
      expect(cell('Modifié par', 2)).toBe(P1);
      expect(cell('Dernière modification', 2)).toEqual(NOW);
      // Row 3: what partner 2 typed, checked again, Maillage's note gone (Claire's kept), stamped when
      // Vérifier read it again (after partner 2's onEdit waited 20 s), by someone it cannot name.
      expect(cell('Nom', 3)).toBe('Espace public numérique de Bellac');
      expect(cell('État', 3)).toBe('OK');
      expect(cell('Problèmes', 3)).toBe('');
      expect(gas.notes('Lieux')[at('Nom', 3)]).toBe('À voir avec la mairie (Claire)');
      expect(cell('Dernière modification', 3)).toEqual(new Date(NOW.getTime() + 20_000));
      expect(cell('Modifié par', 3)).toBe('');
      // Rows nobody touched keep their stamps (none in this workbook).
      expect(cell('Dernière modification', 4)).toBe('');
    });

    it('an edit after its second read: the onEdit that waited for the lock stamps the row after it', () => {
      const { gas, ctx, at, cell } = setup();
      const sheet = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
      let event: ReturnType<typeof gas.editEvent> | undefined;
      // Just before Vérifier reads the notes of Lieux (under the lock): partner 1 empties row 2's name
      // and someone writes a note on its commune.
      gas.interleave('Range.getNotes', () => {
        event = gas.editEvent('Lieux', at('Nom', 2), '', { user: P1 });
        gas.uncounted(() => sheet.getRange(at('Commune', 2)).setNote('Horaires d’été à confirmer'));
      });
      gas.runMenuItem(ctx, MENU, VERIFY);
      expect(cell('Nom', 2)).toBe('');
      expect(gas.notes('Lieux')[at('Commune', 2)]).toBe('Horaires d’été à confirmer');
      // The onEdit got the lock once Vérifier ended.
      gas.runEdit(ctx, event!, { user: P1 });
      expect(cell('État', 2)).toBe('À corriger');
      expect(String(cell('Problèmes', 2))).toContain('« Nom »');
      expect(cell('Modifié par', 2)).toBe(P1);
      expect(cell('Dernière modification', 2)).toEqual(NOW);
    });
  });

  it('keeps what a form saved while it writes (the partners’ project holds another lock)', () => {
    const { gas, ctx, fiche } = sampleGas();
    gas.runMenuItem(ctx, MENU, VERIFY);
    // Rows 2 and 4 without their État: Vérifier's next block of Lieux covers rows 2 to 4.
    const etatCol = col(gas, 'Lieux', 'État');
    const sheet = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
    gas.uncounted(() => {
      sheet.getRange(2, etatCol + 1).setValue('');
      sheet.getRange(4, etatCol + 1).setValue('');
    });
    const cell = (header: string) => gas.values('Lieux')[2]![col(gas, 'Lieux', header)];
    expect(cell('État')).toBe('OK');
    gas.select('Lieux', 'A3');
    const data = fiche.ficheCharger!() as { row: number; id: string; values: Record<string, unknown> };
    gas.advanceClock(60_000);
    // Vérifier has read Lieux again and is about to write its block: the form empties row 3's name.
    gas.interleave('Range.getValues', () =>
      gas.runServerCall(fiche, 'ficheEnregistrer', {
        row: data.row,
        id: data.id,
        initial: data.values,
        values: { ...data.values, nom: '' },
      }),
    );
    gas.runMenuItem(ctx, MENU, VERIFY);
    // Vérifier saw row 3 valid and leaves it: the form's État, Problèmes and stamp stay.
    expect(cell('Nom')).toBe('');
    expect(cell('État')).toBe('À corriger');
    expect(String(cell('Problèmes'))).toContain('« Nom »');
    expect(cell('Dernière modification')).toEqual(new Date(NOW.getTime() + 60_000));
    expect(gas.values('Lieux')[1]![etatCol]).toBe('OK');
    expect(gas.values('Lieux')[3]![etatCol]).toBe('OK');
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
    // 14 tabs read (getSheetByName + getSheetValues), the 8 editable ones read again under the lock,
    // per editable tab one status write (its block read again just before) and one read of the notes
    // (nothing to note on valid rows), the coordination check, the workbook’s zone, lock, session,
    // journal, summary dialog.
    expect(counts[0]!.log.filter((c) => c === 'Sheet.getSheetValues')).toHaveLength(23);
    expect(counts[0]!.log.filter((c) => c === 'Range.setValues')).toHaveLength(8);
    expect(counts[0]!.log.filter((c) => c === 'Range.getValues')).toHaveLength(8);
    expect(counts[0]!.total).toBe(99);
    expect(counts[0]!.services).toBe(94);
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
