import { describe, expect, it } from 'vitest';
import { defaultDiagnosticCells } from '../../src/core/diagnostic/defaults';
import { columnOf, headers, TAB_NAMES, TABS } from '../../src/core/model';
import { emptyModelSheets, gasWith, MENU, sampleGas, snapshot } from './helpers';

const INSTALL = 'Installer / mettre à niveau le classeur';

/** Column letter of a model column in a tab laid out in model order. */
function letter(tab: 'Lieux' | 'Rapprochements', key: string): string {
  let n = headers(tab).indexOf(columnOf(tab, key).header) + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

describe('« Installer / mettre à niveau le classeur »', () => {
  it('sets up the sample workbook without touching a single value partners typed', () => {
    const { gas, ctx } = sampleGas();
    const before = Object.fromEntries(
      ['Lieux', 'Permanences', 'Relais', 'Communes'].map((t) => [t, gas.values(t)]),
    );
    gas.runMenuItem(ctx, MENU, INSTALL);
    for (const [tab, values] of Object.entries(before)) expect(gas.values(tab), tab).toEqual(values);

    // Header row: frozen, bold, help text as note.
    for (const tab of TAB_NAMES) expect(gas.frozenRows(tab), tab).toBe(1);
    expect(gas.cell('Lieux', 'C1').fontWeight).toBe('bold');
    expect(gas.notes('Lieux').C1).toBe(columnOf('Lieux', 'nom').help);

    // Dropdowns from the vocabularies: strict for one value, allowing several values otherwise.
    const validations = gas.dataValidations('Lieux');
    const statut = validations.find(
      (v) => v.range === `${letter('Lieux', 'statut')}2:${letter('Lieux', 'statut')}1000`,
    );
    expect(statut).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      values: [['actif', 'fermé'], true],
      allowInvalid: false,
    });
    const services = validations.find(
      (v) => v.range === `${letter('Lieux', 'services')}2:${letter('Lieux', 'services')}1000`,
    );
    expect(services?.allowInvalid).toBe(true);
    expect(services?.helpText).toMatch(/séparez-les par \|/);
    expect(services?.values[0]).toEqual(columnOf('Lieux', 'services').vocabulary);
    // Rapprochements is written by Maillage, but its Décision is the coordinator's choice.
    const decision = letter('Rapprochements', 'decision');
    expect(gas.dataValidations('Rapprochements')).toEqual([
      expect.objectContaining({
        range: `${decision}2:${decision}1000`,
        values: [['même lieu', 'lieu différent'], true],
        allowInvalid: false,
      }),
    ]);

    // Conditional formatting driven by the État column.
    const rules = gas.conditionalFormatRules('Lieux');
    const etat = letter('Lieux', 'etat');
    const problemes = letter('Lieux', 'problemes');
    expect(rules[0]).toEqual({
      ranges: [`${etat}2:${etat}1000`],
      criteria: 'CUSTOM_FORMULA',
      values: [`=AND(N("maillage")=0,$${etat}2="À corriger")`],
      format: { background: '#f4cccc' },
    });
    const cp = letter('Lieux', 'code_postal');
    expect(rules.find((r) => r.ranges[0] === `${cp}2:${cp}1000`)?.values[0]).toBe(
      `=AND(N("maillage")=0,$${etat}2="À corriger",ISNUMBER(FIND("« Code postal »",$${problemes}2)))`,
    );

    // Computed columns and headers protected with a warning only; tool tabs likewise.
    const last = letter('Lieux', 'modifie_par');
    expect(gas.protections('Lieux').map((p) => [p.range, p.warningOnly])).toEqual([
      [`A1:${last}1`, true],
      ['A2:A1000', true],
      [`${etat}2:${last}1000`, true],
    ]);
    expect(gas.protections('Journal')).toMatchObject([{ type: 'SHEET', warningOnly: true }]);

    // Text formats keep leading zeros of codes and phones typed later.
    expect(gas.cell('Lieux', `${cp}500`).numberFormat).toBe('@');
    expect(gas.cell('Lieux', `${letter('Lieux', 'date_maj')}500`).numberFormat).toBe('dd/mm/yyyy');

    // The coordination is recorded, the journal tells what was done.
    expect(gas.properties.document.MAILLAGE_COORDINATION).toBe('coordination@reseau87.example');
    const journal = gas.values('Journal');
    expect(journal).toHaveLength(2);
    expect(journal[1]?.[2]).toBe(INSTALL);
    expect(gas.uiLog.at(-1)?.content).toMatch(/^C’est fait :/);
  });

  it('changes nothing at all the second time', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, INSTALL);
    const first = snapshot(gas);
    gas.runMenuItem(ctx, MENU, INSTALL);
    expect(snapshot(gas)).toEqual(first);
    expect(gas.uiLog.at(-1)?.content).toBe('Le classeur est déjà à jour : rien à changer.');
  });

  it('creates a whole workbook from an empty spreadsheet after saying what it will do', () => {
    const { gas, ctx } = gasWith({ 'Feuille 1': [] });
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, INSTALL);
    const question = gas.uiLog.find((e) => e.kind === 'alert' && e.answer === 'YES');
    expect(question?.content).toMatch(/Créer l’onglet « Lieux »/);
    expect(gas.sheetNames()).toEqual(['Feuille 1', ...TAB_NAMES]);
    for (const tab of TAB_NAMES)
      expect(gas.values(tab)[0], tab).toEqual(expect.arrayContaining(headers(tab)));
    const communes = gas.values('Communes');
    expect(communes).toHaveLength(1 + 195);
    expect(communes.find((r) => r[0] === '87085')?.[1]).toBe('Limoges');
    // The diagnostic kit arrives with its default set, as the template has it.
    // (Sheets reads the typed « 2 » of a Points cell as a number.)
    expect(gas.values('Diagnostic').map((row) => row.map(String))).toEqual([
      headers('Diagnostic'),
      ...defaultDiagnosticCells(),
    ]);
    const once = snapshot(gas);
    gas.runMenuItem(ctx, MENU, INSTALL);
    expect(snapshot(gas)).toEqual(once);
  });

  it('does nothing when the coordinator says no', () => {
    const { gas, ctx } = gasWith({ 'Feuille 1': [] });
    const before = snapshot(gas);
    gas.ui.answers.push('NO');
    gas.runMenuItem(ctx, MENU, INSTALL);
    expect(snapshot(gas)).toEqual(before);
    expect(gas.uiLog.at(-1)?.content).toBe('Installation annulée : rien n’a été modifié.');
  });

  it('appends missing columns after the last column holding data, never moving one', () => {
    const sheets = emptyModelSheets();
    sheets.Relais = [
      ['Nom', 'Type', 'Code INSEE', 'Actif', '', 'Ma colonne'],
      ['Mairie de Cussac', 'Mairie', '87054', 'oui', 'donnée sans en-tête', 'x'],
    ];
    const { gas, ctx } = gasWith(sheets);
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, INSTALL);
    const values = gas.values('Relais');
    expect(values[0]?.slice(0, 7)).toEqual([
      'Nom',
      'Type',
      'Code INSEE',
      'Actif',
      '',
      'Ma colonne',
      'Identifiant',
    ]);
    expect(values[1]?.slice(0, 6)).toEqual([
      'Mairie de Cussac',
      'Mairie',
      '87054',
      'oui',
      'donnée sans en-tête',
      'x',
    ]);
    expect(values[0]).toHaveLength(4 + 2 + TABS.Relais.columns.length - 4);
  });
});
