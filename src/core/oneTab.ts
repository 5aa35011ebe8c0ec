import { type SessionStore, storeNames } from './sessionStore.js';
import { later } from './timers.js';

/**
 * Runs `task` in at most one of the origin's tabs for this store, with a Web Lock named after the
 * store (`navigator.locks.request('storefront-auth-kit:{name}', { ifAvailable: true })`): a tab that
 * finds the lock taken skips the task and learns its outcome through tab sync. The lock is kept a
 * moment after the task settles (unless it ended in a new cooldown), so a tab whose timer fires
 * late (background tabs are throttled) still finds it taken while the outcome travels. A store
 * without a name talks to no other tab, so it takes no lock; neither does a browser without Web Locks.
 */
export function inOneTab(store: SessionStore, task: () => Promise<unknown> | undefined): void {
  const locks = globalThis.navigator?.locks;
  const name = storeNames.get(store);
  if (!locks || name === undefined) {
    void task();
    return;
  }
  const hold = async () => {
    await task();
    // A new cooldown (another 429) is a new round with its own timing: let it have the lock.
    if (store.getState().retryAt !== null) return;
    await new Promise<void>((resolve) => later(1000, resolve));
  };
  locks
    .request(`storefront-auth-kit:${name}`, { ifAvailable: true }, (lock) => lock && hold())
    // Refused outright (an opaque-origin frame): no tab can coordinate here, so this one retries.
    .catch(task);
}
