/** Checks of French identifiers: SIRET (Luhn, La Poste exception), RNA, phone numbers. */
import { standardField } from './standard';

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = '356000000';

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    // La Poste's establishments do not follow Luhn: the sum of the digits is a multiple of 5.
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return luhn(siret) || sum % 5 === 0;
  }
  return luhn(siret);
}

/** Checks a `pivot` value; returns a French message, or null when valid. */
export function pivotProblem(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (/^\d{14}$/.test(v)) {
    return isValidSiret(v)
      ? null
      : `« ${value} » n’est pas un SIRET valide (la clé de contrôle ne correspond pas) : recopiez-le depuis annuaire-entreprises.data.gouv.fr.`;
  }
  if (/^\d{9}$/.test(v)) {
    return `« ${value} » est un SIREN (9 chiffres) : indiquez le SIRET complet de l’établissement (14 chiffres).`;
  }
  if (/^W/i.test(v)) {
    return /^W[0-9A-Z]\d{8}$/i.test(v)
      ? null
      : `« ${value} » n’est pas un numéro RNA valide : W suivi de 9 caractères, par exemple W872000123.`;
  }
  return `« ${value} » n’est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères).`;
}

export function normalizePivot(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

const PHONE_PATTERN = new RegExp(standardField('telephone').pattern ?? '^\\+33\\d{9}$');

/** Overseas numbers dialled from France with a 0 prefix: national prefix -> country code. */
const OVERSEAS_PREFIXES: Record<string, string> = {
  '0590': '+590',
  '0690': '+590',
  '0594': '+594',
  '0694': '+594',
  '0262': '+262',
  '0692': '+262',
  '0693': '+262',
  '0596': '+596',
  '0696': '+596',
  '0269': '+269',
  '0639': '+269',
};

/**
 * Normalises a French phone number to the standard's international form (+33555123456).
 * Accepts spaces, dots, dashes, `(0)`, `0033`, and the number Sheets makes of `0555123456` (555123456).
 */
export function normalizePhone(value: unknown): string | null {
  let s = typeof value === 'number' ? (Number.isInteger(value) ? value.toFixed(0) : '') : String(value ?? '');
  s = s.replace(/\(0\)/g, '').replace(/[\s.\-()/]/g, '');
  if (typeof value === 'number' && /^\d{9}$/.test(s)) s = `0${s}`;
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (/^0\d{9}$/.test(s)) {
    const overseas = OVERSEAS_PREFIXES[s.slice(0, 4)];
    s = overseas ? `${overseas}${s.slice(4)}` : `+33${s.slice(1)}`;
  }
  if (/^\+330\d{9}$/.test(s)) s = `+33${s.slice(4)}`;
  return PHONE_PATTERN.test(s) ? s : null;
}

const EMAIL = /^[^\s@|,;<>()]+@[^\s@|,;<>()]+\.[a-z]{2,}$/i;
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

const URL_PATTERN =
  /^https?:\/\/[a-z0-9\u00a1-\uffff][a-z0-9\u00a1-\uffff.-]*\.[a-z\u00a1-\uffff]{2,}(:\d+)?([/?#]\S*)?$/i;
export function isHttpUrl(value: string): boolean {
  return URL_PATTERN.test(value);
}
