/**
 * « Modifier la fiche sélectionnée »: the sidebar form of one place (or a new one). The form is built
 * from the model (groups, help texts, vocabularies); what it sends is checked with the core before
 * saving (same checks as everywhere: zod schema of the record, then the row checks), and saved by
 * writing only the cells the person changed and Maillage's own cells, in as few writes as possible.
 */
import { isBlank, splitMulti, toBoolean, toIsoDate, toNumber, toText } from '../../core/cells';
import { readCell } from '../../core/fields';
import { capitalize, JOURS } from '../../core/french/dates';
import { frenchPhone } from '../../core/french/phone';
import { isToolColumn } from '../../core/installer-plan';
import { type ColumnDef, TABS, TYPOLOGIES } from '../../core/model';
import { readTable } from '../../core/read-table';
import {
  type Cells,
  readAll,
  readHeader,
  type Sheet,
  type Spreadsheet,
  safeText,
} from '../adapters/spreadsheet';
import { midnight, readContext, timeZone } from '../env';
import { MaillageError } from '../errors';
import { missingTabMessage } from '../messages';
import { describeHours, type HoursDescription } from './hours-text';
import { hasContent, type Layout, layoutOf, TRACKING_KEYS, updateRows } from './rows';
import { problemLine } from './status';

export type FieldKind =
  | 'texte'
  | 'paragraphe'
  | 'courriel'
  | 'telephone'
  | 'web'
  | 'date'
  | 'nombre'
  | 'liste'
  | 'cases'
  | 'horaires'
  | 'oui-non'
  | 'lecture';

export interface FicheField {
  key: string;
  label: string;
  help: string;
  kind: FieldKind;
  required: boolean;
  options: { value: string; label: string }[];
  maxLength: number | null;
}

export interface FicheGroup {
  title: string;
  fields: FicheField[];
}

export type FicheValues = Record<string, string | string[]>;

export interface FicheData {
  /** Sheet row of the place, null for a new place. */
  row: number | null;
  id: string | null;
  values: FicheValues;
  groups: FicheGroup[];
  check: FicheCheck;
  /** Day names, Monday first, for the hours helper's grid. */
  jours: string[];
}

export interface FicheCheck {
  /** Problems by field key (French). */
  fields: Record<string, string[]>;
  /** Problems of the whole row. */
  row: string[];
  etat: 'OK' | 'À corriger';
  horaires: HoursDescription | null;
}

/** The columns of Lieux, as plain column definitions. */
const LIEUX: readonly ColumnDef[] = TABS.Lieux.columns;

const GROUPS: { title: string; keys: string[] }[] = [
  { title: 'Le lieu', keys: ['nom', 'statut', 'typologie', 'structure_parente', 'pivot', 'itinerance'] },
  {
    title: 'Adresse',
    keys: ['adresse', 'complement_adresse', 'code_postal', 'commune', 'code_insee', 'latitude', 'longitude'],
  },
  {
    title: 'Pour joindre le lieu',
    keys: ['telephone', 'courriels', 'site_web', 'prise_rdv', 'fiche_acces_libre'],
  },
  { title: 'Horaires', keys: ['horaires'] },
  { title: 'Présentation', keys: ['presentation_resume', 'presentation_detail'] },
  {
    title: 'Services et publics',
    keys: [
      'services',
      'publics_specifiquement_adresses',
      'prise_en_charge_specifique',
      'frais_a_charge',
      'modalites_acces',
      'modalites_accompagnement',
    ],
  },
  {
    title: 'Labels et dispositifs',
    keys: [
      'dispositif_programmes_nationaux',
      'formations_labels',
      'autres_formations_labels',
      'pass_numerique',
      'charte_signee_le',
    ],
  },
  {
    title: 'Pour le réseau (non publié)',
    keys: ['referent_nom', 'referent_courriel', 'referent_telephone', 'editeurs', 'source'],
  },
  { title: 'Suivi', keys: ['id', 'date_maj'] },
];

function kindOf(col: ColumnDef): FieldKind {
  if (isToolColumn(col) || col.key === 'date_maj') return 'lecture';
  if (col.vocabulary) return col.multiple ? 'cases' : 'liste';
  switch (col.type) {
    case 'email':
    case 'emails':
      return 'courriel';
    case 'phone':
      return 'telephone';
    case 'url':
    case 'urls':
      return 'web';
    case 'date':
      return 'date';
    case 'latitude':
    case 'longitude':
    case 'integer':
    case 'number':
      return 'nombre';
    case 'boolean':
      return 'oui-non';
    case 'horaires':
      return 'horaires';
    default:
      return col.key.startsWith('presentation') ? 'paragraphe' : 'texte';
  }
}

function optionsOf(col: ColumnDef): { value: string; label: string }[] {
  if (col.key === 'typologie')
    return TYPOLOGIES.map((t) => ({ value: t.code, label: `${t.label} (${t.code})` }));
  return (col.vocabulary ?? []).map((v) => ({ value: v, label: v }));
}

function fieldOf(col: ColumnDef): FicheField {
  return {
    key: col.key,
    label: col.header,
    help: col.help,
    kind: kindOf(col),
    required: col.required,
    options: optionsOf(col),
    maxLength: col.maxLength ?? null,
  };
}

/** The form of Lieux, from the model: every column not computed appears once. */
export function ficheGroups(): FicheGroup[] {
  const columns = LIEUX.filter((c) => !c.computed);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const placed = new Set<string>();
  const groups = GROUPS.map((g) => ({
    title: g.title,
    fields: g.keys
      .map((k) => byKey.get(k))
      .filter((c): c is ColumnDef => c !== undefined)
      .map((c) => {
        placed.add(c.key);
        return fieldOf(c);
      }),
  }));
  const others = columns.filter((c) => !placed.has(c.key)).map(fieldOf);
  if (others.length > 0)
    groups.splice(groups.length - 1, 0, { title: 'Autres informations', fields: others });
  return groups.filter((g) => g.fields.length > 0);
}

/** A cell as the form shows it. */
export function displayValue(col: ColumnDef, raw: unknown): string | string[] {
  if (isBlank(raw)) return col.multiple ? [] : '';
  if (col.multiple) return splitMulti(toText(raw, timeZone()));
  if (col.type === 'date' || col.type === 'datetime')
    return toIsoDate(raw, timeZone()) ?? toText(raw, timeZone());
  if (col.type === 'boolean') {
    const b = toBoolean(raw);
    return b === null ? toText(raw) : b ? 'oui' : 'non';
  }
  if (col.type === 'phone') {
    // Sheets turns 05 36 49 10 74 into 536491074: shown as people write it.
    return frenchPhone(raw)?.text ?? toText(raw);
  }
  if (['postcode', 'insee', 'pivot'].includes(col.type)) {
    const cell = readCell(col, raw);
    return cell.message || typeof cell.value !== 'string' ? toText(raw) : cell.value;
  }
  return toText(raw, timeZone());
}

/** A value of the form as the cell receives it. */
export function cellValue(col: ColumnDef, value: string | string[] | undefined): unknown {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    const parts = [...new Set(value.map((v) => v.trim()).filter(Boolean))];
    return safeText(parts.join('|'));
  }
  const text = value.trim();
  if (!text) return '';
  if (col.type === 'date') {
    const iso = toIsoDate(text);
    return iso ? midnight(iso) : safeText(text);
  }
  if (col.type === 'boolean') {
    const b = toBoolean(text);
    return b === null ? safeText(text) : b;
  }
  if (['latitude', 'longitude', 'integer', 'number'].includes(col.type)) {
    const n = toNumber(text);
    return n === null ? safeText(text) : n;
  }
  // Identifiers typed as text keep their leading zeros (the installer formats these columns as text).
  return safeText(text);
}

/** The fields of a form: one text (50,000 characters at most) or list (500 texts of 5,000) each. */
type FormValues = Record<string, string | string[]>;

export interface FichePayload {
  row: number | null;
  id: string | null;
  values: FormValues;
  /**
   * The values the form showed when it was opened (or last saved): a field whose value is still the
   * same was not changed by the person, and its cell is left as it is now. Absent (a form opened
   * before this field existed): the values are compared with the cells as the form shows them now.
   */
  initial?: FormValues;
}

/** A plain object (whatever realm made it: google.script.run's, a test's). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]';
}

function isFormValues(value: unknown): value is FormValues {
  if (!isPlainObject(value)) return false;
  return Object.values(value).every((v) =>
    typeof v === 'string'
      ? v.length <= 50_000
      : Array.isArray(v) && v.length <= 500 && v.every((x) => typeof x === 'string' && x.length <= 5_000),
  );
}

/**
 * Checks what the sidebar sends (plain checks: a schema library would weigh more than the form
 * itself in a bundle every execution loads); throws a French message when it is not a form of Maillage.
 */
export function parsePayload(input: unknown): FichePayload {
  const ok =
    isPlainObject(input) &&
    (input.row === null || (Number.isSafeInteger(input.row) && (input.row as number) >= 2)) &&
    (input.id === null || typeof input.id === 'string') &&
    isFormValues(input.values) &&
    (input.initial === undefined || isFormValues(input.initial));
  if (!ok) throw new MaillageError('Le formulaire envoyé est illisible : fermez-le et rouvrez-le.');
  const payload: FichePayload = {
    row: input.row as number | null,
    id: input.id as string | null,
    values: { ...(input.values as FormValues) },
    ...(input.initial === undefined ? {} : { initial: { ...(input.initial as FormValues) } }),
  };
  const known = new Set(LIEUX.map((c) => c.key));
  for (const key of [...Object.keys(payload.values), ...Object.keys(payload.initial ?? {})]) {
    if (!known.has(key)) throw new MaillageError(`Champ inconnu dans le formulaire : ${key}.`);
  }
  return payload;
}

/** The row of cells the form would write over `base` (tool columns left to Maillage). */
export function rowFromForm(
  header: readonly unknown[],
  base: readonly unknown[],
  values: FicheValues,
): unknown[] {
  const layout = layoutOf('Lieux', header);
  const row = [...base];
  while (row.length < layout.width) row.push('');
  for (const col of LIEUX) {
    const c = layout.index[col.key];
    if (c === undefined || kindOf(col) === 'lecture' || !(col.key in values)) continue;
    row[c] = cellValue(col, values[col.key]);
  }
  return row;
}

/** Whether two cell values are the same (blanks alike, dates by their time). */
function sameCell(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** Whether two values of a field say the same (a list in another order says the same). */
function sameFormValue(
  col: ColumnDef,
  a: string | string[] | undefined,
  b: string | string[] | undefined,
): boolean {
  if (col.multiple) {
    const set = (v: string | string[] | undefined) =>
      [...new Set((Array.isArray(v) ? v : splitMulti(v ?? '')).map((x) => x.trim()).filter(Boolean))]
        .sort()
        .join('|');
    return set(a) === set(b);
  }
  return sameCell(cellValue(col, a), cellValue(col, b));
}

/**
 * The cells the form changes on `base` (0-based column -> value): the fields it covers whose value
 * the person changed (against `initial`, what the form showed, or else the cell as the form shows
 * it) and whose cell does not already hold the new value. Any other cell (a formula, a value typed
 * by someone else since) is left alone.
 */
export function changedFormCells(
  header: readonly unknown[],
  base: readonly unknown[],
  values: FicheValues,
  initial?: FicheValues,
): Map<number, unknown> {
  const layout = layoutOf('Lieux', header);
  const out = new Map<number, unknown>();
  for (const col of LIEUX) {
    const c = layout.index[col.key];
    if (c === undefined || kindOf(col) === 'lecture' || !(col.key in values)) continue;
    const next = cellValue(col, values[col.key]);
    const shown = initial && col.key in initial ? initial[col.key] : displayValue(col, base[c]);
    if (sameFormValue(col, shown, values[col.key])) continue;
    if (sameCell(base[c] ?? '', next)) continue;
    out.set(c, next);
  }
  return out;
}

export interface RowRun {
  /** 0-based first column. */
  column: number;
  values: unknown[];
}

/**
 * The writes on one row, as few runs of contiguous cells as possible: two cells to write are joined
 * by one write only when every cell between them is of Maillage's tracking block (written back with
 * the value just read); a partner's cell is never written unless it changes.
 */
export function writeRuns(layout: Layout, row: readonly unknown[], writes: Map<number, unknown>): RowRun[] {
  const filler = new Set(
    TRACKING_KEYS.map((k) => layout.index[k]).filter((i): i is number => i !== undefined),
  );
  const runs: { first: number; last: number }[] = [];
  for (const c of [...writes.keys()].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    let joined = last !== undefined;
    for (let k = (last?.last ?? c) + 1; joined && k < c; k++) joined = filler.has(k);
    if (last && joined) last.last = c;
    else runs.push({ first: c, last: c });
  }
  return runs.map(({ first, last }) => {
    const values: unknown[] = [];
    for (let c = first; c <= last; c++) values.push(writes.has(c) ? writes.get(c) : (row[c] ?? ''));
    return { column: first, values };
  });
}

/** The checks of the core on one row, by field: the zod schema of the record, then the row checks. */
export function checkRow(
  header: readonly unknown[],
  row: readonly unknown[],
  sheetRow: number,
  values: FicheValues,
): FicheCheck {
  const ctx = readContext();
  const layout = layoutOf('Lieux', header);
  const fields: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    const list = fields[key] ?? [];
    if (!list.includes(message)) list.push(message);
    fields[key] = list;
  };
  // Each field by the same per-cell rules as readTable (readCell).
  for (const col of LIEUX) {
    if (col.computed || kindOf(col) === 'lecture') continue;
    const c = layout.index[col.key];
    const cell = readCell(col, c === undefined ? undefined : row[c], ctx);
    if (cell.message) add(col.key, cell.message);
  }
  // Row checks (commune and postcode agree, coordinates inside the département…).
  const cells: (readonly unknown[])[] = new Array(sheetRow);
  cells[0] = header;
  cells[sheetRow - 1] = row;
  const table = readTable('Lieux', cells, ctx);
  const result = table.rows[0];
  const rowProblems: string[] = [];
  let errors = false;
  for (const p of result?.problems ?? []) {
    if (p.field === 'id') continue; // Maillage gives the id on save.
    if (p.severity === 'erreur') errors = true;
    if (p.field && p.field in values) add(p.field, problemLine({ ...p, column: '' }));
    else rowProblems.push(problemLine(p));
  }
  const horaires =
    typeof values.horaires === 'string'
      ? describeHours(values.horaires, ctx.today ?? '', ctx.territory.departement.code)
      : null;
  return { fields, row: rowProblems, etat: errors ? 'À corriger' : 'OK', horaires };
}

function lieux(ss: Spreadsheet): Sheet {
  const sheet = ss.getSheetByName('Lieux');
  if (!sheet) throw new MaillageError(missingTabMessage('Lieux', false));
  return sheet;
}

/** The form for the selected row of Lieux, or for a new place. */
export function ficheData(ss: Spreadsheet): FicheData {
  const active = ss.getActiveSheet();
  const sheet = lieux(ss);
  const header = readHeader(sheet);
  const layout = layoutOf('Lieux', header);
  let row: number | null = null;
  let cells: unknown[] = [];
  if (active.getName().trim().toLowerCase() === 'lieux') {
    const selected = ss.getActiveRange()?.getRow() ?? 0;
    if (selected >= 2 && layout.width > 0) {
      const read = sheet.getSheetValues(selected, 1, 1, layout.width)[0] ?? [];
      if (hasContent(layout, read)) {
        row = selected;
        cells = read;
      }
    }
  }
  const values: FicheValues = {};
  for (const col of LIEUX) {
    if (col.computed) continue;
    const c = layout.index[col.key];
    values[col.key] = displayValue(col, c === undefined ? '' : cells[c]);
  }
  const id = layout.index.id === undefined ? null : toText(cells[layout.index.id]) || null;
  const check = row === null ? emptyCheck() : checkRow(header, cells, row, values);
  return { row, id, values, groups: ficheGroups(), check, jours: JOURS.map(capitalize) };
}

function emptyCheck(): FicheCheck {
  return { fields: {}, row: [], etat: 'OK', horaires: null };
}

/** Checks the form without saving. */
export function ficheCheck(ss: Spreadsheet, input: unknown): FicheCheck {
  const payload = parsePayload(input);
  const sheet = lieux(ss);
  const header = readHeader(sheet);
  const row = rowFromForm(header, [], payload.values);
  return checkRow(header, row, payload.row ?? 2, payload.values);
}

export interface FicheSaved {
  row: number;
  id: string;
  created: boolean;
  check: FicheCheck;
}

/**
 * Saves the form (call under the lock): the place is found again by its id, then only the cells the
 * person changed are written, with Maillage's own (id of a new place, date_maj, État, Problèmes,
 * Dernière modification, Modifié par): one write per run of contiguous cells. A cell the form did not
 * change (a formula, a value someone typed since the form was opened) is left as it is.
 */
export function ficheSave(ss: Spreadsheet, input: unknown, editor: string | null, now: Date): FicheSaved {
  const payload = parsePayload(input);
  const sheet = lieux(ss);
  const cells: Cells = readAll(sheet);
  const header = cells[0] ?? [];
  const layout = layoutOf('Lieux', header);
  if (layout.width === 0)
    throw new MaillageError('L’onglet « Lieux » n’a pas d’en-têtes : lancez « Installer ».');
  const idCol = layout.index.id;
  let sheetRow: number;
  let created = false;
  if (payload.id) {
    const index =
      idCol === undefined ? -1 : cells.findIndex((r, i) => i > 0 && toText(r[idCol]) === payload.id);
    if (index < 0) {
      throw new MaillageError(
        `La fiche « ${payload.id} » n’est plus dans l’onglet Lieux (ligne supprimée ou identifiant modifié) : rien n’a été enregistré.`,
      );
    }
    sheetRow = index + 1;
  } else if (
    payload.row !== null &&
    payload.row <= cells.length &&
    !hasContent(layout, cells[payload.row - 1] ?? [])
  ) {
    sheetRow = payload.row;
    created = true;
  } else {
    sheetRow = cells.length + 1;
    created = true;
  }
  const base = cells[sheetRow - 1] ?? [];
  const formCells = changedFormCells(header, base, payload.values, payload.initial);
  const row = [...base];
  while (row.length < layout.width) row.push('');
  for (const [c, v] of formCells) row[c] = v;
  const { changes } = updateRows(layout, header, [row], {
    firstRow: sheetRow,
    stamp: true,
    editor,
    now,
    ctx: readContext(now),
    dateCell: midnight,
    knownIds: idCol === undefined ? [] : cells.slice(1).map((r) => toText(r[idCol])),
  });
  const writes = new Map(formCells);
  for (const [c, v] of changes[0]!) {
    row[c] = v;
    writes.set(c, v);
  }
  const maxRows = sheet.getMaxRows();
  if (maxRows < sheetRow) sheet.insertRowsAfter(maxRows, sheetRow - maxRows);
  for (const run of writeRuns(layout, row, writes)) {
    sheet.getRange(sheetRow, run.column + 1, 1, run.values.length).setValues([run.values.map(safeText)]);
  }
  const id = idCol === undefined ? '' : toText(row[idCol]);
  return { row: sheetRow, id, created, check: checkRow(header, row, sheetRow, payload.values) };
}
