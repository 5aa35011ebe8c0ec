import type { QueryClient, QueryFilters } from '@tanstack/react-query';

/**
 * Cancels and removes the cached queries that `clearQueries` names (`true` all, the default; `false`
 * none; or TanStack `QueryFilters`), so the next customer never sees the last one's data.
 */
export function dropQueries(
  queryClient: QueryClient,
  clearQueries: boolean | QueryFilters = true,
): void {
  if (clearQueries === false) return;
  const filters = clearQueries === true ? {} : clearQueries;
  // Reset first: it cancels a fetch in flight and tells the components on screen at once, which
  // removing alone would not (they would go on showing the last customer's data).
  for (const query of queryClient.getQueryCache().findAll(filters)) query.reset();
  queryClient.removeQueries(filters);
}
