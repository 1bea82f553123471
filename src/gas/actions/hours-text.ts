/**
 * Opening hours shown back in plain French, and as a weekly grid the sidebar's helper can edit.
 * The OSM value is evaluated by the reference library over a week without public holiday, so any
 * syntax it understands is described the same way.
 */
import OpeningHours from 'opening_hours';
import { hoursProblem } from '../../core/hours';
import { JOURS } from '../../core/schedule';

/** A point in France so that `PH` means French public holidays. */
const FRANCE = { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: '' } };

export interface HoursDescription {
  /** The week in plain French, or null when the value cannot be read. */
  texte: string | null;
  /** The core's message when the value is not valid OSM syntax. */
  probleme: string | null;
  /** Monday first: each day's opening slots, `HH:MM`. */
  semaine: [string, string][][];
  /** `PH off`: closed on public holidays. */
  feriesFermes: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function hhmm(d: Date, dayStart: Date): string {
  const minutes = Math.round((d.getTime() - dayStart.getTime()) / 60_000);
  if (minutes >= 1440) return '24:00';
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `09:30` -> `9 h 30`, `14:00` -> `14 h`. */
export function frenchTime(t: string): string {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${pad(m)}`;
}

function andList(parts: readonly string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** [0, 1, 2, 3, 4] -> « du lundi au vendredi »; [0, 2, 4] -> « lundi, mercredi et vendredi ». */
function daysText(days: readonly number[]): string {
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3 ? [`du ${JOURS[run[0]!]} au ${JOURS[run[run.length - 1]!]}`] : run.map((d) => JOURS[d]!),
  );
  return andList(parts);
}

function slotsText(slots: [string, string][]): string {
  const parts = slots.map(([a, b]) => `${frenchTime(a)} – ${frenchTime(b)}`);
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** The week of an OSM value (Monday first), evaluated on a week without public holidays. */
export function weekOf(value: string): [string, string][][] | null {
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value, FRANCE as never, { locale: 'fr' } as never);
  } catch {
    return null;
  }
  const week: [string, string][][] = [];
  for (let d = 0; d < 7; d++) {
    // 13 January 2025 is a Monday, in a week without any French public holiday.
    const start = new Date(2025, 0, 13 + d);
    const end = new Date(2025, 0, 14 + d);
    week.push(oh.getOpenIntervals(start, end).map(([a, b]) => [hhmm(a, start), hhmm(b, start)]));
  }
  return week;
}

export function describeHours(value: string): HoursDescription {
  const text = (value ?? '').trim();
  const empty: HoursDescription = { texte: null, probleme: null, semaine: [], feriesFermes: false };
  if (!text) return empty;
  const probleme = hoursProblem(text);
  const semaine = weekOf(text);
  if (!semaine) return { ...empty, probleme };
  const feriesFermes = /\bPH\s+off\b/i.test(text);
  if (text === '24/7') {
    return { texte: 'Ouvert 24 h sur 24, 7 jours sur 7.', probleme, semaine, feriesFermes };
  }
  // Days with the same slots together, in the order of the week: « du lundi au vendredi », « mardi et jeudi ».
  const patterns = new Map<string, number[]>();
  semaine.forEach((slots, d) => {
    const key = JSON.stringify(slots);
    patterns.set(key, [...(patterns.get(key) ?? []), d]);
  });
  const open: string[] = [];
  const closed: number[] = [];
  for (const [key, days] of patterns) {
    if (key === '[]') closed.push(...days);
    else open.push(`${daysText(days)} : ${slotsText(semaine[days[0]!]!)}`);
  }
  if (open.length === 0) {
    return { texte: 'Fermé toute la semaine.', probleme, semaine, feriesFermes };
  }
  const closedParts = [...closed.map((d) => `le ${JOURS[d]}`), ...(feriesFermes ? ['les jours fériés'] : [])];
  const sentence = `${open.join(' ; ')}${closedParts.length > 0 ? ` ; fermé ${andList(closedParts)}` : ''}.`;
  return { texte: sentence.charAt(0).toUpperCase() + sentence.slice(1), probleme, semaine, feriesFermes };
}

/** The OSM value of a weekly grid (Monday first): consecutive days with the same slots grouped. */
export function osmOfWeek(semaine: readonly (readonly [string, string][])[], feriesFermes: boolean): string {
  const codes = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  const rules: string[] = [];
  let d = 0;
  while (d < 7) {
    const slots = (semaine[d] ?? []).filter(([a, b]) => a && b);
    let e = d;
    while (
      e + 1 < 7 &&
      JSON.stringify((semaine[e + 1] ?? []).filter(([a, b]) => a && b)) === JSON.stringify(slots)
    )
      e++;
    if (slots.length > 0) {
      const days = d === e ? codes[d] : e === d + 1 ? `${codes[d]},${codes[e]}` : `${codes[d]}-${codes[e]}`;
      rules.push(`${days} ${slots.map(([a, b]) => `${a}-${b}`).join(',')}`);
    }
    d = e + 1;
  }
  if (feriesFermes && rules.length > 0) rules.push('PH off');
  return rules.join('; ');
}
