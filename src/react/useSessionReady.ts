'use client';
import { serverRendered } from '../core/sessionStore.js';
import { useAuthKit } from './AuthKitProvider.js';
import { useHydrating } from './hydration.js';

/**
 * Whether the session on screen is the customer's real one. `false` on the server and in the
 * hydration render of a `localStorage` or `sessionStorage` store (the server cannot read those, so
 * it rendered the empty session), `true` from the next render on, once the stored session is read.
 * A store given the `initialSession` the server rendered (a cookie store) is right from the first
 * paint: `true` at once. Show a placeholder until it is `true`, instead of a wrong "Sign in".
 *
 * @example
 * const ready = useSessionReady()
 * const name = useSession((session) => session.user?.first_name)
 * if (!ready) return <span className="skeleton" aria-busy="true" />
 * return name ? <>Hi {name}</> : <a href="/login">Sign in</a>
 */
export function useSessionReady(): boolean {
  const { store } = useAuthKit('useSessionReady');
  return !useHydrating() || serverRendered.has(store);
}
