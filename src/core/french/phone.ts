/**
 * Phone numbers as French readers use them: shown in national form (« 05 36 49 27 39 »), dialled
 * in international form (`tel:+33536492739`, works from any phone and abroad), read digit by digit
 * by screen readers (« 0 5 3 6 4 9 2 7 3 9 », not « five hundred thirty-six million… »). The one
 * formatter of the project: the Apps Script sidebar, the map and the report all use it.
 */
import { normalizePhone } from '../identifiers';

export interface FrenchPhone {
  /** National form, digits in pairs: « 05 36 49 27 39 ». */
  text: string;
  /** `tel:` link in international form: `tel:+33536492739`. */
  tel: string;
  /** For screen readers, one digit at a time: « 0 5 3 6 4 9 2 7 3 9 ». */
  spoken: string;
  /** International form, as the national standard publishes it: `+33536492739`. */
  international: string;
}

/** Country codes of the overseas départements, dialled from France as 0 + 9 digits. */
const NATIONAL_CODES = /^\+(33|262|269|590|594|596)(\d{9})$/;

function pairs(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/**
 * A phone number written any usual way (`05 36 49 27 39`, `+33 5 36 49 27 39`, `0536492739`, the
 * number Sheets makes of it) in the three forms, or null when it is not a phone number.
 */
export function frenchPhone(value: unknown): FrenchPhone | null {
  const international = normalizePhone(value);
  if (!international) return null;
  const national = NATIONAL_CODES.exec(international);
  // Elsewhere (New Caledonia, Polynesia, Saint-Pierre…: 6 digits after the code) the number is
  // shown as dialled, the country code apart.
  const digits = national ? `0${national[2]}` : international.slice(1);
  const code = /^\+(33|590|594|262|596|269|687|689|508|681)/.exec(international)?.[1] ?? '';
  const text = national ? pairs(digits) : `+${code} ${pairs(international.slice(code.length + 1))}`;
  return {
    text,
    tel: `tel:${international}`,
    spoken: [...digits].join(' '),
    international,
  };
}

/** The national form for display, or the text as written when it is not a phone number. */
export function phoneText(value: unknown): string {
  return frenchPhone(value)?.text ?? (typeof value === 'string' ? value.trim() : String(value ?? ''));
}
