import { persist } from 'zustand/middleware';
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { syncWhileSubscribed } from './crossTab.js';
import { persistOptions } from './persistedSession.js';
import type { StorageKind, StorageProblem } from './storage.js';
import type { SessionData } from './types.js';

/** Options of {@link SessionState.setSession}. */
export interface SetSessionOptions {
  /**
   * Write only if the session is still the one of this epoch: read `epoch` before an async token
   * refresh, pass it with the refreshed tokens, and a logout that ended meanwhile wins.
   * @default undefined (write unconditionally)
   */
  epoch?: number;
}

/** The state of a session store. */
export interface SessionState extends SessionData {
  /** When the server's rate limit on logout ends, in epoch ms; `null` when not cooling down. */
  retryAt: number | null;
  /** Counts the sessions a logout has ended or replaced; see {@link SetSessionOptions.epoch}. */
  epoch: number;
  /**
   * Merges tokens or a user into the session, as after a sign-in or a token refresh. Returns
   * `false`, writing nothing, when `options.epoch` is given and a logout has happened since.
   */
  setSession(partial: Partial<SessionData>, options?: SetSessionOptions): boolean;
  /** Forgets the session on this device (tokens, user and any cooldown) without calling the server. */
  clearSession(): void;
}

/** A zustand vanilla store holding the session. */
export type SessionStore = StoreApi<SessionState>;

/** How a session store keeps its state. */
export interface PersistOption {
  /** The storage key, as in zustand's `persist`. */
  name: string;
  /**
   * `'local'` survives restarts and is shared by the origin's tabs; `'session'` lasts one tab.
   * @default 'local'
   */
  storage?: StorageKind | undefined;
}

/** Options of {@link createSessionStore}. Each may be `undefined`, read as left out. */
export interface SessionStoreOptions {
  /**
   * `false` keeps the session in memory only; an object persists it with zustand's `persist`
   * middleware under `name`.
   * @default false
   */
  persist?: false | PersistOption | undefined;
  /**
   * The name other tabs know a memory store by: the same store in another tab (the same `name`)
   * stays in step with this one. A memory store without a name keeps to itself, so two shops or
   * apps on one origin never exchange sessions. A persisted store goes by `persist.name`.
   * @default undefined (a memory store syncs with no other tab)
   */
  name?: string | undefined;
  /**
   * Called when web storage cannot be read or written, or holds a value that is not a session.
   * The store then goes on in memory.
   * @default a console.warn
   */
  onStorageError?: StorageProblem | undefined;
  /**
   * Keeps the session in step with the same store in the origin's other open tabs while the store
   * has subscribers (a mounted provider): `storage` events for a `localStorage` store, a
   * `BroadcastChannel` named after the store for a named memory or a `sessionStorage` store. A
   * logout in one tab signs every tab out; a newer session epoch always wins. Only in a browser;
   * never on a server.
   * @default true
   */
  syncTabs?: boolean | undefined;
}

/** The fields a persisted session keeps; actions are never stored. */
export type PersistedSession = SessionData & Pick<SessionState, 'retryAt' | 'epoch'>;

/** No tokens and no user: a store's first state, and what a logout leaves when nothing is adopted. */
export const EMPTY: SessionData = { accessToken: null, refreshToken: null, user: null };

/**
 * The name each store goes by in the origin's other tabs (its `persist.name`, or the `name` of a
 * memory store), for its BroadcastChannel and its Web Lock. A store without one talks to no tab.
 */
export const storeNames = new WeakMap<SessionStore, string>();

const warnStorage: StorageProblem = (message, cause) => {
  // The cause only when there is one, so the console does not show a stray `undefined`.
  console.warn(`[storefront-auth-kit] ${message}`, ...(cause === undefined ? [] : [cause]));
};

const initialize: StateCreator<SessionState> = (set, get) => ({
  ...EMPTY,
  retryAt: null,
  epoch: 0,
  setSession(partial, { epoch } = {}) {
    if (epoch !== undefined && epoch !== get().epoch) return false;
    set(partial);
    return true;
  },
  clearSession() {
    set({ ...EMPTY, retryAt: null, epoch: get().epoch + 1 });
  },
});

/**
 * Creates the store that holds the customer's tokens and profile.
 *
 * @example
 * const session = createSessionStore({ persist: { name: 'shop-session' } })
 * session.getState().setSession({ accessToken, refreshToken, user })
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const { persist: persistOption, onStorageError = warnStorage, syncTabs = true } = options;
  const name = persistOption ? persistOption.name : options.name;
  const storage = persistOption ? (persistOption.storage ?? 'local') : undefined;
  const store = createStore<SessionState>()(
    (storage
      ? persist(initialize, persistOptions(name ?? '', storage, onStorageError))
      : initialize) as StateCreator<SessionState>,
  );
  if (name === undefined) return store;
  storeNames.set(store, name);
  // sessionStorage is not shared between tabs, so those stores talk over a channel like memory ones.
  const target =
    storage === 'local' ? { storageKey: name } : { channel: `storefront-auth-kit:${name}` };
  return syncTabs ? syncWhileSubscribed(store, target) : store;
}
