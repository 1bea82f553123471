import { describe, expect, it } from 'vitest';
import { EditRejectedError } from '../fakes/gas';
import { COORDINATION, col, MENU, sampleGas, sampleSheets, snapshot } from './helpers';

const RIGHTS = 'Appliquer les droits des partenaires';

describe('« Appliquer les droits des partenaires »', () => {
  it('protects each place’s row for its Éditeurs and the coordination, after saying what it will do', () => {
    const sheets = sampleSheets();
    const header = sheets.Lieux![0] as string[];
    const editeurs = header.indexOf('Éditeurs');
    const first = String(sheets.Lieux![1]![editeurs]);
    const withEditors = sheets.Lieux!.slice(1).filter((r) => String(r[editeurs]).trim() !== '').length;
    const { gas, ctx } = sampleGas({ editors: [first] });
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, RIGHTS);

    const question = gas.uiLog.find((e) => e.answer === 'YES');
    expect(question?.content).toMatch(/^Maillage va :\n• Ligne 2 \(lieu-0001\) : protégée, modifiable par /);
    const rowProtections = gas
      .protections('Lieux')
      .filter((p) => p.description.startsWith('Maillage : droits du lieu '));
    expect(rowProtections).toHaveLength(withEditors);
    const p2 = rowProtections.find((p) => p.description === 'Maillage : droits du lieu lieu-0001')!;
    expect(p2.range).toBe(
      `A2:${String.fromCharCode(64 + Math.floor((header.length - 1) / 26))}${String.fromCharCode(65 + ((header.length - 1) % 26))}2`,
    );
    expect([...p2.editors].sort()).toEqual([COORDINATION, first].sort());
    expect(p2.warningOnly).toBe(false);

    // The partner can edit their row, and not another one.
    gas.editEvent('Lieux', 'C2', 'Médiathèque francophone', { user: first });
    expect(() => gas.editEvent('Lieux', 'C3', 'Autre nom', { user: first })).toThrow(EditRejectedError);

    // The report says who still needs the file shared with them.
    const report = String(gas.uiLog.at(-1)?.content);
    expect(report).toContain(
      `${withEditors} lignes protégées, 0 protection mise à jour, 0 protection retirée.`,
    );
    expect(report).toMatch(/Le classeur n’est pas partagé avec .+ : partagez-le/);
    expect(report).not.toContain(`${first},`);
    expect(gas.values('Journal').at(-1)?.slice(2, 4)).toEqual([RIGHTS, withEditors]);
  });

  it('adds the coordination addresses written in the script properties', () => {
    const { gas, ctx } = sampleGas({
      properties: { script: { MAILLAGE_COORDINATION: 'Adjointe@Reseau87.example, pas-un-courriel' } },
    });
    gas.runMenuItem(ctx, MENU, 'Installer / mettre à niveau le classeur');
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, RIGHTS);
    const p = gas.protections('Lieux').find((x) => x.description === 'Maillage : droits du lieu lieu-0001')!;
    expect(p.editors).toContain('adjointe@reseau87.example');
    expect(p.editors).toContain(COORDINATION);
  });

  it('changes nothing the second time, and asks nothing', () => {
    const { gas, ctx } = sampleGas();
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, RIGHTS);
    const before = snapshot(gas);
    gas.runMenuItem(ctx, MENU, RIGHTS);
    expect(snapshot(gas)).toEqual(before);
    expect(String(gas.uiLog.at(-1)?.content)).toMatch(
      /^Les droits sont déjà à jour \(\d+ lignes protégées\)/,
    );
  });

  it('follows changes of Éditeurs and removes protections no row needs any more', () => {
    const { gas, ctx } = sampleGas();
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, RIGHTS);
    const sheet = gas.globals.SpreadsheetApp.getActive().getSheetByName('Lieux')!;
    const editeurs = col(gas, 'Lieux', 'Éditeurs') + 1;
    sheet.getRange(2, editeurs).setValue('nouvelle@mediatheque.example');
    sheet.getRange(3, editeurs).setValue('');
    sheet.getRange(4, editeurs).setValue('pas-un-courriel');
    // A protection left by a row deleted since.
    sheet.getRange('A900:C900').protect().setDescription('Maillage : droits du lieu lieu-disparu');
    gas.ui.answers.push('YES');
    gas.runMenuItem(ctx, MENU, RIGHTS);
    const question = String(gas.uiLog.filter((e) => e.answer === 'YES').at(-1)?.content);
    expect(question).toContain(
      'Ligne 2 (lieu-0001) : protection mise à jour (éditeurs), modifiable par nouvelle@mediatheque.example, coordination@reseau87.example',
    );
    expect(question).toContain(
      'lieu-0002 : protection retirée (la ligne n’a plus d’« Éditeurs » ou n’existe plus)',
    );
    expect(question).toContain('lieu-disparu : protection retirée');
    const descriptions = gas.protections('Lieux').map((p) => p.description);
    expect(descriptions).not.toContain('Maillage : droits du lieu lieu-0002');
    expect(descriptions).toContain('Maillage : droits du lieu lieu-0003'); // kept until the address is fixed
    expect(descriptions).not.toContain('Maillage : droits du lieu lieu-disparu');
    expect(String(gas.uiLog.at(-1)?.content)).toContain(
      'Ligne 4 : courriel illisible dans « Éditeurs » (pas-un-courriel) : corrigez-le ; en attendant, la protection de la ligne reste telle qu’elle était.',
    );
  });
});
