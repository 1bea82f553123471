import { beforeAll, describe, expect, it } from 'vitest';
import { makeNationalSample, type NationalSample } from '../../scripts/make-national-sample';
import { columnLetter } from '../../src/core/a1';
import { TABS } from '../../src/core/model';
import type { ImportDone, ImportPreview } from '../../src/gas/actions/import';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { COORDINATION, col, MENU, sampleGas } from './helpers';

const CAPTION = 'Importer un fichier du standard national…';

type Preview = ImportPreview;
type Done = ImportDone;

let national: NationalSample;
beforeAll(() => {
  national = makeNationalSample();
});

describe('« Importer un fichier du standard national… »', () => {
  it.each([
    [CAPTION, '<button type="button" id="importer"', 'id="csv"'],
    ['Comparer avec un fichier national…', '<a id="csv"', 'id="importer"'],
  ])('%s opens a dialog to choose the file', (caption, has, hasNot) => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, caption);
    const dialog = gas.uiLog.find((e) => e.kind === 'modalDialog');
    expect(dialog?.title).toBe(caption);
    expect(dialog?.content).toContain('<input type="file" id="fichier"');
    expect(dialog?.content).toContain(has);
    expect(dialog?.content).not.toContain(hasNot);
  });

  it('previews without writing, then adds the new places in one write, fills blanks only, and notes it in the Journal', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Lieux');
    const journalBefore = gas.values('Journal').length;
    const payload = { nom: 'lieux-87.csv', contenu: national.csv };
    const preview = ctx.importerApercu!(payload) as Preview;
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({
      added: national.expected.newPlaces.length,
      updated: Object.keys(national.expected.fillsSample).length,
      leftAlone:
        Object.keys(national.expected.sameAsSample).length -
        Object.keys(national.expected.fillsSample).length,
      uncertain: national.expected.uncertain.length,
      outside: national.expected.outside.length,
      duplicates: national.expected.duplicates.length,
      invalid: expect.any(Number),
    });
    expect(gas.values('Lieux')).toEqual(before);

    const done = ctx.importerEcrire!(payload) as Done;
    expect(done.written).toBe(true);
    const after = gas.values('Lieux');
    expect(after).toHaveLength(before.length + national.expected.newPlaces.length);
    expect(done.firstRow).toBe(before.length + 1);
    before.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell !== '') expect(after[r]![c], `ligne ${r + 1}, colonne ${before[0]![c]}`).toEqual(cell);
      });
    });
    const id = col(gas, 'Lieux', 'Identifiant unique local du lieu');
    const ids = new Set(after.map((r) => r[id]));
    for (const n of national.expected.newPlaces) expect(ids.has(n), n).toBe(true);
    const etat = col(gas, 'Lieux', 'État');
    const added = after.slice(before.length);
    expect(added.every((r) => r[etat] === 'OK' || r[etat] === 'À corriger')).toBe(true);
    expect(added.filter((r) => r[etat] === 'À corriger').length).toBeGreaterThan(0);
    expect(added.every((r) => r[col(gas, 'Lieux', 'Modifié par')] === COORDINATION)).toBe(true);
    const journal = gas.values('Journal');
    expect(journal).toHaveLength(journalBefore + 1);
    expect(journal.at(-1)!.slice(2, 4)).toEqual([
      'Import du standard national',
      national.expected.newPlaces.length + Object.keys(national.expected.fillsSample).length,
    ]);

    // The same file again, or as GeoJSON: nothing to add, nothing written, nothing journalled.
    for (const contenu of [national.csv, national.geojson]) {
      const again = ctx.importerEcrire!({ nom: 'encore', contenu }) as Done;
      expect(again.counts?.added).toBe(0);
      expect(again.counts?.updated).toBe(0);
      expect(again.written).toBe(false);
    }
    expect(gas.values('Lieux')).toEqual(after);
    expect(gas.values('Journal')).toHaveLength(journalBefore + 1);
  });

  it('loses nothing typed while it imports: a blank cell filled meanwhile, a row typed at the bottom', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Lieux');
    const header = (key: string) => TABS.Lieux.columns.find((c) => c.key === key)!.header;
    const idCol = col(gas, 'Lieux', header('id'));
    const rdvCol = col(gas, 'Lieux', header('prise_rdv'));
    const nomCol = col(gas, 'Lieux', header('nom'));
    // A place of the sample whose blank « prise de rendez-vous » the file fills.
    const [filled] = Object.entries(national.expected.fillsSample).find(([, keys]) =>
      keys.includes('prise_rdv'),
    )!;
    const row = before.findIndex((r) => r[idCol] === filled) + 1;
    expect(before[row - 1]![rdvCol]).toBe('');
    // After the import read the sheet (under the lock), before it writes: a partner types their own
    // link in that cell, and another one starts a new place on the first free row.
    gas.interleave('Sheet.getLastRow', () => {
      gas.editEvent('Lieux', `${columnLetter(rdvCol + 1)}${row}`, 'https://rdv.partenaire.example/', {
        user: 'p1@example.org',
      });
      gas.editEvent('Lieux', `${columnLetter(nomCol + 1)}${before.length + 1}`, 'Tiers-lieu de Nexon', {
        user: 'p2@example.org',
      });
    });
    const done = ctx.importerEcrire!({ nom: 'lieux-87.csv', contenu: national.csv }) as Done;
    const after = gas.values('Lieux');
    expect(after[row - 1]![rdvCol]).toBe('https://rdv.partenaire.example/');
    expect(after[before.length]![nomCol]).toBe('Tiers-lieu de Nexon');
    // The imported places start below the partner's row.
    expect(done.firstRow).toBe(before.length + 2);
    expect(after).toHaveLength(before.length + 1 + national.expected.newPlaces.length);
  });

  it('remembers the coordinator’s decisions on uncertain places in Rapprochements: the same file does not ask again', () => {
    const { gas, ctx } = sampleGas();
    const payload = { nom: 'lieux-87.csv', contenu: national.csv };
    const preview = ctx.importerApercu!(payload) as Preview;
    expect(preview.uncertain.length).toBeGreaterThanOrEqual(2);
    const [same, different] = preview.uncertain;
    const decisions = [
      { cle: same!.cle, lieu: same!.candidates[0]!.id, same: true },
      ...different!.candidates.map((c) => ({ cle: different!.cle, lieu: c.id, same: false })),
    ];
    const lieuxBefore = gas.values('Lieux').length;
    const done = ctx.importerEcrire!({ ...payload, decisions }) as Done;
    expect(done.decided).toBe(decisions.length);
    expect(done.counts!.uncertain).toBe(preview.counts!.uncertain - 2);
    // The place decided different is added; the one decided the same is not.
    expect(done.counts!.added).toBe(preview.counts!.added + 1);
    expect(gas.values('Lieux')).toHaveLength(lieuxBefore + preview.counts!.added + 1);
    const pairs = gas.values('Rapprochements');
    const h = pairs[0]!;
    const at = (name: string) => h.indexOf(name);
    const decided = pairs.slice(1).filter((r) => r[at('Décision')] !== '');
    expect(
      decided.map((r) => [r[at('Lieu du fichier')], r[at('Lieu du classeur')], r[at('Décision')]]),
    ).toEqual(decisions.map((d) => [d.cle, d.lieu, d.same ? 'même lieu' : 'lieu différent']));
    expect(decided.every((r) => r[at('Décidé par')] === COORDINATION)).toBe(true);
    // Every pair still to decide is listed once, with why it is uncertain.
    const open = pairs.slice(1).filter((r) => r[at('Décision')] === '');
    expect(open).toHaveLength(done.added! - decisions.length);
    for (const u of preview.uncertain.slice(2))
      for (const c of u.candidates)
        expect(
          open.filter((r) => r[at('Lieu du fichier')] === u.cle && r[at('Lieu du classeur')] === c.id),
        ).toHaveLength(1);
    expect(open.every((r) => String(r[at('Pourquoi c’est incertain')]).length > 0)).toBe(true);

    // The same file again: those two are not asked again (a place that looked like another place of
    // the file is asked now that it is a row), nothing is added, nothing is written.
    const again = ctx.importerApercu!(payload) as Preview;
    const askedAgain = again.uncertain.map((u) => u.cle);
    expect(askedAgain).not.toContain(same!.cle);
    expect(askedAgain).not.toContain(different!.cle);
    expect(askedAgain).toEqual(expect.arrayContaining(preview.uncertain.slice(2).map((u) => u.cle)));
    const lieux = gas.values('Lieux');
    const second = ctx.importerEcrire!(payload) as Done;
    expect(second.written).toBe(false);
    expect(gas.values('Lieux')).toEqual(lieux);
    expect(gas.values('Rapprochements')).toEqual(pairs);

    // A decision typed in the tab by the coordinator is followed too.
    const next = preview.uncertain[2]!;
    const row = pairs.findIndex((r) => r[at('Lieu du fichier')] === next.cle) + 1;
    expect(row).toBeGreaterThan(1);
    gas.editEvent('Rapprochements', `${columnLetter(at('Décision') + 1)}${row}`, 'lieu différent');
    const third = ctx.importerApercu!(payload) as Preview;
    expect(third.uncertain.map((u) => u.cle)).not.toContain(next.cle);
  });

  it('says why a file cannot be imported, and writes nothing', () => {
    const { gas, ctx } = sampleGas();
    const before = gas.values('Lieux');
    const semicolons = ctx.importerEcrire!({ nom: 'x.csv', contenu: 'id;nom\nx;y\n' }) as Done;
    expect(semicolons.errors[0]).toContain('point-virgule');
    const other = ctx.importerApercu!({ nom: 'x.csv', contenu: 'Nom,Ville\nA,B\n' }) as Preview;
    expect(other.errors[0]).toContain('Colonnes du standard national introuvables');
    expect(gas.values('Lieux')).toEqual(before);
  });

  it('writes once, and makes the same service calls for a file of 10 places and one of 500', () => {
    // 10 places: new ones, and one that fills blank cells of the sample (as the whole file does).
    const lines = national.csv.split('\r\n');
    const filling = Object.entries(national.expected.sameAsSample).find(
      ([, id]) => national.expected.fillsSample[id],
    )![0];
    // And one uncertain place (listed in Rapprochements, as the whole file's are).
    const doubtful = national.expected.uncertain[0]!;
    const small = `${[lines[0], ...lines.slice(1).filter((l) => l.startsWith(`${filling},`) || l.startsWith(`${doubtful},`)), ...lines.slice(1, 9)].join('\r\n')}\r\n`;
    expect(small.split('\r\n').filter(Boolean)).toHaveLength(11);
    const logs = [small, national.csv].map((contenu) => {
      const { gas, ctx } = sampleGas();
      gas.resetCalls();
      const done = ctx.importerEcrire!({ nom: 'f.csv', contenu }) as Done;
      expect(done.written).toBe(true);
      expect(done.counts!.added).toBeGreaterThan(0);
      expect(done.counts!.updated).toBeGreaterThan(0);
      return gas.calls.log.filter((c) => !LOCAL_OBJECT_SERVICES.some((s) => c.startsWith(`${s}.`)));
    });
    expect(logs[0]).toEqual([
      'PropertiesService.getDocumentProperties',
      'Properties.getProperty',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Session.getActiveUser',
      'LockService.getScriptLock',
      'Lock.tryLock',
      'Spreadsheet.getSheetByName',
      'Utilities.parseCsv',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSpreadsheetTimeZone',
      // Lieux read once, Rapprochements read once.
      'Sheet.getSheetValues',
      'Spreadsheet.getSheetByName',
      'Sheet.getSheetValues',
      // The uncertain pairs listed in Rapprochements: one write.
      'Sheet.getRange',
      'Range.setValues',
      // The last row asked again (new rows go below it), then one rectangle, from the first filled
      // row to the last new row: read again, written once.
      'Sheet.getLastRow',
      'Sheet.getMaxRows',
      'Sheet.getRange',
      'Range.getValues',
      'Range.getFormulas',
      'Range.getNumberFormats',
      'Range.setValues',
      // The Journal: its header, one appended row.
      'Spreadsheet.getSheetByName',
      'Sheet.getSheetValues',
      'Sheet.appendRow',
      'Lock.releaseLock',
    ]);
    expect(logs[1]).toEqual(logs[0]);
  });

  it('writes back every cell it does not fill as it is: typed text, formulas, plain-text cells, an edit made meanwhile', () => {
    const { gas, ctx } = sampleGas();
    const header = gas.values('Lieux')[0]!;
    const last = gas.values('Lieux').length;
    const letter = (name: string) => columnLetter(header.indexOf(name) + 1);
    // In the last row (inside the written rectangle): text typed with an apostrophe, a formula, and
    // a cell formatted as plain text.
    gas.editEvent('Lieux', `${letter('Référent (téléphone)')}${last}`, "'0555000000");
    gas.editEvent('Lieux', `${letter('Autres formations et labels')}${last}`, '=1+1');
    gas.uncounted(() =>
      gas.spreadsheet
        .getSheetByName('Lieux')!
        .getRange(`${letter('Référent (nom)')}${last}`)
        .setNumberFormat('@')
        .setValue("'Martin"),
    );
    // A blank cell the file fills, typed by a partner while the import runs (after its first read).
    const [sampleId, keys] = Object.entries(national.expected.fillsSample).find(([, k]) =>
      k.includes('prise_rdv'),
    )!;
    const idCol = header.indexOf('Identifiant unique local du lieu');
    const filledRow = gas.values('Lieux').findIndex((r) => r[idCol] === sampleId) + 1;
    expect(keys).toContain('prise_rdv');
    const rdv = `${letter('Prise de rdv')}${filledRow}`;
    gas.interleave('Range.getValues', () =>
      gas.fireEdit(ctx, 'Lieux', rdv, 'https://rdv.partenaire.example/', { user: 'autre@example.org' }),
    );
    const before = gas.values('Lieux');
    const done = ctx.importerEcrire!({ nom: 'lieux-87.csv', contenu: national.csv }) as Done;
    expect(done.written).toBe(true);
    expect(gas.cell('Lieux', `${letter('Référent (téléphone)')}${last}`).value).toBe('0555000000');
    expect(gas.cell('Lieux', `${letter('Autres formations et labels')}${last}`).formula).toBe('=1+1');
    expect(gas.cell('Lieux', `${letter('Référent (nom)')}${last}`).value).toBe("'Martin");
    expect(gas.cell('Lieux', rdv).value).toBe('https://rdv.partenaire.example/');
    const after = gas.values('Lieux');
    before.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (
          cell !== '' &&
          !['État', 'Problèmes', 'Dernière modification', 'Modifié par'].includes(String(header[c]))
        )
          expect(after[r]![c], `ligne ${r + 1}, colonne ${header[c]}`).toEqual(cell);
      });
    });
    // The filled rows are checked again and stamped, as a row a person changed (date_maj kept).
    const filled = after[filledRow - 1]!;
    expect(filled[header.indexOf('Modifié par')]).toBe(COORDINATION);
    expect(filled[header.indexOf('Date de mise à jour')]).toEqual(
      before[filledRow - 1]![header.indexOf('Date de mise à jour')],
    );
    expect(['OK', 'À corriger']).toContain(filled[header.indexOf('État')]);
    // New phones stay text (never read as numbers).
    const tel = header.indexOf('Numéro de téléphone');
    expect(
      after
        .slice(before.length)
        .filter((r) => typeof r[tel] !== 'string')
        .map((r) => r[tel]),
    ).toEqual([]);
  });
});
