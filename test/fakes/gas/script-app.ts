/** ScriptApp: installable triggers (clock and spreadsheet), enums, OAuth token. */
import { raw } from './counting';
import {
  AuthMode,
  AuthorizationStatus,
  EventType,
  type EventTypeName,
  enumName,
  InstallationSource,
  TriggerSource,
  WeekDay,
  type WeekDayName,
} from './enums';
import type { Runtime } from './runtime';
import { isDate, isValidTimeZone } from './time';

export interface ClockSchedule {
  /** minutes | hours | days | weeks | monthDay: recurring; at | after: once. */
  kind: 'minutes' | 'hours' | 'days' | 'weeks' | 'monthDay' | 'at' | 'after';
  every?: number;
  weekDay?: WeekDayName;
  monthDay?: number;
  hour?: number;
  nearMinute?: number;
  at?: Date;
  afterMs?: number;
  timeZone: string;
}

export interface TriggerModel {
  id: string;
  handlerFunction: string;
  eventType: EventTypeName;
  source: 'CLOCK' | 'SPREADSHEETS' | 'FORMS';
  sourceId: string | null;
  /** The user who created the trigger: it runs as this user. */
  owner: string;
  schedule?: ClockSchedule;
}

export const MAX_TRIGGERS_PER_USER = 20;

export class TriggerImpl {
  constructor(readonly _model: TriggerModel) {}
  getHandlerFunction(): string {
    return this._model.handlerFunction;
  }
  getEventType() {
    return EventType[this._model.eventType];
  }
  getTriggerSource() {
    return TriggerSource[this._model.source];
  }
  getTriggerSourceId(): string | null {
    return this._model.sourceId;
  }
  getUniqueId(): string {
    return this._model.id;
  }
}

export interface TriggerRegistry {
  triggers: TriggerModel[];
  nextId: number;
  spreadsheetId: string;
  /** The ids of the forms FormApp knows (forForm accepts only those). */
  formIds: () => string[];
}

function register(rt: Runtime, reg: TriggerRegistry, t: Omit<TriggerModel, 'id' | 'owner'>): TriggerImpl {
  const owner = rt.exec.effectiveUser;
  if (reg.triggers.filter((x) => x.owner === owner).length >= MAX_TRIGGERS_PER_USER) {
    rt.fail(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  const model: TriggerModel = { ...t, id: String(reg.nextId++), owner };
  reg.triggers.push(model);
  return rt.wrap('Trigger', new TriggerImpl(model));
}

export class ClockTriggerBuilderImpl {
  _every: { kind: 'minutes' | 'hours' | 'days' | 'weeks'; n: number } | null = null;
  _weekDay: WeekDayName | null = null;
  _monthDay: number | null = null;
  _hour: number | null = null;
  _nearMinute: number | null = null;
  _at: Date | null = null;
  _afterMs: number | null = null;
  _timeZone: string;

  constructor(
    readonly _rt: Runtime,
    readonly _reg: TriggerRegistry,
    readonly _handler: string,
  ) {
    this._timeZone = _rt.scriptTimeZone;
  }

  private _int(method: string, n: unknown, min: number, max: number): number {
    if (typeof n !== 'number' || !Number.isInteger(n))
      return this._rt.signatureError(`ClockTriggerBuilder.${method}`, [n]);
    if (n < min || n > max)
      this._rt.fail(`Invalid argument: ${method}(${n}) expects a value from ${min} to ${max}.`);
    return n;
  }

  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) {
      this._rt.fail(
        'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
      );
    }
    this._every = { kind: 'minutes', n };
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) {
      this._rt.fail('The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.');
    }
    this._every = { kind: 'hours', n };
    return this;
  }
  everyDays(n: number): this {
    this._every = { kind: 'days', n: this._int('everyDays', n, 1, 1000) };
    return this;
  }
  everyWeeks(n: number): this {
    this._every = { kind: 'weeks', n: this._int('everyWeeks', n, 1, 1000) };
    return this;
  }
  onWeekDay(day: unknown): this {
    const name = enumName(day);
    if (!name || !(name in WeekDay)) return this._rt.signatureError('ClockTriggerBuilder.onWeekDay', [day]);
    this._weekDay = name as WeekDayName;
    return this;
  }
  onMonthDay(day: number): this {
    this._monthDay = this._int('onMonthDay', day, 1, 31);
    return this;
  }
  atHour(hour: number): this {
    this._hour = this._int('atHour', hour, 0, 23);
    return this;
  }
  nearMinute(minute: number): this {
    this._nearMinute = this._int('nearMinute', minute, 0, 59);
    return this;
  }
  inTimezone(timezone: string): this {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone))
      this._rt.fail(`Invalid argument: timezone (${String(timezone)})`);
    this._timeZone = timezone;
    return this;
  }
  at(date: Date): this {
    if (!isDate(date)) return this._rt.signatureError('ClockTriggerBuilder.at', [date]);
    this._at = new Date(date.getTime());
    return this;
  }
  atDate(year: number, month: number, day: number): this {
    this._at = new Date(Date.UTC(year, month - 1, day));
    return this;
  }
  after(durationMilliseconds: number): this {
    if (typeof durationMilliseconds !== 'number')
      return this._rt.signatureError('ClockTriggerBuilder.after', [durationMilliseconds]);
    this._afterMs = durationMilliseconds;
    return this;
  }

  create(): TriggerImpl {
    const fail = (why: string) => this._rt.fail(`Invalid clock trigger for ${this._handler}: ${why}`);
    let schedule: ClockSchedule;
    const tz = this._timeZone;
    const once = this._at !== null || this._afterMs !== null;
    if (once) {
      if (this._every || this._weekDay || this._monthDay !== null || this._hour !== null) {
        fail('at()/after() cannot be combined with a recurrence.');
      }
      schedule =
        this._at !== null
          ? { kind: 'at', at: this._at, timeZone: tz }
          : { kind: 'after', afterMs: this._afterMs!, timeZone: tz };
    } else if (this._weekDay) {
      if (this._every && this._every.kind !== 'weeks')
        fail('onWeekDay() can only be used with everyWeeks().');
      if (this._monthDay !== null) fail('onWeekDay() and onMonthDay() cannot be combined.');
      schedule = { kind: 'weeks', every: this._every?.n ?? 1, weekDay: this._weekDay, timeZone: tz };
    } else if (this._monthDay !== null) {
      if (this._every) fail('onMonthDay() cannot be combined with every...().');
      schedule = { kind: 'monthDay', monthDay: this._monthDay, timeZone: tz };
    } else if (this._every) {
      if (this._every.kind === 'weeks') fail('everyWeeks() needs onWeekDay().');
      if ((this._every.kind === 'minutes' || this._every.kind === 'hours') && this._hour !== null) {
        fail('atHour() can only be used with daily, weekly or monthly triggers.');
      }
      schedule = { kind: this._every.kind, every: this._every.n, timeZone: tz };
    } else {
      return fail('no schedule (everyMinutes, everyHours, everyDays, onWeekDay, onMonthDay, at or after).');
    }
    if (this._hour !== null) schedule.hour = this._hour;
    if (this._nearMinute !== null) {
      if (this._hour === null) fail('nearMinute() needs atHour().');
      schedule.nearMinute = this._nearMinute;
    }
    return register(this._rt, this._reg, {
      handlerFunction: this._handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule,
    });
  }
}

export class SpreadsheetTriggerBuilderImpl {
  _event: EventTypeName | null = null;
  constructor(
    readonly _rt: Runtime,
    readonly _reg: TriggerRegistry,
    readonly _handler: string,
  ) {}
  onOpen(): this {
    this._event = 'ON_OPEN';
    return this;
  }
  onEdit(): this {
    this._event = 'ON_EDIT';
    return this;
  }
  onChange(): this {
    this._event = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): this {
    this._event = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): TriggerImpl {
    if (!this._event)
      return this._rt.fail(
        `Invalid spreadsheet trigger for ${this._handler}: choose onOpen, onEdit, onChange or onFormSubmit.`,
      );
    return register(this._rt, this._reg, {
      handlerFunction: this._handler,
      eventType: this._event,
      source: 'SPREADSHEETS',
      sourceId: this._reg.spreadsheetId,
    });
  }
}

export class FormTriggerBuilderImpl {
  _event: EventTypeName | null = null;
  constructor(
    readonly _rt: Runtime,
    readonly _reg: TriggerRegistry,
    readonly _handler: string,
    readonly _formId: string,
  ) {}
  onFormSubmit(): this {
    this._event = 'ON_FORM_SUBMIT';
    return this;
  }
  onOpen(): this {
    this._event = 'ON_OPEN';
    return this;
  }
  create(): TriggerImpl {
    if (!this._event)
      return this._rt.fail(`Invalid form trigger for ${this._handler}: choose onFormSubmit or onOpen.`);
    return register(this._rt, this._reg, {
      handlerFunction: this._handler,
      eventType: this._event,
      source: 'FORMS',
      sourceId: this._formId,
    });
  }
}

export class TriggerBuilderImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _reg: TriggerRegistry,
    readonly _handler: string,
  ) {}
  timeBased(): ClockTriggerBuilderImpl {
    return this._rt.wrap(
      'ClockTriggerBuilder',
      new ClockTriggerBuilderImpl(this._rt, this._reg, this._handler),
    );
  }
  /** Accepts the fake's Spreadsheet or its id. */
  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilderImpl {
    const s = raw(sheet) as { getId?: () => string } | string;
    const id = typeof s === 'string' ? s : typeof s?.getId === 'function' ? s.getId() : undefined;
    if (id === undefined) return this._rt.signatureError('TriggerBuilder.forSpreadsheet', [sheet]);
    if (id !== this._reg.spreadsheetId)
      this._rt.fail(`Invalid argument: the fake only knows spreadsheet ${this._reg.spreadsheetId}.`);
    return this._rt.wrap(
      'SpreadsheetTriggerBuilder',
      new SpreadsheetTriggerBuilderImpl(this._rt, this._reg, this._handler),
    );
  }
  forDocument(): never {
    return this._rt.fail('TriggerBuilder.forDocument is not supported by the fake.');
  }
  /** « forForm(form): Creates and returns a FormTriggerBuilder tied to the given form » (a Form or its id). */
  forForm(form: unknown): FormTriggerBuilderImpl {
    const f = raw(form) as { getId?: () => string } | string;
    const id = typeof f === 'string' ? f : typeof f?.getId === 'function' ? f.getId() : undefined;
    if (id === undefined || !this._reg.formIds().includes(id))
      return this._rt.signatureError('TriggerBuilder.forForm', [form]);
    return this._rt.wrap(
      'FormTriggerBuilder',
      new FormTriggerBuilderImpl(this._rt, this._reg, this._handler, id),
    );
  }
  forUserCalendar(): never {
    return this._rt.fail('TriggerBuilder.forUserCalendar is not supported by the fake.');
  }
}

export class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly WeekDay = WeekDay;
  readonly TriggerSource = TriggerSource;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly InstallationSource = InstallationSource;

  constructor(
    readonly _rt: Runtime,
    readonly _reg: TriggerRegistry,
  ) {}

  newTrigger(functionName: string): TriggerBuilderImpl {
    this._rt.requireAuth('ScriptApp.newTrigger', 'script.scriptapp');
    if (typeof functionName !== 'string' || functionName === '')
      return this._rt.signatureError('ScriptApp.newTrigger', [functionName]);
    return this._rt.wrap('TriggerBuilder', new TriggerBuilderImpl(this._rt, this._reg, functionName));
  }
  /** The current user's triggers of this project. */
  getProjectTriggers(): TriggerImpl[] {
    this._rt.requireAuth('ScriptApp.getProjectTriggers', 'script.scriptapp');
    const me = this._rt.exec.effectiveUser;
    return this._reg.triggers
      .filter((t) => t.owner === me)
      .map((t) => this._rt.wrap('Trigger', new TriggerImpl(t)));
  }
  getUserTriggers(document: unknown): TriggerImpl[] {
    this._rt.requireAuth('ScriptApp.getUserTriggers', 'script.scriptapp');
    const s = raw(document) as { getId?: () => string };
    const id = typeof s?.getId === 'function' ? s.getId() : undefined;
    const me = this._rt.exec.effectiveUser;
    return this._reg.triggers
      .filter((t) => t.owner === me && t.sourceId === id)
      .map((t) => this._rt.wrap('Trigger', new TriggerImpl(t)));
  }
  deleteTrigger(trigger: unknown): void {
    this._rt.requireAuth('ScriptApp.deleteTrigger', 'script.scriptapp');
    const t = raw(trigger);
    if (!(t instanceof TriggerImpl)) throw this._rt.badSignature('ScriptApp.deleteTrigger', [trigger]);
    this._reg.triggers = this._reg.triggers.filter((x) => x.id !== t._model.id);
  }
  getOAuthToken(): string {
    return 'fake-oauth-token';
  }
  getScriptId(): string {
    return 'fake-script-id';
  }
  getAuthorizationInfo(_authMode: unknown) {
    return {
      getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
      getAuthorizationUrl: () => null,
      getAuthorizedScopes: () => [],
    };
  }
  getInstallationSource() {
    return InstallationSource.NONE;
  }
}
