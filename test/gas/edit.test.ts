import { afterEach, describe, expect, it, vi } from 'vitest';
import { RangeImpl } from '../fakes/gas/spreadsheet';
import { BROKEN } from '../fixtures/broken-workbook';
import { brokenSheets, col, gasWith, MENU, NOW, sampleGas, sampleSheets, sampleWithPlaces } from './helpers';

const PARTNER = 'partenaire@mediatheque.example';
/**
 * Which tab (2 calls), the lock (2), the header and the edited rows (2), who edits (e.user) and the
 * workbook's zone (e.source): what the event object gives is not asked again through Session or
 * SpreadsheetApp; the lock is released when the execution ends (no call).
 */
const EDIT_START = [
  'Range.getSheet',
  'Sheet.getName',
  'LockService.getScriptLock',
  'Lock.tryLock',
  'Sheet.getSheetValues',
  'Sheet.getSheetValues',
  'User.getEmail',
  'Spreadsheet.getSpreadsheetTimeZone',
];
/** One write of the tracking block: 10 calls in all. */
const ONE_CELL_EDIT = [...EDIT_START, 'Sheet.getRange', 'Range.setValues'];
/** The first edit of a row without id also writes its id cell: two calls more. */
const NEW_ROW_EDIT = [
  ...EDIT_START,
  'Sheet.getRange',
  'Range.setValues',
  'Sheet.getRange',
  'Range.setValues',
];
const TRACKING = ['État', 'Problèmes', 'Dernière modification', 'Modifié par'];
const ID = 'Identifiant unique local du lieu';

interface Written {
  sheet: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/**
 * Records every range the script writes values to (Range.setValue / setValues / setFormula(s) of the
 * fake, seen through their `this`): which cells, not only how many calls.
 */
function recordWrites(): Written[] {
  const written: Written[] = [];
  for (const method of ['setValue', 'setValues', 'setFormula', 'setFormulas'] as const) {
    const original = RangeImpl.prototype[method] as (this: RangeImpl, arg: never) => RangeImpl;
    vi.spyOn(RangeImpl.prototype, method).mockImplementation(function (this: RangeImpl, arg: never) {
      written.push({
        sheet: this._sheet.name,
        row: this._row,
        col: this._col,
        numRows: this._numRows,
        numCols: this._numCols,
      });
      return original.call(this, arg);
    } as never);
  }
  return written;
}

/** Each written cell as `row:header`, for readable assertions. */
function writtenCells(written: readonly Written[], header: readonly unknown[]): string[] {
  const cells: string[] = [];
  for (const w of written) {
    for (let r = w.row; r < w.row + w.numRows; r++) {
      for (let c = w.col; c < w.col + w.numCols; c++) cells.push(`${r}:${String(header[c - 1])}`);
    }
  }
  return cells;
}

afterEach(() => {
  vi.restoreAllMocks();
});

function parisDay(d: unknown): string {
  return (d as Date).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

describe('onEdit (simple trigger, AuthMode.LIMITED)', () => {
  it('checks and stamps the edited row in 10 service calls; « Modifié par » empty for an editor Google does not name', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const before = gas.values('Lieux');
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque francophone', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
    expect(gas.calls.total).toBe(10);
    const row = gas.values('Lieux')[1]!;
    // date_maj is the partner's: left as typed (the core reads the stamp as a later date_maj).
    expect(parisDay(row[col(gas, 'Lieux', 'Date de mise à jour')])).toBe('2026-11-05');
    expect((row[col(gas, 'Lieux', 'Dernière modification')] as Date).getTime()).toBe(NOW.getTime());
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe('');
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    // Nothing else changed.
    before[1]![2] = 'Médiathèque francophone';
    before[1]![col(gas, 'Lieux', 'Dernière modification')] = row[col(gas, 'Lieux', 'Dernière modification')]!;
    expect(gas.values('Lieux')).toEqual(before);
  });

  it('flags, as the partner types it, a text a spreadsheet would run as a formula, with the fix', () => {
    const { gas, ctx } = sampleGas();
    // Typed with an apostrophe (or pasted as text): Sheets keeps it as text, the CSV would run it.
    gas.fireEdit(ctx, 'Lieux', 'C2', '@SOMME(1)', { user: PARTNER });
    const row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    expect(row[col(gas, 'Lieux', 'Problèmes')]).toBe(
      '(à vérifier) « Nom » : Commence par « @ » : un tableur (Excel, LibreOffice, Google Sheets) l’exécuterait comme une formule. Les fichiers publiés l’écrivent précédé d’une apostrophe. Retirez ce signe ou mettez un mot devant (pour une liste, commencez les lignes par « • »).',
    );
  });

  it('reads hours whose closure has passed as valid, with a gentle hint offering them cleaned', () => {
    const { gas, ctx } = sampleGas();
    const letter = String.fromCharCode(65 + col(gas, 'Lieux', 'Horaires'));
    gas.fireEdit(ctx, 'Lieux', `${letter}2`, 'Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off', {
      user: PARTNER,
    });
    const row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    expect(row[col(gas, 'Lieux', 'Problèmes')]).toBe(
      '(à vérifier) « Horaires » : Ces horaires contiennent des dates passées, sans effet désormais. Vous pouvez les retirer : « Mo,We,Fr 09:00-12:00; PH off ».',
    );
    gas.fireEdit(ctx, 'Lieux', `${letter}2`, 'lundi 9h-12h', { user: PARTNER });
    expect(gas.values('Lieux')[1]![col(gas, 'Lieux', 'État')]).toBe('À corriger');
  });

  it('costs the same 10 calls at row 5,000 of a 5,000-row sheet', () => {
    const { gas, ctx } = gasWith(sampleWithPlaces(5000));
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C5001', 'Espace numérique', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
  });

  it('gives a new row its stable id, and says what is missing', () => {
    const { gas, ctx } = sampleGas();
    const next = gas.values('Lieux').length + 1;
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', `C${next}`, 'Nouveau point numérique', { user: PARTNER });
    // Over the 10 calls of an edit: the id cell is a separate write (never the partner's cells
    // between it and the tracking block). Only the first edit of a new row pays it.
    expect(gas.calls.log).toEqual(NEW_ROW_EDIT);
    expect(gas.calls.total).toBe(12);
    const row = gas.values('Lieux')[next - 1]!;
    expect(row[0]).toMatch(/^lieu-[0-9a-hjkmnp-tv-z]{8}$/);
    expect(row[col(gas, 'Lieux', 'État')]).toBe('À corriger');
    expect(row[col(gas, 'Lieux', 'Problèmes')]).toContain('« Commune » : Champ obligatoire');
    // No date_maj written, none asked for: « Dernière modification » stands in for it.
    expect(row[col(gas, 'Lieux', 'Date de mise à jour')]).toBe('');
    expect(row[col(gas, 'Lieux', 'Problèmes')]).not.toContain('Date de mise à jour');
    // Editing the row again keeps its id.
    gas.fireEdit(ctx, 'Lieux', `D${next}`, 'Bellac', { user: PARTNER });
    expect(gas.values('Lieux')[next - 1]![0]).toBe(row[0]);
  });

  it('handles a paste of several new rows in one read, one write of ids and one of the tracking block', () => {
    const { gas, ctx } = sampleGas();
    const next = gas.values('Lieux').length + 1;
    gas.resetCalls();
    const written = recordWrites();
    gas.fireEdit(ctx, 'Lieux', `C${next}:D${next + 2}`, [
      ['Point numérique A', 'Bellac'],
      ['Point numérique B', 'Nexon'],
      ['Point numérique C', 'Isle'],
    ]);
    expect(gas.calls.log).toEqual(NEW_ROW_EDIT);
    const header = gas.values('Lieux')[0]!;
    expect(writtenCells(written, header).sort()).toEqual(
      [next, next + 1, next + 2].flatMap((r) => [ID, ...TRACKING.slice(0, 3)].map((h) => `${r}:${h}`)).sort(),
    );
    const ids = gas
      .values('Lieux')
      .slice(next - 1, next + 2)
      .map((r) => r[0]);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^lieu-/.test(String(id)))).toBe(true);
  });

  it('does not stamp an edit of a column Maillage fills, but restores its status', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const etat = col(gas, 'Lieux', 'État');
    const letter = String.fromCharCode(64 + Math.floor(etat / 26)) + String.fromCharCode(65 + (etat % 26));
    const stampBefore = gas.values('Lieux')[2]![col(gas, 'Lieux', 'Dernière modification')];
    gas.fireEdit(ctx, 'Lieux', `${letter}3`, 'peu importe', { user: PARTNER });
    const row = gas.values('Lieux')[2]!;
    expect(row[etat]).toBe('OK');
    expect(row[col(gas, 'Lieux', 'Dernière modification')]).toEqual(stampBefore);
  });

  it('writes only its own cells: the tracking block, and the id of a row that has none', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const next = gas.values('Lieux').length + 1;
    const written = recordWrites();
    const header = gas.values('Lieux')[0]!;
    // An existing row, a cell far from the tracking block: the tracking block only.
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque francophone', { user: PARTNER });
    // A new row: its id, and the tracking block.
    gas.fireEdit(ctx, 'Lieux', `C${next}`, 'Nouveau point numérique', { user: PARTNER });
    // The same row again: it has an id now.
    gas.fireEdit(ctx, 'Lieux', `D${next}`, 'Bellac', { user: PARTNER });
    // A row made broken: État and Problèmes change too.
    gas.fireEdit(ctx, 'Lieux', 'D3', '', { user: PARTNER });
    expect(written.every((w) => w.sheet === 'Lieux')).toBe(true);
    const cells = writtenCells(written, header);
    for (const cell of cells) {
      const [row, name] = [Number(cell.split(':')[0]), cell.slice(cell.indexOf(':') + 1)];
      const own = TRACKING.includes(name) || (name === ID && row === next);
      expect(own, `onEdit wrote a partner's cell: ${cell}`).toBe(true);
    }
    expect(cells.filter((c) => c.endsWith(`:${ID}`))).toEqual([`${next}:${ID}`]);
    expect(cells).toContain('3:Problèmes');
    expect(cells.some((c) => c.endsWith(':Date de mise à jour'))).toBe(false);
  });

  it('leaves a formula in a partner cell of the edited row as it is', () => {
    const sheets = sampleSheets();
    const lieux = sheets.Lieux!;
    const header = lieux[0] as string[];
    const fiche = header.indexOf('Fiche Accès libre');
    const formula = '=HYPERLINK("https://acceslibre.beta.gouv.fr/", "Fiche")';
    lieux[1]![fiche] = formula;
    const { gas, ctx } = gasWith(sheets);
    const a1 = `${String.fromCharCode(64 + Math.floor(fiche / 26))}${String.fromCharCode(65 + (fiche % 26))}2`;
    expect(gas.cell('Lieux', a1).formula).toBe(formula);
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque francophone', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
    expect(gas.values('Lieux')[1]![col(gas, 'Lieux', 'Dernière modification')]).toEqual(NOW);
    expect(gas.cell('Lieux', a1).formula).toBe(formula);
  });

  it('writes each run of scattered tracking columns separately, never the cells between them', () => {
    const sheets = sampleSheets();
    const header = sheets.Lieux![0] as string[];
    const etat = header.indexOf('État');
    // « État » moved next to « Nom »: the tracking block is split in two runs.
    sheets.Lieux = sheets.Lieux!.map((r) => {
      const row = [...r];
      const [cell] = row.splice(etat, 1);
      row.splice(3, 0, cell);
      return row;
    });
    const { gas, ctx } = gasWith(sheets);
    expect(gas.values('Lieux')[0]![3]).toBe('État');
    const before = gas.values('Lieux');
    gas.resetCalls();
    const written = recordWrites();
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque francophone', { user: PARTNER });
    // État is blank in the sample: both runs change (État; Dernière modification), one write each.
    // Two writes, as for the id of a new row.
    expect(gas.calls.log).toEqual(NEW_ROW_EDIT);
    expect(writtenCells(written, gas.values('Lieux')[0]!).sort()).toEqual([
      '2:Dernière modification',
      '2:État',
    ]);
    const row = gas.values('Lieux')[1]!;
    expect(row[3]).toBe('OK');
    before[1]![2] = 'Médiathèque francophone';
    before[1]![3] = 'OK';
    before[1]![col(gas, 'Lieux', 'Problèmes')] = row[col(gas, 'Lieux', 'Problèmes')]!;
    before[1]![col(gas, 'Lieux', 'Dernière modification')] = NOW;
    expect(gas.values('Lieux')).toEqual(before);
  });

  it('ignores the header row and tabs Maillage does not manage, in at most 2 calls', () => {
    const { gas, ctx } = sampleGas();
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'C1', 'Nom');
    expect(gas.calls.total).toBe(0);
    gas.fireEdit(ctx, 'Journal', 'A5', 'note');
    expect(gas.calls.log).toEqual(['Range.getSheet', 'Sheet.getName']);
    expect(gas.locks.script.acquired).toBe(0);
  });

  it('names the problem of each broken row in its Problèmes cell as partners type', () => {
    for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
      const { gas, ctx } = gasWith(brokenSheets());
      const values = gas.values(tab);
      const header = values[0] as string[];
      BROKEN[tab].forEach((broken, i) => {
        if (
          !broken.expect ||
          ['duplicate id', 'missing id', 'unknown relay', 'overlapping permanence'].includes(broken.rule)
        ) {
          return; // checks across rows: « Vérifier tout le classeur »
        }
        const c = header.indexOf(broken.expect);
        const value = values[i + 1]![c];
        const a1 = `${c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : ''}${String.fromCharCode(65 + (c % 26))}${i + 2}`;
        gas.fireEdit(ctx, tab, a1, value === '' ? '' : String(value));
        const row = gas.values(tab)[i + 1]!;
        expect(row[header.indexOf('État')], `${tab}: ${broken.rule}`).toBe('À corriger');
        expect(String(row[header.indexOf('Problèmes')]), `${tab}: ${broken.rule}`).toContain(
          `« ${broken.expect} »`,
        );
      });
    }
  });
});

describe('one execution per edit', () => {
  it('is the simple onEdit alone, even where an earlier version installed an edit trigger', () => {
    const { gas, ctx } = sampleGas();
    gas.globals.ScriptApp.newTrigger('triggerEdition').forSpreadsheet(gas.spreadsheet).onEdit().create();
    gas.resetCalls();
    gas.fireEdit(ctx, 'Lieux', 'D3', 'Limoges', { user: PARTNER });
    expect(gas.calls.log).toEqual(ONE_CELL_EDIT);
    gas.runMenuItem(ctx, MENU, 'Automatisations');
    // The old edit trigger is gone; only the time-driven ones remain.
    expect(gas.triggers.map((t) => [t.handlerFunction, t.eventType])).toEqual([
      ['triggerRollupHebdomadaire', 'CLOCK'],
      ['triggerRencontresQuotidien', 'CLOCK'],
    ]);
  });

  it('names the editor in « Modifié par » when Google tells (the owner’s Workspace domain)', () => {
    const { gas, ctx } = sampleGas({ workspaceDomain: 'reseau87.example' });
    gas.fireEdit(ctx, 'Lieux', 'D3', 'Limoges', { user: 'adjointe@reseau87.example' });
    expect(gas.values('Lieux')[2]![col(gas, 'Lieux', 'Modifié par')]).toBe('adjointe@reseau87.example');
    // A partner outside the domain: the previous name is not left standing for their change.
    gas.fireEdit(ctx, 'Lieux', 'D3', 'Limoges ', { user: PARTNER });
    expect(gas.values('Lieux')[2]![col(gas, 'Lieux', 'Modifié par')]).toBe('');
    expect((gas.values('Lieux')[2]![col(gas, 'Lieux', 'Dernière modification')] as Date).getTime()).toBe(
      NOW.getTime(),
    );
  });

  it('gives a new row one id that never changes, when two edits of it run interleaved', () => {
    const { gas, ctx } = sampleGas();
    const next = gas.values('Lieux').length + 1;
    const idCol = col(gas, 'Lieux', ID);
    // The second edit starts while the first one reads the row: it waits for the lock the first holds.
    gas.interleave('Sheet.getSheetValues', () =>
      gas.fireEdit(ctx, 'Lieux', `D${next}`, 'Limoges', { user: 'autre@example.org' }),
    );
    gas.fireEdit(ctx, 'Lieux', `C${next}`, 'Nouveau point numérique', { user: PARTNER });
    const shown = gas.values('Lieux')[next - 1]![idCol];
    expect(shown).toMatch(/\S/);
    expect(gas.values('Lieux')[next - 1]![col(gas, 'Lieux', 'Commune')]).toBe('Limoges');
    gas.fireEdit(ctx, 'Lieux', `E${next}`, 'x', { user: PARTNER });
    expect(gas.values('Lieux')[next - 1]![idCol]).toBe(shown);
  });
});
