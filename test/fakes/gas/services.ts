/** LockService, PropertiesService, CacheService, UrlFetchApp, MailApp, Session, Utilities, Logger, console. */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { raw } from './counting';
import { Charset, DigestAlgorithm, enumName, MacAlgorithm } from './enums';
import { formatJavaDate } from './format-date';
import type { Execution, Runtime } from './runtime';
import { isDate } from './time';
import { makeUser } from './users';

// ---------------------------------------------------------------------------------------------
// LockService

export interface LockCounters {
  /** Successful tryLock/waitLock calls. */
  acquired: number;
  /** releaseLock calls on a held lock. */
  released: number;
  /** Failed tryLock/waitLock calls (lock busy). */
  refused: number;
  /** Whether some Lock object holds it now. */
  held: boolean;
}

/** The execution holding each lock (kept out of the counters tests compare). */
export const lockHolders = new WeakMap<LockCounters, Execution>();

/** Frees the locks an execution still holds when it ends. */
export function releaseLocksOf(state: LockState, exec: Execution): void {
  for (const kind of ['document', 'script', 'user'] as const) {
    if (state[kind].held && lockHolders.get(state[kind]) === exec) {
      state[kind].held = false;
      lockHolders.delete(state[kind]);
    }
  }
}

export interface LockState {
  /** While true, every lock is held by "another process": tryLock gives false, waitLock throws. */
  busy: boolean;
  document: LockCounters;
  script: LockCounters;
  user: LockCounters;
}

export function newLockState(busy: boolean): LockState {
  const c = (): LockCounters => ({ acquired: 0, released: 0, refused: 0, held: false });
  return { busy, document: c(), script: c(), user: c() };
}

export class LockImpl {
  private _has = false;
  constructor(
    readonly _rt: Runtime,
    readonly _state: LockState,
    readonly _kind: 'document' | 'script' | 'user',
  ) {}

  private _timeout(method: string, ms: unknown): number {
    if (typeof ms !== 'number' || ms < 0) return this._rt.signatureError(`Lock.${method}`, [ms]);
    return ms;
  }
  private _acquire(): void {
    if (!this._has) this._state[this._kind].acquired += 1;
    this._has = true;
    this._state[this._kind].held = true;
    lockHolders.set(this._state[this._kind], this._rt.exec);
  }
  /**
   * Held by another execution: in the fake, an execution run in the middle of another (interleaved)
   * cannot wait for it to finish, so it waits the whole timeout and is refused, as a real one is
   * when the holder runs longer than the timeout.
   */
  private _busy(): boolean {
    const k = this._state[this._kind];
    return this._state.busy || (!this._has && k.held && lockHolders.get(k) !== this._rt.exec);
  }
  tryLock(timeoutInMillis: number): boolean {
    const ms = this._timeout('tryLock', timeoutInMillis);
    if (this._busy()) {
      this._state[this._kind].refused += 1;
      this._rt.advance(ms);
      return false;
    }
    this._acquire();
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    const ms = this._timeout('waitLock', timeoutInMillis);
    if (this._busy()) {
      this._state[this._kind].refused += 1;
      this._rt.advance(ms);
      this._rt.fail('Lock timeout: another process was holding the lock for too long.');
    }
    this._acquire();
  }
  releaseLock(): void {
    if (this._has) {
      this._has = false;
      this._state[this._kind].released += 1;
      this._state[this._kind].held = false;
      lockHolders.delete(this._state[this._kind]);
    }
  }
  hasLock(): boolean {
    return this._has;
  }
}

export class LockServiceImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _state: LockState,
  ) {}
  getDocumentLock(): LockImpl {
    return this._rt.wrap('Lock', new LockImpl(this._rt, this._state, 'document'));
  }
  getScriptLock(): LockImpl {
    return this._rt.wrap('Lock', new LockImpl(this._rt, this._state, 'script'));
  }
  getUserLock(): LockImpl {
    return this._rt.wrap('Lock', new LockImpl(this._rt, this._state, 'user'));
  }
}

// ---------------------------------------------------------------------------------------------
// PropertiesService

export interface PropertyStores {
  script: Record<string, string>;
  document: Record<string, string>;
  user: Record<string, string>;
}

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_TOTAL_LIMIT = 500 * 1024;

export class PropertiesImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _store: Record<string, string>,
  ) {}

  private _key(method: string, key: unknown): string {
    if (typeof key !== 'string') return this._rt.signatureError(`Properties.${method}`, [key]);
    return key;
  }
  private _checkQuota(): void {
    let total = 0;
    for (const [k, v] of Object.entries(this._store)) total += k.length + v.length;
    if (total > PROPERTY_TOTAL_LIMIT) {
      this._rt.fail(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }
  getProperty(key: string): string | null {
    const k = this._key('getProperty', key);
    return Object.hasOwn(this._store, k) ? this._store[k]! : null;
  }
  setProperty(key: string, value: string): this {
    const k = this._key('setProperty', key);
    const v = String(value);
    if (v.length > PROPERTY_VALUE_LIMIT) this._rt.fail('Argument too large: value');
    const before = this._store[k];
    this._store[k] = v;
    try {
      this._checkQuota();
    } catch (e) {
      if (before === undefined) delete this._store[k];
      else this._store[k] = before;
      throw e;
    }
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    if (properties === null || typeof properties !== 'object') {
      return this._rt.signatureError('Properties.setProperties', [properties, deleteAllOthers]);
    }
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._store };
    for (const [k, v] of Object.entries(properties)) {
      const s = String(v);
      if (s.length > PROPERTY_VALUE_LIMIT) this._rt.fail('Argument too large: value');
      next[k] = s;
    }
    const saved = { ...this._store };
    for (const k of Object.keys(this._store)) delete this._store[k];
    Object.assign(this._store, next);
    try {
      this._checkQuota();
    } catch (e) {
      for (const k of Object.keys(this._store)) delete this._store[k];
      Object.assign(this._store, saved);
      throw e;
    }
    return this;
  }
  getProperties(): Record<string, string> {
    return { ...this._store };
  }
  getKeys(): string[] {
    return Object.keys(this._store);
  }
  deleteProperty(key: string): this {
    delete this._store[this._key('deleteProperty', key)];
    return this;
  }
  deleteAllProperties(): this {
    for (const k of Object.keys(this._store)) delete this._store[k];
    return this;
  }
}

export class PropertiesServiceImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _stores: PropertyStores,
  ) {}
  getScriptProperties(): PropertiesImpl {
    return this._rt.wrap('Properties', new PropertiesImpl(this._rt, this._stores.script));
  }
  getDocumentProperties(): PropertiesImpl {
    return this._rt.wrap('Properties', new PropertiesImpl(this._rt, this._stores.document));
  }
  getUserProperties(): PropertiesImpl {
    return this._rt.wrap('Properties', new PropertiesImpl(this._rt, this._stores.user));
  }
}

// ---------------------------------------------------------------------------------------------
// CacheService

export interface CacheEntry {
  value: string;
  expiresAt: number;
}

export interface CacheStores {
  script: Map<string, CacheEntry>;
  document: Map<string, CacheEntry>;
  user: Map<string, CacheEntry>;
}

export class CacheImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _store: Map<string, CacheEntry>,
  ) {}

  private _key(method: string, key: unknown): string {
    if (typeof key !== 'string') return this._rt.signatureError(`Cache.${method}`, [key]);
    if (key.length > 250) this._rt.fail('Argument too large: key');
    return key;
  }
  /** Expirations are honoured against the fake clock (default 600 s, at most 21600 s). */
  put(key: string, value: string, expirationInSeconds = 600): void {
    const k = this._key('put', key);
    const v = String(value);
    if (v.length > 100 * 1024) this._rt.fail('Argument too large: value');
    const seconds = Math.min(Math.max(1, expirationInSeconds), 21600);
    this._store.set(k, { value: v, expiresAt: this._rt.now().getTime() + seconds * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  get(key: string): string | null {
    const k = this._key('get', key);
    const e = this._store.get(k);
    if (!e) return null;
    if (e.expiresAt <= this._rt.now().getTime()) {
      this._store.delete(k);
      return null;
    }
    return e.value;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  remove(key: string): void {
    this._store.delete(this._key('remove', key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.remove(k);
  }
}

export class CacheServiceImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _stores: CacheStores,
  ) {}
  getScriptCache(): CacheImpl {
    return this._rt.wrap('Cache', new CacheImpl(this._rt, this._stores.script));
  }
  getDocumentCache(): CacheImpl {
    return this._rt.wrap('Cache', new CacheImpl(this._rt, this._stores.document));
  }
  getUserCache(): CacheImpl {
    return this._rt.wrap('Cache', new CacheImpl(this._rt, this._stores.user));
  }
}

// ---------------------------------------------------------------------------------------------
// UrlFetchApp

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface FetchResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type FetchHandler = (req: FetchRequest) => FetchResponse;

export interface FetchLogEntry {
  request: FetchRequest;
  status: number;
}

interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  contentType?: string;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

function toBytes(s: string): number[] {
  return [...Buffer.from(s, 'utf8')].map((b) => (b > 127 ? b - 256 : b));
}

function fromBytes(bytes: readonly number[]): Buffer {
  return Buffer.from(bytes.map((b) => (b < 0 ? b + 256 : b)));
}

export class HTTPResponseImpl {
  constructor(
    readonly _status: number,
    readonly _body: string,
    readonly _headers: Record<string, string>,
  ) {}
  getResponseCode(): number {
    return this._status;
  }
  getContentText(_charset?: string): string {
    return this._body;
  }
  getContent(): number[] {
    return toBytes(this._body);
  }
  getHeaders(): Record<string, string> {
    return { ...this._headers };
  }
  getAllHeaders(): Record<string, string> {
    return { ...this._headers };
  }
}

export class UrlFetchAppImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _handler: FetchHandler | undefined,
    readonly _log: FetchLogEntry[],
  ) {}

  _request(
    url: unknown,
    params: FetchParams | undefined,
    method: string,
  ): { req: FetchRequest; mute: boolean } {
    if (typeof url !== 'string') return this._rt.signatureError(`UrlFetchApp.${method}`, [url, params]);
    if (!/^https?:\/\/[^/\s]+/i.test(url)) this._rt.fail(`Invalid argument: ${url}`);
    const p = params ?? {};
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.headers ?? {})) headers[k] = String(v);
    let payload: string | undefined;
    if (p.payload !== undefined && p.payload !== null) {
      if (typeof p.payload === 'string') payload = p.payload;
      else if (Array.isArray(p.payload)) payload = fromBytes(p.payload as number[]).toString('utf8');
      else {
        payload = Object.entries(p.payload as Record<string, unknown>)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&');
      }
      headers['Content-Type'] = p.contentType ?? 'application/x-www-form-urlencoded';
    } else if (p.contentType) {
      headers['Content-Type'] = p.contentType;
    }
    const req: FetchRequest = { url, method: (p.method ?? 'get').toUpperCase(), headers };
    if (payload !== undefined) req.payload = payload;
    return { req, mute: p.muteHttpExceptions === true };
  }

  private _do(req: FetchRequest, mute: boolean): HTTPResponseImpl {
    if (!this._handler) {
      throw new Error(
        `FakeUrlFetchApp: no urlFetch handler configured, cannot fetch ${req.url} (tests never touch the network).`,
      );
    }
    let res: FetchResponse;
    try {
      res = this._handler({ ...req, headers: { ...req.headers } });
    } catch (e) {
      this._log.push({ request: req, status: 0 });
      return this._rt.fail(`Address unavailable: ${req.url} (${e instanceof Error ? e.message : String(e)})`);
    }
    this._log.push({ request: req, status: res.status });
    if (res.status >= 400 && !mute) {
      const origin = /^https?:\/\/[^/?#]+/i.exec(req.url)?.[0] ?? req.url;
      this._rt.fail(
        `Request failed for ${origin} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 1000)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return this._rt.wrap(
      'HTTPResponse',
      new HTTPResponseImpl(res.status, res.body, { ...(res.headers ?? {}) }),
    );
  }

  fetch(url: string, params?: FetchParams): HTTPResponseImpl {
    this._rt.requireAuth('UrlFetchApp.fetch', 'script.external_request');
    const { req, mute } = this._request(url, params, 'fetch');
    return this._do(req, mute);
  }
  fetchAll(requests: unknown[]): HTTPResponseImpl[] {
    this._rt.requireAuth('UrlFetchApp.fetchAll', 'script.external_request');
    if (!Array.isArray(requests)) return this._rt.signatureError('UrlFetchApp.fetchAll', [requests]);
    const prepared = requests.map((r) =>
      typeof r === 'string'
        ? this._request(r, undefined, 'fetchAll')
        : this._request((r as { url?: unknown })?.url, r as FetchParams, 'fetchAll'),
    );
    return prepared.map(({ req, mute }) => this._do(req, mute));
  }
  getRequest(url: string, params?: FetchParams): Record<string, unknown> {
    const { req, mute } = this._request(url, params, 'getRequest');
    return {
      url: req.url,
      method: req.method.toLowerCase(),
      headers: req.headers,
      payload: req.payload ?? '',
      contentType: req.headers['Content-Type'] ?? null,
      muteHttpExceptions: mute,
      followRedirects: params?.followRedirects ?? true,
      validateHttpsCertificates: params?.validateHttpsCertificates ?? true,
      useIntranet: false,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// MailApp

export interface SentMail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply: boolean;
  attachments: unknown[];
  from: string;
  /** Recipients counted against the daily quota. */
  recipients: number;
  sentAt: Date;
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
  inlineImages?: Record<string, unknown>;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export class MailAppImpl {
  constructor(
    readonly _rt: Runtime,
    readonly _quota: { remaining: number },
    readonly _sent: SentMail[],
  ) {}

  getRemainingDailyQuota(): number {
    this._rt.requireAuth('MailApp.getRemainingDailyQuota', 'script.send_mail');
    return this._quota.remaining;
  }

  /** (message) | (recipient, subject, body) | (recipient, subject, body, options) | (to, replyTo, subject, body) */
  sendEmail(...args: unknown[]): void {
    this._rt.requireAuth('MailApp.sendEmail', 'script.send_mail');
    let m: MailOptions;
    if (args.length === 1 && args[0] !== null && typeof args[0] === 'object')
      m = { ...(args[0] as MailOptions) };
    else if (args.length === 3 && args.every((a) => typeof a === 'string')) {
      m = { to: args[0] as string, subject: args[1] as string, body: args[2] as string };
    } else if (args.length === 4 && args.every((a) => typeof a === 'string')) {
      m = {
        to: args[0] as string,
        replyTo: args[1] as string,
        subject: args[2] as string,
        body: args[3] as string,
      };
    } else if (
      args.length === 4 &&
      args.slice(0, 3).every((a) => typeof a === 'string') &&
      typeof args[3] === 'object'
    ) {
      m = {
        ...(args[3] as MailOptions),
        to: args[0] as string,
        subject: args[1] as string,
        body: args[2] as string,
      };
    } else {
      throw this._rt.badSignature('MailApp.sendEmail', args);
    }
    const split = (s: unknown) =>
      typeof s === 'string'
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== '')
        : [];
    const all = [...split(m.to), ...split(m.cc), ...split(m.bcc)];
    if (all.length === 0) this._rt.fail('Failed to send email: no recipient');
    for (const a of all) {
      const address = /<([^>]+)>$/.exec(a)?.[1] ?? a;
      if (!EMAIL.test(address)) this._rt.fail(`Invalid email: ${a}`);
    }
    const subject = m.subject === undefined || m.subject === null ? '' : String(m.subject);
    if (subject.length > 250) this._rt.fail('Argument too large: subject');
    if (this._quota.remaining < all.length)
      this._rt.fail('Service invoked too many times for one day: email.');
    this._quota.remaining -= all.length;
    const mail: SentMail = {
      to: split(m.to).join(','),
      cc: split(m.cc).join(','),
      bcc: split(m.bcc).join(','),
      subject,
      body: m.body === undefined || m.body === null ? '' : String(m.body),
      noReply: m.noReply === true,
      attachments: [...(m.attachments ?? [])],
      from: this._rt.exec.effectiveUser,
      recipients: all.length,
      sentAt: this._rt.now(),
    };
    if (m.htmlBody !== undefined) mail.htmlBody = String(m.htmlBody);
    if (m.name !== undefined) mail.name = String(m.name);
    if (m.replyTo !== undefined) mail.replyTo = String(m.replyTo);
    this._sent.push(mail);
  }
}

// ---------------------------------------------------------------------------------------------
// Session

export class SessionImpl {
  constructor(readonly _rt: Runtime) {}

  /**
   * Blank when Google does not tell (see Runtime.visibleActiveUser). « Scripts that use this method
   * require authorization with one or more of the following scopes:
   * https://www.googleapis.com/auth/userinfo.email » (getActiveUser and getEffectiveUser).
   */
  getActiveUser() {
    this._rt.requireScope('Session.getActiveUser', 'userinfo.email');
    return makeUser(this._rt, this._rt.visibleActiveUser());
  }
  getEffectiveUser() {
    this._rt.requireScope('Session.getEffectiveUser', 'userinfo.email');
    return makeUser(this._rt, this._rt.exec.effectiveUser);
  }
  getScriptTimeZone(): string {
    return this._rt.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this._rt.locale.split('_')[0] ?? 'fr';
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`fake:${this._rt.exec.activeUser}`).digest('base64url').slice(0, 43);
  }
}

// ---------------------------------------------------------------------------------------------
// Utilities

export class BlobImpl {
  constructor(
    public _bytes: Buffer,
    public _contentType: string | null,
    public _name: string | null,
  ) {}
  getBytes(): number[] {
    return [...this._bytes].map((b) => (b > 127 ? b - 256 : b));
  }
  getDataAsString(_charset?: string): string {
    return this._bytes.toString('utf8');
  }
  getContentType(): string | null {
    return this._contentType;
  }
  setContentType(contentType: string): this {
    this._contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): this {
    this._name = name;
    return this;
  }
  setDataFromString(s: string): this {
    this._bytes = Buffer.from(s, 'utf8');
    return this;
  }
  copyBlob(): BlobImpl {
    return new BlobImpl(Buffer.from(this._bytes), this._contentType, this._name);
  }
}

const DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function parseCsv(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class UtilitiesImpl {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;

  constructor(readonly _rt: Runtime) {}

  private _data(method: string, data: unknown): Buffer {
    const d = raw(data);
    if (typeof d === 'string') return Buffer.from(d, 'utf8');
    if (Array.isArray(d)) return fromBytes(d as number[]);
    if (d instanceof BlobImpl) return d._bytes;
    return this._rt.signatureError(`Utilities.${method}`, [data]);
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      return this._rt.signatureError('Utilities.formatDate', [date, timeZone, format]);
    }
    try {
      return formatJavaDate(date, timeZone, format);
    } catch (e) {
      return this._rt.fail(`Invalid argument: format (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  /** sprintf-like: %s, %d, %i, %f (with precision), %%. */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(
      /%(\.(\d+))?([sdif%])/g,
      (_m, _p, precision: string | undefined, kind: string) => {
        if (kind === '%') return '%';
        const v = args[i++];
        if (kind === 's') return String(v);
        if (kind === 'f') return Number(v).toFixed(precision === undefined ? 6 : Number(precision));
        return String(Math.trunc(Number(v)));
      },
    );
  }
  /** Does not wait: advances the fake clock. */
  sleep(milliseconds: number): void {
    if (typeof milliseconds !== 'number' || milliseconds < 0)
      throw this._rt.badSignature('Utilities.sleep', [milliseconds]);
    if (milliseconds > 300_000) this._rt.fail('Invalid argument: milliseconds');
    this._rt.advance(milliseconds);
  }
  getUuid(): string {
    return randomUUID();
  }
  base64Encode(data: unknown, _charset?: unknown): string {
    return this._data('base64Encode', data).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, _charset?: unknown): string {
    return this._data('base64EncodeWebSafe', data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: unknown): number[] {
    if (typeof encoded !== 'string') return this._rt.signatureError('Utilities.base64Decode', [encoded]);
    return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b));
  }
  base64DecodeWebSafe(encoded: string, _charset?: unknown): number[] {
    if (typeof encoded !== 'string')
      return this._rt.signatureError('Utilities.base64DecodeWebSafe', [encoded]);
    return [...Buffer.from(encoded, 'base64url')].map((b) => (b > 127 ? b - 256 : b));
  }
  computeDigest(algorithm: unknown, value: unknown, _charset?: unknown): number[] {
    const alg = DIGESTS[enumName(algorithm) ?? ''];
    if (!alg) return this._rt.fail(`Unsupported digest algorithm: ${String(algorithm)}`);
    return [...createHash(alg).update(this._data('computeDigest', value)).digest()].map((b) =>
      b > 127 ? b - 256 : b,
    );
  }
  computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, _charset?: unknown): number[] {
    const alg = MACS[enumName(algorithm) ?? ''];
    if (!alg) return this._rt.fail(`Unsupported MAC algorithm: ${String(algorithm)}`);
    return [
      ...createHmac(alg, this._data('computeHmacSignature', key))
        .update(this._data('computeHmacSignature', value))
        .digest(),
    ].map((b) => (b > 127 ? b - 256 : b));
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }
  newBlob(data: unknown, contentType?: string, name?: string): BlobImpl {
    return this._rt.wrap(
      'Blob',
      new BlobImpl(Buffer.from(this._data('newBlob', data)), contentType ?? null, name ?? null),
    );
  }
  parseCsv(csv: string, delimiter = ','): string[][] {
    if (typeof csv !== 'string') return this._rt.signatureError('Utilities.parseCsv', [csv]);
    return parseCsv(csv, delimiter);
  }
  jsonStringify(obj: unknown): string {
    return JSON.stringify(obj);
  }
  jsonParse(jsonString: string): unknown {
    return JSON.parse(jsonString);
  }
}

// ---------------------------------------------------------------------------------------------
// Logger and console (not counted)

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

function formatLog(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first === 'string' && /%s|%d/.test(first)) {
    let i = 0;
    return first.replace(/%[sd]/g, () => String(rest[i++]));
  }
  return args
    .map((a) => (typeof a === 'string' ? a : isDate(a) ? a.toString() : (JSON.stringify(a) ?? String(a))))
    .join(' ');
}

export function makeLogger(logs: LogEntry[]) {
  const logger = {
    log(...args: unknown[]) {
      logs.push({ source: 'Logger', level: 'log', message: formatLog(args) });
      return logger;
    },
    getLog(): string {
      return logs
        .filter((l) => l.source === 'Logger')
        .map((l) => l.message)
        .join('\n');
    },
    clear(): void {
      for (let i = logs.length - 1; i >= 0; i--) if (logs[i]!.source === 'Logger') logs.splice(i, 1);
    },
  };
  return logger;
}

/** console as Apps Script has it; time/timeEnd measure on the fake's clock (`now`, in ms). */
export function makeConsole(logs: LogEntry[], now: () => number) {
  const at =
    (level: LogEntry['level']) =>
    (...args: unknown[]) => {
      logs.push({ source: 'console', level, message: formatLog(args) });
    };
  const timers = new Map<string, number>();
  return {
    log: at('log'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    time(label = 'default') {
      timers.set(label, now());
    },
    timeEnd(label = 'default') {
      const start = timers.get(label);
      logs.push({
        source: 'console',
        level: 'log',
        message: `${label}: ${start === undefined ? 0 : now() - start}ms`,
      });
    },
  };
}
