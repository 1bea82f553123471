/**
 * Cell values: what a write stores (strings are parsed like user-entered text, as Apps Script's
 * Range.setValue(s) does), and how a value is displayed (getDisplayValues).
 */
import { isDate, pad, toSerial, zonedParts, zonedTime } from './time';

export type CellValue = string | number | boolean | Date;

export interface FormatContext {
  locale: string; // 'fr_FR', 'en_US', ...
  timeZone: string;
  now: Date;
}

export interface StoredInput {
  value: CellValue;
  formula?: string;
  /** Number format Sheets applies by itself when the cell had none (dates, times, percents). */
  autoFormat?: string;
}

export const GENERAL_FORMAT = '0.###############';
export const PLAIN_TEXT_FORMAT = '@';

const isFrench = (locale: string): boolean => locale.toLowerCase().startsWith('fr');

function twoDigitYear(y: number): number {
  return y < 30 ? 2000 + y : 1900 + y;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validTime(h: number, mi: number, s: number): boolean {
  return h < 24 && mi < 60 && s < 60;
}

/** Default date(-time) format Sheets gives to a cell receiving a date. */
export function defaultDateFormat(date: Date, ctx: FormatContext): string {
  const p = zonedParts(date, ctx.timeZone);
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  const day = isFrench(ctx.locale) ? 'dd/MM/yyyy' : 'M/d/yyyy';
  return midnight ? day : `${day} ${isFrench(ctx.locale) ? 'HH:mm:ss' : 'H:mm:ss'}`;
}

/**
 * What a string written by a script (or typed by a user) becomes in the cell: numbers, booleans, dates,
 * times, percents and formulas are recognised; a leading apostrophe forces text; a cell formatted as
 * plain text ('@') keeps the string. Recognised: decimal numbers (with '.' or, in French, ','),
 * exponents, leading '+' or zeros ('+33555...' and '05...' become numbers, as in Sheets), TRUE/FALSE
 * (and VRAI/FAUX in French), yyyy-mm-dd[ hh:mm[:ss]], dd/mm/yyyy (French) or mm/dd/yyyy (others),
 * dd/mm without year, h:mm[:ss].
 */
export function parseUserEntered(s: string, ctx: FormatContext, plainText: boolean): StoredInput {
  if (plainText || s === '') return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { value: '', formula: s };
  const t = s.trim();
  const fr = isFrench(ctx.locale);
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  if (fr && /^(vrai|faux)$/i.test(t)) return { value: t.toLowerCase() === 'vrai' };
  const num = fr
    ? /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/
    : /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  if (num.test(t)) return { value: Number(t.replace(',', '.')) };
  const percent = fr ? /^([+-]?(\d+([.,]\d*)?|[.,]\d+))\s?%$/ : /^([+-]?(\d+(\.\d*)?|\.\d+))\s?%$/;
  const pm = percent.exec(t);
  if (pm?.[1]) return { value: Number(pm[1].replace(',', '.')) / 100, autoFormat: '0.00%' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (iso) {
    const [y, m, d, h, mi, sec] = iso.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
    if (validDay(y!, m!, d!) && validTime(h!, mi!, sec!)) {
      const withTime = iso[4] !== undefined;
      return {
        value: zonedTime(y!, m!, d!, h, mi, sec, 0, ctx.timeZone),
        autoFormat: withTime ? 'yyyy-MM-dd H:mm:ss' : 'yyyy-MM-dd',
      };
    }
  }
  const local = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (local) {
    const a = Number(local[1]);
    const b = Number(local[2]);
    const [d, m] = fr ? [a, b] : [b, a];
    const yRaw = local[3];
    const y =
      yRaw === undefined
        ? zonedParts(ctx.now, ctx.timeZone).year
        : yRaw.length === 2
          ? twoDigitYear(Number(yRaw))
          : Number(yRaw);
    const h = Number(local[4] ?? 0);
    const mi = Number(local[5] ?? 0);
    const sec = Number(local[6] ?? 0);
    if (validDay(y, m, d) && validTime(h, mi, sec)) {
      const day = fr ? 'dd/MM/yyyy' : 'M/d/yyyy';
      return {
        value: zonedTime(y, m, d, h, mi, sec, 0, ctx.timeZone),
        autoFormat: local[4] === undefined ? day : `${day} H:mm:ss`,
      };
    }
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (time) {
    const h = Number(time[1]);
    const mi = Number(time[2]);
    const sec = Number(time[3] ?? 0);
    if (validTime(h, mi, sec)) {
      return { value: zonedTime(1899, 12, 30, h, mi, sec, 0, ctx.timeZone), autoFormat: 'H:mm:ss' };
    }
  }
  return { value: s };
}

// ---------------------------------------------------------------------------------------------
// Display

const names = new Map<string, string[]>();
function localNames(locale: string, kind: 'weekday' | 'month', width: 'long' | 'short'): string[] {
  const lang = isFrench(locale) ? 'fr-FR' : 'en-US';
  const key = `${lang}|${kind}|${width}`;
  let list = names.get(key);
  if (!list) {
    const f = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', [kind]: width });
    list =
      kind === 'weekday'
        ? Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2023, 0, 1 + i))))
        : Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2023, i, 1))));
    names.set(key, list);
  }
  return list;
}

function isDateFormat(format: string): boolean {
  const stripped = format.replace(/"[^"]*"|\\./g, '');
  return /[dyhs]/i.test(stripped) || /(^|[^0#.,])m/i.test(stripped);
}

/** Formats a date with a Sheets number format (tokens are case-insensitive; m is minutes near h or s). */
export function formatSheetsDate(date: Date, format: string, ctx: FormatContext): string {
  const p = zonedParts(date, ctx.timeZone);
  type Tok = { kind: 'lit'; text: string } | { kind: 'tok'; text: string };
  const toks: Tok[] = [];
  for (let i = 0; i < format.length; ) {
    const ch = format[i]!;
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      toks.push({ kind: 'lit', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      toks.push({ kind: 'lit', text: format[i + 1] ?? '' });
      i += 2;
    } else if (/^am\/pm/i.test(format.slice(i))) {
      toks.push({ kind: 'tok', text: 'AM/PM' });
      i += 5;
    } else if (/[ymdhs]/i.test(ch)) {
      let j = i;
      while (j < format.length && format[j]!.toLowerCase() === ch.toLowerCase()) j++;
      toks.push({ kind: 'tok', text: format.slice(i, j).toLowerCase() });
      i = j;
    } else {
      toks.push({ kind: 'lit', text: ch });
      i += 1;
    }
  }
  const tokIdx = toks.flatMap((t, i) => (t.kind === 'tok' ? [i] : []));
  const hasAmPm = toks.some((t) => t.text === 'AM/PM');
  return toks
    .map((t, i) => {
      if (t.kind === 'lit') return t.text;
      const k = tokIdx.indexOf(i);
      const prev = k > 0 ? toks[tokIdx[k - 1]!]!.text : '';
      const next = k + 1 < tokIdx.length ? toks[tokIdx[k + 1]!]!.text : '';
      switch (t.text[0]) {
        case 'y':
          return t.text.length <= 2 ? pad(p.year % 100, 2) : String(p.year);
        case 'd':
          if (t.text.length >= 4) return localNames(ctx.locale, 'weekday', 'long')[p.weekday]!;
          if (t.text.length === 3) return localNames(ctx.locale, 'weekday', 'short')[p.weekday]!;
          return t.text.length === 2 ? pad(p.day, 2) : String(p.day);
        case 'h': {
          const h = hasAmPm ? p.hour % 12 || 12 : p.hour;
          return t.text.length >= 2 ? pad(h, 2) : String(h);
        }
        case 's':
          return t.text.length >= 2 ? pad(p.second, 2) : String(p.second);
        case 'm': {
          const minutes = prev.startsWith('h') || next.startsWith('s');
          if (minutes) return t.text.length >= 2 ? pad(p.minute, 2) : String(p.minute);
          if (t.text.length >= 4) return localNames(ctx.locale, 'month', 'long')[p.month - 1]!;
          if (t.text.length === 3) return localNames(ctx.locale, 'month', 'short')[p.month - 1]!;
          return t.text.length === 2 ? pad(p.month, 2) : String(p.month);
        }
        default:
          return p.hour < 12 ? 'AM' : 'PM';
      }
    })
    .join('');
}

function groupDigits(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Formats a number with a Sheets number format: General, 0, 0.00, #,##0.00, 0%, 0.00%, @, dates. */
export function formatSheetsNumber(n: number, format: string | undefined, ctx: FormatContext): string {
  const fr = isFrench(ctx.locale);
  const decimalSep = fr ? ',' : '.';
  const groupSep = fr ? '\u202f' : ',';
  if (
    !format ||
    format === GENERAL_FORMAT ||
    format.toLowerCase() === 'general' ||
    format === PLAIN_TEXT_FORMAT
  ) {
    const s = String(Number(n.toPrecision(15)));
    return fr ? s.replace('.', ',') : s;
  }
  if (isDateFormat(format)) {
    const ms = Math.round((n - 25569) * 86_400_000); // serial -> wall clock as UTC
    const wall = new Date(ms);
    const date = zonedTime(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      0,
      ctx.timeZone,
    );
    return formatSheetsDate(date, format, ctx);
  }
  const section = format.split(';')[0] ?? format;
  const percent = section.includes('%');
  const value = percent ? n * 100 : n;
  const m = /([#0,]*)(?:\.([0#]*))?/.exec(section.replace(/[^#0,.%]/g, ''));
  const intPart = m?.[1] ?? '0';
  const decPart = m?.[2] ?? '';
  const minDecimals = (decPart.match(/0/g) ?? []).length;
  const maxDecimals = decPart.length;
  let s = Math.abs(value).toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    const [i, d = ''] = s.split('.');
    let dd = d;
    while (dd.length > minDecimals && dd.endsWith('0')) dd = dd.slice(0, -1);
    s = dd ? `${i}.${dd}` : (i ?? '0');
  }
  let [int = '0', dec] = s.split('.');
  if (intPart.includes(',')) int = groupDigits(int, groupSep);
  if (!intPart.includes('0') && int === '0' && dec) int = '';
  const body = dec ? `${int}${decimalSep}${dec}` : int;
  return `${value < 0 && Number(s) !== 0 ? '-' : ''}${body}${percent ? '%' : ''}`;
}

export function displayValue(value: CellValue, format: string | undefined, ctx: FormatContext): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') {
    return isFrench(ctx.locale) ? (value ? 'VRAI' : 'FAUX') : value ? 'TRUE' : 'FALSE';
  }
  if (isDate(value)) {
    const f =
      format && format !== GENERAL_FORMAT && isDateFormat(format) ? format : defaultDateFormat(value, ctx);
    return formatSheetsDate(value, f, ctx);
  }
  return formatSheetsNumber(value, format, ctx);
}

/** The string an onEdit event carries for a value (e.value, e.oldValue): dates as serial numbers. */
export function eventString(value: CellValue, timeZone: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return String(Number(toSerial(value, timeZone).toFixed(10)));
  return String(value);
}
