import type { QueryClient, QueryFilters } from '@tanstack/react-query';
import type { SessionStore } from '../core/sessionStore.js';

/** Drops the app's cached queries when a session ends, so the next customer never sees them. */
export interface QueryCacheDropper {
  /** Cancels and removes the queries the provider's `clearQueries` names. */
  dropQueries(): void;
  /**
   * Drops the cached queries whenever the session's epoch moves on (a logout here or in another
   * tab, `clearSession()`) while the provider is mounted; returns the function that stops it.
   * Unwatched, a logout still in flight drops them itself when it ends the session.
   */
  watchSessionEnd(): () => void;
  /** Told by a logout that ended the session: drops the queries when nothing watches the store. */
  onSessionEnded(): void;
}

export function createQueryCacheDropper(
  queryClient: QueryClient,
  store: SessionStore,
  policy: () => { clearQueries: boolean | QueryFilters },
): QueryCacheDropper {
  let watchers = 0;
  const dropQueries = () => {
    const { clearQueries } = policy();
    if (clearQueries === false) return;
    const filters = clearQueries === true ? {} : clearQueries;
    // Reset first: it cancels a fetch in flight and tells the components on screen at once, which
    // removing alone would not (they would go on showing the last customer's data).
    for (const query of queryClient.getQueryCache().findAll(filters)) query.reset();
    queryClient.removeQueries(filters);
  };
  return {
    dropQueries,
    watchSessionEnd() {
      watchers += 1;
      const stop = store.subscribe((state, previous) => {
        if (state.epoch > previous.epoch) dropQueries();
      });
      return () => {
        watchers -= 1;
        stop();
      };
    },
    // A provider that unmounted mid-logout no longer watches the store: drop the cache here.
    onSessionEnded() {
      if (watchers === 0) dropQueries();
    },
  };
}
