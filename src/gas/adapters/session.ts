/** Session: who runs the action (may be unknown: '' is returned as null). */

export function activeUserEmail(): string | null {
  try {
    return Session.getActiveUser().getEmail() || null;
  } catch {
    return null;
  }
}

export function effectiveUserEmail(): string | null {
  try {
    return Session.getEffectiveUser().getEmail() || null;
  } catch {
    return null;
  }
}

/** A User's address; '' when Google does not give it. */
export function userEmail(user: GoogleAppsScript.Base.User): string {
  try {
    return user.getEmail() || '';
  } catch {
    return '';
  }
}
