import type { PersistOptions } from 'zustand/middleware';
import { isRecord, toPersistedSession } from './sanitize.js';
import type { PersistedSession, SessionState } from './sessionStore.js';
import {
  createSafeStorage,
  type SessionStorageArea,
  type StorageKind,
  type StorageProblem,
} from './storage.js';

/** The version of the persisted shape; bump it with a migration when the shape changes. */
export const PERSIST_VERSION = 1;

/**
 * Version 0 is the kit's first persisted shape, `{ token, refreshToken?, user }`: one `token` and no
 * cooldown or epoch. Its `token` becomes `accessToken`, so a customer stays signed in across the
 * upgrade (and can still log out).
 */
export function fromVersion0(persisted: unknown): unknown {
  return isRecord(persisted) ? { ...persisted, accessToken: persisted.token } : persisted;
}

/**
 * zustand `persist` options for a session stored under `name` in `storage`. Whatever was stored
 * (by hand, by another version, by a bug) is read into a well-formed session, and `onStorageError`
 * hears of anything that had to be dropped.
 */
export function persistOptions(
  name: string,
  storage: StorageKind | SessionStorageArea,
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
      // What the page was rendered with (`initialSession`) stays unless the stored one is as new.
      if (session.epoch < current.epoch) return current;
      // Stored values come from JSON, so comparing JSON text finds every change, down to a user's
      // dropped `__proto__` key, and fields this version does not know. (Top-level fields stored by
      // hand in another order are reported too: a false alarm only on a value nobody should write.)
      if (JSON.stringify(persisted) !== JSON.stringify(session)) {
        onStorageError(`"${name}" is malformed`, undefined);
      }
      return { ...current, ...session };
    },
    migrate: (persisted, version) => {
      if (version > PERSIST_VERSION) {
        onStorageError(`"${name}" is from a newer kit (version ${version})`, undefined);
      }
      return toPersistedSession(version === 0 ? fromVersion0(persisted) : persisted);
    },
  };
}

/**
 * Reads a stored `{ state, version }` as the browser's store would (migrating version 0), into a
 * well-formed session; `null` when it is not a stored session at all. For readers outside a store,
 * such as a server reading the session cookie.
 */
export function readStoredSession(stored: unknown): PersistedSession | null {
  if (!isRecord(stored) || !('state' in stored)) return null;
  return toPersistedSession(stored.version === 0 ? fromVersion0(stored.state) : stored.state);
}
