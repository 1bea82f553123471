/**
 * `rapport.json` and the French summary: what was read, what was published, every rejected row and
 * why (tab, row, column, message), every warning. The report is published beside the feeds, so a
 * message about a column the model keeps private is replaced by a neutral one (messages quote cell
 * values): `maillage verifier` shows the details to whoever has the workbook.
 */
import type { DiagnosticOutcome } from '../diagnostic/content';
import { plural } from '../french/numbers';
import { TABS, type TabName } from '../model';
import { formatProblem, type Problem } from '../problems';
import { setupHint } from '../read-context';
import type { WorkbookResult } from '../workbook';
import type { Catalogue, Notice } from './catalogue';
import { recommendedCsvName } from './standard-csv';

export const REPORT_FILE = 'rapport.json';

export interface ReportProblem {
  onglet: string;
  ligne: number;
  colonne: string;
  message: string;
}

export interface Report {
  genere_le: string;
  date: string;
  source: string;
  departement: { code: string; nom: string };
  /** Sample workbook only: how its permanence dates were moved to stay upcoming. */
  exemple?: { date_de_reference: string; decalage_jours: number };
  requetes_api_sheets: number;
  comptes: {
    onglets: Record<string, { lignes: number; publiables: number; rejetees: number }>;
    lieux_publies: number;
    arrets_publies: number;
    lieux_sur_la_carte: number;
    lignes_fichier_national: number;
    permanences_calendrier: number;
    avertissements: number;
  };
  rejets: { onglet: string; ligne: number; identifiant: string | null; problemes: ReportProblem[] }[];
  /** Problems of the tabs themselves (missing tab or column). */
  onglets: ReportProblem[];
  avertissements: ReportProblem[];
  /** The diagnostic kit: published from the tab, from the defaults, or kept as it was (errors). */
  diagnostic: {
    publie: boolean;
    source: 'onglet' | 'par défaut';
    questions: number;
    erreurs: ReportProblem[];
  };
  fichiers: string[];
  /** The name the standard recommends for the national file, when uploading it (data.gouv.fr). */
  nom_recommande_fichier_national: string;
}

const PRIVATE_MESSAGE = 'Valeur à corriger dans une colonne non publiée (détail : maillage verifier).';

function isPublicField(tab: TabName, field: string | undefined): boolean {
  if (field === undefined) return true;
  const col = TABS[tab]?.columns.find((c) => c.key === field);
  return col?.public === true;
}

/** A problem as published: messages about private columns do not quote their values. */
export function publicProblem(p: Problem): ReportProblem {
  return {
    onglet: p.tab,
    ligne: p.row,
    colonne: p.column,
    message: isPublicField(p.tab, p.field) ? p.message : PRIVATE_MESSAGE,
  };
}

function noticeProblem(n: Notice): ReportProblem {
  return { onglet: n.tab, ligne: n.row, colonne: '', message: n.message };
}

export interface ReportInput {
  workbook: WorkbookResult;
  catalogue: Catalogue;
  generatedAt: string;
  today: string;
  source: string;
  departement: { code: string; nom: string };
  requests: number;
  /** Features of lieux.geojson and rows of the standard file. */
  mapped: number;
  standardRows: number;
  files: string[];
  diagnostic: DiagnosticOutcome;
  sampleShift?: { reference: string; days: number } | undefined;
}

export function buildReport(input: ReportInput): Report {
  const { workbook, catalogue } = input;
  const onglets: Report['comptes']['onglets'] = {};
  for (const tab of ['Lieux', 'Permanences', 'Relais'] as const) {
    const rows = workbook.tables[tab].rows;
    const valid = rows.filter((r) => r.valid).length;
    onglets[tab] = { lignes: rows.length, publiables: valid, rejetees: rows.length - valid };
  }
  // Row 1 is the header row: problems there concern the tab itself.
  const tabProblems = workbook.problems.filter((p) => p.row === 1);
  const warnings = [
    ...workbook.problems.filter((p) => p.severity === 'avertissement' && p.row > 1).map(publicProblem),
    ...catalogue.notices.map(noticeProblem),
  ];
  const report: Report = {
    genere_le: input.generatedAt,
    date: input.today,
    source: input.source,
    departement: input.departement,
    requetes_api_sheets: input.requests,
    comptes: {
      onglets,
      lieux_publies: catalogue.places.length,
      arrets_publies: catalogue.stops.length,
      lieux_sur_la_carte: input.mapped,
      lignes_fichier_national: input.standardRows,
      permanences_calendrier: catalogue.permanences.length,
      avertissements: warnings.length,
    },
    rejets: catalogue.rejected.map((r) => ({
      onglet: r.tab,
      ligne: r.row,
      identifiant: isPublicField(r.tab as TabName, 'id') ? r.id : null,
      problemes: r.problems.map(publicProblem),
    })),
    onglets: tabProblems.map(publicProblem),
    avertissements: warnings,
    diagnostic: {
      publie: input.diagnostic.content !== null,
      source: input.diagnostic.fromDefaults ? 'par défaut' : 'onglet',
      questions: input.diagnostic.content?.questions.length ?? 0,
      erreurs: input.diagnostic.errors.map(publicProblem),
    },
    fichiers: input.files,
    nom_recommande_fichier_national: recommendedCsvName(
      input.today,
      catalogue.places.find((p) => p.record.source)?.record.source ?? 'maillage',
      input.departement.nom,
    ),
  };
  if (input.sampleShift) {
    return {
      ...report,
      exemple: { date_de_reference: input.sampleShift.reference, decalage_jours: input.sampleShift.days },
    };
  }
  return report;
}

/**
 * The French summary printed on stdout (for the operator, not published: it quotes every message in
 * full, as `maillage verifier` does).
 */
/** `hint`: how the user restores a tab (the caller's words: core names no menu). */
export function summaryLines(
  report: Report,
  workbook: WorkbookResult,
  maxRejected = 50,
  hint = setupHint({}),
): string[] {
  const c = report.comptes;
  const lines = [
    `Publié : ${plural(c.lieux_publies, 'lieu', 'lieux')}, ${plural(c.arrets_publies, 'arrêt du bus', 'arrêts du bus')} (${plural(c.lieux_sur_la_carte, 'point', 'points')} sur la carte, ${plural(c.lignes_fichier_national, 'ligne', 'lignes')} dans le fichier national), ${plural(c.permanences_calendrier, 'permanence', 'permanences')} dans le calendrier.`,
  ];
  const rejected = workbook.problems.filter(
    (p) => p.severity === 'erreur' && p.row > 1 && p.tab !== 'Diagnostic',
  );
  const rows = report.rejets.length;
  if (rows === 0) lines.push('Aucune ligne rejetée.');
  else {
    lines.push(`${plural(rows, 'ligne rejetée', 'lignes rejetées')} (non publiées) :`);
    for (const p of rejected.slice(0, maxRejected)) lines.push(`  ${formatProblem(p)}`);
    if (rejected.length > maxRejected)
      lines.push(`  … et ${rejected.length - maxRejected} autres problèmes (voir ${REPORT_FILE}).`);
  }
  for (const p of report.onglets) lines.push(`Attention — ${p.onglet} : ${p.message}`);
  lines.push(...diagnosticLines(report, workbook, hint));
  if (c.avertissements > 0)
    lines.push(`${plural(c.avertissements, 'avertissement', 'avertissements')} (voir ${REPORT_FILE}).`);
  return lines;
}

function diagnosticLines(report: Report, workbook: WorkbookResult, hint: string): string[] {
  const d = report.diagnostic;
  if (d.publie) {
    return [
      `Diagnostic publié : ${plural(d.questions, 'question', 'questions')}${d.source === 'par défaut' ? ` (kit par défaut : ${hint} pour créer l’onglet Diagnostic et l’adapter)` : ''}.`,
    ];
  }
  const errors = workbook.problems.filter((p) => p.tab === 'Diagnostic' && p.severity === 'erreur');
  return [
    `Diagnostic non republié : ${plural(errors.length, 'erreur', 'erreurs')} dans l’onglet Diagnostic ; la version publiée précédemment reste en ligne. Corrigez :`,
    ...errors.map((p) => `  ${formatProblem(p)}`),
  ];
}
