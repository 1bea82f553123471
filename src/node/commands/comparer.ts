import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  comparisonLines,
  comparisonRows,
  planImport,
  readDecisions,
  readNationalFile,
  todoCsv,
} from '../../core/import';
import { type Environment, EXIT, UsageError } from '../environment';
import { readNationalInput } from '../national-file';
import { outputError } from '../output-error';
import { loadWorkbook, SOURCE_HELP, SOURCE_OPTIONS, workbookInput } from '../workbook-input';
import { replaceFile } from '../write-back';
import type { Command } from './command';

export const DEFAULT_TODO_FILE = 'comparaison-carte-nationale.csv';

export const comparer: Command = {
  help: `Usage : maillage comparer <fichier-national> [source] [--sortie a-faire.csv]

Compare l'onglet Lieux avec un fichier au standard national (CSV v1.0.1, JSON ou GeoJSON, par
exemple l'export de la cartographie nationale pour le département) et liste, pour la
coordination :
  - les lieux du département que le fichier national a et que l'annuaire n'a pas ;
  - les lieux actifs de l'annuaire que le fichier national n'a pas ;
  - pour un même lieu, les valeurs qui diffèrent (et les cases vides de l'annuaire qu'il remplirait) ;
  - les lieux dont on ne sait pas s'il s'agit du même (à décider).
Un même lieu : même identifiant, même SIRET et même adresse, ou même nom et même adresse (accents,
majuscules, « St », « av. », « bd » ignorés), à moins de 100 m ; les décisions de la coordination
notées dans l'onglet Rapprochements sont suivies. Rien n'est écrit dans le classeur.

Affiche le résultat en clair et écrit la liste des choses à faire en CSV (une ligne par chose).

Options :
  --sortie <fichier.csv>  la liste à faire (défaut : ${DEFAULT_TODO_FILE})

${SOURCE_HELP}`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...SOURCE_OPTIONS, sortie: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const [nationalPath, ...extra] = positionals;
    if (!nationalPath || extra.length > 0) {
      throw new UsageError(
        'Indiquez un seul fichier national : maillage comparer fichier-national.csv [source].',
      );
    }
    const sortie = values.sortie ?? DEFAULT_TODO_FILE;
    if (!sortie.toLowerCase().endsWith('.csv'))
      throw new UsageError(`--sortie « ${sortie} » : le fichier doit finir par .csv.`);
    const input = workbookInput(values, environment);
    const path = resolve(environment.cwd, nationalPath);
    const national = await readNationalInput(path);
    environment.err(`Lecture du ${input.source.label}…`);
    const workbook = await loadWorkbook(input);
    const ctx = { territory: input.territory, today: input.today };
    const file = readNationalFile(national, ctx);
    if (file.errors.length > 0) {
      for (const e of file.errors) environment.err(`Erreur : ${basename(path)} : ${e}`);
      return EXIT.source;
    }
    const plan = planImport(file, workbook.tables.Lieux, {
      territory: input.territory,
      decisions: readDecisions(workbook.tables.Rapprochements),
    });
    environment.out(`Comparaison du ${input.source.label} avec ${basename(path)} :`);
    for (const line of comparisonLines(file, plan)) environment.out(line);
    const rows = comparisonRows(file, plan);
    const target = resolve(environment.cwd, sortie);
    try {
      await replaceFile(target, todoCsv(rows));
    } catch (error) {
      throw outputError(error, target, 'le fichier') ?? error;
    }
    environment.out(`Liste à faire écrite : ${target} (${rows.length} ligne${rows.length > 1 ? 's' : ''}).`);
    return EXIT.ok;
  },
};
