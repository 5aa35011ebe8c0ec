import type { PersistedSession } from './sessionStore.js';
import type { SessionData, SessionUser } from './types.js';

/** A plain object: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or `null`. */
export function tokenOrNull(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/**
 * Copies a user object from untrusted JSON, keeping its own plain keys and dropping the ones that
 * could pollute a prototype. `null` when it is not an object with a string `id`.
 */
export function toSessionUser(value: unknown): SessionUser | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  // The rest holds the own keys but these three, which pollute a prototype once the user is copied
  // by assignment (Object.assign, a deep merge). In a pattern `__proto__` is a plain key. Keys keep
  // their order, so the copy reads as the same JSON when nothing was dropped.
  const { __proto__: _proto, constructor: _constructor, prototype: _prototype, ...user } = value;
  return user as SessionUser;
}

/** Reads a session from untrusted data (a stored value, a response body) into a well-formed one. */
export function toSessionData(value: unknown): SessionData {
  const record = isRecord(value) ? value : {};
  return {
    accessToken: tokenOrNull(record.accessToken),
    refreshToken: tokenOrNull(record.refreshToken),
    user: toSessionUser(record.user),
  };
}

/**
 * Reads whatever a store keeps or hears (a stored value, a migrated one, another tab's message)
 * into a well-formed persisted session: the one sanitizer every way in shares.
 */
export function toPersistedSession(value: unknown): PersistedSession {
  const { retryAt, epoch } = isRecord(value) ? value : {};
  return {
    ...toSessionData(value),
    // Number.isFinite and isSafeInteger are false for anything but a number (no coercion).
    retryAt: Number.isFinite(retryAt) && (retryAt as number) > 0 ? (retryAt as number) : null,
    epoch: Number.isSafeInteger(epoch) && (epoch as number) >= 0 ? (epoch as number) : 0,
  };
}
