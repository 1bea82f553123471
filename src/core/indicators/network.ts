/**
 * The network's life in one quarter, from the valid rows of Rencontres, Inscriptions, Pass Numérique
 * and Lieux: meetings held by type, professionals trained, member structures represented, charter
 * signatories, Pass Numérique cheques, places updated lately. Every rule is written in French in
 * definitions.ts (group « La vie du réseau »). Nothing personal leaves this module: people are
 * counted, never named; structures are named only through their public Lieux row.
 */

import { monthsBefore } from '../calendar/civil';
import { earlierDay, type Period } from '../calendar/periods';
import { type Inscription, type Lieu, RENCONTRE_TYPES, type Rencontre } from '../model';
import { validRecords } from '../read-table';
import type { WorkbookTables } from '../workbook';
import { FRESH_MONTHS } from './definitions';

/** The kind of meeting that trains professionals on an operator's services. */
export const FORMATION_TYPE = RENCONTRE_TYPES[0];

export interface MeetingsByType {
  type: string;
  tenues: number;
  annulees: number;
  prevues: number;
}

export interface PassStructure {
  lieu: string;
  nom: string;
  commune: string;
  releves: number;
  distribues: number;
  encaisses: number;
}

export interface NetworkQuarter {
  /** No meeting at all is dated in the quarter: nothing was collected (« pas de données »). */
  rencontres: MeetingsByType[] | null;
  formations: {
    tenues: number;
    /** Distinct people present; null when trainings were held but no attendance was recorded. */
    professionnels: number | null;
    /** Trainings held per operator. */
    parOperateur: { operateur: string; tenues: number }[];
  };
  /** Null when meetings were held but no attendance was recorded. */
  structures: {
    /** Distinct structures with someone present (a Lieux id, or the structure's name as typed). */
    representees: number;
    /** Of those, the member structures (charter signed). */
    membresRepresentes: number;
  } | null;
  meetingsHeld: number;
  signataires: { total: number; nouveaux: number };
  /** Null when no statement of the Pass Numérique tab is dated in the quarter. */
  pass: { structures: PassStructure[]; distribues: number; encaisses: number } | null;
  /** Null when there is no active place. */
  fraicheur: { actifs: number; recents: number; depuis: string; au: string } | null;
}

type NetworkTables = Pick<WorkbookTables, 'Rencontres' | 'Inscriptions' | 'Pass Numérique' | 'Lieux'>;

/** How a meeting counts on the reference day (same rule as the bus's permanences). */
function meetingState(r: Rencontre, today: string): 'tenue' | 'prévue' | 'annulée' | null {
  if (!r.date || !r.statut) return null;
  if (r.statut === 'annulée') return 'annulée';
  if (r.statut === 'réalisée') return r.date <= today ? 'tenue' : 'prévue';
  return 'prévue';
}

/** One key per person: the e-mail (case and spaces ignored), else the name. Never printed. */
function personKey(i: Inscription): string {
  return (i.courriel ?? i.nom ?? '').trim().toLowerCase();
}

function structureKey(i: Inscription): string | null {
  if (i.lieu) return `lieu:${i.lieu}`;
  const name = (i.structure ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return name ? `nom:${name}` : null;
}

/** Active places whose charter was signed on or before `day`: the network's member structures. */
export function memberPlaces(lieux: readonly Lieu[], day: string): Lieu[] {
  return lieux.filter(
    (l) => l.statut === 'actif' && l.charte_signee_le !== null && l.charte_signee_le <= day,
  );
}

export function networkQuarter(
  tables: NetworkTables,
  quarter: Period,
  today: string,
  communeName: (lieu: Lieu) => string,
): NetworkQuarter {
  const lastDay = earlierDay(quarter.au, today);
  const inQuarter = (d: string | null) => d !== null && d >= quarter.du && d <= quarter.au;
  const meetings = validRecords(tables.Rencontres).filter((r) => inQuarter(r.date));
  const lieux = validRecords(tables.Lieux);
  const byId = new Map(lieux.map((l) => [l.id, l]));

  const held = meetings.filter((r) => meetingState(r, today) === 'tenue');
  const heldIds = new Set(held.map((r) => r.id));
  const trainingIds = new Set(held.filter((r) => r.type === FORMATION_TYPE).map((r) => r.id));
  const registrations = validRecords(tables.Inscriptions).filter(
    (i) => i.rencontre !== null && heldIds.has(i.rencontre),
  );
  const recorded = registrations.filter((i) => i.presence !== null);
  const present = registrations.filter((i) => i.presence === 'présent');

  const rencontres = meetings.length
    ? RENCONTRE_TYPES.map((type) => {
        const ofType = meetings.filter((r) => r.type === type);
        const count = (s: string) => ofType.filter((r) => meetingState(r, today) === s).length;
        return { type, tenues: count('tenue'), annulees: count('annulée'), prevues: count('prévue') };
      })
    : null;

  const trainingsRecorded = recorded.some((i) => trainingIds.has(i.rencontre!));
  const trained = new Set(present.filter((i) => trainingIds.has(i.rencontre!)).map(personKey));
  const operators = new Map<string, number>();
  for (const r of held)
    if (r.type === FORMATION_TYPE) {
      const name = r.operateur ?? 'Sans opérateur';
      operators.set(name, (operators.get(name) ?? 0) + 1);
    }

  const members = memberPlaces(lieux, lastDay);
  const memberIds = new Set(members.map((l) => l.id));
  const structures = new Set(present.map(structureKey).filter((k): k is string => k !== null));
  const membersPresent = [...structures].filter((k) => k.startsWith('lieu:') && memberIds.has(k.slice(5)));

  const statements = validRecords(tables['Pass Numérique']).filter((p) => inQuarter(p.date));
  const perPlace = new Map<string, PassStructure>();
  for (const p of statements) {
    const lieu = p.lieu ? byId.get(p.lieu) : undefined;
    const key = p.lieu ?? '';
    const entry = perPlace.get(key) ?? {
      lieu: key,
      nom: lieu?.nom ?? key,
      commune: lieu ? communeName(lieu) : '',
      releves: 0,
      distribues: 0,
      encaisses: 0,
    };
    entry.releves++;
    entry.distribues += p.distribues ?? 0;
    entry.encaisses += p.encaisses ?? 0;
    perPlace.set(key, entry);
  }
  const pass = [...perPlace.values()].sort(
    (a, b) => b.distribues - a.distribues || a.nom.localeCompare(b.nom, 'fr'),
  );

  const active = lieux.filter((l) => l.statut === 'actif');
  const since = monthsBefore(lastDay, FRESH_MONTHS);
  const recent = active.filter((l) => l.date_maj !== null && l.date_maj >= since && l.date_maj <= lastDay);

  return {
    rencontres,
    meetingsHeld: held.length,
    formations: {
      tenues: trainingIds.size,
      professionnels: trainingIds.size === 0 ? 0 : trainingsRecorded ? trained.size : null,
      parOperateur: [...operators]
        .map(([operateur, tenues]) => ({ operateur, tenues }))
        .sort((a, b) => b.tenues - a.tenues || a.operateur.localeCompare(b.operateur, 'fr')),
    },
    structures:
      held.length === 0 || recorded.length > 0
        ? { representees: structures.size, membresRepresentes: membersPresent.length }
        : null,
    signataires: {
      total: members.length,
      nouveaux: members.filter((l) => l.charte_signee_le! >= quarter.du).length,
    },
    pass: statements.length
      ? {
          structures: pass,
          distribues: pass.reduce((n, p) => n + p.distribues, 0),
          encaisses: pass.reduce((n, p) => n + p.encaisses, 0),
        }
      : null,
    fraicheur: active.length
      ? { actifs: active.length, recents: recent.length, depuis: since, au: lastDay }
      : null,
  };
}
