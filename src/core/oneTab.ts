import type { SessionStore } from './sessionStore.js';

/**
 * Runs `task` in at most one of the origin's tabs for this store, with a Web Lock
 * (`navigator.locks.request(name, { ifAvailable: true })`): a tab that finds the lock taken skips
 * the task and learns its outcome through tab sync. The lock is kept a moment after the task
 * settles (unless it ended in a new cooldown), so a tab whose timer fires late (background tabs
 * are throttled) still finds it taken while the outcome travels. Where Web Locks are missing, `task` simply runs.
 */
export function inOneTab(store: SessionStore, task: () => Promise<unknown> | undefined): void {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    void task();
    return;
  }
  const persist = (store as Partial<{ persist: { getOptions(): { name?: string } } }>).persist;
  const name = `storefront-auth-kit:${persist?.getOptions().name ?? 'memory'}`;
  const hold = async () => {
    await task();
    // A new cooldown (another 429) is a new round with its own timing: let it have the lock.
    if (store.getState().retryAt !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  };
  locks.request(name, { ifAvailable: true }, (lock) => (lock ? hold() : undefined)).catch(() => {});
}
