import { rename, rm, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { isIsoDate } from '../../core/calendar/civil';
import { inertCell } from '../../core/formula';
import {
  indicatorData,
  indicatorRow,
  indicatorSeries,
  PERIOD_KINDS,
  type PeriodKind,
} from '../../core/indicators';
import { type IndicateurRow, TABS } from '../../core/model';
import { fmtInt, fmtPct } from '../../core/report/format';
import { type Environment, EXIT, UsageError } from '../environment';
import { outputError } from '../output-error';
import { loadWorkbook, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import type { Command } from './command';

const OPTIONS = {
  ...SOURCE_OPTIONS,
  periode: { type: 'string' },
  depuis: { type: 'string' },
  sortie: { type: 'string' },
} as const;

/**
 * The rows as CSV, with the headers of the Indicateurs tab (the file can be pasted into it). No text
 * cell can run as a formula (formula.ts); `;` is quoted, for French Excel.
 */
export function indicatorsCsv(rows: readonly IndicateurRow[]): string {
  const columns = TABS.Indicateurs.columns;
  return stringify(
    [
      columns.map((c) => c.header),
      ...rows.map((r) => columns.map((c) => r[c.key as keyof IndicateurRow] ?? '')),
    ],
    { cast: { string: inertCell }, quoted_match: ';' },
  );
}

/** A terminal table: the main figures, one line per period. */
export function indicatorsTable(rows: readonly IndicateurRow[]): string {
  const head = [
    'Période',
    'Communes',
    'Perm. réalisées',
    'prévues',
    'annulées',
    'Personnes',
    'Accomp.',
    'Satisfaction (réponses)',
    'Relais actifs',
  ];
  const lines = rows.map((r) => [
    r.periode ?? '',
    fmtInt(r.communes_couvertes),
    fmtInt(r.permanences_realisees),
    fmtInt(r.permanences_prevues),
    fmtInt(r.permanences_annulees),
    fmtInt(r.personnes_recues),
    fmtInt(r.accompagnements),
    `${r.taux_satisfaction === null ? 'pas de taux' : fmtPct(r.taux_satisfaction)} (${fmtInt(r.reponses_satisfaction)})`,
    fmtInt(r.relais_actifs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(head), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

export const indicateurs: Command = {
  help: `Usage : maillage indicateurs [--periode semaine|mois|trimestre] [--depuis AAAA-MM-JJ] [--sortie fichier.csv|fichier.json] [source]

Calcule, à partir des onglets Permanences, Lieux et Relais, les indicateurs de chaque période,
de la première permanence à aujourd'hui : communes couvertes (par type d'offre), permanences
réalisées, prévues et annulées, personnes reçues, accompagnements, satisfaction, relais.
Ce sont les mêmes chiffres que l'onglet Indicateurs (semaine ISO) ; les définitions sont dans
le README et dans le rapport trimestriel.

Options :
  --periode <p>        semaine (défaut, comme l'onglet Indicateurs), mois ou trimestre
  --depuis AAAA-MM-JJ  première date prise en compte (défaut : la première permanence)
  --sortie <fichier>   écrit un fichier .csv (colonnes de l'onglet Indicateurs) ou .json
                       au lieu d'afficher le tableau

Seules les lignes sans erreur sont comptées : « maillage verifier » liste les autres.

${SOURCE_HELP}`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
    const kind = (values.periode ?? 'semaine') as PeriodKind;
    if (!PERIOD_KINDS.includes(kind)) {
      throw new UsageError(`--periode « ${values.periode} » : indiquez semaine, mois ou trimestre.`);
    }
    if (values.depuis !== undefined && !isIsoDate(values.depuis)) {
      throw new UsageError(
        `--depuis « ${values.depuis} » n'est pas une date réelle : écrivez la date AAAA-MM-JJ, par exemple 2026-09-01.`,
      );
    }
    const format = values.sortie ? extname(values.sortie).toLowerCase() : '';
    if (values.sortie && format !== '.csv' && format !== '.json') {
      throw new UsageError(`--sortie « ${values.sortie} » : le fichier doit finir par .csv ou .json.`);
    }
    const input = workbookInput(values, environment);
    environment.err(`Lecture du ${input.source.label}…`);
    const result = await loadWorkbook(input);
    const data = indicatorData(result.tables);
    const rows = indicatorSeries(data, kind, {
      today: input.today,
      ...(values.depuis === undefined ? {} : { from: values.depuis }),
    }).map(indicatorRow);
    const excluded = data.excluded.permanences + data.excluded.lieux + data.excluded.relais;
    if (excluded > 0) {
      environment.err(
        `Attention : ${excluded} ligne${excluded > 1 ? 's' : ''} avec des erreurs ne ${excluded > 1 ? 'sont' : 'est'} pas comptée${excluded > 1 ? 's' : ''} (« maillage verifier » les liste).`,
      );
    }
    if (values.sortie) {
      const path = resolve(environment.cwd, values.sortie);
      const content =
        format === '.csv'
          ? indicatorsCsv(rows)
          : `${JSON.stringify(
              {
                departement: input.territory.departement.code,
                periode: kind,
                donnees_au: input.today,
                lignes_ecartees: data.excluded,
                lignes: rows,
              },
              null,
              2,
            )}\n`;
      try {
        await writeAtomically(path, content);
      } catch (error) {
        throw outputError(error, path, 'le fichier') ?? error;
      }
      environment.out(
        `${rows.length} période${rows.length > 1 ? 's' : ''} écrite${rows.length > 1 ? 's' : ''} dans ${path}.`,
      );
      return EXIT.ok;
    }
    environment.out(indicatorsTable(rows));
    environment.out(`Données au ${input.today}. Satisfaction : taux (nombre de réponses).`);
    return EXIT.ok;
  },
};
