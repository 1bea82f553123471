/** Dates, days and times in French, shared by Apps Script, the command line, the map and the reports. */
import { type CivilDate, parseDate, weekday } from '../calendar/civil';

/** French month names, January first. */
export const MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** French day names, Monday first (ISO weekday 1 = `JOURS[0]`). */
export const JOURS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

const NBSP = '\u00a0';

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « a », « a et b », « a, b et c ». */
export function joinFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** The day's name: « lundi ». */
export function dayName(date: CivilDate): string {
  return JOURS[(weekday(date) + 6) % 7] ?? '';
}

/** « 1er décembre », « 24 décembre » (with the year when it is not `currentYear`). */
export function dayMonthText(date: CivilDate, currentYear?: number): string {
  const year = currentYear !== undefined && currentYear !== date.y ? ` ${date.y}` : '';
  return `${date.d === 1 ? '1er' : date.d} ${MOIS[date.m - 1] ?? ''}${year}`;
}

/** « mardi 1er décembre » (with the year when it is not `currentYear`). */
export function dateText(date: CivilDate, currentYear?: number): string {
  return `${dayName(date)} ${dayMonthText(date, currentYear)}`;
}

/** `2026-12-07` -> « lundi 7 décembre 2026 ». */
export function frenchDate(iso: string): string {
  const date = parseDate(iso);
  return date ? `${dateText(date)} ${date.y}` : iso;
}

/** `2026-12-05` -> « 05/12/2026 ». */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** `2026-11-28` -> « 28 novembre 2026 », `2026-10-01` -> « 1er octobre 2026 ». */
export function longDate(iso: string): string {
  const date = parseDate(iso);
  return date ? `${dayMonthText(date)} ${date.y}` : iso;
}

/** 540 -> « 9 h », 570 -> « 9 h 30 », 1440 -> « minuit » (non-breaking spaces: never « 12 / h »). */
export function clockText(minutes: number): string {
  if (minutes === 0 || minutes === 1440) return 'minuit';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}

/** `2026-12` (or any day of it) -> « décembre 2026 ». */
export function monthText(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const name = MOIS[m - 1];
  return name === undefined ? iso : `${name} ${y}`;
}

/** « de décembre 2026 », « d’octobre 2026 » (elided before a vowel: avril, août, octobre). */
export function ofMonthText(iso: string): string {
  const text = monthText(iso);
  return /^[aeiouéâ]/i.test(text) ? `d’${text}` : `de ${text}`;
}
