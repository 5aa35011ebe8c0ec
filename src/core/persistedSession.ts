import type { PersistOptions } from 'zustand/middleware';
import { isRecord, toPersistedSession } from './sanitize.js';
import type { PersistedSession, SessionState } from './sessionStore.js';
import { createSafeStorage, type StorageKind, type StorageProblem } from './storage.js';

/** The version of the persisted shape; bump it with a migration when the shape changes. */
export const PERSIST_VERSION = 1;

/**
 * Version 0 is the kit's first persisted shape, `{ token, refreshToken?, user }`: one `token` and no
 * cooldown or epoch. Its `token` becomes `accessToken`, so a customer stays signed in across the
 * upgrade (and can still log out).
 */
function fromVersion0(persisted: unknown): unknown {
  return isRecord(persisted) ? { ...persisted, accessToken: persisted.token } : persisted;
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
    storage: createSafeStorage(storage, onStorageError),
    // What is stored is always a well-formed session, and never the actions.
    partialize: toPersistedSession,
    merge: (persisted, current) => {
      // zustand merges `undefined` when nothing readable is stored: keep what the store holds.
      if (persisted === undefined) return current;
      const session = toPersistedSession(persisted);
      // Stored values come from JSON, so comparing JSON text finds every change, down to a user's
      // dropped `__proto__` key, and fields this version does not know. (Top-level fields stored by
      // hand in another order are reported too: a false alarm only on a value nobody should write.)
      if (JSON.stringify(persisted) !== JSON.stringify(session)) {
        onStorageError(
          `"${name}" in ${storage}Storage is malformed; kept what could be read`,
          undefined,
        );
      }
      return { ...current, ...session };
    },
    migrate: (persisted, version) => {
      if (version > PERSIST_VERSION) {
        onStorageError(
          `"${name}" is from a newer kit (version ${version}); kept what this one reads`,
          undefined,
        );
      }
      return toPersistedSession(version === 0 ? fromVersion0(persisted) : persisted);
    },
  };
}
