/**
 * Second entry of the map bundle (`horaires-osm.js`), loaded only when a place's `horaires` is
 * beyond the simple shape hours/schedule.ts reads itself: the `opening_hours` reference library,
 * with French public holidays, exposed as an OsmEngine on one global.
 */
import OpeningHours from 'opening_hours';
import { type Interval, OSM_ENGINE_GLOBAL, type OsmEngine, type Schedule } from './hours/schedule';

/** A point in France so that `PH` means French public holidays (the library needs a location). */
const FRANCE = { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: '' } };

function minutesOf(date: Date, dayStart: Date): number {
  const elapsed = Math.round((date.getTime() - dayStart.getTime()) / 60_000);
  if (elapsed >= 24 * 60) return 1440;
  return date.getHours() * 60 + date.getMinutes();
}

const engine: OsmEngine = {
  compile(value: string): Schedule | null {
    let oh: OpeningHours;
    try {
      oh = new OpeningHours(value, FRANCE);
    } catch {
      return null;
    }
    const cache = new Map<string, Interval[]>();
    return {
      holidays: null,
      day(date) {
        const key = `${date.y}-${date.m}-${date.d}`;
        const hit = cache.get(key);
        if (hit) return hit;
        const start = new Date(date.y, date.m - 1, date.d, 0, 0, 0);
        const end = new Date(date.y, date.m - 1, date.d + 1, 0, 0, 0);
        const out: Interval[] = [];
        for (const [from, to] of oh.getOpenIntervals(start, end)) {
          const a = minutesOf(from, start);
          const b = to.getTime() >= end.getTime() ? 1440 : minutesOf(to, start);
          if (b > a) out.push([a, b]);
        }
        cache.set(key, out);
        return out;
      },
    };
  },
};

(window as unknown as Record<string, OsmEngine>)[OSM_ENGINE_GLOBAL] = engine;
