/**
 * « Automatisations »: the weekly rollup (Monday 06:00, Europe/Paris) and the installable edit trigger
 * (which knows who edits: « Modifié par »), installed once for the current account; duplicates removed.
 */

import { createEditTrigger, createWeeklyTrigger, deleteTrigger, listTriggers } from '../adapters/triggers';
import { TIME_ZONE } from '../env';
import { TRIGGER_HANDLERS } from '../triggers';

export interface AutomationState {
  weekly: 'installée' | 'ajoutée';
  edit: 'installée' | 'ajoutée';
  removedDuplicates: number;
}

export const AUTOMATION_LABELS = {
  weekly: 'Calcul des indicateurs chaque lundi vers 6 h',
  edit: 'Suivi des modifications (remplit « Modifié par »)',
} as const;

/** Installs what is missing, removes duplicates; returns the state afterwards. */
export function ensureAutomations(): AutomationState {
  const triggers = listTriggers();
  let removedDuplicates = 0;
  const keep = (handler: string, type: string): boolean => {
    const ours = triggers.filter((t) => t.info.handler === handler && t.info.type === type);
    for (const extra of ours.slice(1)) {
      deleteTrigger(extra.trigger);
      removedDuplicates++;
    }
    return ours.length > 0;
  };
  const hasWeekly = keep(TRIGGER_HANDLERS.weeklyRollup, 'CLOCK');
  const hasEdit = keep(TRIGGER_HANDLERS.edit, 'ON_EDIT');
  if (!hasWeekly) createWeeklyTrigger(TRIGGER_HANDLERS.weeklyRollup, TIME_ZONE);
  if (!hasEdit) createEditTrigger(TRIGGER_HANDLERS.edit);
  return {
    weekly: hasWeekly ? 'installée' : 'ajoutée',
    edit: hasEdit ? 'installée' : 'ajoutée',
    removedDuplicates,
  };
}

/** Triggers of the project that Maillage does not know (an old handler name): listed, never deleted. */
export function unknownTriggers(): string[] {
  const known = new Set<string>(Object.values(TRIGGER_HANDLERS));
  return listTriggers()
    .filter((t) => !known.has(t.info.handler))
    .map((t) => t.info.handler);
}
