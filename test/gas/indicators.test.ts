import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/core/a1';
import { headers } from '../../src/core/model';
import { VOCABULARIES } from '../../src/core/standard';
import { LOCAL_OBJECT_SERVICES } from '../fakes/gas';
import { col, gasWith, MENU, sampleGas, sampleWithPlaces } from './helpers';

const ROLLUP = 'Calculer les indicateurs';
const CHART_TITLE = 'Réseau numérique : les 12 derniers mois';

describe('« Calculer les indicateurs » and the Monday trigger', () => {
  it('upserts one row per week into Indicateurs and keeps one chart of the last 12 months', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, ROLLUP);
    const values = gas.values('Indicateurs');
    expect(values[0]).toEqual(headers('Indicateurs'));
    const periods = values.slice(1).map((r) => r[0]);
    expect(periods.at(-1)).toBe('2026-W49');
    expect(periods).toEqual([...new Set(periods)]);
    const realisees = col(gas, 'Indicateurs', 'Permanences réalisées');
    expect(values.slice(1).reduce((n, r) => n + Number(r[realisees]), 0)).toBeGreaterThan(0);
    const charts = gas.charts('Indicateurs');
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ type: 'LINE', options: { title: CHART_TITLE } });
    expect(charts[0]?.ranges[0]).toMatch(/^Indicateurs!A\d+:A\d+$/);
    expect(String(gas.uiLog.at(-1)?.content)).toMatch(
      /^Indicateurs à jour dans l’onglet « Indicateurs » : \d+ semaines/,
    );

    // A second run a week later: same rows updated, one more week, still one chart.
    gas.advanceClock(7 * 86_400_000);
    gas.runMenuItem(ctx, MENU, ROLLUP);
    const next = gas.values('Indicateurs');
    expect(next).toHaveLength(values.length + 1);
    expect(next.at(-1)?.[0]).toBe('2026-W50');
    expect(gas.charts('Indicateurs')).toHaveLength(1);
    expect(gas.values('Journal').at(-1)?.slice(2, 4)).toEqual([ROLLUP, next.length - 1]);
  });

  it('rewrites the Offre tab whole: every service of the standard by EPCI, with the places behind each cell', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, ROLLUP);
    const offre = gas.values('Offre');
    expect(offre[0]).toEqual(headers('Offre'));
    const epcis = new Set(
      gas
        .values('Communes')
        .slice(1)
        .map((r) => r[col(gas, 'Communes', 'EPCI')]),
    );
    expect(offre).toHaveLength(1 + VOCABULARIES.services.length * epcis.size);
    // Each place is named once per service it offers (the bus and closed places are not).
    const lieux = gas.values('Lieux');
    const [statut, itinerance, services] = ['Statut', 'Itinérance', 'Services'].map((h) =>
      col(gas, 'Lieux', h),
    );
    const expected = lieux
      .slice(1)
      .filter((r) => r[statut!] === 'actif' && r[itinerance!] !== 'Itinérant')
      .reduce((n, r) => n + String(r[services!]).split(/, |\|/).length, 0);
    const count = col(gas, 'Offre', 'Nombre de lieux');
    expect(offre.slice(1).reduce((n, r) => n + Number(r[count]), 0)).toBe(expected);
    const named = col(gas, 'Offre', 'Lieux');
    expect(
      offre.slice(1).reduce((n, r) => n + (String(r[named]).match(/\[lieu-\d+\]/g)?.length ?? 0), 0),
    ).toBe(expected);
    expect(String(gas.uiLog.at(-1)?.content)).toContain('L’onglet « Offre » dit qui propose quoi, où');
    // The same run again rewrites the same rows; a place closed since leaves no trace (never appended).
    gas.runMenuItem(ctx, MENU, ROLLUP);
    expect(gas.values('Offre')).toEqual(offre);
    const letter = columnLetter(statut! + 1);
    gas.fireEdit(ctx, 'Lieux', `${letter}2`, 'fermé');
    gas.runMenuItem(ctx, MENU, ROLLUP);
    const after = gas.values('Offre');
    expect(after).toHaveLength(offre.length);
    const offered = String(lieux[1]![services!]).split(/, |\|/).length;
    expect(after.slice(1).reduce((n, r) => n + Number(r[count]), 0)).toBe(expected - offered);
    expect(after.flat().join(' ')).not.toContain(`[${lieux[1]![0]}]`);
    // What Maillage wrote reads back without a problem.
    gas.runMenuItem(ctx, MENU, 'Vérifier tout le classeur');
    const dialog = gas.uiLog.find((e) => e.kind === 'modalDialog');
    expect(String(dialog?.content)).toContain('Tout est en ordre');
  });

  it('runs from the Monday 06:00 trigger without any Ui', () => {
    const { gas, ctx } = sampleGas();
    gas.runMenuItem(ctx, MENU, 'Automatisations');
    gas.uiLog.length = 0;
    gas.runTrigger(ctx, 'triggerRollupHebdomadaire');
    expect(gas.values('Indicateurs').length).toBeGreaterThan(10);
    expect(gas.uiLog).toEqual([]);
    expect(gas.values('Journal').at(-1)?.[2]).toBe('Calcul hebdomadaire des indicateurs');
  });

  it('makes the same number of service calls on 500 and on 5,000 places', () => {
    const counts = [500, 5000].map((n) => {
      const { gas, ctx } = gasWith(sampleWithPlaces(n));
      gas.resetCalls();
      gas.runMenuItem(ctx, MENU, ROLLUP);
      return {
        total: gas.calls.total,
        services: gas.calls.totalExcept(LOCAL_OBJECT_SERVICES),
        log: gas.calls.log,
      };
    });
    expect(counts[1]).toEqual(counts[0]);
    // One write of Indicateurs, one of Offre (cleared first, whole).
    expect(counts[0]!.log.filter((c) => c === 'Range.setValues')).toHaveLength(2);
    expect(counts[0]!.log.filter((c) => c === 'Sheet.clearContents')).toHaveLength(1);
    // The coordination check (the recorded list), the workbook’s zone, 4 tabs read, one write of Indicateurs, the chart
    // (5 ranges), the Offre tab (found, cleared, sized, written), lock, session, journal, alert.
    expect(counts[0]!.total).toBe(54);
    expect(counts[0]!.services).toBe(41);
  });
});
