import { PERSISTED_FIELDS, pickPersisted } from './persistedSession.js';
import type { PersistedSession, SessionStore } from './sessionStore.js';

/** Where other tabs learn about this store's changes. */
export interface TabSyncTarget {
  /** The `localStorage` key of a persisted store: other tabs' writes to it arrive as `storage` events. */
  storageKey?: string | undefined;
  /** A `BroadcastChannel` name, for stores other tabs cannot read (memory, `sessionStorage`). */
  channel?: string | undefined;
}

// A new tab asks the open ones for their session (memory stores have nothing to start from).
const HELLO = 'hello';

function readStored(text: string, read: (value: unknown) => PersistedSession) {
  try {
    return read((JSON.parse(text) as { state?: unknown } | null)?.state);
  } catch {
    return read(undefined);
  }
}

/**
 * Keeps `store` in step with the same store in the origin's other tabs, so a logout (or the
 * anonymous session that replaces the customer's) shows everywhere without a reload. A newer
 * `epoch` always wins: a tab still holding an ended session cannot write it back.
 * Returns a function that stops listening. Does nothing outside a browser (SSR, workers).
 */
export function startTabSync(
  store: SessionStore,
  target: TabSyncTarget,
  read: (value: unknown) => PersistedSession,
  subscribe: SessionStore['subscribe'] = store.subscribe,
): () => void {
  // A server shares one process between requests: never broadcast a session there.
  if (typeof document === 'undefined') return () => {};
  const stops: Array<() => void> = [];
  const { storageKey, channel: channelName } = target;
  const persist = (store as Partial<{ persist: { rehydrate(): unknown } }>).persist;

  if (storageKey !== undefined && persist) {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== null && event.key !== storageKey) return;
      if (event.storageArea !== null && event.storageArea !== globalThis.localStorage) return;
      const current = store.getState();
      // A removed key (a full quota, another script's localStorage.clear()) is lost storage, not a
      // logout: a logout writes an empty session with a newer epoch. Keep the session and store it again.
      if (event.key === null || event.newValue === null) {
        store.setState({});
        return;
      }
      // A tab that missed a logout wrote its older session: keep ours and write it back.
      if (readStored(event.newValue, read).epoch < current.epoch) store.setState({});
      else void persist.rehydrate();
    };
    window.addEventListener('storage', onStorage);
    stops.push(() => window.removeEventListener('storage', onStorage));
  }

  if (channelName !== undefined && typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(channelName);
    // Node's BroadcastChannel (jsdom tests) would otherwise keep the process alive.
    (channel as Partial<{ unref(): void }>).unref?.();
    let applying = false;
    const post = () => {
      try {
        channel.postMessage(pickPersisted(store.getState()));
      } catch {
        // A user object that cannot be cloned: the other tabs miss this change, this tab goes on.
      }
    };
    channel.onmessage = ({ data }: MessageEvent) => {
      const current = store.getState();
      if (data === HELLO) {
        if (current.accessToken !== null || current.epoch > 0) post();
        return;
      }
      const incoming = read(data);
      if (incoming.epoch < current.epoch) return post();
      applying = true;
      try {
        store.setState(incoming);
      } finally {
        applying = false;
      }
    };
    stops.push(
      subscribe((state, previous) => {
        if (
          !applying &&
          PERSISTED_FIELDS.some((field) => !Object.is(state[field], previous[field]))
        )
          post();
      }),
      () => channel.close(),
    );
    channel.postMessage(HELLO);
  }

  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Starts tab sync when the store gets its first subscriber (a mounted provider, a `useSession`)
 * and stops it when the last one leaves, so a store nobody watches holds no listeners or channels.
 */
export function syncWhileSubscribed(
  store: SessionStore,
  target: TabSyncTarget,
  read: (value: unknown) => PersistedSession,
): SessionStore {
  const { subscribe } = store;
  let subscribers = 0;
  let stop: (() => void) | undefined;
  store.subscribe = (listener) => {
    const unsubscribe = subscribe(listener);
    if (subscribers++ === 0) stop = startTabSync(store, target, read, subscribe);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      unsubscribe();
      if (--subscribers === 0) {
        stop?.();
        stop = undefined;
      }
    };
  };
  return store;
}
