/** LockService: one Maillage action at a time writes to the workbook. */

export const BUSY_MESSAGE =
  'Le classeur est occupé : une autre action de Maillage est en cours (peut-être lancée par une autre personne). Rien n’a été modifié. Réessayez dans une minute.';

export class BusyError extends Error {
  constructor() {
    super(BUSY_MESSAGE);
    this.name = 'BusyError';
  }
}

/** Waits this long for the lock before giving up with BUSY_MESSAGE. */
export const LOCK_WAIT_MS = 10_000;

/** Runs fn while holding the script lock; throws BusyError when another execution holds it. */
export function withLock<T>(fn: () => T): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new BusyError();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
