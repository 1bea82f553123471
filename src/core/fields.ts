/**
 * One column's cell -> typed value, with a French message when the cell is not acceptable.
 * Plain functions (fast on 100,000 rows); the zod schemas in schemas.ts wrap these same functions.
 */
import { DEFAULT_TIME_ZONE } from './calendar/wall-clock';
import {
  fold,
  isBlank,
  splitMulti,
  toBoolean,
  toIsoDate,
  toIsoDateTime,
  toNumber,
  toText,
  toTime,
} from './cells';
import { hoursHint, hoursProblem, isPlainHours } from './hours/check';
import { isEmail, isHttpUrl, normalizePhone, normalizePivot, pivotProblem } from './identifiers';
import { type ColumnDef, TYPOLOGIES } from './model';
import type { Severity } from './problems';

export interface CellResult {
  value: string | number | boolean | string[] | null;
  message?: string;
  /** How serious `message` is; an error when absent. */
  severity?: Severity;
}

export interface FieldContext {
  timeZone?: string;
  /** `YYYY-MM-DD`: the day taken as today (past dates in opening hours are a hint from then on). */
  today?: string;
  /** The département's code (public and school holidays in opening hours). */
  departement?: string;
}

const vocabularyIndexes = new WeakMap<ColumnDef, Map<string, string>>();

function vocabularyIndex(col: ColumnDef): Map<string, string> {
  let index = vocabularyIndexes.get(col);
  if (!index) {
    index = new Map();
    for (const label of col.vocabulary ?? []) index.set(fold(label), label);
    if (col.key === 'typologie') for (const t of TYPOLOGIES) index.set(fold(t.label), t.code);
    vocabularyIndexes.set(col, index);
  }
  return index;
}

function listLabels(col: ColumnDef): string {
  const labels = col.vocabulary ?? [];
  return labels.length > 12 ? `${labels.slice(0, 12).join(', ')}…` : labels.join(', ');
}

function vocabularyValue(col: ColumnDef, text: string): CellResult {
  const index = vocabularyIndex(col);
  const parts = col.multiple ? splitMulti(text) : [text];
  const values: string[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const label = index.get(fold(part));
    if (label === undefined) unknown.push(part);
    else if (!values.includes(label)) values.push(label);
  }
  const value = col.multiple ? values : (values[0] ?? null);
  if (unknown.length === 0) return { value };
  const which = unknown.map((u) => `« ${u} »`).join(', ');
  const how = col.multiple
    ? 'Choisissez dans la liste (plusieurs valeurs séparées par |)'
    : 'Choisissez dans la liste';
  return {
    value,
    message: `${which} ne fait pas partie des valeurs possibles. ${how} : ${listLabels(col)}.`,
  };
}

function postcodeText(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100000) {
    return String(value).padStart(5, '0');
  }
  return toText(value).replace(/\s/g, '');
}

function inseeText(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100000) {
    return String(value).padStart(5, '0');
  }
  return toText(value).replace(/\s/g, '').toUpperCase();
}

/** Reads one cell of one column. Blank cells give null (or [] for multi-value columns). */
export function readCell(col: ColumnDef, raw: unknown, ctx: FieldContext = {}): CellResult {
  const timeZone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  if (isBlank(raw)) {
    const value = col.multiple ? [] : null;
    // A missing id is reported by readTable, which knows the tools assign one.
    return col.required && col.type !== 'id'
      ? { value, message: 'Champ obligatoire : remplissez-le.' }
      : { value };
  }
  switch (col.type) {
    case 'text':
    case 'id': {
      const text = toText(raw, timeZone);
      // Several ids in one cell (a referent's places): separated by |, commas or spaces.
      if (col.multiple && col.type === 'id')
        return { value: [...new Set(text.split(/[\s|,;]+/).filter(Boolean))] };
      if (col.maxLength !== undefined && text.length > col.maxLength) {
        return {
          value: text,
          message: `Texte trop long (${text.length} caractères) : ${col.maxLength} au plus. Raccourcissez-le.`,
        };
      }
      return { value: text };
    }
    case 'vocabulary': {
      const result = vocabularyValue(col, toText(raw, timeZone));
      if (
        col.required &&
        !result.message &&
        (Array.isArray(result.value) ? result.value.length === 0 : !result.value)
      ) {
        return { value: result.value, message: 'Champ obligatoire : remplissez-le.' };
      }
      return result;
    }
    case 'email': {
      const text = toText(raw).toLowerCase();
      return isEmail(text)
        ? { value: text }
        : { value: text, message: `« ${text} » n’est pas une adresse de courriel valide.` };
    }
    case 'emails': {
      const parts = toText(raw)
        .toLowerCase()
        .split(/[\s|,;]+/)
        .filter(Boolean);
      const bad = parts.filter((p) => !isEmail(p));
      return bad.length
        ? {
            value: parts,
            message: `${bad.map((b) => `« ${b} »`).join(', ')} : courriel invalide. Séparez plusieurs courriels par |.`,
          }
        : { value: col.multiple ? parts : parts.join('|') };
    }
    case 'phone': {
      const phone = normalizePhone(raw);
      return phone
        ? { value: phone }
        : {
            value: toText(raw),
            message: `« ${toText(raw)} » n’est pas un numéro de téléphone français : indiquez un seul numéro, par exemple 05 55 12 34 56.`,
          };
    }
    case 'url':
    case 'urls': {
      const text = toText(raw);
      const parts = col.type === 'urls' ? text.split(/\s*\|\s*/).filter(Boolean) : [text];
      const bad = parts.filter((p) => !isHttpUrl(p));
      if (bad.length === 0) return { value: col.multiple ? parts : parts.join('|') };
      const first = bad[0]!;
      const hint = /^www\./i.test(first)
        ? ` Ajoutez https:// devant : https://${first}`
        : ' Elle doit commencer par https://.';
      return { value: text, message: `« ${first} » n’est pas une adresse web complète.${hint}` };
    }
    case 'postcode': {
      const text = postcodeText(raw);
      return /^\d{5}$/.test(text)
        ? { value: text }
        : { value: text, message: `« ${text} » n’est pas un code postal (5 chiffres, par exemple 87000).` };
    }
    case 'postcodes': {
      const parts =
        typeof raw === 'number' ? [postcodeText(raw)] : splitMulti(toText(raw).replace(/,/g, ', '));
      const bad = parts.filter((p) => !/^\d{5}$/.test(p));
      return bad.length
        ? { value: parts, message: `Codes postaux invalides : ${bad.join(', ')}.` }
        : { value: parts };
    }
    case 'insee': {
      const text = inseeText(raw);
      return /^(\d{2}|2[AB])\d{3}$|^97\d{3}$/.test(text)
        ? { value: text }
        : {
            value: text,
            message: `« ${text} » n’est pas un code INSEE de commune (5 caractères, par exemple 87085 ou 2A004).`,
          };
    }
    case 'integer': {
      const n = toNumber(raw);
      return n !== null && Number.isInteger(n) && n >= 0
        ? { value: n }
        : { value: null, message: `« ${toText(raw)} » : indiquez un nombre entier positif ou nul.` };
    }
    case 'number': {
      const n = toNumber(raw);
      return n === null ? { value: null, message: `« ${toText(raw)} » n’est pas un nombre.` } : { value: n };
    }
    case 'latitude':
    case 'longitude': {
      const n = toNumber(raw);
      const limit = col.type === 'latitude' ? 90 : 180;
      if (n === null || Math.abs(n) > limit) {
        return {
          value: null,
          message: `« ${toText(raw)} » n’est pas une ${col.type} en degrés décimaux (par exemple ${col.type === 'latitude' ? '45.8336' : '1.2611'}).`,
        };
      }
      return { value: n };
    }
    case 'date': {
      const d = toIsoDate(raw, timeZone);
      return d
        ? { value: d }
        : {
            value: null,
            message: `« ${toText(raw)} » n’est pas une date réelle : écrivez-la JJ/MM/AAAA, par exemple 28/11/2026.`,
          };
    }
    case 'time': {
      const t = toTime(raw, timeZone);
      return t
        ? { value: t }
        : { value: null, message: `« ${toText(raw)} » n’est pas une heure : écrivez-la 09:30.` };
    }
    case 'datetime': {
      const t = toIsoDateTime(raw, timeZone);
      return t ? { value: t } : { value: null, message: `« ${toText(raw)} » n’est pas une date et heure.` };
    }
    case 'boolean': {
      const b = toBoolean(raw);
      return b === null
        ? { value: null, message: `« ${toText(raw)} » : répondez oui ou non.` }
        : { value: b };
    }
    case 'pivot': {
      const text = normalizePivot(toText(raw));
      const message = pivotProblem(text);
      return message ? { value: text, message } : { value: text };
    }
    case 'horaires': {
      const text = toText(raw);
      // The plain spelling (most values) has neither a problem nor a date: recognised once.
      if (isPlainHours(text)) return { value: text };
      const message = hoursProblem(text, ctx.departement);
      if (message) return { value: text, message };
      const hint = ctx.today ? hoursHint(text, ctx.today, ctx.departement) : null;
      return hint ? { value: text, message: hint, severity: 'avertissement' } : { value: text };
    }
  }
}
