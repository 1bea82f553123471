import { CallCounter, counted } from './counting';
import type { AuthModeName } from './enums';

/** What kind of execution is running: it decides the auth mode, whether a Ui exists, who the user is. */
export type ExecutionKind = 'script' | 'simpleTrigger' | 'installableTrigger' | 'timeTrigger';

export interface Execution {
  kind: ExecutionKind;
  authMode: AuthModeName;
  /** Whether SpreadsheetApp.getUi() works (false in time-driven triggers). */
  ui: boolean;
  /** Session.getActiveUser().getEmail(); '' when unknown. */
  activeUser: string;
  /** Session.getEffectiveUser().getEmail(). */
  effectiveUser: string;
  /** triggerUid of the installable trigger running, if any. */
  triggerUid?: string;
}

export interface RuntimeOptions {
  timeZone: string;
  locale: string;
  now: () => Date;
  user: string;
  effectiveUser: string;
  knownUserInSimpleTriggers: boolean;
}

/** State shared by every fake service of one runtime. */
export class Runtime {
  readonly counter = new CallCounter();
  /** Error constructor of the realm the script runs in (the vm context's once a bundle is loaded). */
  errorCtor: ErrorConstructor = Error;
  /** Spreadsheet time zone (cell dates, display values). */
  timeZone: string;
  /** Script time zone (Session.getScriptTimeZone). */
  scriptTimeZone: string;
  locale: string;
  readonly knownUserInSimpleTriggers: boolean;
  /** The user who works in the spreadsheet when no trigger runs. */
  user: string;
  effectiveUser: string;
  exec: Execution;
  private readonly clock: () => Date;
  private offsetMs = 0;

  constructor(options: RuntimeOptions) {
    this.timeZone = options.timeZone;
    this.scriptTimeZone = options.timeZone;
    this.locale = options.locale;
    this.clock = options.now;
    this.user = options.user;
    this.effectiveUser = options.effectiveUser;
    this.knownUserInSimpleTriggers = options.knownUserInSimpleTriggers;
    this.exec = this.scriptExecution();
  }

  scriptExecution(): Execution {
    return {
      kind: 'script',
      authMode: 'FULL',
      ui: true,
      activeUser: this.user,
      effectiveUser: this.effectiveUser,
    };
  }

  /** Runs fn in another execution context, restoring the current one afterwards. */
  within<T>(exec: Execution, fn: () => T): T {
    const saved = this.exec;
    this.exec = exec;
    try {
      return fn();
    } finally {
      this.exec = saved;
    }
  }

  now(): Date {
    return new Date(this.clock().getTime() + this.offsetMs);
  }

  /** Moves the clock forward (Utilities.sleep does this too). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  wrap<T extends object>(service: string, target: T): T {
    return counted(this.counter, service, target);
  }

  error(message: string): Error {
    const e = new this.errorCtor(message);
    e.name = 'Exception';
    return e;
  }

  fail(message: string): never {
    throw this.error(message);
  }

  /** Throws like Apps Script when a simple trigger (AuthMode.LIMITED) calls a service needing a scope. */
  requireAuth(method: string, scope: string): void {
    if (this.exec.authMode !== 'FULL') {
      this.fail(
        `You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/${scope}`,
      );
    }
  }

  /** Throws Apps Script's "parameters don't match" error. */
  signatureError(method: string, args: readonly unknown[]): never {
    throw this.badSignature(method, args);
  }

  /** The "parameters don't match" error, for callers that throw it themselves. */
  badSignature(method: string, args: readonly unknown[]): Error {
    return this.error(
      `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`,
    );
  }
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null && x !== undefined);
    return `${first === undefined ? 'Object' : typeName(first)}[]`;
  }
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  if (typeof v === 'function') return 'Function';
  return 'Object';
}
