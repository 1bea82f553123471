/**
 * « Automatisations »: the weekly rollup (Monday 06:00, Europe/Paris) and the meetings' daily round
 * (07:00: waiting lists, reminders), installed once for the current account; duplicates removed. Edits are handled by the simple onEdit alone (one execution per edit,
 * run as the editor): the installable edit trigger of earlier versions is removed.
 */

import { createDailyTrigger, createWeeklyTrigger, deleteTrigger, listTriggers } from '../adapters/triggers';
import { timeZone } from '../env';
import { RETIRED_TRIGGERS, TRIGGER_HANDLERS } from '../triggers';

export interface AutomationState {
  weekly: 'installée' | 'ajoutée';
  daily: 'installée' | 'ajoutée';
  removedDuplicates: number;
  /** Installable edit triggers of earlier versions, removed (each edit ran twice). */
  removedRetired: number;
}

export const AUTOMATION_LABELS = {
  weekly: 'Calcul des indicateurs chaque lundi vers 6 h',
  daily: 'Rappels des rencontres et listes d’attente chaque jour vers 7 h',
} as const;

/** Installs what is missing, removes duplicates and retired triggers; returns the state afterwards. */
export function ensureAutomations(): AutomationState {
  const triggers = listTriggers();
  let removedDuplicates = 0;
  let removedRetired = 0;
  const retired = new Set<string>(RETIRED_TRIGGERS);
  for (const t of triggers) {
    if (retired.has(t.info.handler)) {
      deleteTrigger(t.trigger);
      removedRetired++;
    }
  }
  const ensure = (handler: string, create: () => void): 'installée' | 'ajoutée' => {
    const ours = triggers.filter((t) => t.info.handler === handler && t.info.type === 'CLOCK');
    for (const extra of ours.slice(1)) {
      deleteTrigger(extra.trigger);
      removedDuplicates++;
    }
    if (ours.length > 0) return 'installée';
    create();
    return 'ajoutée';
  };
  const weekly = ensure(TRIGGER_HANDLERS.weeklyRollup, () =>
    createWeeklyTrigger(TRIGGER_HANDLERS.weeklyRollup, timeZone()),
  );
  const daily = ensure(TRIGGER_HANDLERS.dailyMeetings, () =>
    createDailyTrigger(TRIGGER_HANDLERS.dailyMeetings, 7, timeZone()),
  );
  return { weekly, daily, removedDuplicates, removedRetired };
}

/** Triggers of the project that Maillage does not know (an old handler name): listed, never deleted. */
export function unknownTriggers(): string[] {
  const known = new Set<string>([...Object.values(TRIGGER_HANDLERS), ...RETIRED_TRIGGERS]);
  return listTriggers()
    .filter((t) => !known.has(t.info.handler))
    .map((t) => t.info.handler);
}
