import type { PersistOptions } from 'zustand/middleware';
import { isRecord, timeOrNull, toSessionData } from './sanitize.js';
import type { PersistedSession, SessionState } from './sessionStore.js';
import { createSafeStorage, type StorageKind, type StorageProblem } from './storage.js';

/** The fields of a session that are stored and sent to other tabs. */
export const PERSISTED_FIELDS = [
  'accessToken',
  'refreshToken',
  'user',
  'retryAt',
  'epoch',
] as const;

/** The fields of a session that are stored and sent to other tabs; never the actions. */
export const pickPersisted = (state: SessionState): PersistedSession => {
  const { accessToken, refreshToken, user, retryAt, epoch } = state;
  return { accessToken, refreshToken, user, retryAt, epoch };
};

/** The version of the persisted shape; bump it with a migration when the shape changes. */
export const PERSIST_VERSION = 1;

/** Reads whatever was stored into a well-formed persisted session. */
export function toPersistedSession(value: unknown): PersistedSession {
  const record = isRecord(value) ? value : {};
  const epoch = record.epoch;
  return {
    ...toSessionData(record),
    retryAt: timeOrNull(record.retryAt),
    epoch: typeof epoch === 'number' && Number.isSafeInteger(epoch) && epoch >= 0 ? epoch : 0,
  };
}

/**
 * Version 0 is the kit's first persisted shape, `{ token, refreshToken?, user }`: one `token` and no
 * cooldown or epoch. Its `token` becomes `accessToken`, so a customer stays signed in across the
 * upgrade (and can still log out).
 */
function fromVersion0(persisted: unknown): unknown {
  return isRecord(persisted) ? { ...persisted, accessToken: persisted.token } : persisted;
}

/**
 * The fields of a stored value that {@link toPersistedSession} cannot keep as they are (never their
 * values, which may be tokens), or `['state']` when it is not an object at all.
 */
function unreadableFields(value: unknown): string[] {
  if (!isRecord(value)) return ['state'];
  const clean = toPersistedSession(value);
  // Stored values come from JSON, so comparing JSON text finds every change, down to a user's
  // dropped `__proto__` key.
  return PERSISTED_FIELDS.filter(
    (field) => JSON.stringify(value[field]) !== JSON.stringify(clean[field]),
  );
}

/**
 * zustand `persist` options for a session stored under `name` in `storage`. Whatever was stored
 * (by hand, by another version, by a bug) is read into a well-formed session, and `onStorageError`
 * hears of anything that had to be dropped.
 */
export function persistOptions(
  name: string,
  storage: StorageKind,
  onStorageError: StorageProblem,
): PersistOptions<SessionState, PersistedSession> {
  return {
    name,
    version: PERSIST_VERSION,
    storage: createSafeStorage<PersistedSession>(storage, onStorageError),
    partialize: pickPersisted,
    merge: (persisted, current) => {
      // zustand merges `undefined` when nothing is stored; anything else should be a session.
      const dropped = persisted === undefined ? [] : unreadableFields(persisted);
      if (dropped.length > 0) {
        onStorageError(
          `"${name}" in ${storage}Storage is not a well-formed session; its unreadable fields were dropped`,
          new TypeError(`unreadable stored session fields: ${dropped.join(', ')}`),
        );
      }
      return { ...current, ...toPersistedSession(persisted) };
    },
    migrate: (persisted, version) => {
      if (version > PERSIST_VERSION) {
        onStorageError(
          `"${name}" was written by a newer version of the kit (${version}); only what this version understands was kept`,
          undefined,
        );
      }
      return toPersistedSession(version === 0 ? fromVersion0(persisted) : persisted);
    },
  };
}
