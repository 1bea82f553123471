import { raw } from './counting';
import type { Runtime } from './runtime';

/** Base.User: getEmail() ('' when the user is unknown). */
export class UserImpl {
  constructor(readonly _email: string) {}
  getEmail(): string {
    return this._email;
  }
  getUserLoginId(): string {
    return this._email;
  }
  toString(): string {
    return this._email;
  }
}

export function makeUser(rt: Runtime, email: string): UserImpl {
  return rt.wrap('User', new UserImpl(email));
}

/** Email of a User or of an email string, as Apps Script methods taking `emailAddress | User` accept. */
export function emailOf(rt: Runtime, method: string, value: unknown): string {
  const r = raw(value);
  if (typeof r === 'string') return r.trim();
  if (r instanceof UserImpl) return r._email;
  return rt.signatureError(method, [value]);
}
