import { persist } from 'zustand/middleware';
import { createStore, type Mutate, type StateCreator, type StoreApi } from 'zustand/vanilla';
import { syncWhileSubscribed } from './crossTab.js';
import { persistOptions } from './persistedSession.js';
import { toPersistedSession } from './sanitize.js';
import type { SessionStorageArea, StorageKind, StorageProblem } from './storage.js';
import type { SessionData, SessionUser } from './types.js';

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
   * Merges tokens or a user into the session, as after a sign-in or a token refresh. A `user` who
   * is someone else (another `id`, or a customer over a guest) replaces the whole session and ends
   * the one held, as a logout does: the epoch moves on. A write that leaves neither token nor
   * user is a `clearSession()` (the epoch moves on, the cooldown goes). Returns `false`, writing nothing, when
   * `options.epoch` is given and a logout has happened since.
   */
  setSession(partial: Partial<SessionData>, options?: SetSessionOptions): boolean;
  /** Forgets the session on this device (tokens, user and any cooldown) without calling the server. */
  clearSession(): void;
}

/** zustand's `persist` API of a persisted store (`rehydrate`, `hasHydrated`, `clearStorage`, …). */
export type SessionPersistApi = Mutate<
  StoreApi<SessionState>,
  [['zustand/persist', PersistedSession]]
>['persist'];

/** A zustand vanilla store holding the session; a persisted one shows zustand's `persist` API. */
export type SessionStore = StoreApi<SessionState> & { persist?: SessionPersistApi };

/** A store made with `persist`: its `persist` API is always there. */
export type PersistedSessionStore = StoreApi<SessionState> & { persist: SessionPersistApi };

/** How a session store keeps its state. */
export interface PersistOption {
  /** The storage key, as in zustand's `persist` (the cookie's name, with `cookieStorage()`). */
  name: string;
  /**
   * `'local'` survives restarts and is shared by the origin's tabs; `'session'` lasts one tab;
   * `cookieStorage()` keeps it in cookies a server can read (see `storefront-auth-kit/server`).
   * @default 'local'
   */
  storage?: StorageKind | SessionStorageArea | undefined;
}

/**
 * What the server rendered the page with, for a store's first render: never tokens, which would be
 * serialized into the page. `toInitialSession()` of `storefront-auth-kit/server` makes it.
 */
export type InitialSession = {
  user: SessionUser | null;
  /** @default 0 */
  epoch?: number | undefined;
} & (
  | {
      /** No cooldown was rendered. @default null */
      retryAt?: null | undefined;
      /** When the server rendered, in epoch ms. @default undefined */
      renderedAt?: number | undefined;
    }
  | {
      /** The end of a cooldown the server rendered, in epoch ms. */
      retryAt: number;
      /**
       * When the server rendered, in epoch ms (`Date.now()` there): the first client render counts
       * the cooldown from this instant too, so its text hydrates without a mismatch however late
       * hydration comes. Required with a cooldown: without it no client could know what the
       * server's countdown said.
       */
      renderedAt: number;
    }
);

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
   * What the server rendered with (`{ user, retryAt, epoch }`, from `toInitialSession()`): the
   * store's server snapshot and first client render use it, so hydration matches and a signed-in
   * customer shows from the first paint. A stored session with the same or a newer epoch takes over
   * once read; a cookie store reads its tokens from the cookie when it is created. Tokens given
   * here are ignored (with a warning in development builds).
   * @default undefined (the store starts empty)
   */
  initialSession?: InitialSession | undefined;
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
 * A name is the store's identity on the origin: two stores of one name are one store.
 */
export const storeNames = new WeakMap<SessionStore, string>();

/**
 * Stores whose first render is already right (they were given the `initialSession` the server
 * rendered), with the instant the server rendered, if known: for `useSessionReady` and the countdown.
 */
export const serverRendered = new WeakMap<SessionStore, number | undefined>();

/** Whether a state holds a session (a token or a customer): what a logout or clearSession() ends. */
export const hasSession = (state: SessionData) =>
  !!(state.accessToken || state.refreshToken || state.user);

/** Who a profile is (no `is_anonymous` reads as a customer): the same one keeps the session. */
const whoIs = (user: SessionUser) => `${user.id} ${!!user.is_anonymous}`;

const warnStorage: StorageProblem = (message, cause) => {
  // The cause only when there is one, so the console does not show a stray `undefined`.
  console.warn(`[storefront-auth-kit] ${message}`, ...(cause === undefined ? [] : [cause]));
};

const initializeWith =
  (first: InitialSession | undefined): StateCreator<SessionState> =>
  (set, get) => ({
    // Read like a stored session, without the tokens, which the page must never carry.
    ...toPersistedSession({ ...first, accessToken: null, refreshToken: null }),
    setSession(partial, { epoch } = {}) {
      const state = get();
      if (epoch !== undefined && epoch !== state.epoch) return false;
      // Someone else (a customer over a guest, or another customer) takes over: that ends the
      // session held, so nothing of it stays (nor its cooldown), and the epoch moves on as for a
      // logout. A write that leaves no session at all is a clearSession(): other tabs follow, and
      // no write guarded by the old epoch comes back.
      set(
        (partial.user && state.user && whoIs(partial.user) !== whoIs(state.user)) ||
          !hasSession({ ...state, ...partial })
          ? { ...EMPTY, ...partial, retryAt: null, epoch: state.epoch + 1 }
          : partial,
      );
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
export function createSessionStore(
  options: SessionStoreOptions & { persist: PersistOption },
): PersistedSessionStore;
export function createSessionStore(options?: SessionStoreOptions): SessionStore;
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const {
    persist: persistOption,
    onStorageError = warnStorage,
    syncTabs = true,
    initialSession,
  } = options;
  const name = persistOption ? persistOption.name : options.name;
  const storage = persistOption ? (persistOption.storage ?? 'local') : undefined;
  if (
    process.env.NODE_ENV !== 'production' &&
    initialSession &&
    ('accessToken' in initialSession || 'refreshToken' in initialSession)
  ) {
    console.warn(
      '[storefront-auth-kit] initialSession holds tokens, which were ignored: whatever the server hands a client component is written into the page. Pass toInitialSession(session); the store reads the tokens from its cookie.',
    );
  }
  const initialize = initializeWith(initialSession);
  const store: SessionStore = createStore<SessionState>()(
    (storage
      ? persist(initialize, persistOptions(name ?? '', storage, onStorageError))
      : initialize) as StateCreator<SessionState>,
  );
  if (initialSession) serverRendered.set(store, initialSession.renderedAt);
  if (name !== undefined) {
    storeNames.set(store, name);
    if (syncTabs) syncWhileSubscribed(store, name, storage);
  }
  return store;
}

// Bundlers replace `process.env.NODE_ENV` in the storefront's build, as React and TanStack rely on.
declare const process: { env: { NODE_ENV?: string } };
