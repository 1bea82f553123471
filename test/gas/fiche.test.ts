import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetters } from '../fakes/gas/a1';
import { RangeImpl } from '../fakes/gas/spreadsheet';
import { col, FICHE_MENU, gasWith, NOW, sampleGas, sampleSheets } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Records each write of values (Range.setValue / setValues / setFormula(s) of the fake, seen through
 * their `this`) as the headers of the cells written, one list per write, e.g. ['2:Nom'].
 */
function recordWrites(header: () => readonly unknown[]): string[][] {
  const written: string[][] = [];
  for (const method of ['setValue', 'setValues', 'setFormula', 'setFormulas'] as const) {
    const original = RangeImpl.prototype[method] as (this: RangeImpl, arg: never) => RangeImpl;
    vi.spyOn(RangeImpl.prototype, method).mockImplementation(function (this: RangeImpl, arg: never) {
      if (this._sheet.name === 'Lieux') {
        const cells: string[] = [];
        for (let r = this._row; r < this._row + this._numRows; r++) {
          for (let c = this._col; c < this._col + this._numCols; c++)
            cells.push(`${r}:${String(header()[c - 1])}`);
        }
        written.push(cells);
      }
      return original.call(this, arg);
    } as never);
  }
  return written;
}

/**
 * The tracking cells a save writes: « Modifié par » is left out, the form's project not knowing who
 * saves (it stays empty, as in the sample).
 */
const TRACKING = ['État', 'Problèmes', 'Dernière modification'];

/** A1 of a cell of Lieux by its header. */
function a1(gas: Parameters<typeof col>[0], header: string, row: number): string {
  return `${columnLetters(col(gas, 'Lieux', header) + 1)}${row}`;
}

interface FicheData {
  row: number | null;
  id: string | null;
  values: Record<string, string | string[]>;
  groups: {
    title: string;
    fields: { key: string; label: string; help: string; kind: string; options: unknown[] }[];
  }[];
  check: {
    fields: Record<string, string[]>;
    row: string[];
    etat: string;
    horaires: { texte: string | null } | null;
  };
}

/** Plain spaces for the non-breaking ones in « 9 h 30 ». */
const sp = (text: string | null | undefined) => text?.replace(/\u00a0/g, ' ') ?? null;

describe('« Modifier la fiche sélectionnée »', () => {
  it('opens a sidebar with the selected place, grouped fields, help texts and the client code', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'D2');
    gas.runMenuItem(fiche, FICHE_MENU, 'Modifier la fiche sélectionnée');
    const sidebar = gas.uiLog.find((e) => e.kind === 'sidebar');
    expect(sidebar?.title).toBe('Fiche du lieu (ligne 2)');
    expect(sidebar?.content).toContain('<main id="fiche" aria-busy="false">');
    expect(sidebar?.content).toContain('Médiathèque francophone — espace numérique');
    expect(sidebar?.content).toContain('"ficheEnregistrer"');

    const data = fiche.ficheCharger!() as FicheData;
    expect(data.row).toBe(2);
    expect(data.id).toBe('lieu-0001');
    expect(data.groups.map((g) => g.title)).toEqual([
      'Le lieu',
      'Adresse',
      'Pour joindre le lieu',
      'Horaires',
      'Présentation',
      'Services et publics',
      'Labels et dispositifs',
      'Pour le réseau (non publié)',
      'Suivi',
    ]);
    const fields = data.groups.flatMap((g) => g.fields);
    expect(fields.find((f) => f.key === 'services')).toMatchObject({ label: 'Services', kind: 'cases' });
    expect(fields.find((f) => f.key === 'statut')).toMatchObject({ kind: 'liste' });
    expect(fields.find((f) => f.key === 'horaires')?.kind).toBe('horaires');
    expect(fields.find((f) => f.key === 'id')?.kind).toBe('lecture');
    expect(fields.some((f) => f.key === 'etat')).toBe(false);
    expect(data.values.services).toEqual([
      'Maîtrise des outils numériques du quotidien',
      'Compréhension du monde numérique',
      'Accès internet et matériel informatique',
      'Aide aux démarches administratives',
    ]);
    expect(data.values.code_postal).toBe('87100');
    expect(data.values.referent_telephone).toBe('05 36 49 10 74');
    expect(sp(data.check.horaires?.texte)).toBe(
      'Lundi, mercredi et vendredi : de 9 h à 12 h. Mardi, jeudi, samedi et dimanche : fermé. Fermé les jours fériés.',
    );
  });

  it('checks the form with the core before saving, field by field', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    const check = fiche.ficheVerifier!({
      row: data.row,
      id: data.id,
      values: {
        ...data.values,
        code_postal: '87300',
        horaires: 'Mo-Fr 09:00-12:00; PH off',
        telephone: '05 55',
      },
    }) as FicheData['check'];
    expect(check.fields.code_postal).toEqual([
      'Le code postal 87300 n’est pas celui de Limoges (87000, 87100, 87280).',
    ]);
    expect(check.fields.telephone?.[0]).toMatch(/n’est pas un numéro de téléphone français/);
    expect(check.etat).toBe('À corriger');
    expect(sp(check.horaires?.texte)).toBe(
      'Du lundi au vendredi : de 9 h à 12 h. Samedi et dimanche : fermé. Fermé les jours fériés.',
    );
    expect(gas.values('Journal')).toHaveLength(1); // checking writes nothing
  });

  it('saves only the changed cells and Maillage’s own, stamped, and journals it', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    const writes = recordWrites(() => gas.values('Lieux')[0]!);
    gas.resetCalls();
    const saved = fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: {
        ...data.values,
        horaires: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
        services: ['Aide aux démarches administratives'],
      },
    }) as { row: number; id: string; created: boolean; check: { etat: string } };
    expect(saved).toMatchObject({ row: 2, id: 'lieu-0001', created: false, check: { etat: 'OK' } });
    // Horaires, then Date de mise à jour and Services side by side, then the tracking block.
    expect(writes).toEqual([
      ['2:Horaires'],
      ['2:Date de mise à jour', '2:Services'],
      TRACKING.map((h) => `2:${h}`),
    ]);
    expect(gas.calls.count('Range.setValues')).toBe(3);
    expect(gas.calls.count('Sheet.getRange')).toBe(3);
    const row = gas.values('Lieux')[1]!;
    expect(row[col(gas, 'Lieux', 'Horaires')]).toBe('Mo-Fr 09:00-12:00,14:00-17:00; PH off');
    expect(row[col(gas, 'Lieux', 'Services')]).toBe('Aide aux démarches administratives');
    // The form's project may not see addresses (its manifest has no userinfo.email): emptied.
    expect(row[col(gas, 'Lieux', 'Modifié par')]).toBe('');
    expect((row[col(gas, 'Lieux', 'Dernière modification')] as Date).getTime()).toBe(NOW.getTime());
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
    expect(gas.values('Journal').at(-1)?.slice(2, 5)).toEqual([
      'Fiche modifiée (formulaire)',
      1,
      'Lieux, ligne 2 : lieu-0001 (OK)',
    ]);
  });

  it('writes one changed field with the stamps: 3 writes, and 1 when they are contiguous', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    const writes = recordWrites(() => gas.values('Lieux')[0]!);
    gas.resetCalls();
    fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, telephone: '05 55 45 61 00' },
    });
    expect(writes).toEqual([
      ['2:Numéro de téléphone'],
      ['2:Date de mise à jour'],
      TRACKING.map((h) => `2:${h}`),
    ]);
    expect(gas.calls.count('Range.setValues')).toBe(3);
    expect(gas.calls.count('Sheet.getRange')).toBe(3);
    expect(gas.values('Lieux')[1]![col(gas, 'Lieux', 'Numéro de téléphone')]).toBe('05 55 45 61 00');

    // Saved again the same day: date_maj holds today, and Statut sits just before the tracking
    // block (État and Problèmes unchanged, written back inside the run; « Modifié par » unchanged,
    // left out): one write.
    const again = fiche.ficheCharger!() as FicheData;
    writes.length = 0;
    gas.resetCalls();
    fiche.ficheEnregistrer!({
      row: again.row,
      id: again.id,
      initial: again.values,
      values: { ...again.values, statut: 'inactif' },
    });
    expect(writes).toEqual([['Statut', ...TRACKING].map((h) => `2:${h}`)]);
    expect(gas.calls.count('Range.setValues')).toBe(1);
    expect(gas.calls.count('Sheet.getRange')).toBe(1);
    expect(gas.values('Lieux')[1]![col(gas, 'Lieux', 'Statut')]).toBe('inactif');
  });

  it('writes fields far apart separately, never the cells between them', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    const writes = recordWrites(() => gas.values('Lieux')[0]!);
    gas.resetCalls();
    fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, nom: 'Médiathèque francophone', referent_nom: 'Camille Martin' },
    });
    expect(writes).toEqual([
      ['2:Nom'],
      ['2:Date de mise à jour'],
      ['2:Référent (nom)'],
      TRACKING.map((h) => `2:${h}`),
    ]);
    expect(gas.calls.count('Range.setValues')).toBe(4);
    expect(gas.calls.count('Sheet.getRange')).toBe(4);
  });

  it('leaves a formula in a column the form does not change as it is', () => {
    const sheets = sampleSheets();
    const lieux = sheets.Lieux!;
    const accesLibre = (lieux[0] as string[]).indexOf('Fiche Accès libre');
    const formula = '=HYPERLINK("https://acceslibre.beta.gouv.fr/", "Fiche")';
    lieux[1]![accesLibre] = formula;
    const { gas, fiche } = gasWith(sheets);
    const cell = a1(gas, 'Fiche Accès libre', 2);
    expect(gas.cell('Lieux', cell).formula).toBe(formula);
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, horaires: 'Mo-Fr 09:00-12:00; PH off' },
    });
    expect(gas.values('Lieux')[1]![col(gas, 'Lieux', 'Horaires')]).toBe('Mo-Fr 09:00-12:00; PH off');
    expect(gas.cell('Lieux', cell).formula).toBe(formula);
  });

  it('keeps what someone else typed since the form was opened in a field the form did not change', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    // Someone else renames the place while the sidebar is open.
    gas.editEvent('Lieux', a1(gas, 'Nom', 2), 'Médiathèque de Limoges — espace numérique');
    fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, horaires: 'Mo-Fr 09:00-12:00; PH off' },
    });
    const row = gas.values('Lieux')[1]!;
    expect(data.values.nom).toBe('Médiathèque francophone — espace numérique');
    expect(row[col(gas, 'Lieux', 'Nom')]).toBe('Médiathèque de Limoges — espace numérique');
    expect(row[col(gas, 'Lieux', 'Horaires')]).toBe('Mo-Fr 09:00-12:00; PH off');
  });

  it('finds the place again by its id when its row moved since the form was opened', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Lieux', 'A2');
    const data = fiche.ficheCharger!() as FicheData;
    gas.uncounted(() => gas.spreadsheet.getSheetByName('Lieux')!.insertRowBefore(2));
    const saved = fiche.ficheEnregistrer!({
      row: data.row,
      id: data.id,
      initial: data.values,
      values: { ...data.values, horaires: 'Mo-Fr 09:00-12:00; PH off' },
    }) as { row: number; id: string };
    expect(saved).toMatchObject({ row: 3, id: 'lieu-0001' });
    const rows = gas.values('Lieux');
    expect(rows[1]!.every((v) => v === '')).toBe(true);
    expect(rows[2]![col(gas, 'Lieux', 'Horaires')]).toBe('Mo-Fr 09:00-12:00; PH off');
  });

  it('adds a new place at the end when nothing is selected in Lieux', () => {
    const { gas, fiche } = sampleGas();
    gas.select('Relais', 'B3');
    const data = fiche.ficheCharger!() as FicheData;
    expect(data.row).toBeNull();
    expect(data.values.nom).toBe('');
    const count = gas.values('Lieux').length;
    const writes = recordWrites(() => gas.values('Lieux')[0]!);
    gas.resetCalls();
    const saved = fiche.ficheEnregistrer!({
      row: null,
      id: null,
      initial: data.values,
      values: {
        nom: 'Point numérique de la mairie',
        pivot: '43493312300029',
        commune: 'Bellac',
        code_postal: '87300',
        adresse: '2 place de la République',
        services: ['Aide aux démarches administratives'],
        statut: 'actif',
      },
    }) as { row: number; id: string; created: boolean };
    expect(saved.created).toBe(true);
    expect(saved.row).toBe(count + 1);
    // Only the cells filled, the id and the stamps: one write per run of them.
    const r = count + 1;
    expect(writes).toEqual([
      ['Identifiant unique local du lieu', 'SIRET ou RNA ou RIDET', 'Nom', 'Commune', 'Code postal'].map(
        (h) => `${r}:${h}`,
      ),
      [`${r}:Adresse`],
      [`${r}:Date de mise à jour`, `${r}:Services`],
      ['Statut', ...TRACKING].map((h) => `${r}:${h}`),
    ]);
    expect(gas.calls.count('Range.setValues')).toBe(4);
    expect(gas.calls.count('Sheet.getRange')).toBe(4);
    const row = gas.values('Lieux')[count]!;
    expect(row[0]).toBe(saved.id);
    expect(saved.id).toMatch(/^lieu-/);
    expect(row[col(gas, 'Lieux', 'État')]).toBe('OK');
  });

  it('refuses to save over a place that is gone, and refuses forms it does not know', () => {
    const { fiche } = sampleGas();
    expect(() => fiche.ficheEnregistrer!({ row: 2, id: 'lieu-inconnu', values: { nom: 'x' } })).toThrow(
      'La fiche « lieu-inconnu » n’est plus dans l’onglet Lieux (ligne supprimée ou identifiant modifié) : rien n’a été enregistré.',
    );
    expect(() => fiche.ficheEnregistrer!({ row: 2, id: null, values: { pirate: 'x' } })).toThrow(
      'Champ inconnu dans le formulaire : pirate.',
    );
    expect(() => fiche.ficheVerifier!('n’importe quoi')).toThrow('Le formulaire envoyé est illisible');
    for (const bad of [
      { row: 1, id: null, values: { nom: 'x' } },
      { row: 2.5, id: null, values: { nom: 'x' } },
      { row: 2, id: null, values: { nom: 'x'.repeat(50_001) } },
      { row: 2, id: null, values: { services: Array.from({ length: 501 }, () => 'x') } },
      { row: 2, id: 3, values: {} },
    ]) {
      expect(() => fiche.ficheVerifier!(bad)).toThrow('Le formulaire envoyé est illisible');
    }
  });

  it('explains in French when the workbook has no Lieux tab, without failing', () => {
    const { gas, fiche } = gasWith({ 'Feuille 1': [] });
    gas.runMenuItem(fiche, FICHE_MENU, 'Modifier la fiche sélectionnée');
    expect(gas.uiLog.at(-1)).toMatchObject({
      kind: 'alert',
      title: 'Modifier la fiche sélectionnée',
      content: 'Onglet « Lieux » introuvable : lancez « Installer / mettre à niveau le classeur ».',
    });
  });

  it('describes opening hours in plain French', () => {
    const { fiche } = sampleGas();
    const describe = (v: string) =>
      sp((fiche.horairesDecrire!(v) as { texte: string | null; probleme: string | null }).texte);
    expect(describe('Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off')).toBe(
      'Du lundi au vendredi : de 9 h à 12 h et de 14 h à 17 h 30. Samedi : de 9 h à 12 h. Dimanche : fermé. Fermé les jours fériés.',
    );
    expect(describe('Tu,Th 14:00-18:00')).toBe(
      'Mardi et jeudi : de 14 h à 18 h. Lundi, mercredi et du vendredi au dimanche : fermé.',
    );
    // The same words as the map: the usual week, then the coming closure (the fake's clock: 30 November 2026).
    expect(describe('Mo-Fr 09:00-17:00; Dec 24-Jan 01 off')).toBe(
      'Du lundi au vendredi : de 9 h à 17 h. Samedi et dimanche : fermé. Fermé du 24 décembre au 1er janvier.',
    );
    const past = fiche.horairesDecrire!('Mo,We,Fr 09:00-12:00; PH off; 2026 Nov 11 off') as {
      probleme: string | null;
      conseil: string | null;
    };
    expect(past.probleme).toBeNull();
    expect(past.conseil).toContain('« Mo,We,Fr 09:00-12:00; PH off »');
    expect(describe('24/7')).toBe('Ouvert 24 h sur 24, 7 jours sur 7.');
    expect((fiche.horairesDecrire!('lundi 9h-12h') as { probleme: string }).probleme).toMatch(
      /^Horaires illisibles/,
    );
  });
});
