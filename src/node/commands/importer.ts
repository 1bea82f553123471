import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toIsoDateTime } from '../../core/cells';
import { inertCell } from '../../core/formula';
import { plural } from '../../core/french/numbers';
import {
  applyWrites,
  DECISIONS_TAB,
  importCounts,
  importLines,
  planImport,
  planWrites,
  readDecisions,
  readNationalFile,
  type TabWrites,
  withStatus,
  withUncertainPairs,
  writtenRowsLines,
} from '../../core/import';
import { headers, TABS } from '../../core/model';
import { matchHeaders, readTable } from '../../core/read-table';
import { findTab } from '../../core/workbook';
import { type Environment, EXIT, UsageError } from '../environment';
import { readNationalInput } from '../national-file';
import { outputError } from '../output-error';
import { SourceError } from '../sources';
import { DEFAULT_DEPARTEMENT } from '../territory';
import { workbookInput } from '../workbook-input';
import { cellEdits, writeCsvTabs } from '../write-back';
import { patchXlsx } from '../xlsx-patch';
import type { Command } from './command';

const OPTIONS = {
  dossier: { type: 'string' },
  fichier: { type: 'string' },
  classeur: { type: 'string' },
  departement: { type: 'string' },
  date: { type: 'string' },
  essai: { type: 'boolean' },
} as const;

/** The Journal's row for an import, in its header's order. */
function journalRow(header: readonly unknown[], values: Record<string, unknown>): unknown[] {
  const { columnIndex } = matchHeaders('Journal', header);
  const row: unknown[] = header.map(() => '');
  for (const [key, value] of Object.entries(values)) {
    const i = columnIndex[key];
    if (i !== undefined) row[i] = value;
  }
  return row;
}

export const importer: Command = {
  help: `Usage : maillage importer <fichier-national> --dossier <classeur/> | --fichier <classeur.xlsx> [--essai]

Ajoute à l'onglet Lieux les lieux d'un fichier au standard national des lieux de médiation
numérique (CSV v1.0.1, ou les mêmes lieux en JSON ou GeoJSON, tels que la cartographie nationale
les exporte). Un lieu déjà présent (même identifiant, même SIRET et même adresse, ou même nom et
même adresse — accents, majuscules, « St », « av. », « bd » ignorés — à moins de 100 m) n'est
jamais ajouté deux fois : seules ses cases vides sont remplies, et une valeur saisie par un
partenaire n'est jamais remplacée (les différences sont listées côte à côte). Les cas douteux sont
notés dans l'onglet Rapprochements pour que la coordination décide (« même lieu » ou « lieu
différent » dans sa colonne Décision : le prochain import suit la décision, sans redemander) ;
les lieux hors du département sont laissés de côté ; les doublons du fichier ne font qu'une
ligne. Chaque lieu passe les mêmes vérifications qu'une ligne saisie. Importer deux fois le même fichier n'ajoute rien la seconde fois. L'import est noté dans
l'onglet Journal ; les autres onglets (sauf Rapprochements) ne changent pas.

Options :
  --dossier <dossier>  le classeur en dossier de fichiers CSV (Lieux.csv, Journal.csv…)
  --fichier <x.xlsx>   le classeur téléchargé en .xlsx
  --essai              montre ce qui serait ajouté, complété, laissé tel quel ou incertain,
                       sans rien écrire
  --departement <code> code du département (défaut : MAILLAGE_DEPARTEMENT ou ${DEFAULT_DEPARTEMENT})

Pour un classeur Google Sheets : menu « Réseau numérique > Importer un fichier du standard
national… ».`,
  async run(argv: string[], environment: Environment): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    const [nationalPath, ...extra] = positionals;
    if (!nationalPath || extra.length > 0) {
      throw new UsageError(
        'Indiquez un seul fichier national : maillage importer fichier.csv --dossier classeur/.',
      );
    }
    if (values.classeur || (!values.dossier && !values.fichier)) {
      throw new UsageError(
        values.classeur
          ? 'L’import écrit dans un classeur local (--dossier ou --fichier) : pour un classeur Google Sheets, utilisez le menu « Réseau numérique > Importer un fichier du standard national… ».'
          : 'Indiquez le classeur où importer : --dossier <dossier de CSV> ou --fichier <classeur.xlsx>.',
      );
    }
    const input = workbookInput(values, environment);
    const path = resolve(environment.cwd, nationalPath);
    const national = await readNationalInput(path);
    const { workbook } = await input.source.read(['Lieux', 'Journal', DECISIONS_TAB]);
    const lieuxRows = findTab(workbook, 'Lieux');
    if (!lieuxRows) {
      throw new SourceError(
        `Onglet « Lieux » introuvable dans le ${input.source.label} : ajoutez-le (${values.dossier ? 'Lieux.csv' : 'une feuille Lieux'}) ou partez du modèle (sheets-templates/modele).`,
      );
    }
    const cells = [...lieuxRows].map((row) => [...row]);
    const ctx = { territory: input.territory, today: input.today };
    const lieux = readTable('Lieux', cells, ctx);
    const missing = TABS.Lieux.columns.filter(
      (c) => c.required && !c.computed && lieux.columnIndex[c.key] === undefined,
    );
    if (missing.length > 0) {
      throw new SourceError(
        `L’onglet « Lieux » du ${input.source.label} n’a pas les colonnes ${missing.map((c) => `« ${c.header} »`).join(', ')} : rétablissez leur nom avant d’importer.`,
      );
    }
    const file = readNationalFile(national, ctx);
    if (file.errors.length > 0) {
      for (const e of file.errors) environment.err(`Erreur : ${basename(path)} : ${e}`);
      return EXIT.source;
    }
    // The coordination's decisions on uncertain matches (Rapprochements): never asked twice.
    const pairsCells = [...(findTab(workbook, DECISIONS_TAB) ?? [])].map((row) => [...row]);
    const pairsTable = pairsCells.length > 0 ? readTable(DECISIONS_TAB, pairsCells, ctx) : undefined;
    const plan = planImport(file, lieux, {
      territory: input.territory,
      cells,
      decisions: readDecisions(pairsTable),
    });
    const pairsHeader = pairsCells[0]?.length ? pairsCells[0] : headers(DECISIONS_TAB);
    const pairs = withUncertainPairs(
      [pairsHeader, ...pairsCells.slice(1)],
      matchHeaders(DECISIONS_TAB, pairsHeader).columnIndex,
      pairsHeader.length,
      plan.uncertain,
      [],
      { at: '', by: '' },
    );
    environment.out(`Import de ${basename(path)} dans le ${input.source.label} :`);
    for (const line of importLines(file, plan)) environment.out(line);
    const counts = importCounts(plan);
    const lost = TABS.Lieux.columns.filter((c) => c.public && lieux.columnIndex[c.key] === undefined);
    if (lost.length > 0) {
      environment.err(
        `Attention : l’onglet Lieux n’a pas les colonnes ${lost.map((c) => `« ${c.header} »`).join(', ')} : ces valeurs ne sont pas importées.`,
      );
    }
    if (values.essai) {
      environment.out('Essai : rien n’a été écrit.');
      return EXIT.ok;
    }
    if (pairs.added > 0) {
      environment.out(
        `${plural(pairs.added, 'cas incertain noté', 'cas incertains notés')} dans l’onglet Rapprochements : écrivez « même lieu » ou « lieu différent » dans sa colonne « Décision », et le prochain import suivra votre décision.`,
      );
    }
    if (counts.added + counts.updated + pairs.added === 0) {
      environment.out('Rien à écrire : le classeur a déjà tout ce que le fichier apporte.');
      return EXIT.ok;
    }
    const writes = planWrites(plan, lieux.columnIndex, cells[0]?.length ?? 0);
    // Only what the import writes is made inert; the partners' cells keep their exact text.
    for (const w of writes.fills) if (typeof w.value === 'string') w.value = inertCell(w.value);
    for (const row of writes.rows) {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (typeof v === 'string') row[i] = inertCell(v);
      }
    }
    // Every written row checked as the tab will hold it: État and Problèmes as « Vérifier » writes them.
    const problems = withStatus(cells, writes, ctx);
    const journalCells = [...(findTab(workbook, 'Journal') ?? [])].map((row) => [...row]);
    const journalHeader = journalCells[0] ?? headers('Journal');
    const journal: TabWrites = {
      fills: [],
      rows: [
        journalRow(journalHeader, {
          horodatage: toIsoDateTime(environment.now())?.replace('T', ' ') ?? '',
          utilisateur: environment.env.USER ?? '',
          action: 'Import du standard national',
          lignes: counts.added + counts.updated,
          details: `${basename(path)} : ${counts.added} ajoutés, ${counts.updated} complétés, ${counts.leftAlone} déjà présents, ${counts.uncertain} incertains (${pairs.added} notés dans Rapprochements), ${counts.outside} hors du département, ${counts.duplicates} doublons fusionnés (maillage importer).`,
        }),
      ],
    };
    if (journalCells.length === 0) journal.rows.unshift([...journalHeader]);
    // New pairs below the tab's rows (the header too when the tab is empty or missing).
    const pairsWritten = pairs.cells.map((row) => row.map((v) => (typeof v === 'string' ? inertCell(v) : v)));
    const pairsTabWrites: TabWrites = {
      fills: [],
      rows: pairsWritten.slice(pairsCells.length === 0 ? 0 : pairsCells.length),
    };
    const target = resolve(environment.cwd, values.dossier ?? values.fichier!);
    try {
      if (values.dossier) {
        await writeCsvTabs(target, {
          Lieux: applyWrites(cells, writes),
          Journal: applyWrites(journalCells, journal),
          ...(pairs.added > 0 ? { [DECISIONS_TAB]: pairsWritten } : {}),
        });
      } else {
        await patchXlsx(target, {
          Lieux: cellEdits(cells, writes),
          Journal: cellEdits(journalCells, journal),
          [DECISIONS_TAB]: pairs.added > 0 ? cellEdits(pairsCells, pairsTabWrites) : [],
        });
      }
    } catch (error) {
      throw outputError(error, target, values.dossier ? 'dans le dossier' : 'le fichier') ?? error;
    }
    environment.out(
      `Écrit dans ${target} : ${counts.added} lieu${counts.added > 1 ? 'x' : ''} ajouté${counts.added > 1 ? 's' : ''}, ${counts.updated} complété${counts.updated > 1 ? 's' : ''} ; import noté dans le Journal.`,
    );
    if (!findTab(workbook, 'Journal')) {
      environment.out(
        values.dossier
          ? 'Le dossier n’avait pas de fichier Journal.csv : il est créé pour y noter l’import.'
          : 'Le classeur n’avait pas d’onglet Journal : il est ajouté pour y noter l’import.',
      );
    }
    for (const line of writtenRowsLines(problems)) environment.out(line);
    return EXIT.ok;
  },
};
