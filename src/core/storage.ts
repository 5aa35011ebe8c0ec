import type { PersistStorage, StorageValue } from 'zustand/middleware';

/** Where a persisted session is kept. */
export type StorageKind = 'local' | 'session';

/** Reports a storage that could not be read or written; the kit goes on in memory. */
export type StorageProblem = (message: string, cause: unknown) => void;

function webStorage(kind: StorageKind): Storage | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks storage for the page.
    return undefined;
  }
}

/** A `PersistStorage` that also says whether the last write left an older value behind. */
export interface SafeStorage<S> extends PersistStorage<S> {
  /** `true` when the last write could neither store the new value nor remove the old one. */
  readonly stale: boolean;
}

/**
 * A zustand `PersistStorage` over `localStorage` or `sessionStorage` that never throws: a storage
 * that refuses reads or writes (Safari private mode, a full quota) or holds text that is not JSON is
 * reported through `onProblem` and treated as empty, so the app starts instead of crashing.
 */
export function createSafeStorage<S>(kind: StorageKind, onProblem: StorageProblem): SafeStorage<S> {
  let stale = false;
  const attempt = <T>(what: string, name: string, run: (storage: Storage) => T): T | null => {
    const storage = webStorage(kind);
    // On a server (SSR) there is no web storage to speak of: stay in memory without a warning.
    if (!storage && typeof window === 'undefined') return null;
    if (!storage) {
      onProblem(`${kind}Storage is not available; the session is kept in memory only`, undefined);
      return null;
    }
    try {
      return run(storage);
    } catch (cause) {
      onProblem(`could not ${what} "${name}" in ${kind}Storage`, cause);
      return null;
    }
  };
  return {
    getItem(name) {
      const text = attempt('read', name, (storage) => storage.getItem(name));
      if (text === null) return null;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (cause) {
        onProblem(`"${name}" in ${kind}Storage is not valid JSON and was ignored`, cause);
        return null;
      }
      // zustand keeps `{ state, version }`; anything else would be read as nothing stored at all.
      if (typeof value !== 'object' || value === null || !('state' in value)) {
        onProblem(`"${name}" in ${kind}Storage is not a stored session and was ignored`, undefined);
        return null;
      }
      return value as StorageValue<S>;
    },
    setItem(name, value) {
      const write = (storage: Storage) => storage.setItem(name, JSON.stringify(value)) ?? true;
      const remove = (storage: Storage) => storage.removeItem(name) ?? true;
      // An older session must not outlive a write that failed: a full quota still lets us remove it.
      stale = attempt('write', name, write) === null && attempt('remove', name, remove) === null;
    },
    get stale() {
      return stale;
    },
    removeItem(name) {
      attempt('remove', name, (storage) => storage.removeItem(name));
    },
  };
}
