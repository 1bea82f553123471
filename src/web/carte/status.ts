/**
 * What is true of a place at a given moment: open now, open on weekends, the bus's next passages.
 * Fixed places are judged on their `horaires`; bus stops on their upcoming permanences.
 */

import {
  type CivilDate,
  compareMoments,
  type Moment,
  parseClock,
  parseDate,
  weekday,
} from '../../core/calendar/civil';
import { dateText } from '../../core/french/dates';
import {
  type DayContext,
  intervalsText,
  isOpenAt,
  isOpenOnWeekend,
  nowStatus,
  todaySentence,
} from '../../core/french/hours';
import type { HoursBook } from './hours/book';
import type { Permanence, Place } from './places';

export interface Passage {
  permanence: Permanence;
  date: CivilDate;
  start: number;
  end: number;
  cancelled: boolean;
}

export type StatusKind = 'ouvert' | 'ferme' | 'inconnu' | 'bus' | 'bus-aucun';

export interface PlaceStatus {
  kind: StatusKind;
  /** One sentence for the list and the details. */
  text: string;
}

export class Clock {
  constructor(
    private readonly fixed: Moment | null,
    private readonly read: () => Moment,
  ) {}
  now(): Moment {
    return this.fixed ?? this.read();
  }
}

export class PlaceFacts {
  constructor(
    readonly hours: HoursBook,
    readonly clock: Clock,
    readonly ctx: DayContext,
  ) {}

  /** Upcoming passages of a stop (the current one included), soonest first. */
  passages(place: Place, withCancelled = true): Passage[] {
    const now = this.clock.now();
    const out: Passage[] = [];
    for (const permanence of place.permanences) {
      const date = parseDate(permanence.date);
      const start = parseClock(permanence.debut);
      const end = parseClock(permanence.fin);
      if (!date || start === null || end === null) continue;
      if (compareMoments({ date, minutes: end }, now) <= 0) continue;
      const cancelled = permanence.statut === 'annulée';
      if (cancelled && !withCancelled) continue;
      out.push({ permanence, date, start, end, cancelled });
    }
    return out.sort((a, b) =>
      compareMoments({ date: a.date, minutes: a.start }, { date: b.date, minutes: b.start }),
    );
  }

  nextPassage(place: Place): Passage | null {
    return this.passages(place, false)[0] ?? null;
  }

  /** null: cannot tell (no hours, or hours still loading). */
  isOpenNow(place: Place): boolean | null {
    const now = this.clock.now();
    if (place.categorie === 'arret') {
      return this.passages(place, false).some(
        (p) => compareMoments({ date: p.date, minutes: p.start }, now) <= 0,
      );
    }
    const state = this.hours.get(place.horaires);
    return state.kind === 'ok' ? isOpenAt(state.schedule, now, this.ctx) : null;
  }

  isOpenOnWeekend(place: Place): boolean | null {
    const now = this.clock.now();
    if (place.categorie === 'arret') {
      return this.passages(place, false).some((p) => {
        const wd = weekday(p.date);
        return wd === 0 || wd === 6;
      });
    }
    const state = this.hours.get(place.horaires);
    return state.kind === 'ok' ? isOpenOnWeekend(state.schedule, now.date, this.ctx) : null;
  }

  /** « mardi 8 décembre de 9 h 30 à 12 h » (« aujourd’hui de … » today). */
  passageText(p: Passage): string {
    const now = this.clock.now();
    const when = dateText(p.date, now.date.y);
    const day =
      p.date.y === now.date.y && p.date.m === now.date.m && p.date.d === now.date.d ? 'aujourd’hui' : when;
    return `${day} ${intervalsText([[p.start, p.end]])}`;
  }

  status(place: Place): PlaceStatus {
    const now = this.clock.now();
    if (place.categorie === 'arret') {
      const next = this.nextPassage(place);
      if (!next) return { kind: 'bus-aucun', text: 'Aucun passage du bus prévu pour le moment.' };
      const current = compareMoments({ date: next.date, minutes: next.start }, now) <= 0;
      return {
        kind: 'bus',
        text: current
          ? `Le bus est là en ce moment, ${intervalsText([[next.start, next.end]])}.`
          : `Prochain passage du bus : ${this.passageText(next)}.`,
      };
    }
    const state = this.hours.get(place.horaires);
    if (state.kind === 'none')
      return { kind: 'inconnu', text: 'Horaires non renseignés : appelez avant de venir.' };
    if (state.kind === 'pending') return { kind: 'inconnu', text: 'Horaires en cours de lecture…' };
    if (state.kind === 'invalid') return { kind: 'inconnu', text: `Horaires : ${state.raw}` };
    const s = nowStatus(state.schedule, now, this.ctx);
    return { kind: s.open ? 'ouvert' : 'ferme', text: s.text };
  }

  today(place: Place): string | null {
    const state = this.hours.get(place.horaires);
    return state.kind === 'ok' ? todaySentence(state.schedule, this.clock.now(), this.ctx) : null;
  }
}
