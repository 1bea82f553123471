/**
 * `horaires` in OpenStreetMap opening_hours syntax, checked with the `opening_hours` library (the
 * reference implementation), with French public holidays. Its warnings count as problems; its
 * prettified value is offered as the fix.
 */
import OpeningHours from 'opening_hours';

/** A point in France so that `PH` means French public holidays (the library needs a location). */
const FRANCE = { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: '' } };

export interface HoursCheck {
  ok: boolean;
  /** French messages from the library (errors or warnings). */
  messages: string[];
  /** The library's normalised spelling, when it could parse the value. */
  suggestion: string | null;
}

const cache = new Map<string, HoursCheck>();
const CACHE_LIMIT = 20_000;

export function checkHours(value: string): HoursCheck {
  const hit = cache.get(value);
  if (hit) return hit;
  let result: HoursCheck;
  try {
    const oh = new OpeningHours(value, FRANCE as never, { locale: 'fr' } as never);
    const warnings = oh.getWarnings();
    let suggestion: string | null = null;
    try {
      suggestion = oh.prettifyValue();
    } catch {
      suggestion = null;
    }
    result = { ok: warnings.length === 0, messages: warnings.map(cleanMessage), suggestion };
  } catch (error) {
    result = { ok: false, messages: [cleanMessage(String(error))], suggestion: null };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, result);
  return result;
}

function cleanMessage(message: string): string {
  return message
    .replace(/^Error:\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function hoursProblem(value: string): string | null {
  const check = checkHours(value);
  if (check.ok) return null;
  const fix =
    check.suggestion && check.suggestion !== value
      ? ` Écrivez plutôt : « ${check.suggestion} ».`
      : ' Exemple : « Mo-Fr 09:00-12:00,14:00-17:00; PH off ».';
  return `Horaires illisibles au format OpenStreetMap : ${check.messages[0] ?? 'syntaxe non reconnue'}.${fix}`;
}
