/** Options shared by the commands that read a workbook: where from, which département, which day. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDaysIso, isIsoDate } from '../core/calendar/civil';
import { dayIn, defaultZoneFor } from '../core/calendar/wall-clock';
import { TAB_NAMES } from '../core/model';
import { SAMPLE_REFERENCE_DATE, sampleShiftDays, shiftSampleDates } from '../core/publish/sample-dates';
import type { Territory } from '../core/territory';
import { readWorkbook, type WorkbookResult } from '../core/workbook';
import { type Environment, UsageError } from './environment';
import { csvFolderSource, sheetsApiSource, type WorkbookSource, xlsxFileSource } from './sources';
import { DEFAULT_DEPARTEMENT, departementSetting, loadTerritory } from './territory';

/** The bundled sample workbook, read when no source is given. */
export const SAMPLE_FOLDER = fileURLToPath(new URL('../../sheets-templates/exemple', import.meta.url));

export const SOURCE_OPTIONS = {
  classeur: { type: 'string' },
  dossier: { type: 'string' },
  fichier: { type: 'string' },
  departement: { type: 'string' },
  date: { type: 'string' },
} as const;

export const SOURCE_HELP = `Source (une seule) :
  --classeur <id>      classeur Google Sheets (ou variable MAILLAGE_CLASSEUR)
  --dossier <dossier>  un fichier CSV par onglet (Lieux.csv, Permanences.csv…)
  --fichier <x.xlsx>   le classeur téléchargé (Fichier > Télécharger > .xlsx)
  (aucune)             le classeur d'exemple fourni (sheets-templates/exemple)
Autres :
  --departement <code> code du département (défaut : MAILLAGE_DEPARTEMENT ou ${DEFAULT_DEPARTEMENT})
  --date AAAA-MM-JJ    le jour pris pour aujourd'hui (défaut : aujourd'hui)`;

export interface SourceArgs {
  classeur?: string | undefined;
  dossier?: string | undefined;
  fichier?: string | undefined;
  departement?: string | undefined;
  date?: string | undefined;
}

/** How the user restores a tab or a column: with the workbook's own menu (see src/gas/menu/installer.ts). */
export const SETUP_HINT =
  'lancez « Installer / mettre à niveau le classeur » (menu « Réseau numérique » du classeur)';

export interface WorkbookInput {
  source: WorkbookSource;
  isSample: boolean;
  territory: Territory;
  today: string;
}

export function workbookInput(args: SourceArgs, environment: Environment): WorkbookInput {
  const { env, cwd } = environment;
  const classeur = args.classeur ?? env.MAILLAGE_CLASSEUR;
  const chosen = [args.dossier, args.fichier, args.classeur].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Indiquez une seule source : --classeur, --dossier ou --fichier.');
  if (args.date !== undefined && !isIsoDate(args.date)) {
    throw new UsageError(
      `--date « ${args.date} » n'est pas une date réelle : écrivez la date AAAA-MM-JJ, par exemple 2026-11-28.`,
    );
  }
  const departement = departementSetting(env, args.departement);
  let territory: Territory;
  try {
    territory = loadTerritory(departement);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const today = args.date ?? dayIn(environment.now(), defaultZoneFor(territory.departement.code));
  let source: WorkbookSource;
  let isSample = false;
  if (args.dossier) source = csvFolderSource(resolve(cwd, args.dossier));
  else if (args.fichier) source = xlsxFileSource(resolve(cwd, args.fichier));
  else if (classeur) {
    source = sheetsApiSource({
      spreadsheetId: classeur,
      ...(env.MAILLAGE_API_SHEETS ? { rootUrl: env.MAILLAGE_API_SHEETS } : {}),
      ...(env.MAILLAGE_JETON ? { accessToken: env.MAILLAGE_JETON } : {}),
    });
  } else {
    source = csvFolderSource(SAMPLE_FOLDER);
    isSample = true;
  }
  return { source, isSample, territory, today };
}

export interface LoadedWorkbook extends WorkbookResult {
  requests: number;
  /** The sample only: its permanences moved by whole weeks so that some are always upcoming. */
  sampleShift?: { reference: string; days: number };
}

export async function loadWorkbook(input: WorkbookInput): Promise<LoadedWorkbook> {
  const { workbook, requests } = await input.source.read(TAB_NAMES);
  if (input.isSample) {
    // The sample's reference day lands on the last same weekday on or before today; it is read as of
    // that day, so its held and planned permanences stay consistent (see core/publish/sample-dates).
    const days = sampleShiftDays(input.today);
    const shifted = shiftSampleDates(workbook, days, input.territory.departement.code);
    const result = readWorkbook(shifted, {
      territory: input.territory,
      today: addDaysIso(SAMPLE_REFERENCE_DATE, days),
      setupHint: SETUP_HINT,
    });
    return { ...result, requests, sampleShift: { reference: SAMPLE_REFERENCE_DATE, days } };
  }
  // The raw cells are ours alone: let readTable drop each row once read (memory on large workbooks).
  const result = readWorkbook(workbook, {
    territory: input.territory,
    today: input.today,
    releaseRows: true,
    setupHint: SETUP_HINT,
  });
  return { ...result, requests };
}
