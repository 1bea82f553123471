/** LockService: one Maillage action at a time writes to the workbook. */
import { BUSY_MESSAGE } from '../messages';

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
