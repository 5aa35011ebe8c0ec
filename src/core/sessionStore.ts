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
  storage?: StorageKind;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /**
   * `false` keeps the session in memory only; an object persists it with zustand's `persist`
   * middleware under `name`.
   * @default false
   */
  persist?: false | PersistOption;
  /**
   * Called when web storage cannot be read or written, or holds a value that is not a session.
   * The store then goes on in memory.
   * @default a console.warn
   */
  onStorageError?: StorageProblem;
  /**
   * Keeps the session in step across the origin's open tabs while the store has subscribers (a
   * mounted provider): `storage` events for a `localStorage` store, a `BroadcastChannel` for a
   * memory or `sessionStorage` store. A logout in one tab signs every tab out; a newer session
   * epoch always wins. Only in a browser; never on a server.
   * @default true
   */
  syncTabs?: boolean;
}

/** The fields a persisted session keeps; actions are never stored. */
export type PersistedSession = SessionData & Pick<SessionState, 'retryAt' | 'epoch'>;

/** No tokens and no user: a store's first state, and what a logout leaves when nothing is adopted. */
export const EMPTY: SessionData = { accessToken: null, refreshToken: null, user: null };

/** The BroadcastChannel of memory stores; persisted ones add their key. */
const CHANNEL = 'storefront-auth-kit';

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
  const { persist: persistOption = false, onStorageError = warnStorage, syncTabs = true } = options;
  if (!persistOption) {
    const store = createStore<SessionState>()(initialize);
    return syncTabs ? syncWhileSubscribed(store, { channel: CHANNEL }) : store;
  }
  const { name, storage = 'local' } = persistOption;
  const store = createStore<SessionState>()(
    persist(initialize, persistOptions(name, storage, onStorageError)),
  );
  if (!syncTabs) return store;
  // sessionStorage is not shared between tabs, so those stores talk over a channel like memory ones.
  const target = storage === 'local' ? { storageKey: name } : { channel: `${CHANNEL}:${name}` };
  return syncWhileSubscribed(store, target);
}
