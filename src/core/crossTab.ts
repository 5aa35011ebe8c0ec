import { toPersistedSession } from './sanitize.js';
import { hasSession, type SessionStore } from './sessionStore.js';
import type { SessionStorageArea, StorageKind } from './storage.js';

// A new tab asks the open ones for their session (memory stores have nothing to start from).
const HELLO = 'hello';

/**
 * The store a change from another tab is being applied to, while it is: such a change is not sent
 * back, and a provider tells it apart from a logout of its own (`onSessionEnded('other-tab')`).
 */
export let fromOtherTab: SessionStore | undefined;

/** Applies a change that came from another tab (or a cookie another tab wrote). */
export function applyFromOtherTab(store: SessionStore, apply: () => unknown): void {
  fromOtherTab = store;
  try {
    apply();
  } finally {
    fromOtherTab = undefined;
  }
}

/**
 * Takes up what another tab stored (`text`, as the storage holds it; `null` when the key was
 * removed) unless ours is newer: a tab that missed a logout may write its older session late, and
 * is answered with ours, stored again.
 */
export function followStored(store: SessionStore, text: string | null): void {
  let stored: unknown;
  try {
    // JSON.parse reads `null` as the text "null": no state.
    stored = JSON.parse(text as string)?.state;
  } catch {
    // Unreadable: not a session at all.
  }
  // Not a session (junk, a removed key), or an older one: ours is stored again, so a reload or
  // another tab finds it. A removed key (a full quota, another script's localStorage.clear()) is
  // lost storage, not a logout: a logout writes an empty session with a newer epoch.
  if (stored === undefined || toPersistedSession(stored).epoch < store.getState().epoch) {
    store.setState({});
  } else applyFromOtherTab(store, () => store.persist?.rehydrate());
}

/** Applies other tabs' writes to a persisted store's `localStorage` key. Returns a stop function. */
function followStorageKey(store: SessionStore, storageKey: string): () => void {
  const onStorage = ({ key, newValue, storageArea }: StorageEvent) => {
    // An event an app dispatches itself may carry no storageArea: read it as localStorage's.
    if ((key !== null && key !== storageKey) || (storageArea && storageArea !== localStorage))
      return;
    followStored(store, newValue);
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
  storage: StorageKind | SessionStorageArea | undefined,
  subscribe: SessionStore['subscribe'],
): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(`storefront-auth-kit:${name}`);
  // An area such as cookieStorage() may watch for more (a cookie re-read on return).
  const stopWatching = (storage as SessionStorageArea | undefined)?.watch?.(store, name);
  // Node's BroadcastChannel (jsdom tests) would otherwise keep the process alive.
  (channel as Partial<{ unref(): void }>).unref?.();
  const post = () => {
    try {
      channel.postMessage(toPersistedSession(store.getState()));
    } catch {
      // A user object that cannot be cloned: the other tabs miss this change, this tab goes on.
    }
  };
  channel.onmessage = ({ data }: MessageEvent) => {
    const current = store.getState();
    // Every open tab answers a new one; the new tab keeps what is newer.
    if (data === HELLO) return post();
    // What is not a session (another version's message, a stranger on the channel) is no change.
    if (typeof data?.epoch !== 'number') return;
    const incoming = toPersistedSession(data);
    if (incoming.epoch < current.epoch) return post();
    // No session of the same epoch is no news (an ending moves the epoch on): an empty tab's answer,
    // or a message written before this tab's sign-in, never signs it out.
    if (incoming.epoch > current.epoch || hasSession(incoming)) {
      applyFromOtherTab(store, () => store.setState(incoming));
    }
  };
  // A change applied from another tab is not sent back.
  const unsubscribe = subscribe(() => fromOtherTab === store || post());
  channel.postMessage(HELLO);
  return () => {
    unsubscribe();
    channel.close();
    stopWatching?.();
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
export function syncWhileSubscribed(
  store: SessionStore,
  name: string,
  storage: StorageKind | SessionStorageArea | undefined,
): void {
  // A server shares one process between requests: never broadcast a session there.
  if (typeof document === 'undefined') return;
  const subscribe = store.subscribe;
  const start = () => {
    // What other tabs stored while nobody watched (a logout before the provider mounted): read it
    // again, under the rule that the newer epoch wins.
    applyFromOtherTab(store, () => store.persist?.rehydrate());
    // Other tabs hear of a localStorage store's writes; other stores talk over a channel named
    // after them (sessionStorage is not shared between tabs, memory is not stored, cookies fire no event).
    return storage === 'local'
      ? followStorageKey(store, name)
      : talkOverChannel(store, name, storage, subscribe);
  };
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
}
