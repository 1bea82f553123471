/**
 * Expected results computed straight from a fixture feed, independently of the map's code: plain
 * property checks, and the reference `opening_hours` library for « open now » and « weekend ».
 */
import OpeningHours from 'opening_hours';
import type { PlaceFeature, PlacesFeed } from '../../src/core/publish/feed-types';

const FRANCE = { lat: 46.5, lon: 2.5, address: { country_code: 'fr', state: '' } };

/** `2026-12-01T10:00` as a local Date (tests run the library in the process's zone, like the page). */
function localDate(value: string): Date {
  const [d, t = '00:00'] = value.split('T');
  const [y, m, day] = (d ?? '').split('-').map(Number);
  const [hh, mm] = t.split(':').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, day ?? 1, hh ?? 0, mm ?? 0);
}

function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function openNow(f: PlaceFeature, now: string): boolean {
  const at = localDate(now);
  const p = f.properties;
  if (p.categorie === 'arret') {
    return (p.permanences ?? []).some((perm) => {
      if (perm.statut === 'annulée') return false;
      const start = localDate(`${perm.date}T${perm.debut}`);
      const end = localDate(`${perm.date}T${perm.fin}`);
      return start <= at && at < end;
    });
  }
  if (!p.horaires) return false;
  return new OpeningHours(p.horaires, FRANCE).getState(at);
}

export function openOnWeekend(f: PlaceFeature, now: string): boolean {
  const at = localDate(now);
  const p = f.properties;
  if (p.categorie === 'arret') {
    return (p.permanences ?? []).some((perm) => {
      const day = localDate(perm.date).getDay();
      return (
        perm.statut !== 'annulée' && (day === 0 || day === 6) && localDate(`${perm.date}T${perm.fin}`) > at
      );
    });
  }
  if (!p.horaires) return false;
  const oh = new OpeningHours(p.horaires, FRANCE);
  const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 14);
  return oh.getOpenIntervals(start, end).some(([from]) => {
    const day = from.getDay();
    return (day === 0 || day === 6) && !sameDay(from, end);
  });
}

export type Predicate = (f: PlaceFeature) => boolean;

export function expectedIds(feed: PlacesFeed, keep: Predicate): Set<string> {
  return new Set(feed.features.filter(keep).map((f) => f.id));
}
