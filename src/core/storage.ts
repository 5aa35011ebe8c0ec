import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { isRecord } from './sanitize.js';
import type { SessionStore } from './sessionStore.js';

/** Web storage that keeps a persisted session: `'local'` (`localStorage`) or `'session'`. */
export type StorageKind = 'local' | 'session';

/**
 * A place other than web storage that keeps a persisted session's text under its name, as
 * `cookieStorage()` makes one: read and written like web storage, and allowed to throw.
 */
export interface SessionStorageArea {
  getItem(name: string): string | null;
  /** Keeps `text` under `name`; throws when it cannot (too large, blocked). */
  setItem(name: string, text: string): void;
  removeItem(name: string): void;
  /**
   * Keeps a store in step with what other tabs (or the server) wrote, besides the store's
   * `BroadcastChannel`, while the store has subscribers. Returns the function that stops.
   */
  watch?(store: SessionStore, name: string): () => void;
}

/** Reports a storage that could not be read or written; the kit goes on in memory. */
export type StorageProblem = (message: string, cause: unknown) => void;

/** A `PersistStorage` that also says whether the last write left an older value behind. */
export interface SafeStorage<S> extends PersistStorage<S> {
  /** `true` when the last write could neither store the new value nor remove the old one. */
  readonly stale: boolean;
}

/**
 * A zustand `PersistStorage` over `localStorage`, `sessionStorage` or another area that never
 * throws: a storage that refuses reads or writes (Safari private mode, a full quota, storage
 * blocked for the page, a session too large for cookies) or holds something other than a stored
 * session is reported through `onProblem` and treated as empty, so the app starts instead of crashing.
 */
export function createSafeStorage<S>(
  kind: StorageKind | SessionStorageArea,
  onProblem: StorageProblem,
): SafeStorage<S> {
  let stale = false;
  /** Runs `run` on the storage; `null` when that failed (and was reported). */
  const attempt = <T>(what: string, name: string, run: (storage: Storage) => T): T | null => {
    // A server (SSR) shares one process between requests: never keep a session in its storage.
    if (typeof document === 'undefined') return null;
    try {
      // Reading `localStorage` itself throws when the browser blocks storage for the page.
      const area = kind === 'local' ? localStorage : kind === 'session' ? sessionStorage : kind;
      return run(area as Storage);
    } catch (cause) {
      onProblem(`could not ${what} "${name}"`, cause);
      return null;
    }
  };
  /** Removes what is stored under `name`; `null` when that failed (and was reported). */
  const remove = (name: string) => attempt('remove', name, (storage) => storage.removeItem(name));
  return {
    getItem(name) {
      const text = attempt('read', name, (storage) => storage.getItem(name));
      if (text === null) return null;
      try {
        const value: unknown = JSON.parse(text);
        // zustand keeps `{ state, version }`; anything else would be read as nothing stored at all.
        if (isRecord(value) && 'state' in value) return value as StorageValue<S>;
      } catch {
        // No cause: a parse error quotes the text around where it failed, a token perhaps.
      }
      onProblem(`"${name}" is not a session`, undefined);
      return null;
    },
    setItem(name, value) {
      const write = (storage: Storage) => storage.setItem(name, JSON.stringify(value));
      // An older session must not outlive a write that failed: a full quota still lets us remove it.
      stale = attempt('write', name, write) === null && remove(name) === null;
    },
    get stale() {
      return stale;
    },
    removeItem: remove,
  };
}
