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
  /** Script time zone (the manifest's timeZone); default the spreadsheet's. */
  scriptTimeZone?: string;
  /** The owner's Google Workspace domain; null for consumer accounts (gmail.com). */
  workspaceDomain?: string | null;
  /** The manifest's oauthScopes (full URLs); undefined = every scope granted. */
  oauthScopes?: readonly string[];
}

/** Another execution to run when the current one makes a given call (see FakeAppsScript.interleave). */
interface Interleave {
  key: string;
  nth: number;
  run: () => void;
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
  readonly workspaceDomain: string | null;
  /** Scopes the running project's manifest grants (short names: 'userinfo.email'); null = all. */
  scopes: Set<string> | null;
  /** Called with each execution that ends (its locks are released, as Apps Script does). */
  readonly endHooks: ((exec: Execution) => void)[] = [];
  private readonly interleaves: Interleave[] = [];
  /** The user who works in the spreadsheet when no trigger runs. */
  user: string;
  effectiveUser: string;
  exec: Execution;
  private readonly clock: () => Date;
  private offsetMs = 0;

  constructor(options: RuntimeOptions) {
    this.timeZone = options.timeZone;
    this.scriptTimeZone = options.scriptTimeZone ?? options.timeZone;
    this.workspaceDomain = options.workspaceDomain?.toLowerCase() ?? null;
    this.scopes = scopeSet(options.oauthScopes);
    this.counter.onCall = (key) => this.interleaveAt(key);
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
      for (const hook of this.endHooks) hook(exec);
      this.exec = saved;
    }
  }

  /** Runs `run` (another execution) just before the nth call of `key` ('Service.method') from now. */
  interleave(key: string, run: () => void, nth = 1): void {
    this.interleaves.push({ key, nth, run });
  }

  cancelInterleave(run: () => void): void {
    const i = this.interleaves.findIndex((x) => x.run === run);
    if (i >= 0) this.interleaves.splice(i, 1);
  }

  private interleaveAt(key: string): void {
    const i = this.interleaves.findIndex((x) => x.key === key);
    if (i < 0) return;
    const entry = this.interleaves[i]!;
    entry.nth -= 1;
    if (entry.nth > 0) return;
    this.interleaves.splice(i, 1);
    entry.run();
  }

  /** Whether `email` belongs to the owner's Google Workspace domain. */
  inWorkspace(email: string): boolean {
    return this.workspaceDomain !== null && email.toLowerCase().endsWith(`@${this.workspaceDomain}`);
  }

  /**
   * Session.getActiveUser() as the documentation describes it: « the user's email address is not
   * available in any context that allows a script to run without that user's authorization, like a
   * simple onOpen(e) or onEdit(e) trigger […] However, these restrictions generally do not apply if
   * the developer runs the script themselves or belongs to the same Google Workspace domain as the
   * user. » A menu item or a dialog runs with the user's own authorization: known. A simple trigger:
   * known within the owner's Workspace domain only. An installable trigger runs as its owner: the
   * editor is known when it is the owner, or when both are in the Workspace domain.
   */
  visibleActiveUser(): string {
    const e = this.exec;
    if (e.kind === 'script') return e.activeUser;
    if (e.kind === 'simpleTrigger') {
      return this.knownUserInSimpleTriggers || this.inWorkspace(e.activeUser) ? e.activeUser : '';
    }
    const known =
      e.activeUser === e.effectiveUser ||
      (this.inWorkspace(e.activeUser) && this.inWorkspace(e.effectiveUser));
    return known ? e.activeUser : '';
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

  /**
   * Throws like Apps Script when a service needing a scope is called from a simple trigger
   * (AuthMode.LIMITED), or when the manifest's oauthScopes do not list it: « If you need to set
   * scopes explicitly […] add the oauthScopes field to the manifest […] listing the scopes the
   * project uses » (Authorization scopes guide); a call needing another one is refused.
   */
  requireAuth(method: string, scope: string): void {
    if (this.exec.authMode !== 'FULL') this.permissionDenied(method, scope);
    this.requireScope(method, scope);
  }

  /** Only the manifest's scopes (for services that also run, blank, in simple triggers). */
  requireScope(method: string, scope: string): void {
    if (this.exec.authMode === 'FULL' && this.scopes && !this.scopes.has(scope)) {
      this.permissionDenied(method, scope);
    }
  }

  private permissionDenied(method: string, scope: string): never {
    return this.fail(
      `You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/${scope}`,
    );
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

/** Manifest scopes (full URLs) as short names; undefined = every scope. */
export function scopeSet(oauthScopes: readonly string[] | undefined): Set<string> | null {
  return oauthScopes
    ? new Set(oauthScopes.map((u) => u.replace('https://www.googleapis.com/auth/', '')))
    : null;
}
