/** French formatting (Intl fr-FR) and HTML escaping for the report. */
import { pluralWord } from '../french/numbers';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const percentOne = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** 12 345 (narrow no-break space as the thousands separator); null gives an em dash. */
export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : integer.format(n);
}

/** 12,3 km */
export function fmtKm(km: number | null | undefined): string {
  return km === null || km === undefined || !Number.isFinite(km) ? '—' : `${oneDecimal.format(km)}\u00a0km`;
}

/** 83 % (from 0.83); null gives an em dash. */
export function fmtPct(ratio: number | null | undefined, decimals = 0): string {
  if (ratio === null || ratio === undefined) return '—';
  return (decimals ? percentOne : percent).format(ratio);
}

/** `2026-T4` -> T4 2026 */
export function quarterShort(key: string): string {
  const m = /^(\d{4})-T([1-4])$/.exec(key);
  return m ? `T${m[2]} ${m[1]}` : key;
}

const ORDINALS = ['1er', '2e', '3e', '4e'];

/** `2026-T4` -> 4e trimestre 2026 */
export function quarterLong(key: string): string {
  const m = /^(\d{4})-T([1-4])$/.exec(key);
  return m ? `${ORDINALS[Number(m[2]) - 1]} trimestre ${m[1]}` : key;
}

/** Plural helper: « 1 commune », « 3 communes ». */
export function plural(n: number, one: string, many: string): string {
  return `${fmtInt(n)}\u00a0${pluralWord(n, one, many)}`;
}
