/**
 * The coordination's decisions about uncertain matches, kept in the `Rapprochements` tab: a place of
 * a national file (known by its id and source, or its name and commune) and a row of `Lieux` (its
 * id) are the same place, or not. An import reads them first, so the same file never asks twice;
 * it adds the pairs it could not decide, for the coordination to decide in the tab or the dialog.
 */
import { isBlank, toText } from '../cells';
import { type Lieu, RAPPROCHEMENT_DECISIONS, type TabName } from '../model';
import type { TableResult } from '../read-table';
import { normalizeCommuneName } from '../territory';
import { placeKey } from './keys';
import type { UncertainPlace } from './plan';

const [SAME, DIFFERENT] = RAPPROCHEMENT_DECISIONS;

/** How a place of a national file is known from one file to the next. */
export function nationalKey(record: Lieu): string {
  const id = record.id?.trim().toLowerCase();
  if (id) return `id:${placeKey(record.source ?? '')}:${id}`;
  return `nom:${normalizeCommuneName(record.commune ?? '')}:${placeKey(record.nom)}`;
}

/** One decision: the place of the file `cle` is (same) or is not the row of Lieux `lieu`. */
export interface MatchDecision {
  cle: string;
  lieu: string;
  same: boolean;
}

/** Decisions by place of the file, then by id of Lieux (lower case): true = same place. */
export type Decisions = ReadonlyMap<string, ReadonlyMap<string, boolean>>;

export function pairKey(cle: string, lieu: string): string {
  return `${cle}\u0000${lieu.trim().toLowerCase()}`;
}

/** The decisions the tab holds (rows without a decision are still to decide). */
export function readDecisions(table: TableResult<'Rapprochements'> | undefined): Decisions {
  const out = new Map<string, Map<string, boolean>>();
  for (const row of table?.rows ?? []) {
    const { cle, lieu, decision } = row.record;
    if (!cle || !lieu || (decision !== SAME && decision !== DIFFERENT)) continue;
    const byLieu = out.get(cle) ?? new Map<string, boolean>();
    byLieu.set(lieu.trim().toLowerCase(), decision === SAME);
    out.set(cle, byLieu);
  }
  return out;
}

/** A row to write in the tab, by column key. */
export type RapprochementRow = Record<string, unknown>;

/**
 * The tab's cells once an import's uncertain pairs (those of its plan without `given`) are in it:
 * pairs already listed keep their row
 * (a decision given now is written in it), new pairs go below, with the decision given now if any.
 * `cells` is the tab as read (row 0 = header; empty: the model's header is used).
 */
export function withUncertainPairs(
  cells: readonly (readonly unknown[] | undefined)[],
  columnIndex: Partial<Record<string, number>>,
  width: number,
  uncertain: readonly UncertainPlace[],
  given: readonly MatchDecision[],
  stamp: { at: unknown; by: string },
): { cells: unknown[][]; added: number; decided: number } {
  const out = cells.map((row) => {
    const copy = [...(row ?? [])];
    while (copy.length < width) copy.push('');
    return copy;
  });
  const col = (key: string) => columnIndex[key];
  const rowOf = new Map<string, number>();
  out.forEach((row, i) => {
    const c = col('cle');
    const l = col('lieu');
    if (i === 0 || c === undefined || l === undefined) return;
    const cle = toText(row[c]);
    if (cle) rowOf.set(pairKey(cle, toText(row[l])), i);
  });
  const decisionOf = new Map(given.map((d) => [pairKey(d.cle, d.lieu), d.same]));
  let added = 0;
  let decided = 0;
  const put = (row: unknown[], key: string, value: unknown) => {
    const i = col(key);
    if (i !== undefined) row[i] = value;
  };
  for (const u of uncertain) {
    const cle = nationalKey(u.place.record);
    for (const candidate of u.candidates) {
      // A candidate is a row of Lieux, or a place of the same file this import adds (its id as written).
      if (!candidate.id) continue;
      const key = pairKey(cle, candidate.id);
      const same = decisionOf.get(key);
      let i = rowOf.get(key);
      if (i === undefined) {
        const row: unknown[] = Array.from({ length: width }, () => '');
        put(row, 'cle', cle);
        put(row, 'nom', u.place.record.nom ?? '');
        put(row, 'commune', u.place.record.commune ?? '');
        put(row, 'lieu', candidate.id);
        put(row, 'nom_lieu', candidate.nom ?? '');
        put(row, 'raison', candidate.reason);
        out.push(row);
        i = out.length - 1;
        rowOf.set(key, i);
        added++;
      }
      const d = col('decision');
      if (same === undefined || d === undefined || !isBlank(out[i]![d])) continue;
      put(out[i]!, 'decision', same ? SAME : DIFFERENT);
      put(out[i]!, 'decide_le', stamp.at);
      put(out[i]!, 'decide_par', stamp.by);
      decided++;
    }
  }
  return { cells: out, added, decided };
}

/** The tab name, for messages. */
export const DECISIONS_TAB = 'Rapprochements' satisfies TabName;
