/**
 * An in-memory Apps Script runtime for tests: SpreadsheetApp and the other services as globals of a
 * `node:vm` context in which the bundled `Code.js` runs, with inspection helpers and exact call counts.
 *
 *   const gas = createAppsScript({ sheets: { Lieux: [['Nom', 'Commune'], ['Médiathèque', 'Limoges']] } });
 *   const ctx = gas.loadBundle('dist/gas/Code.js');
 *   gas.fireOpen(ctx);                       // simple onOpen, AuthMode.LIMITED
 *   gas.ui.answers.push('YES');
 *   gas.runMenuItem(ctx, 'Maillage', 'Vérifier les lieux');
 *   expect(gas.calls.count('Range.getValues')).toBe(1);
 *
 * What is counted: see counting.ts (every public method call on an object handed to the script).
 * Semantics the fake keeps from Apps Script: 1-based coordinates with Apps Script's errors, values padded
 * with '' and Dates kept as Dates, strings written by setValue(s)/appendRow parsed like typed text
 * ('05' becomes 5, '2024-01-15' a Date, '=…' a formula, "'05" stays text, '@' cells keep strings),
 * formulas not evaluated (their value reads ''), data validation not enforced on script writes but
 * enforced (with protections) on user edits made through editEvent/fireEdit, AuthMode.LIMITED
 * restrictions in simple triggers (no MailApp, UrlFetchApp, ScriptApp triggers, FormApp,
 * sidebars/dialogs, openById; unknown active user), no Ui in time-driven triggers. FormApp (forms.ts):
 * text questions, responses checked as the form page checks them, form-submit triggers fired by
 * `submitForm` as their owner; a RangeList write is one call.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { formatA1, parseA1 } from './a1';
import { describeChart } from './charts';
import { describeRule } from './conditional-format';
import { type CallCounts, raw } from './counting';
import {
  AuthMode,
  type AuthModeName,
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartPosition,
  ChartType,
  type EnumMember,
} from './enums';
import {
  editUrl,
  FormAppImpl,
  FormImpl,
  type FormModel,
  FormResponseImpl,
  type FormsRegistry,
  publishedUrl,
  submitAnswers,
} from './forms';
import { HtmlServiceImpl } from './html';
import {
  type Cell,
  type Context,
  SheetModel,
  type UiLogEntry,
  type ValidationModel,
  type WorkbookModel,
} from './model';
import { describeProtection, protectionAllows } from './protection';
import { type Execution, Runtime, scopeSet } from './runtime';
import {
  type ClockSchedule,
  ScriptAppImpl,
  TriggerImpl,
  type TriggerModel,
  type TriggerRegistry,
} from './script-app';
import {
  CacheServiceImpl,
  type CacheStores,
  type FetchHandler,
  type FetchLogEntry,
  LockServiceImpl,
  type LockState,
  type LogEntry,
  MailAppImpl,
  makeConsole,
  makeLogger,
  newLockState,
  PropertiesServiceImpl,
  type PropertyStores,
  releaseLocksOf,
  type SentMail,
  SessionImpl,
  UrlFetchAppImpl,
  UtilitiesImpl,
} from './services';
import { Host, type RangeImpl, type Rect, SpreadsheetAppImpl, type SpreadsheetImpl } from './spreadsheet';
import { isDate, isValidTimeZone } from './time';
import { type MenuEntry, UiImpl, type UiState } from './ui';
import { makeUser, type UserImpl } from './users';
import { describeValidation, satisfies } from './validation';
import { type CellValue, defaultDateFormat, displayValue, eventString } from './values';

export { type CallCounts, LOCAL_OBJECT_SERVICES } from './counting';
export { FormSubmissionRejected } from './forms';
export type { UiLogEntry } from './model';
export type {
  FetchHandler,
  FetchLogEntry,
  FetchRequest,
  FetchResponse,
  LockState,
  LogEntry,
  SentMail,
} from './services';
export type { MenuDescriptor, MenuEntry, UiAnswer, UiState } from './ui';

export interface CreateAppsScriptOptions {
  /** Tab name -> rows (first row = headers). Values are stored as given; '=…' strings become formulas. */
  sheets?: Record<string, unknown[][]>;
  /** Active user email (Session.getActiveUser); '' simulates an unknown user. */
  user?: string;
  /** Session.getEffectiveUser; defaults to user (or the owner when user is ''). */
  effectiveUser?: string;
  /** Owner of the spreadsheet (always allowed through protections); defaults to the effective user. */
  owner?: string;
  /** Editors the spreadsheet is shared with (besides the owner). */
  editors?: string[];
  /** Spreadsheet time zone (File > Settings); default 'Europe/Paris'. */
  timeZone?: string;
  /** Script time zone (the manifest's timeZone, Session.getScriptTimeZone); default timeZone. */
  scriptTimeZone?: string;
  /**
   * The owner's Google Workspace domain (e.g. 'reseau87.example'); default none (consumer accounts,
   * gmail.com). Who is known to a trigger depends on it: see Runtime.visibleActiveUser.
   */
  workspaceDomain?: string;
  /** Spreadsheet locale; default 'fr_FR' (parsing of typed dates and decimals, display values). */
  locale?: string;
  /**
   * Clock; Utilities.sleep and lock waits advance it. `new Date()` inside the bundle uses it too.
   * Default: a fixed instant (Monday 30 November 2026, 10:00 in Paris), never the machine's clock.
   */
  now?: () => Date;
  /** MailApp remaining daily quota (recipients); default 100. */
  mailQuota?: number;
  urlFetch?: FetchHandler;
  /** Folder of the HTML files for HtmlService; default appsscript/ at the repository root. */
  htmlDir?: string;
  /** Every lock is held by another process: tryLock gives false, waitLock throws. */
  lockBusy?: boolean;
  /** Initial PropertiesService stores. */
  properties?: Partial<PropertyStores>;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Minimum size of the sheets given in `sheets` (Sheets' default: 1000 rows, 26 columns). */
  sheetSize?: { rows?: number; columns?: number };
  /**
   * The project manifest's oauthScopes: a FULL execution calling a service whose scope is not listed
   * is refused (« You do not have permission to call … »). Default: every scope granted.
   */
  oauthScopes?: readonly string[];
  /** Whether simple triggers know every active user (as if all were in the Workspace domain); default false. */
  knownUserInSimpleTriggers?: boolean;
  /**
   * Sets process.env.TZ to timeZone, so that local-time Date methods in the bundle (getHours,
   * new Date(y, m, d)) use the script time zone as in Apps Script. Affects the whole test worker;
   * default false (then they use the process time zone).
   */
  alignProcessTimeZone?: boolean;
}

/** The globals of the vm context. */
export interface AppsScriptGlobals {
  SpreadsheetApp: SpreadsheetAppImpl;
  LockService: LockServiceImpl;
  PropertiesService: PropertiesServiceImpl;
  CacheService: CacheServiceImpl;
  UrlFetchApp: UrlFetchAppImpl;
  MailApp: MailAppImpl;
  FormApp: FormAppImpl;
  ScriptApp: ScriptAppImpl;
  HtmlService: HtmlServiceImpl;
  Session: SessionImpl;
  Utilities: UtilitiesImpl;
  Charts: {
    ChartType: typeof ChartType;
    Position: typeof ChartPosition;
    ChartMergeStrategy: typeof ChartMergeStrategy;
    ChartHiddenDimensionStrategy: typeof ChartHiddenDimensionStrategy;
  };
  Logger: ReturnType<typeof makeLogger>;
  console: ReturnType<typeof makeConsole>;
  /** Date whose `new Date()` and `Date.now()` follow the fake clock. */
  Date: DateConstructor;
}

/**
 * The vm context after loading a bundle: the globals plus the script's top-level functions
 * (`ctx.onOpen({})`). Script functions are untyped, hence `any`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the bundle's functions have no static types.
export type BundleContext = AppsScriptGlobals & { [name: string]: any };

/** The event object given to onEdit (simple or installable). */
export interface EditEvent {
  authMode: EnumMember;
  range: RangeImpl & { rowStart: number; rowEnd: number; columnStart: number; columnEnd: number };
  source: SpreadsheetImpl;
  user: UserImpl;
  /** New value as a string (dates as serial numbers); single-cell edits only; undefined when cleared. */
  value?: string;
  /** Previous value; single-cell edits only; undefined when the cell was empty. */
  oldValue?: string;
  triggerUid?: string;
}

export interface EditOptions {
  /** Who edits; default the fake's current user. */
  user?: string;
  /**
   * fireEdit: the installable edit triggers run in the middle of the simple onEdit, just before its
   * first call of this 'Service.method' (they are separate executions in Apps Script, with no
   * order between them); default after it.
   */
  interleaveAt?: string;
}

/** Thrown by editEvent/fireEdit when Sheets would refuse the user's edit (protection, rejecting validation). */
export class EditRejectedError extends Error {
  constructor(
    message: string,
    readonly reason: 'protected' | 'invalid',
  ) {
    super(message);
    this.name = 'EditRejectedError';
  }
}

export interface ValidationDescription {
  /** Rectangle of cells sharing the rule, e.g. 'C2:C1000'. */
  range: string;
  criteria: string;
  /** Criteria values; a VALUE_IN_RANGE source as "Tab!A2:A20". */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface TriggerDescription {
  id: string;
  handlerFunction: string;
  eventType: string;
  source: 'CLOCK' | 'SPREADSHEETS' | 'FORMS';
  sourceId: string | null;
  owner: string;
  schedule?: ClockSchedule;
}

export interface CellDescription {
  value: CellValue;
  displayValue: string;
  formula: string;
  note: string;
  validation: Omit<ValidationDescription, 'range'> | null;
  background: string;
  fontColor: string;
  fontWeight: string;
  numberFormat: string;
  horizontalAlignment: string;
  wrap: boolean;
}

export interface SheetDescription {
  name: string;
  id: number;
  index: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: Record<number, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
  tabColor: string | null;
  hidden: boolean;
}

export interface FakeAppsScript {
  globals: AppsScriptGlobals;
  calls: CallCounts;
  resetCalls(): void;
  /** Runs fn without counting calls (to inspect through the services in a test). */
  uncounted<T>(fn: () => T): T;
  /** The active spreadsheet, as the script sees it (calls on it are counted). */
  spreadsheet: SpreadsheetImpl;
  sheetNames(): string[];
  /** The data region (A1 to last row/column with content) like getDataRange().getValues(); [] if empty. */
  values(tab: string): CellValue[][];
  displayValues(tab: string): string[][];
  /** Non-empty notes by A1 cell. */
  notes(tab: string): Record<string, string>;
  /** Non-default backgrounds by A1 cell. */
  backgrounds(tab: string): Record<string, string>;
  cell(tab: string, a1: string): CellDescription;
  /** Validation rules grouped into rectangles, by column then row. */
  dataValidations(tab: string): ValidationDescription[];
  conditionalFormatRules(tab: string): ReturnType<typeof describeRule>[];
  protections(tab: string): ReturnType<typeof describeProtection>[];
  charts(tab: string): ReturnType<typeof describeChart>[];
  frozenRows(tab: string): number;
  frozenColumns(tab: string): number;
  sheet(tab: string): SheetDescription;
  sentMails: SentMail[];
  /** MailApp quota left (writable). */
  mail: { remaining: number };
  readonly triggers: TriggerDescription[];
  /** Every alert, prompt, sidebar, dialog and toast shown. */
  uiLog: UiLogEntry[];
  /** ui.answers: scripted answers for alert()/prompt(); ui.menus: menus added to the Ui. */
  ui: UiState;
  properties: PropertyStores;
  fetches: FetchLogEntry[];
  logs: LogEntry[];
  locks: LockState;
  /** Makes another person the active and effective user (as when they run a menu item). */
  setUser(email: string, effectiveUser?: string): void;
  now(): Date;
  advanceClock(ms: number): void;
  /** Simulates the user's selection. */
  select(tab: string, a1: string): void;
  /**
   * Applies a user's edit (strings parsed like typed text) and returns the onEdit event, as a simple
   * trigger receives it. Throws EditRejectedError when a protection or a rejecting validation forbids it.
   */
  editEvent(tab: string, a1: string, newValues: unknown, options?: EditOptions): EditEvent;
  /** Reads a file and runs it in the vm context; returns the context (top-level functions on it). */
  loadBundle(codeJsPath: string): BundleContext;
  loadScript(code: string, filename?: string): BundleContext;
  /**
   * A second project bound to the same workbook, in its own global scope (loadBundle's is shared),
   * with its own script lock, and its manifest's oauthScopes when given (enforced when it runs through runMenuItem,
   * runServerCall, fireOpen, fireEdit/runEdit or runTrigger).
   */
  loadProject(codeJsPath: string, oauthScopes?: readonly string[]): BundleContext;
  /** Simple onOpen (LIMITED) then installable on-open triggers (FULL). */
  fireOpen(ctx: BundleContext): void;
  /** editEvent, then simple onEdit (LIMITED) and installable on-edit triggers (FULL). */
  fireEdit(ctx: BundleContext, tab: string, a1: string, newValues: unknown, options?: EditOptions): EditEvent;
  /**
   * The triggers of an edit made earlier with editEvent, run now: as when the simple onEdit waited
   * for a lock another execution held, and got it once that one ended.
   */
  runEdit(ctx: BundleContext, e: EditEvent, options?: EditOptions): void;
  /** Runs an installable trigger (by id, handler name or Trigger) as its owner; clock triggers have no Ui. */
  runTrigger(
    ctx: BundleContext,
    trigger: string | TriggerDescription | TriggerImpl,
    event?: Record<string, unknown>,
  ): unknown;
  /** Clicks a menu item: menu title (or '' for the add-on menu), sub-menu captions..., item caption. */
  runMenuItem(ctx: BundleContext, ...path: string[]): unknown;
  /**
   * Runs `run` (another execution: fireEdit, runMenuItem…) in the middle of whatever runs next, just
   * before its nth call of `key` ('Service.method'). A lock held by the interrupted execution is
   * refused to the interleaved one after its timeout.
   */
  interleave(key: string, run: () => void, nth?: number): void;
  /** Calls a global function (a dialog's google.script.run call) as the current user. */
  runServerCall(ctx: BundleContext, name: string, ...args: unknown[]): unknown;
  /** The forms FormApp created, as their owner sees them in Google Forms. */
  readonly forms: FormDescription[];
  /**
   * A respondent fills in a form (by its id, edit URL or published URL; answers by question title):
   * refused with FormSubmissionRejected as the form page refuses it, otherwise stored, then the form's
   * installable form-submit triggers run (each as its owner, AuthMode.FULL, no Ui) with
   * { authMode, response, source, triggerUid }. Returns the response id.
   */
  submitForm(
    ctx: BundleContext,
    form: string,
    answers: Record<string, string>,
    options?: { respondent?: string },
  ): string;
}

export interface FormDescription {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  editUrl: string;
  publishedUrl: string;
  published: boolean;
  accepting: boolean;
  owner: string;
  items: { title: string; required: boolean; validation: string | null; helpText: string }[];
  responses: number;
}

const DEFAULT_HTML_DIR = fileURLToPath(new URL('../../../appsscript/', import.meta.url));

/** The fake's clock when a test gives none. */
const DEFAULT_NOW = Date.parse('2026-11-30T09:00:00Z');

/** A Date constructor whose no-argument form and Date.now() read the fake clock. */
function clockDate(now: () => number): DateConstructor {
  const ClockDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new Date(now()).toString();
    return args.length === 0
      ? new Date(now())
      : new (Date as unknown as new (...a: unknown[]) => Date)(...args);
  } as unknown as DateConstructor & { now: () => number };
  Object.defineProperties(ClockDate, {
    prototype: { value: Date.prototype },
    now: { value: () => now() },
    UTC: { value: Date.UTC },
    parse: { value: Date.parse },
  });
  return ClockDate;
}

function initialCell(
  value: unknown,
  tab: string,
  r: number,
  c: number,
  timeZone: string,
  locale: string,
): Cell | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string')
    return value.startsWith('=') && value.length > 1 ? { value: '', formula: value } : { value };
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (isDate(value)) {
    const d = new Date(value.getTime());
    return { value: d, numberFormat: defaultDateFormat(d, { timeZone, locale, now: d }) };
  }
  throw new Error(`createAppsScript: unsupported value in ${tab}!${formatA1(r, c, 1, 1)}: ${String(value)}`);
}

export function createAppsScript(options: CreateAppsScriptOptions = {}): FakeAppsScript {
  const timeZone = options.timeZone ?? 'Europe/Paris';
  if (!isValidTimeZone(timeZone)) throw new Error(`createAppsScript: unknown time zone "${timeZone}".`);
  if (options.alignProcessTimeZone) process.env.TZ = options.scriptTimeZone ?? timeZone;
  const locale = options.locale ?? 'fr_FR';
  const user = options.user ?? 'user@example.org';
  const effectiveUser = options.effectiveUser ?? (user || 'owner@example.org');
  const scriptTimeZone = options.scriptTimeZone ?? timeZone;
  if (!isValidTimeZone(scriptTimeZone))
    throw new Error(`createAppsScript: unknown time zone "${scriptTimeZone}".`);
  const rt = new Runtime({
    timeZone,
    scriptTimeZone,
    workspaceDomain: options.workspaceDomain ?? null,
    locale,
    now: options.now ?? (() => new Date(DEFAULT_NOW)),
    user,
    effectiveUser,
    knownUserInSimpleTriggers: options.knownUserInSimpleTriggers ?? false,
    ...(options.oauthScopes ? { oauthScopes: options.oauthScopes } : {}),
  });

  // Spreadsheet state.
  const minRows = options.sheetSize?.rows ?? 1000;
  const minCols = options.sheetSize?.columns ?? 26;
  let nextSheetId = 1_000_001;
  const sheets: SheetModel[] = [];
  const given = options.sheets ?? { [locale.toLowerCase().startsWith('fr') ? 'Feuille 1' : 'Sheet1']: [] };
  for (const [name, rows] of Object.entries(given)) {
    if (sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`createAppsScript: two tabs named "${name}" (sheet names are case-insensitive).`);
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    const s = new SheetModel(
      name,
      sheets.length === 0 ? 0 : nextSheetId++,
      Math.max(minRows, rows.length),
      Math.max(minCols, width),
    );
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const cell = initialCell(v, name, i + 1, j + 1, timeZone, locale);
        if (cell) {
          s.grid[i] ??= [];
          s.grid[i]![j] = cell;
        }
      });
    });
    sheets.push(s);
  }
  if (sheets.length === 0) throw new Error('createAppsScript: at least one sheet is needed.');
  const wb: WorkbookModel = {
    id: options.spreadsheetId ?? '1FakeMaillageSpreadsheetId0000000000000000000',
    name: options.spreadsheetName ?? 'Maillage',
    sheets,
    active: sheets[0]!,
    activeRange: null,
    owner: options.owner ?? effectiveUser,
    editors: [...(options.editors ?? [])],
    viewers: [],
    namedRanges: new Map(),
    nextSheetId,
    nextChartId: 1,
  };
  const uiLog: UiLogEntry[] = [];
  const ctxModel: Context = { rt, wb, uiLog };
  const uiState: UiState = { answers: [], menus: [] };
  let context: vm.Context | null = null;
  let uiFacade: UiImpl | null = null;
  const host = new Host(ctxModel, () => {
    uiFacade ??= rt.wrap('Ui', new UiImpl(rt, uiState, uiLog));
    return uiFacade;
  });
  wb.activeRange = raw(host.range(wb.active, 1, 1, 1, 1))._ref();

  // Other services' state.
  const properties: PropertyStores = {
    script: { ...(options.properties?.script ?? {}) },
    document: { ...(options.properties?.document ?? {}) },
    user: { ...(options.properties?.user ?? {}) },
  };
  const caches: CacheStores = { script: new Map(), document: new Map(), user: new Map() };
  const locks = newLockState(options.lockBusy ?? false);
  // « The lock is automatically released when the script terminates ».
  rt.endHooks.push((exec) => releaseLocksOf(locks, exec));
  const mail = { remaining: options.mailQuota ?? 100 };
  const sentMails: SentMail[] = [];
  const fetches: FetchLogEntry[] = [];
  const logs: LogEntry[] = [];
  const formsRegistry: FormsRegistry = { forms: [], nextId: 1, nextItemId: 1_000_001 };
  const registry: TriggerRegistry = {
    triggers: [],
    nextId: 8_000_001,
    spreadsheetId: wb.id,
    formIds: () => formsRegistry.forms.map((f) => f.id),
  };
  let nextResponse = 1;

  const globals: AppsScriptGlobals = {
    SpreadsheetApp: rt.wrap('SpreadsheetApp', new SpreadsheetAppImpl(host)),
    LockService: rt.wrap('LockService', new LockServiceImpl(rt, locks)),
    PropertiesService: rt.wrap('PropertiesService', new PropertiesServiceImpl(rt, properties)),
    CacheService: rt.wrap('CacheService', new CacheServiceImpl(rt, caches)),
    UrlFetchApp: rt.wrap('UrlFetchApp', new UrlFetchAppImpl(rt, options.urlFetch, fetches)),
    MailApp: rt.wrap('MailApp', new MailAppImpl(rt, mail, sentMails)),
    FormApp: rt.wrap('FormApp', new FormAppImpl(rt, formsRegistry)),
    ScriptApp: rt.wrap('ScriptApp', new ScriptAppImpl(rt, registry)),
    HtmlService: rt.wrap(
      'HtmlService',
      new HtmlServiceImpl(rt, options.htmlDir ?? DEFAULT_HTML_DIR, () => context),
    ),
    Session: rt.wrap('Session', new SessionImpl(rt)),
    Utilities: rt.wrap('Utilities', new UtilitiesImpl(rt)),
    Charts: {
      ChartType,
      Position: ChartPosition,
      ChartMergeStrategy,
      ChartHiddenDimensionStrategy,
    },
    Logger: makeLogger(logs),
    console: makeConsole(logs, () => rt.now().getTime()),
    Date: clockDate(() => rt.now().getTime()),
  };
  /** The services, before any script adds its functions to the shared global scope. */
  const SERVICE_NAMES = Object.keys(globals) as (keyof AppsScriptGlobals)[];

  // --- helpers ------------------------------------------------------------------------------
  const sheetOf = (tab: string): SheetModel => {
    const s = host.findSheet(tab);
    if (!s)
      throw new Error(
        `FakeAppsScript: no tab named "${tab}" (tabs: ${wb.sheets.map((x) => x.name).join(', ')}).`,
      );
    return s;
  };
  const plainA1 = (r: Rect) => formatA1(r.row, r.col, r.numRows, r.numCols);
  const fmt = () => host.formatContext();
  const dataRegion = <T>(tab: string, fn: (c: Cell | undefined) => T): T[][] => {
    const s = sheetOf(tab);
    const rows = s.lastRow();
    const cols = s.lastColumn();
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => fn(s.cell(i + 1, j + 1))),
    );
  };
  const eachCell = (s: SheetModel, fn: (cell: Cell, row: number, col: number) => void) => {
    s.grid.forEach((row, i) => {
      row?.forEach((cell, j) => {
        if (cell) fn(cell, i + 1, j + 1);
      });
    });
  };
  const validationOut = (m: ValidationModel) => describeValidation(m, (r) => host.a1(r));
  const triggerOut = (t: TriggerModel): TriggerDescription => ({
    id: t.id,
    handlerFunction: t.handlerFunction,
    eventType: t.eventType,
    source: t.source,
    sourceId: t.sourceId,
    owner: t.owner,
    ...(t.schedule ? { schedule: { ...t.schedule } } : {}),
  });

  const limitedUser = (email: string) => (rt.knownUserInSimpleTriggers || rt.inWorkspace(email) ? email : '');

  function callHandler(ctx: BundleContext, name: string, event: unknown): unknown {
    const fn: unknown = ctx[name];
    if (typeof fn !== 'function') throw rt.error(`Script function not found: ${name}`);
    return (fn as (e: unknown) => unknown)(event);
  }

  function editEvent(tab: string, a1: string, newValues: unknown, opts: EditOptions = {}): EditEvent {
    const s = sheetOf(tab);
    const editor = opts.user ?? rt.user;
    const range = raw(host.rangeFromA1(s, a1));
    if (range._sheet !== s) throw new Error(`FakeAppsScript.editEvent: ${a1} is not on ${tab}.`);
    const { _row: row, _col: col, _numRows: nr, _numCols: nc } = range;
    const grid: unknown[][] = Array.isArray(newValues)
      ? (newValues as unknown[][])
      : Array.from({ length: nr }, () => Array.from({ length: nc }, () => newValues));
    if (grid.length !== nr || grid.some((r) => !Array.isArray(r) || r.length !== nc)) {
      throw new Error(`FakeAppsScript.editEvent: the values do not have the shape of ${a1} (${nr}x${nc}).`);
    }
    // Protections.
    const protections = [...(s.sheetProtection ? [s.sheetProtection] : []), ...s.rangeProtections];
    for (const p of protections) {
      if (protectionAllows(host, p, editor)) continue;
      for (let i = 0; i < nr; i++) {
        for (let j = 0; j < nc; j++) {
          const r = row + i;
          const c = col + j;
          const covered =
            p.type === 'SHEET'
              ? !p.unprotected.some((u) => !u.dead && u.contains(r, c))
              : (p.ref?.contains(r, c) ?? false);
          if (covered) {
            throw new EditRejectedError(
              `${editor || 'The user'} cannot edit ${tab}!${formatA1(r, c, 1, 1)}: protected cell${p.description ? ` (${p.description})` : ''}.`,
              'protected',
            );
          }
        }
      }
    }
    // Parse as typed, then check rejecting validations.
    const parsed = grid.map((rowValues, i) =>
      rowValues.map((v, j) => {
        const probe: Cell = { value: '' };
        const existing = s.cell(row + i, col + j);
        if (existing?.numberFormat) probe.numberFormat = existing.numberFormat;
        host.write(probe, v, 'editEvent');
        return probe;
      }),
    );
    parsed.forEach((rowCells, i) => {
      rowCells.forEach((probe, j) => {
        const v = s.cell(row + i, col + j)?.validation;
        if (v && !v.allowInvalid && !probe.formula && !satisfies(v, probe.value)) {
          throw new EditRejectedError(
            `Invalid entry in ${tab}!${formatA1(row + i, col + j, 1, 1)}: ${v.helpText || `the value does not satisfy ${v.criteria}`}.`,
            'invalid',
          );
        }
      });
    });
    const single = nr === 1 && nc === 1;
    const before = s.cell(row, col);
    const oldValue =
      single && before && before.value !== '' ? eventString(before.value, rt.timeZone) : undefined;
    parsed.forEach((rowCells, i) => {
      rowCells.forEach((probe, j) => {
        const cell = s.ensureCell(row + i, col + j);
        cell.value = probe.value;
        cell.formula = probe.formula;
        if (probe.numberFormat) cell.numberFormat = probe.numberFormat;
      });
    });
    wb.active = s;
    wb.activeRange = range._ref();
    const after = s.cell(row, col);
    const eventRange = host.range(s, row, col, nr, nc);
    Object.assign(raw(eventRange), {
      rowStart: row,
      rowEnd: row + nr - 1,
      columnStart: col,
      columnEnd: col + nc - 1,
    });
    const e: EditEvent = {
      authMode: AuthMode.LIMITED,
      range: eventRange as EditEvent['range'],
      source: host.spreadsheet(),
      user: makeUser(rt, limitedUser(editor)),
    };
    if (single && after && after.value !== '') e.value = eventString(after.value, rt.timeZone);
    if (oldValue !== undefined) e.oldValue = oldValue;
    return e;
  }

  function installableExec(t: TriggerModel, activeUser: string, ui: boolean): Execution {
    return {
      kind: t.eventType === 'CLOCK' ? 'timeTrigger' : 'installableTrigger',
      authMode: 'FULL',
      ui,
      activeUser,
      effectiveUser: t.owner,
      triggerUid: t.id,
    };
  }

  function simpleExec(editor: string): Execution {
    return {
      kind: 'simpleTrigger',
      authMode: 'LIMITED',
      ui: true,
      activeUser: editor,
      effectiveUser: editor,
    };
  }

  function loadScript(code: string, filename = 'Code.js'): BundleContext {
    if (!context) {
      context = vm.createContext(globals);
      rt.errorCtor = vm.runInContext('Error', context) as ErrorConstructor;
    }
    vm.runInContext(code, context, { filename });
    return context as BundleContext;
  }

  /**
   * Another project bound to the same workbook: its own global scope (its own top-level functions),
   * the same spreadsheet and services. (Errors the services throw come from the first project's realm.)
   */
  function loadProject(codeJsPath: string, oauthScopes?: readonly string[]): BundleContext {
    // Its own locks: « getScriptLock: gets a lock that prevents any user from concurrently running a
    // section of code » of this script; another project's executions do not wait for it. Busy when
    // the fake's locks are (lockBusy).
    const ownLocks = newLockState(false);
    Object.defineProperty(ownLocks, 'busy', { get: () => locks.busy });
    rt.endHooks.push((exec) => releaseLocksOf(ownLocks, exec));
    const own = vm.createContext({
      ...Object.fromEntries(SERVICE_NAMES.map((n) => [n, globals[n]])),
      LockService: rt.wrap('LockService', new LockServiceImpl(rt, ownLocks)),
    });
    vm.runInContext(readFileSync(codeJsPath, 'utf8'), own, { filename: codeJsPath });
    projectScopes.set(own, scopeSet(oauthScopes));
    // Its functions called directly by a test run with its scopes too.
    const ctx = own as BundleContext;
    for (const name of Object.keys(own)) {
      const fn: unknown = ctx[name];
      if (typeof fn !== 'function' || (SERVICE_NAMES as string[]).includes(name)) continue;
      ctx[name] = (...args: unknown[]) => inProject(ctx, () => (fn as (...a: unknown[]) => unknown)(...args));
    }
    return ctx;
  }

  /** The scopes of each project loaded with loadProject (the others: the fake's oauthScopes). */
  const projectScopes = new WeakMap<object, Set<string> | null>();
  function inProject<T>(ctx: BundleContext, fn: () => T): T {
    if (!projectScopes.has(ctx)) return fn();
    const saved = rt.scopes;
    rt.scopes = projectScopes.get(ctx) ?? null;
    try {
      return fn();
    } finally {
      rt.scopes = saved;
    }
  }

  function findMenuItem(path: string[]): string {
    const [title, ...rest] = path;
    const menu = uiState.menus.find((m) => m.title === title);
    if (!menu)
      throw new Error(
        `FakeUi: no menu "${title}" (menus: ${uiState.menus.map((m) => JSON.stringify(m.title)).join(', ')}).`,
      );
    let items: MenuEntry[] = menu.items;
    for (let i = 0; i < rest.length; i++) {
      const caption = rest[i]!;
      const entry = items.find((x) => 'caption' in x && x.caption === caption);
      if (!entry)
        throw new Error(`FakeUi: no menu item "${caption}" in ${path.slice(0, i + 1).join(' > ')}.`);
      if ('items' in entry) {
        items = entry.items;
        continue;
      }
      if (i !== rest.length - 1 || !('functionName' in entry)) break;
      return entry.functionName;
    }
    throw new Error(`FakeUi: ${path.join(' > ')} is not a menu item.`);
  }

  /** The executions an edit starts: the simple onEdit (LIMITED), then installable on-edit triggers (FULL). */
  function runEdit(ctx: BundleContext, e: EditEvent, opts: EditOptions = {}): void {
    const editor = opts.user ?? rt.user;
    let installedRun = false;
    const runInstalled = () => {
      installedRun = true;
      for (const t of registry.triggers.filter((x) => x.eventType === 'ON_EDIT')) {
        const exec = installableExec(t, editor, true);
        rt.within(exec, () => {
          const full: EditEvent = {
            ...e,
            authMode: AuthMode.FULL,
            user: makeUser(rt, rt.visibleActiveUser()),
            triggerUid: t.id,
          };
          callHandler(ctx, t.handlerFunction, full);
        });
      }
    };
    if (opts.interleaveAt) rt.interleave(opts.interleaveAt, runInstalled);
    if (typeof ctx.onEdit === 'function')
      inProject(ctx, () => rt.within(simpleExec(editor), () => ctx.onEdit(e)));
    if (!installedRun) {
      rt.cancelInterleave(runInstalled);
      runInstalled();
    }
  }

  const fake: FakeAppsScript = {
    globals,
    calls: rt.counter,
    resetCalls: () => rt.counter.reset(),
    uncounted: (fn) => rt.counter.uncounted(fn),
    spreadsheet: host.spreadsheet(),
    sheetNames: () => wb.sheets.map((s) => s.name),
    values: (tab) =>
      dataRegion(tab, (c) => {
        const v = c?.value ?? '';
        return isDate(v) ? new Date(v.getTime()) : v;
      }),
    displayValues: (tab) => {
      const ctx = fmt();
      return dataRegion(tab, (c) => (c ? displayValue(c.value, c.numberFormat, ctx) : ''));
    },
    notes: (tab) => {
      const out: Record<string, string> = {};
      eachCell(sheetOf(tab), (c, r, col) => {
        if (c.note) out[formatA1(r, col, 1, 1)] = c.note;
      });
      return out;
    },
    backgrounds: (tab) => {
      const out: Record<string, string> = {};
      eachCell(sheetOf(tab), (c, r, col) => {
        if (c.background) out[formatA1(r, col, 1, 1)] = c.background;
      });
      return out;
    },
    cell: (tab, a1) => {
      const s = sheetOf(tab);
      const p = parseA1(a1);
      if (!p || p.row1 === undefined || p.col1 === undefined)
        throw new Error(`FakeAppsScript.cell: bad cell ${a1}`);
      const c = s.cell(p.row1, p.col1);
      const v = c?.value ?? '';
      let validation: CellDescription['validation'] = null;
      if (c?.validation) validation = validationOut(c.validation);
      return {
        value: isDate(v) ? new Date(v.getTime()) : v,
        displayValue: c ? displayValue(c.value, c.numberFormat, fmt()) : '',
        formula: c?.formula ?? '',
        note: c?.note ?? '',
        validation,
        background: c?.background ?? '#ffffff',
        fontColor: c?.fontColor ?? '#000000',
        fontWeight: c?.fontWeight ?? 'normal',
        numberFormat: c?.numberFormat ?? '0.###############',
        horizontalAlignment: c?.horizontalAlignment ?? 'general',
        wrap: c?.wrapStrategy === 'WRAP',
      };
    },
    dataValidations: (tab) => {
      const s = sheetOf(tab);
      const byKey = new Map<
        string,
        { desc: Omit<ValidationDescription, 'range'>; cols: Map<number, number[]> }
      >();
      eachCell(s, (c, r, col) => {
        if (!c.validation) return;
        const desc = validationOut(c.validation);
        const key = JSON.stringify(desc);
        let g = byKey.get(key);
        if (!g) {
          g = { desc, cols: new Map() };
          byKey.set(key, g);
        }
        const list = g.cols.get(col) ?? [];
        list.push(r);
        g.cols.set(col, list);
      });
      const out: (ValidationDescription & { _r: number; _c: number })[] = [];
      for (const { desc, cols } of byKey.values()) {
        // Vertical runs per column, then merge neighbouring columns with the same run.
        const runs: { r1: number; r2: number; c1: number; c2: number }[] = [];
        for (const [col, rowsList] of [...cols.entries()].sort((a, b) => a[0] - b[0])) {
          const sorted = rowsList.sort((a, b) => a - b);
          let start = sorted[0]!;
          let prev = start;
          const flush = () => {
            const same = runs.find((x) => x.c2 === col - 1 && x.r1 === start && x.r2 === prev);
            if (same) same.c2 = col;
            else runs.push({ r1: start, r2: prev, c1: col, c2: col });
          };
          for (const r of sorted.slice(1)) {
            if (r === prev + 1) prev = r;
            else {
              flush();
              start = r;
              prev = r;
            }
          }
          flush();
        }
        for (const x of runs) {
          out.push({
            range: formatA1(x.r1, x.c1, x.r2 - x.r1 + 1, x.c2 - x.c1 + 1),
            ...desc,
            _r: x.r1,
            _c: x.c1,
          });
        }
      }
      return out.sort((a, b) => a._c - b._c || a._r - b._r).map(({ _r, _c, ...d }) => d);
    },
    conditionalFormatRules: (tab) => sheetOf(tab).rules.map((r) => describeRule(r, plainA1)),
    protections: (tab) => {
      const s = sheetOf(tab);
      return [...(s.sheetProtection ? [s.sheetProtection] : []), ...s.rangeProtections].map((p) =>
        describeProtection(p, host, plainA1),
      );
    },
    charts: (tab) => sheetOf(tab).charts.map((c) => describeChart(c, (r) => host.a1(r))),
    frozenRows: (tab) => sheetOf(tab).frozenRows,
    frozenColumns: (tab) => sheetOf(tab).frozenCols,
    sheet: (tab) => {
      const s = sheetOf(tab);
      return {
        name: s.name,
        id: s.id,
        index: wb.sheets.indexOf(s) + 1,
        maxRows: s.maxRows,
        maxColumns: s.maxCols,
        lastRow: s.lastRow(),
        lastColumn: s.lastColumn(),
        frozenRows: s.frozenRows,
        frozenColumns: s.frozenCols,
        columnWidths: Object.fromEntries(s.columnWidths),
        hiddenColumns: [...s.hiddenCols].sort((a, b) => a - b),
        hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
        tabColor: s.tabColor,
        hidden: s.hidden,
      };
    },
    sentMails,
    mail,
    get triggers() {
      return registry.triggers.map(triggerOut);
    },
    uiLog,
    ui: uiState,
    properties,
    fetches,
    logs,
    locks,
    setUser(email, effective) {
      rt.user = email;
      rt.effectiveUser = effective ?? (email || rt.effectiveUser);
      if (rt.exec.kind === 'script') rt.exec = rt.scriptExecution();
    },
    now: () => rt.now(),
    advanceClock: (ms) => rt.advance(ms),
    select(tab, a1) {
      const s = sheetOf(tab);
      const r = raw(host.rangeFromA1(s, a1));
      wb.active = s;
      wb.activeRange = r._ref();
    },
    editEvent,
    loadBundle: (path) => loadScript(readFileSync(path, 'utf8'), path),
    loadProject,
    loadScript,
    fireOpen(ctx) {
      const opener = rt.user;
      if (typeof ctx.onOpen === 'function') {
        const e = {
          authMode: AuthMode.LIMITED,
          source: host.spreadsheet(),
          user: makeUser(rt, limitedUser(opener)),
        };
        inProject(ctx, () => rt.within(simpleExec(opener), () => ctx.onOpen(e)));
      }
      for (const t of registry.triggers.filter(
        (x) => x.eventType === 'ON_OPEN' && x.source === 'SPREADSHEETS',
      )) {
        const e = {
          authMode: AuthMode.FULL,
          source: host.spreadsheet(),
          user: makeUser(rt, opener),
          triggerUid: t.id,
        };
        rt.within(installableExec(t, opener, true), () => callHandler(ctx, t.handlerFunction, e));
      }
    },
    fireEdit(ctx, tab, a1, newValues, opts = {}) {
      const e = editEvent(tab, a1, newValues, opts);
      runEdit(ctx, e, opts);
      return e;
    },
    runEdit: (ctx, e, opts = {}) => runEdit(ctx, e, opts),
    interleave: (key, run, nth = 1) => rt.interleave(key, run, nth),
    runServerCall(ctx, name, ...args) {
      return inProject(ctx, () =>
        rt.within(rt.scriptExecution(), () => {
          const fn: unknown = ctx[name];
          if (typeof fn !== 'function') throw rt.error(`Script function not found: ${name}`);
          return (fn as (...a: unknown[]) => unknown)(...args);
        }),
      );
    },
    get forms() {
      return formsRegistry.forms.map((f: FormModel) => ({
        id: f.id,
        title: f.title,
        description: f.description,
        confirmationMessage: f.confirmationMessage,
        editUrl: editUrl(f),
        publishedUrl: publishedUrl(f),
        published: f.published,
        accepting: f.accepting,
        owner: f.owner,
        items: f.items.map((i) => ({
          title: i.title,
          required: i.required,
          validation: i.validation?.kind ?? null,
          helpText: i.helpText,
        })),
        responses: f.responses.length,
      }));
    },
    submitForm(ctx, form, answers, opts = {}) {
      const f = formsRegistry.forms.find(
        (x) => x.id === form || editUrl(x) === form || publishedUrl(x) === form,
      );
      if (!f) throw new Error(`FakeFormApp: no form ${form}.`);
      const response = submitAnswers(
        f,
        answers,
        opts.respondent ?? '',
        rt.now(),
        `2_ABaOnud${String(nextResponse++).padStart(8, '0')}`,
      );
      for (const t of registry.triggers.filter(
        (x) => x.eventType === 'ON_FORM_SUBMIT' && x.sourceId === f.id,
      )) {
        const exec: Execution = {
          kind: 'installableTrigger',
          authMode: 'FULL',
          ui: false,
          activeUser: opts.respondent ?? '',
          effectiveUser: t.owner,
          triggerUid: t.id,
        };
        rt.within(exec, () =>
          callHandler(ctx, t.handlerFunction, {
            authMode: AuthMode.FULL,
            response: rt.wrap('FormResponse', new FormResponseImpl(rt, f, response)),
            source: rt.wrap('Form', new FormImpl(rt, formsRegistry, f)),
            triggerUid: t.id,
          }),
        );
      }
      return response.id;
    },
    runTrigger(ctx, trigger, event) {
      const r = raw(trigger);
      const t =
        typeof r === 'string'
          ? (registry.triggers.find((x) => x.id === r) ??
            registry.triggers.find((x) => x.handlerFunction === r))
          : r instanceof TriggerImpl
            ? registry.triggers.find((x) => x.id === r._model.id)
            : registry.triggers.find((x) => x.id === (r as TriggerDescription).id);
      if (!t)
        throw new Error(
          `FakeScriptApp: no installed trigger ${typeof r === 'string' ? r : JSON.stringify(r)}.`,
        );
      const now = rt.now();
      const clock = t.eventType === 'CLOCK';
      const base: Record<string, unknown> = clock
        ? {
            authMode: AuthMode.FULL,
            triggerUid: t.id,
            year: now.getUTCFullYear(),
            month: now.getUTCMonth() + 1,
            'day-of-month': now.getUTCDate(),
            'day-of-week': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
            hour: now.getUTCHours(),
            minute: now.getUTCMinutes(),
            second: now.getUTCSeconds(),
            timezone: 'UTC',
          }
        : {
            authMode: AuthMode.FULL,
            triggerUid: t.id,
            source: host.spreadsheet(),
            user: makeUser(rt, t.owner),
          };
      return inProject(ctx, () =>
        rt.within(installableExec(t, t.owner, !clock), () =>
          callHandler(ctx, t.handlerFunction, { ...base, ...event }),
        ),
      );
    },
    runMenuItem(ctx, ...path) {
      const name = findMenuItem(path);
      return inProject(ctx, () => rt.within(rt.scriptExecution(), () => callHandler(ctx, name, undefined)));
    },
  };
  return fake;
}

export type { AuthModeName, Execution };
