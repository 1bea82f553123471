/**
 * The `Diagnostic` tab -> the content the diagnostic page shows (`diagnostic.json`), with the checks
 * that involve several rows (an answer under an unknown question, an unknown obstacle code, a
 * profile threshold given twice...). Any error in the tab keeps the whole kit from being published:
 * a questionnaire with a hole in it would mislead, so the last good version stays online.
 */
import { columnOf, type DiagnosticRow, headers, type KeyOf } from '../model';
import type { Problem } from '../problems';
import type { ReadContext } from '../read-context';
import { type RowResult, readTable, type TableResult } from '../read-table';
import { DEFAULT_DIAGNOSTIC_ROWS, defaultDiagnosticCells } from './defaults';
import {
  type DiagnosticContent,
  type Obstacle,
  type Profil,
  type Question,
  TEXT_CODES,
  type TextCode,
} from './types';

export * from './types';

export const DIAGNOSTIC_FILE = 'diagnostic.json';

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_POINTS = 10;

type Key = KeyOf<'Diagnostic'>;

function list(values: readonly string[] | null | undefined): string[] {
  return values ? [...values] : [];
}

/** Sentences separated by `|` (commas belong to the sentences). */
function pipes(text: string | null): string[] {
  return (text ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Codes separated by `|`, commas, semicolons or spaces. */
function codes(text: string | null): string[] {
  return (text ?? '').split(/[|,;\s]+/).filter(Boolean);
}

/** Checks across the rows of the tab; adds each problem to its row (and to the tab's list). */
export function checkDiagnostic(table: TableResult<'Diagnostic'>): void {
  const add = (row: RowResult<'Diagnostic'>, key: Key | null, message: string, warn = false) => {
    const col = key ? columnOf('Diagnostic', key) : null;
    const p: Problem = {
      tab: 'Diagnostic',
      row: row.row,
      column: col?.header ?? '',
      ...(col ? { field: col.key } : {}),
      message,
      severity: warn ? 'avertissement' : 'erreur',
    };
    row.problems.push(p);
    if (!warn) row.valid = false;
  };
  const rows = table.rows;
  const obstacleCodes = new Set(
    rows.filter((r) => r.record.element === 'obstacle' && r.record.code).map((r) => r.record.code!),
  );
  const seen = new Map<string, number>();
  const questions = new Map<string, { row: RowResult<'Diagnostic'>; answers: number }>();
  const thresholds = new Map<number, number>();
  for (const row of rows) {
    const r = row.record;
    if (!r.element || !r.code) continue;
    if (!CODE.test(r.code)) {
      add(
        row,
        'code',
        `Code « ${r.code} » : lettres minuscules sans accent, chiffres et tirets seulement (par exemple pas-d-ordinateur).`,
      );
    }
    const scope = r.element === 'réponse' ? `réponse:${r.question ?? ''}` : r.element;
    const first = seen.get(`${scope}:${r.code}`);
    if (first !== undefined) {
      add(row, 'code', `Code « ${r.code} » déjà utilisé ligne ${first} : choisissez-en un autre.`);
    } else seen.set(`${scope}:${r.code}`, row.row);

    switch (r.element) {
      case 'question':
        questions.set(r.code, { row, answers: 0 });
        break;
      case 'réponse': {
        const q = r.question ? questions.get(r.question) : undefined;
        if (!r.question) {
          add(row, 'question', 'Indiquez le code de la question à laquelle cette réponse appartient.');
        } else if (!q) {
          add(
            row,
            'question',
            `Aucune question « ${r.question} » plus haut dans l’onglet : écrivez le code d’une question placée au-dessus de cette réponse.`,
          );
        } else q.answers++;
        if (r.points !== null && (r.points < 0 || r.points > MAX_POINTS)) {
          add(row, 'points', `Points d’une réponse : de 0 à ${MAX_POINTS}.`);
        }
        const unknown = codes(r.obstacles).filter((code) => !obstacleCodes.has(code));
        if (unknown.length > 0) {
          add(
            row,
            'obstacles',
            `Obstacle${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} : ${unknown.join(', ')}. Écrivez le code d’une ligne « obstacle » (${[...obstacleCodes].join(', ')}).`,
          );
        }
        break;
      }
      case 'profil': {
        if (r.points === null) {
          add(
            row,
            'points',
            'Indiquez le total de points à partir duquel ce profil s’applique (0 pour le premier).',
          );
          break;
        }
        const same = thresholds.get(r.points);
        if (same !== undefined) {
          add(
            row,
            'points',
            `Le profil de la ligne ${same} commence déjà à ${r.points} points : choisissez un autre total.`,
          );
        } else thresholds.set(r.points, row.row);
        if (!r.precision)
          add(row, 'precision', 'Écrivez ce qu’il faut proposer à une personne de ce profil.');
        break;
      }
      case 'obstacle':
        if (!r.arguments)
          add(row, 'arguments', 'Écrivez au moins un argument pour convaincre la personne.', true);
        break;
      case 'texte':
        if (!(r.code in TEXT_CODES)) {
          add(
            row,
            'code',
            `Texte « ${r.code} » inconnu de la page : les textes sont ${Object.keys(TEXT_CODES).join(', ')}.`,
          );
        }
        break;
    }
  }
  for (const { row, answers } of questions.values()) {
    if (answers < 2) {
      add(
        row,
        'texte',
        `La question « ${row.record.code} » a ${answers === 0 ? 'aucune réponse' : 'une seule réponse'} : ajoutez en dessous au moins deux lignes « réponse » dont la colonne Question vaut ${row.record.code}.`,
      );
    }
  }
  const firstProfile = rows.find((r) => r.record.element === 'profil');
  const firstRow = rows[0];
  if (questions.size === 0 && firstRow) {
    add(
      firstRow,
      'element',
      'Le diagnostic n’a aucune question : ajoutez des lignes « question » et leurs réponses.',
    );
  }
  if (!firstProfile && firstRow) {
    add(
      firstRow,
      'element',
      'Le diagnostic n’a aucun profil : ajoutez au moins une ligne « profil » à 0 point.',
    );
  } else if (firstProfile && !thresholds.has(0)) {
    add(firstProfile, 'points', 'Un profil doit commencer à 0 point, pour que chaque personne en ait un.');
  }
  table.problems = [...table.problems.filter((p) => p.row === 1), ...rows.flatMap((r) => r.problems)];
}

/**
 * The content of a checked tab, or null when the tab holds an error (nothing to publish: the last
 * good version stays). A missing text takes its default wording.
 */
export function diagnosticContent(table: TableResult<'Diagnostic'>): DiagnosticContent | null {
  if (table.problems.some((p) => p.severity === 'erreur')) return null;
  return contentOf(table.rows.map((r) => r.record));
}

function contentOf(records: readonly DiagnosticRow[]): DiagnosticContent {
  const textes = Object.fromEntries(
    DEFAULT_DIAGNOSTIC_ROWS.filter((r) => r.element === 'texte').map((r) => [r.code, String(r.texte)]),
  ) as Record<TextCode, string>;
  const questions: Question[] = [];
  const profils: Profil[] = [];
  const obstacles: Obstacle[] = [];
  for (const r of records) {
    const code = r.code ?? '';
    const texte = r.texte ?? '';
    switch (r.element) {
      case 'texte':
        textes[code as TextCode] = texte;
        break;
      case 'question':
        questions.push({
          code,
          texte,
          precision: r.precision ?? '',
          multiple: r.choix === 'plusieurs réponses',
          reponses: [],
        });
        break;
      case 'réponse':
        questions
          .find((q) => q.code === r.question)
          ?.reponses.push({
            code,
            texte,
            points: r.points ?? 0,
            obstacles: codes(r.obstacles),
            services: list(r.services),
            publics_specifiquement_adresses: list(r.publics_specifiquement_adresses),
            prise_en_charge_specifique: list(r.prise_en_charge_specifique),
          });
        break;
      case 'profil':
        profils.push({
          code,
          texte,
          precision: r.precision ?? '',
          prochaine_etape: r.prochaine_etape ?? '',
          points: r.points ?? 0,
          services: list(r.services),
          modalites_accompagnement: list(r.modalites_accompagnement),
        });
        break;
      case 'obstacle':
        obstacles.push({
          code,
          texte,
          precision: r.precision ?? '',
          arguments: pipes(r.arguments),
          prochaine_etape: r.prochaine_etape ?? '',
          pass_numerique: r.pass_numerique === true,
          services: list(r.services),
          modalites_accompagnement: list(r.modalites_accompagnement),
          publics_specifiquement_adresses: list(r.publics_specifiquement_adresses),
          prise_en_charge_specifique: list(r.prise_en_charge_specifique),
          frais_a_charge: list(r.frais_a_charge),
        });
        break;
    }
  }
  profils.sort((a, b) => a.points - b.points);
  return { textes, questions, profils, obstacles };
}

export interface DiagnosticOutcome {
  /** What to publish; null: the tab holds errors, the last good version stays. */
  content: DiagnosticContent | null;
  /** The workbook has no `Diagnostic` tab yet: the default kit is published. */
  fromDefaults: boolean;
  /** The tab's errors (why nothing is published). */
  errors: Problem[];
}

/** The default kit, read through the same checks as a coordinator's tab. */
export function defaultDiagnosticTable(ctx: ReadContext): TableResult<'Diagnostic'> {
  const table = readTable('Diagnostic', [headers('Diagnostic'), ...defaultDiagnosticCells()], ctx);
  checkDiagnostic(table);
  return table;
}

/** What `publier` does with the workbook's `Diagnostic` tab (checked by readWorkbook). */
export function publishedDiagnostic(table: TableResult<'Diagnostic'>, ctx: ReadContext): DiagnosticOutcome {
  const missing = table.rows.length === 0 && Object.keys(table.columnIndex).length === 0;
  if (missing)
    return { content: diagnosticContent(defaultDiagnosticTable(ctx)), fromDefaults: true, errors: [] };
  const errors = table.problems.filter((p) => p.severity === 'erreur');
  return { content: diagnosticContent(table), fromDefaults: false, errors };
}
