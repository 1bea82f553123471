/**
 * Two roles: partners edit their rows and use the form; the coordination runs everything else. A
 * partner outside the owner's domain (Google gives no e-mail to their edit triggers) is the hard case.
 */
import { describe, expect, it } from 'vitest';
import type { FicheData } from '../../src/gas/actions/fiche';
import {
  COORDINATION,
  col,
  FICHE_MENU,
  MENU,
  manifestScopes,
  menuActions,
  PARTNER_MANIFEST,
  sampleGas,
  sampleSheets,
  snapshot,
} from './helpers';

const PARTNER = 'mediatheque.aixe@gmail.com';

/** The sample, installed by the coordination, row 2 given to the partner, rights applied. */
function sharedWorkbook() {
  const sheets = sampleSheets();
  const header = sheets.Lieux![0] as string[];
  sheets.Lieux![1]![header.indexOf('Éditeurs')] = PARTNER;
  const { gas, ctx, fiche } = sampleGas({
    sheets,
    editors: [PARTNER],
    workspaceDomain: 'reseau87.example',
  });
  gas.runMenuItem(ctx, MENU, 'Installer / mettre à niveau le classeur');
  gas.ui.answers.push('YES');
  gas.runMenuItem(ctx, MENU, 'Appliquer les droits des partenaires');
  gas.setUser(PARTNER);
  return { gas, ctx, fiche };
}

describe('a partner outside the domain', () => {
  it('edits their row and saves it through the form, its project asking only for the workbook and the dialogs', () => {
    const { gas, ctx, fiche } = sharedWorkbook();
    gas.fireEdit(ctx, 'Lieux', 'C2', 'Médiathèque d’Aixe', { user: PARTNER });
    let row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe(''); // Google does not say who typed
    gas.select('Lieux', 'C2');
    // The form is the partners' project's (loaded with only its manifest's scopes).
    expect(manifestScopes(PARTNER_MANIFEST)).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
    gas.runMenuItem(fiche, FICHE_MENU, 'Modifier la fiche sélectionnée');
    const data = gas.runServerCall(fiche, 'ficheCharger') as FicheData;
    const saved = gas.runServerCall(fiche, 'ficheEnregistrer', {
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, telephone: '05 55 00 00 00' },
    }) as { check: { etat: string } };
    expect(saved.check.etat).toBe('OK');
    row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'Numéro de téléphone')]).toBe('05 55 00 00 00');
    // Without userinfo.email the form's project is not told who saves: emptied, never someone else.
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe('');
    expect(gas.values('Journal').at(-1)?.slice(1, 3)).toEqual(['', 'Fiche modifiée (formulaire)']);
  });

  it('is refused every coordination action, politely and in French, and nothing changes', () => {
    const { gas, ctx } = sharedWorkbook();
    const coordination = menuActions().filter((a) => a.role === 'coordination');
    expect(coordination.length).toBeGreaterThan(0);
    const before = snapshot(gas);
    for (const action of coordination) {
      gas.runMenuItem(ctx, MENU, action.caption);
      expect(gas.uiLog.at(-1)?.content, action.caption).toBe(
        `« ${action.caption} » est réservé à la coordination du réseau : rien n’a été modifié. Pour mettre à jour votre lieu, sélectionnez une case de sa ligne puis « Fiche du lieu > Modifier la fiche sélectionnée », ou tapez directement dans vos lignes.`,
      );
      for (const call of action.server) {
        expect(() => gas.runServerCall(ctx, call, {}), call).toThrow(/réservé à la coordination/);
      }
    }
    expect(snapshot(gas)).toEqual(before);
    expect(gas.sentMails).toEqual([]);
    expect(gas.fetches).toEqual([]);
  });

  it('leaves the coordination every action', () => {
    const { gas, ctx } = sharedWorkbook();
    gas.setUser(COORDINATION);
    gas.runMenuItem(ctx, MENU, 'Calculer les indicateurs');
    expect(String(gas.uiLog.at(-1)?.content)).toMatch(/^Indicateurs à jour/);
  });
});
