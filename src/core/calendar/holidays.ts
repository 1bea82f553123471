/**
 * French public holidays, from @socialgouv/jours-feries. Alsace-Moselle (Moselle 57, Bas-Rhin 67,
 * Haut-Rhin 68) also rests on Good Friday and St Stephen's Day: which list applies is derived from
 * the département, here and nowhere else.
 */
import joursFeries from '@socialgouv/jours-feries';

const ALSACE_MOSELLE: ReadonlySet<string> = new Set(['57', '67', '68']);

/** Whether a département (code `87`, `2A`, `974`…) has the two Alsace-Moselle holidays. */
export function isAlsaceMoselle(departement: string | null | undefined): boolean {
  return ALSACE_MOSELLE.has(departement ?? '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const cache = new Map<string, ReadonlyMap<string, string>>();

/** The public holidays of a year in a département, `YYYY-MM-DD` -> French name. */
export function publicHolidays(
  year: number,
  departement: string | null | undefined,
): ReadonlyMap<string, string> {
  const alsace = isAlsaceMoselle(departement);
  const key = `${year}:${alsace}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Map<string, string>();
  // The library builds local-midnight Dates: read their local calendar day, whatever the time zone.
  for (const [name, date] of Object.entries(joursFeries(year, { alsace }))) {
    out.set(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, name);
  }
  const sorted = new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
  cache.set(key, sorted);
  return sorted;
}

/** The holiday's name on a `YYYY-MM-DD` day in a département, or null on a working day. */
export function holidayName(iso: string, departement: string | null | undefined): string | null {
  const year = Number(iso.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  return publicHolidays(year, departement).get(iso.slice(0, 10)) ?? null;
}
