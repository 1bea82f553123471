/**
 * Call counting for the fake Apps Script runtime.
 *
 * What is counted: every call of a public method (a function-valued property whose name does not start
 * with `_`) made through an object that the fake hands to the script: the global services
 * (SpreadsheetApp, LockService, ...) and every object they return (Spreadsheet, Sheet, Range,
 * Protection, Lock, Properties, Cache, HTTPResponse, Ui, Menu, HtmlOutput, builders, User, ...).
 * Each call adds one to `total`, to `byMethod['Service.method']` and to `byService['Service']`,
 * and appends 'Service.method' to `log`.
 *
 * Not counted: property reads (enums such as `SpreadsheetApp.ProtectionType.RANGE`), `toString`,
 * `valueOf`, `toJSON`, `Logger` and `console`, and calls the fake makes internally (one fake object
 * calling another never goes through a counting proxy). The harness helpers of `FakeAppsScript`
 * (values(), editEvent(), ...) do not count either.
 *
 * Builders and value objects (DataValidationBuilder, ConditionalFormatRuleBuilder, EmbeddedChartBuilder,
 * TriggerBuilder, ClockTriggerBuilder, SpreadsheetTriggerBuilder, DataValidation, ConditionalFormatRule,
 * BooleanCondition, EmbeddedChart, ChartOptions, HtmlOutput, HtmlTemplate, HTTPResponse, PromptResponse,
 * User, Menu, Trigger, ...) are counted too, under their own service name: use `byService`,
 * `totalOf()` or `totalExcept(LOCAL_OBJECT_SERVICES)` to leave them out.
 */

/** Symbol through which a counting proxy yields its target. */
export const RAW: unique symbol = Symbol('fake-gas.raw');

/** Services whose calls are local in real Apps Script (builders and value objects). */
export const LOCAL_OBJECT_SERVICES: readonly string[] = [
  'DataValidationBuilder',
  'DataValidation',
  'ConditionalFormatRuleBuilder',
  'ConditionalFormatRule',
  'BooleanCondition',
  'EmbeddedChartBuilder',
  'EmbeddedChart',
  'ChartOptions',
  'ContainerInfo',
  'TriggerBuilder',
  'ClockTriggerBuilder',
  'SpreadsheetTriggerBuilder',
  'FormTriggerBuilder',
  'TextValidationBuilder',
  'TextValidation',
  'Trigger',
  'HtmlOutput',
  'HtmlTemplate',
  'HTTPResponse',
  'PromptResponse',
  'User',
  'Menu',
  'Blob',
];

export interface CallCounts {
  /** Number of counted calls since creation or the last reset. */
  readonly total: number;
  /** Counted calls per 'Service.method', e.g. byMethod['Range.getValues']. */
  readonly byMethod: Readonly<Record<string, number>>;
  /** Counted calls per service, e.g. byService.Range. */
  readonly byService: Readonly<Record<string, number>>;
  /** Every counted call in order, as 'Service.method'. */
  readonly log: readonly string[];
  /** Calls of one 'Service.method', or of a whole service when given without a dot; 0 when none. */
  count(key: string): number;
  /** Sum of the calls made on the given services. */
  totalOf(services: readonly string[]): number;
  /** Total minus the calls made on the given services. */
  totalExcept(services: readonly string[]): number;
  reset(): void;
}

const toJSON = () => ({});
const UNCOUNTED = new Set(['toString', 'valueOf', 'toJSON', 'constructor']);

export class CallCounter implements CallCounts {
  total = 0;
  byMethod: Record<string, number> = {};
  byService: Record<string, number> = {};
  log: string[] = [];
  private muted = 0;
  /** Told of every counted call before it is counted (the runtime interleaves executions there). */
  onCall: ((key: string) => void) | null = null;

  record(service: string, method: string): void {
    if (this.muted > 0) return;
    const key = `${service}.${method}`;
    this.onCall?.(key);
    this.total += 1;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
    this.byService[service] = (this.byService[service] ?? 0) + 1;
    this.log.push(key);
  }

  count(key: string): number {
    return key.includes('.') ? (this.byMethod[key] ?? 0) : (this.byService[key] ?? 0);
  }

  totalOf(services: readonly string[]): number {
    return services.reduce((sum, s) => sum + (this.byService[s] ?? 0), 0);
  }

  totalExcept(services: readonly string[]): number {
    return this.total - this.totalOf(services);
  }

  reset(): void {
    this.total = 0;
    this.byMethod = {};
    this.byService = {};
    this.log = [];
  }

  /** Runs fn without counting anything. */
  uncounted<T>(fn: () => T): T {
    this.muted += 1;
    try {
      return fn();
    } finally {
      this.muted -= 1;
    }
  }
}

/**
 * Wraps target in a proxy that counts calls of its public methods. Methods run with `this` bound to
 * the target; a method returning its target (chaining) returns the proxy instead.
 */
export function counted<T extends object>(counter: CallCounter, service: string, target: T): T {
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  const proxy: T = new Proxy(target, {
    get(t, prop) {
      if (prop === RAW) return t;
      const value: unknown = Reflect.get(t, prop, t);
      // Apps Script objects serialise as {} (and this keeps test printers away from internal state).
      if (prop === 'toJSON' && value === undefined) return toJSON;
      if (
        typeof value !== 'function' ||
        typeof prop !== 'string' ||
        prop.startsWith('_') ||
        UNCOUNTED.has(prop)
      ) {
        return value;
      }
      let wrapper = wrappers.get(prop);
      if (!wrapper) {
        const fn = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]) => {
          counter.record(service, prop);
          const result = fn.apply(t, args);
          return result === t ? proxy : result;
        };
        wrappers.set(prop, wrapper);
      }
      return wrapper;
    },
  });
  return proxy;
}

/** The object behind a counting proxy (or the value itself). */
export function raw<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    const target = (value as { [RAW]?: T })[RAW];
    if (target !== undefined) return target;
  }
  return value;
}
