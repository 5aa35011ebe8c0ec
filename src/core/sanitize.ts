import type { SessionData, SessionUser } from './types.js';

// Keys that would reach an object's prototype when copied by assignment.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or `null`. */
export function tokenOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Copies a user object from untrusted JSON, keeping its own plain keys and dropping the ones that
 * could pollute a prototype. `null` when it is not an object with a string `id`.
 */
export function toSessionUser(value: unknown): SessionUser | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  // Keys keep their order, so the copy reads as the same JSON when nothing was dropped.
  const user: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!UNSAFE_KEYS.has(key)) user[key] = field;
  }
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

/** A finite epoch time, or `null`. */
export function timeOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export { isRecord };
