import { toPersistedSession } from './sanitize.js';
import type { SessionStore } from './sessionStore.js';

/** Where other tabs learn about a store's changes. */
export type TabSyncTarget =
  /** The `localStorage` key of a persisted store: other tabs' writes to it arrive as `storage` events. */
  | { storageKey: string }
  /** A `BroadcastChannel` name, for stores other tabs cannot read (memory, `sessionStorage`). */
  | { channel: string };

// A new tab asks the open ones for their session (memory stores have nothing to start from).
const HELLO = 'hello';

/** The epoch of a value another tab stored under the key; 0 when it cannot be read. */
function storedEpoch(text: string): number {
  try {
    return toPersistedSession(JSON.parse(text)?.state).epoch;
  } catch {
    return 0;
  }
}

/** Applies other tabs' writes to a persisted store's `localStorage` key. Returns a stop function. */
function followStorageKey(store: SessionStore, storageKey: string): () => void {
  const { persist } = store as unknown as { persist: { rehydrate(): Promise<void> } };
  const onStorage = ({ key, newValue, storageArea }: StorageEvent) => {
    // An event an app dispatches itself may carry no storageArea: read it as localStorage's.
    if ((key !== null && key !== storageKey) || (storageArea && storageArea !== localStorage))
      return;
    // A removed key (a full quota, another script's localStorage.clear()) is lost storage, not a
    // logout: a logout writes an empty session with a newer epoch. And a tab that missed a logout
    // may write its older session late. Either way, keep ours and store it again.
    if (newValue === null || storedEpoch(newValue) < store.getState().epoch) store.setState({});
    else void persist.rehydrate();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

/**
 * Sends the store's changes over a `BroadcastChannel` and applies the other tabs' ones. Listens
 * with `subscribe`, the store's own, so it does not count as a subscriber. Returns a stop function.
 */
function talkOverChannel(
  store: SessionStore,
  name: string,
  subscribe: SessionStore['subscribe'],
): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(name);
  // Node's BroadcastChannel (jsdom tests) would otherwise keep the process alive.
  (channel as Partial<{ unref(): void }>).unref?.();
  // Set while a message is applied, so the change it makes is not sent back.
  let applying = false;
  const post = () => {
    try {
      channel.postMessage(toPersistedSession(store.getState()));
    } catch {
      // A user object that cannot be cloned: the other tabs miss this change, this tab goes on.
    }
  };
  channel.onmessage = ({ data }: MessageEvent) => {
    const current = store.getState();
    if (data === HELLO) {
      // Only a tab with something to hand over answers: an empty one would sign the new tab out.
      if (current.accessToken !== null || current.epoch > 0) post();
      return;
    }
    const incoming = toPersistedSession(data);
    if (incoming.epoch < current.epoch) return post();
    applying = true;
    try {
      store.setState(incoming);
    } finally {
      applying = false;
    }
  };
  const unsubscribe = subscribe(() => {
    if (!applying) post();
  });
  channel.postMessage(HELLO);
  return () => {
    unsubscribe();
    channel.close();
  };
}

/**
 * Keeps `store` in step with the same store in the origin's other tabs, so a logout (or the
 * anonymous session that replaces the customer's) shows everywhere without a reload. A newer
 * `epoch` always wins: a tab still holding an ended session cannot write it back.
 *
 * Sync starts when the store gets its first subscriber (a mounted provider, a `useSession`) and
 * stops when the last one leaves, so a store nobody watches holds no listeners or channels. Does
 * nothing outside a browser (SSR, workers).
 */
export function syncWhileSubscribed(store: SessionStore, target: TabSyncTarget): SessionStore {
  // A server shares one process between requests: never broadcast a session there.
  if (typeof document === 'undefined') return store;
  const { subscribe } = store;
  const start = () =>
    'channel' in target
      ? talkOverChannel(store, target.channel, subscribe)
      : followStorageKey(store, target.storageKey);
  let subscribers = 0;
  let stop = () => {};
  store.subscribe = (listener) => {
    const unsubscribe = subscribe(listener);
    if (subscribers++ === 0) stop = start();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      unsubscribe();
      if (--subscribers === 0) stop();
    };
  };
  return store;
}
