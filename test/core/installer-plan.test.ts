import { describe, expect, it } from 'vitest';
import {
  changesStructure,
  describePlan,
  isToolColumn,
  planInstall,
  planTab,
} from '../../src/core/installer-plan';
import { columnOf, headers, TABS } from '../../src/core/model';

describe('installer plan', () => {
  it('creates missing tabs with the model headers', () => {
    const plan = planTab('Journal', null);
    expect(plan.exists).toBe(false);
    expect(plan.header).toEqual(headers('Journal'));
    expect(plan.columnIndex.action).toBe(2);
  });

  it('keeps existing columns where they are and appends the missing ones at the right', () => {
    const existing = ['Nom', 'Ma colonne', 'Code INSEE', 'Type', '', 'Actif', '', ''];
    const plan = planTab('Relais', existing);
    expect(plan.header.slice(0, 6)).toEqual(['Nom', 'Ma colonne', 'Code INSEE', 'Type', '', 'Actif']);
    expect(plan.existingWidth).toBe(6);
    expect(plan.appended.map((c) => c.key)).toEqual([
      'id',
      'commune',
      'contact_nom',
      'contact_courriel',
      'contact_telephone',
      'convention_le',
      'etat',
      'problemes',
      'modifie_le',
      'modifie_par',
    ]);
    expect(plan.columnIndex).toMatchObject({ nom: 0, code_insee: 2, type: 3, actif: 5, id: 6 });
    expect(plan.unknownColumns).toEqual(['Ma colonne']);
    expect(describePlan([plan])).toEqual([
      'Onglet « Relais » : ajouter les colonnes « Identifiant », « Commune », « Contact (nom) », « Contact (courriel) », « Contact (téléphone) », « Convention signée le », « État », « Problèmes », « Dernière modification », « Modifié par » à droite',
    ]);
  });

  it('appends after the last column holding data, even without a header', () => {
    const plan = planTab('Journal', ['Horodatage', 'Action'], 4);
    expect(plan.header).toEqual(['Horodatage', 'Action', '', '', 'Utilisateur', 'Lignes', 'Détails']);
    expect(plan.columnIndex).toMatchObject({ horodatage: 0, action: 1, utilisateur: 4, details: 6 });
    expect(planTab('Journal', headers('Journal'), 9).header).toEqual(headers('Journal'));
  });

  it('has nothing to do on an up-to-date workbook', () => {
    const plans = planInstall(Object.fromEntries(Object.keys(TABS).map((t) => [t, headers(t as 'Lieux')])));
    expect(changesStructure(plans)).toBe(false);
    expect(describePlan(plans)).toEqual([]);
  });

  it('tells tool columns from the ones partners type', () => {
    expect(isToolColumn(columnOf('Lieux', 'id'))).toBe(true);
    expect(isToolColumn(columnOf('Lieux', 'etat'))).toBe(true);
    expect(isToolColumn(columnOf('Permanences', 'relais'))).toBe(false);
    expect(isToolColumn(columnOf('Lieux', 'nom'))).toBe(false);
  });
});
