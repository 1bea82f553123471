/**
 * « Installer / mettre à niveau le classeur »: missing tabs and columns from the model (appended at
 * the right, never moving, renaming or deleting anything), header row styled, frozen and annotated
 * with the help texts, number formats, dropdowns from the vocabularies, conditional formatting that
 * shows the cells named in « Problèmes », warning-only protections of the columns Maillage fills, and
 * the Communes tab filled from the territory. Idempotent: a second run changes nothing.
 */
import { a1, columnLetter, runs } from '../../core/a1';
import { toText } from '../../core/cells';
import { defaultDiagnosticCells } from '../../core/diagnostic/defaults';
import { isToolColumn, planInstall, type TabPlan } from '../../core/installer-plan';
import { type ColumnDef, TAB_NAMES, TABS, type TabName, TYPOLOGIES } from '../../core/model';
import { appendRows, readAll, readHeader, type Sheet, type Spreadsheet } from '../adapters/spreadsheet';
import { territory } from '../env';
import { ETAT_KO, ETAT_OK } from './status';

export const HEADER_BACKGROUND = '#d9e2f3';
export const INVALID_BACKGROUND = '#f4cccc';
export const OK_BACKGROUND = '#d9ead3';
/** Present in every conditional format formula Maillage writes: how it recognises its own rules. */
export const RULE_MARKER = 'N("maillage")=0';
export const PROTECTION_PREFIX = 'Maillage : ';
const HEADER_PROTECTION =
  'Maillage : en-têtes (ne renommez pas les colonnes : Maillage les reconnaît par leur nom)';
const COLUMN_PROTECTION = 'Maillage : colonnes remplies par Maillage';
const TAB_PROTECTION = 'Maillage : onglet rempli par Maillage';

export interface Installation {
  plans: TabPlan[];
  sheets: Partial<Record<TabName, Sheet | null>>;
}

/** Reads what the installer needs to plan (header rows and widths), without writing. */
export function inspect(ss: Spreadsheet): Installation {
  const headers: Partial<Record<TabName, unknown[] | null>> = {};
  const lastColumns: Partial<Record<TabName, number>> = {};
  const sheets: Partial<Record<TabName, Sheet | null>> = {};
  for (const tab of TAB_NAMES) {
    const sheet = ss.getSheetByName(tab);
    sheets[tab] = sheet;
    if (sheet) {
      headers[tab] = readHeader(sheet);
      lastColumns[tab] = sheet.getLastColumn();
    } else headers[tab] = null;
  }
  return { plans: planInstall(headers, lastColumns), sheets };
}

function numberFormatOf(col: ColumnDef): string | null {
  switch (col.type) {
    case 'id':
    case 'pivot':
    case 'postcode':
    case 'postcodes':
    case 'insee':
    case 'phone':
      return '@';
    case 'date':
      return 'dd/mm/yyyy';
    case 'time':
      return 'hh:mm';
    case 'datetime':
      return 'dd/mm/yyyy hh:mm';
    default:
      return col.key === 'taux_satisfaction' ? '0%' : null;
  }
}

function helpOf(col: ColumnDef): string {
  if (col.key === 'typologie') {
    const labels = TYPOLOGIES.slice(0, 8)
      .map((t) => `${t.code} = ${t.label}`)
      .join(' ; ');
    return `${col.help} ${labels}…`;
  }
  return col.help;
}

function validationHelp(col: ColumnDef): string {
  return col.multiple
    ? `${col.help} Plusieurs valeurs possibles : séparez-les par | (la liste n’en propose qu’une à la fois).`
    : `${col.help} Choisissez dans la liste.`;
}

function sameList(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((v, i) => String(v) === b[i]);
}

/** Applies the plan; returns what changed, in French (empty when nothing did). */
export function applyInstall(ss: Spreadsheet, installation: Installation): string[] {
  const changes: string[] = [];
  const app = SpreadsheetApp;
  for (const plan of installation.plans) {
    const tab = plan.tab;
    const def = TABS[tab];
    let sheet = installation.sheets[tab] ?? null;
    if (!sheet) {
      sheet = ss.insertSheet(tab, ss.getNumSheets());
      changes.push(`Onglet « ${tab} » créé.`);
    }
    const width = plan.header.length;
    const maxColumns = sheet.getMaxColumns();
    if (maxColumns < width) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
    const appendedAt = plan.exists ? Math.min(...plan.appended.map((c) => plan.columnIndex[c.key]!)) : 0;
    if (plan.appended.length > 0) {
      const cells = plan.header.slice(appendedAt);
      sheet.getRange(1, appendedAt + 1, 1, cells.length).setValues([cells]);
      if (plan.exists) {
        changes.push(
          `Onglet « ${tab} » : ${plan.appended.length === 1 ? 'colonne ajoutée' : 'colonnes ajoutées'} ${plan.appended.map((c) => `« ${c.header} »`).join(', ')}.`,
        );
      }
      for (const col of plan.appended) {
        sheet.setColumnWidth(plan.columnIndex[col.key]! + 1, col.width ?? 140);
      }
    }
    const maxRows = sheet.getMaxRows();
    const columns = def.columns.map((col) => ({ col, c: plan.columnIndex[col.key]! + 1 }));

    // Header row: styled, frozen, help texts as notes (other notes kept).
    const headerA1s = runs(columns.map((x) => x.c)).map((run) => a1(1, run[0]!, 1, run.length));
    sheet.getRangeList(headerA1s).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
    if (sheet.getFrozenRows() !== 1) {
      sheet.setFrozenRows(1);
      changes.push(`Onglet « ${tab} » : ligne d’en-têtes figée.`);
    }
    const headerRange = sheet.getRange(1, 1, 1, width);
    const notes = headerRange.getNotes();
    const nextNotes = notes.map((row) => [...row]);
    for (const { col, c } of columns) nextNotes[0]![c - 1] = helpOf(col);
    if (JSON.stringify(notes) !== JSON.stringify(nextNotes)) {
      headerRange.setNotes(nextNotes);
      changes.push(`Onglet « ${tab} » : aide de chaque colonne en note sur son en-tête.`);
    }

    if (maxRows < 2) continue;
    // Number formats, one call per format.
    const byFormat = new Map<string, string[]>();
    for (const { col, c } of columns) {
      const format = numberFormatOf(col);
      if (!format) continue;
      const list = byFormat.get(format) ?? [];
      list.push(a1(2, c, maxRows - 1, 1));
      byFormat.set(format, list);
    }
    for (const [format, a1s] of byFormat) sheet.getRangeList(a1s).setNumberFormat(format);

    // Dropdowns from the vocabularies (a tab written by Maillage may have one column a person
    // chooses: the Décision of Rapprochements).
    let validations = 0;
    for (const { col, c } of columns) {
      if (!col.vocabulary || col.computed) continue;
      const range = sheet.getRange(2, c, maxRows - 1, 1);
      const current = range.getDataValidation();
      const help = validationHelp(col);
      if (
        current &&
        sameList(current.getCriteriaValues()[0], col.vocabulary) &&
        current.getAllowInvalid() === col.multiple &&
        current.getHelpText() === help
      ) {
        continue;
      }
      range.setDataValidation(
        app
          .newDataValidation()
          .requireValueInList([...col.vocabulary], true)
          .setAllowInvalid(col.multiple)
          .setHelpText(help)
          .build(),
      );
      validations++;
    }
    if (validations > 0) {
      changes.push(
        `Onglet « ${tab} » : ${validations} ${validations > 1 ? 'listes de choix posées' : 'liste de choix posée'}.`,
      );
    }

    if (!def.editable) {
      protectTab(sheet, changes, tab);
      continue;
    }

    conditionalFormats(sheet, plan, maxRows, changes);
    protectColumns(sheet, plan, maxRows, width, changes);
  }
  fillCommunes(installation, ss, changes);
  fillDiagnostic(installation, ss, changes);
  return changes;
}

function conditionalFormats(sheet: Sheet, plan: TabPlan, maxRows: number, changes: string[]): void {
  const etat = plan.columnIndex.etat;
  const problemes = plan.columnIndex.problemes;
  if (etat === undefined || problemes === undefined) return;
  const app = SpreadsheetApp;
  const etatRef = `$${columnLetter(etat + 1)}2`;
  const problemesRef = `$${columnLetter(problemes + 1)}2`;
  const wanted: { formula: string; a1: string; background: string }[] = [
    {
      formula: `=AND(${RULE_MARKER},${etatRef}="${ETAT_KO}")`,
      a1: a1(2, etat + 1, maxRows - 1, 1),
      background: INVALID_BACKGROUND,
    },
    {
      formula: `=AND(${RULE_MARKER},${etatRef}="${ETAT_OK}")`,
      a1: a1(2, etat + 1, maxRows - 1, 1),
      background: OK_BACKGROUND,
    },
  ];
  for (const col of TABS[plan.tab].columns) {
    if (isToolColumn(col) && col.key !== 'id') continue;
    const c = plan.columnIndex[col.key]! + 1;
    wanted.push({
      formula: `=AND(${RULE_MARKER},${etatRef}="${ETAT_KO}",ISNUMBER(FIND("« ${col.header} »",${problemesRef})))`,
      a1: a1(2, c, maxRows - 1, 1),
      background: INVALID_BACKGROUND,
    });
  }
  const existing = sheet.getConditionalFormatRules();
  const others: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  const ours: { formula: string; a1: string; background: string }[] = [];
  for (const rule of existing) {
    const condition = rule.getBooleanCondition();
    const formula = String(condition?.getCriteriaValues()[0] ?? '');
    if (!formula.includes(RULE_MARKER)) {
      others.push(rule);
      continue;
    }
    ours.push({
      formula,
      a1: rule
        .getRanges()
        .map((r) => r.getA1Notation())
        .join(','),
      background: (condition?.getBackground() ?? '').toLowerCase(),
    });
  }
  if (JSON.stringify(ours) === JSON.stringify(wanted)) return;
  const rules = wanted.map((w) =>
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied(w.formula)
      .setBackground(w.background)
      .setRanges([sheet.getRange(w.a1)])
      .build(),
  );
  sheet.setConditionalFormatRules([...others, ...rules]);
  changes.push(`Onglet « ${plan.tab} » : mise en couleur des cases à corriger.`);
}

interface WantedProtection {
  description: string;
  a1: string;
}

function protectColumns(
  sheet: Sheet,
  plan: TabPlan,
  maxRows: number,
  width: number,
  changes: string[],
): void {
  const toolColumns = TABS[plan.tab].columns.filter(isToolColumn).map((c) => plan.columnIndex[c.key]! + 1);
  const wanted: WantedProtection[] = [{ description: HEADER_PROTECTION, a1: a1(1, 1, 1, width) }];
  for (const run of runs(toolColumns)) {
    wanted.push({ description: COLUMN_PROTECTION, a1: a1(2, run[0]!, maxRows - 1, run.length) });
  }
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  const keep = new Set<number>();
  let changed = false;
  existing.forEach((p) => {
    const description = p.getDescription();
    if (description !== HEADER_PROTECTION && description !== COLUMN_PROTECTION) return;
    const range = p.getRange().getA1Notation();
    const k = wanted.findIndex((w, j) => !keep.has(j) && w.description === description && w.a1 === range);
    if (k >= 0 && p.isWarningOnly()) keep.add(k);
    else {
      p.remove();
      changed = true;
    }
  });
  wanted.forEach((w, j) => {
    if (keep.has(j)) return;
    sheet.getRange(w.a1).protect().setDescription(w.description).setWarningOnly(true);
    changed = true;
  });
  if (changed) {
    changes.push(
      `Onglet « ${plan.tab} » : en-têtes et colonnes remplies par Maillage protégées (simple avertissement).`,
    );
  }
}

function protectTab(sheet: Sheet, changes: string[], tab: TabName): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (existing && existing.getDescription() === TAB_PROTECTION && existing.isWarningOnly()) return;
  const p = existing ?? sheet.protect();
  p.setDescription(TAB_PROTECTION).setWarningOnly(true);
  changes.push(`Onglet « ${tab} » protégé (simple avertissement) : il est rempli par Maillage.`);
}

function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

/** Appends the communes of the territory missing from the Communes tab (existing rows untouched). */
function fillCommunes(installation: Installation, ss: Spreadsheet, changes: string[]): void {
  const plan = installation.plans.find((p) => p.tab === 'Communes')!;
  const sheet = ss.getSheetByName('Communes');
  if (!sheet) return;
  const cells = readAll(sheet);
  const codeCol = plan.columnIndex.code_insee!;
  const present = new Set(cells.slice(1).map((row) => toText(row[codeCol]).padStart(5, '0')));
  const width = plan.header.length;
  const rows: unknown[][] = [];
  for (const commune of territory().communes) {
    if (present.has(commune.code)) continue;
    const row: unknown[] = new Array(width).fill('');
    const put = (key: string, value: unknown) => {
      row[plan.columnIndex[key]!] = value;
    };
    put('code_insee', commune.code);
    put('nom', commune.nom);
    put('codes_postaux', commune.codesPostaux.join('|'));
    put('population', commune.population);
    put('epci', commune.epci?.nom ?? '');
    if (commune.point) {
      put('latitude', round5(commune.point[1]));
      put('longitude', round5(commune.point[0]));
    }
    rows.push(row);
  }
  if (rows.length === 0) return;
  appendRows(sheet, cells.length, rows);
  changes.push(
    `Onglet « Communes » : ${rows.length} commune${rows.length > 1 ? 's' : ''} ajoutée${rows.length > 1 ? 's' : ''}.`,
  );
}

/** A `Diagnostic` tab the installer has just created receives the default kit (one write). */
function fillDiagnostic(installation: Installation, ss: Spreadsheet, changes: string[]): void {
  const plan = installation.plans.find((p) => p.tab === 'Diagnostic')!;
  if (plan.exists) return;
  const sheet = ss.getSheetByName('Diagnostic');
  if (!sheet) return;
  const rows = defaultDiagnosticCells();
  sheet.getRange(2, 1, rows.length, rows[0]!.length).setValues(rows);
  changes.push(
    `Onglet « Diagnostic » : kit de diagnostic par défaut écrit (${rows.length} lignes : questions, réponses, profils, obstacles, textes), à adapter.`,
  );
}
