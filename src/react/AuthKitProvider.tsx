'use client';
import { type QueryFilters, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LogoutBackend } from '../core/backend.js';
import type { LogoutStrategy } from '../core/logout.js';
import type { SessionStore } from '../core/sessionStore.js';
import { scheduleAt } from '../core/timers.js';
import { AuthKitContext } from './context.js';
import { createLogoutController, type ProviderPolicy } from './logoutController.js';

/** Props of {@link AuthKitProvider}. */
export interface AuthKitProviderProps {
  /** The storefront API to log out of: `commerceEngine(…)`, `wemasy(…)` or one of your own. */
  backend: LogoutBackend;
  /** The session store from `createSessionStore`. */
  store: SessionStore;
  /**
   * Gives up on the logout answer after this many milliseconds (`LogoutError` kind `timeout`).
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * The cooldown after a 429 whose `Retry-After` is missing or unreadable, in milliseconds.
   * @default 60000
   */
  cooldownMs?: number;
  /**
   * Which cached queries of the surrounding QueryClient to cancel and remove when the session
   * ends: `true` for all, `false` for none, or TanStack `QueryFilters`.
   * @default true
   */
  clearQueries?: boolean | QueryFilters;
  /**
   * Sends the logout again when a rate-limit cooldown ends. `useLogout({ autoRetry })` overrides it.
   * @default true
   */
  autoRetry?: boolean;
  /**
   * `'confirm'` signs the customer out once the server confirmed it (the contract's table).
   * `localFirst()` signs out on this device at once and revokes on the server in the background;
   * `useLogout().revocation` shows its progress. See the README on when each is right.
   * @default 'confirm'
   */
  strategy?: 'confirm' | LogoutStrategy;
  children?: ReactNode;
}

/**
 * Gives every `useLogout`, `useSession` and `LogoutButton` below it one shared logout state. It
 * must sit inside TanStack's `QueryClientProvider`.
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <AuthKitProvider backend={wemasy()} store={session}>
 *     <App />
 *   </AuthKitProvider>
 * </QueryClientProvider>
 */
export function AuthKitProvider({
  backend,
  store,
  timeoutMs = 10_000,
  cooldownMs = 60_000,
  clearQueries = true,
  autoRetry = true,
  strategy = 'confirm',
  children,
}: AuthKitProviderProps) {
  const queryClient = useQueryClient();
  // The controller reads the latest options when it needs them, so changing one never rebuilds it.
  const latest: ProviderPolicy = {
    backend,
    timeoutMs,
    cooldownMs,
    clearQueries,
    autoRetry,
    strategy,
  };
  const policy = useRef(latest);
  useEffect(() => {
    policy.current = latest;
  });
  // State, not a memo: React may drop a memo, and with it the logout in flight.
  const [owned, setOwned] = useState(() => ({
    queryClient,
    store,
    controller: createLogoutController(queryClient, store, () => policy.current),
  }));
  let { controller } = owned;
  if (owned.queryClient !== queryClient || owned.store !== store) {
    const next = {
      queryClient,
      store,
      controller: createLogoutController(queryClient, store, () => policy.current),
    };
    setOwned(next);
    controller = next.controller;
  }

  // One timer per provider ends the cooldown, however many buttons count it down.
  const retryAt = useStore(store, (state) => state.retryAt);
  useEffect(() => {
    if (retryAt === null) return;
    return scheduleAt(retryAt, () => controller.endCooldown(retryAt));
  }, [controller, retryAt]);

  // Whenever a session ends (a logout here, in another tab, or clearSession()), the epoch moves
  // on: drop the cached data of the customer who left, so the next one never sees it.
  useEffect(() => controller.watchSessionEnd(), [controller]);

  const value = useMemo(() => ({ store, controller }), [store, controller]);
  return <AuthKitContext.Provider value={value}>{children}</AuthKitContext.Provider>;
}
