import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { isRecord } from './sanitize.js';

/** Where a persisted session is kept. */
export type StorageKind = 'local' | 'session';

/** Reports a storage that could not be read or written; the kit goes on in memory. */
export type StorageProblem = (message: string, cause: unknown) => void;

/** A `PersistStorage` that also says whether the last write left an older value behind. */
export interface SafeStorage<S> extends PersistStorage<S> {
  /** `true` when the last write could neither store the new value nor remove the old one. */
  readonly stale: boolean;
}

/**
 * A zustand `PersistStorage` over `localStorage` or `sessionStorage` that never throws: a storage
 * that refuses reads or writes (Safari private mode, a full quota, storage blocked for the page) or
 * holds something other than a stored session is reported through `onProblem` and treated as
 * empty, so the app starts instead of crashing.
 */
export function createSafeStorage<S>(kind: StorageKind, onProblem: StorageProblem): SafeStorage<S> {
  let stale = false;
  /** Runs `run` on the web storage; `null` when that failed (and was reported). */
  const attempt = <T>(what: string, name: string, run: (storage: Storage) => T): T | null => {
    // A server (SSR) shares one process between requests: never keep a session in its storage.
    if (typeof document === 'undefined') return null;
    try {
      // Reading `localStorage` itself throws when the browser blocks storage for the page.
      return run(kind === 'local' ? localStorage : sessionStorage);
    } catch (cause) {
      onProblem(`could not ${what} "${name}" in ${kind}Storage`, cause);
      return null;
    }
  };
  return {
    getItem(name) {
      const text = attempt('read', name, (storage) => storage.getItem(name));
      if (text === null) return null;
      let cause: unknown;
      try {
        const value: unknown = JSON.parse(text);
        // zustand keeps `{ state, version }`; anything else would be read as nothing stored at all.
        if (isRecord(value) && 'state' in value) return value as StorageValue<S>;
      } catch (error) {
        cause = error;
      }
      onProblem(`"${name}" in ${kind}Storage is not a session; ignored`, cause);
      return null;
    },
    setItem(name, value) {
      const write = (storage: Storage) => storage.setItem(name, JSON.stringify(value));
      const remove = (storage: Storage) => storage.removeItem(name);
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
