export interface TriggerInfo {
  id: string;
  handler: string;
  type: string;
}

export function listTriggers(): { info: TriggerInfo; trigger: GoogleAppsScript.Script.Trigger }[] {
  return ScriptApp.getProjectTriggers().map((t) => ({
    info: { id: t.getUniqueId(), handler: t.getHandlerFunction(), type: String(t.getEventType()) },
    trigger: t,
  }));
}

export function deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
  ScriptApp.deleteTrigger(trigger);
}

/** Every Monday at 6 (Europe/Paris). */
export function createWeeklyTrigger(handler: string, timeZone: string): void {
  ScriptApp.newTrigger(handler)
    .timeBased()
    .onWeekDay(ScriptApp.WeekDay.MONDAY)
    .atHour(6)
    .nearMinute(0)
    .inTimezone(timeZone)
    .create();
}

/** Every day around `hour` in the given zone. */
export function createDailyTrigger(handler: string, hour: number, timeZone: string): void {
  ScriptApp.newTrigger(handler)
    .timeBased()
    .everyDays(1)
    .atHour(hour)
    .nearMinute(0)
    .inTimezone(timeZone)
    .create();
}
