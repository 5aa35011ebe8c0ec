import { MutationObserver, type QueryClient, type QueryFilters } from '@tanstack/react-query';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { cooldownError } from '../core/answer.js';
import type { LogoutBackend } from '../core/backend.js';
import type { LogoutError } from '../core/LogoutError.js';
import { type LogoutStrategy, logoutSession, type RevocationStatus } from '../core/logout.js';
import { inOneTab } from '../core/oneTab.js';
import type { SessionStore } from '../core/sessionStore.js';
import type { LogoutResult } from '../core/types.js';
import { type LogoutCall, reportOutcome } from './logoutCallbacks.js';
import { createQueryCacheDropper, type QueryCacheDropper } from './queryCache.js';

/** The latest options of the provider, read at the moment they are needed. */
export interface ProviderPolicy {
  backend: LogoutBackend;
  timeoutMs: number;
  cooldownMs: number;
  clearQueries: boolean | QueryFilters;
  autoRetry: boolean;
  strategy: 'confirm' | LogoutStrategy;
}

/** The mutation key under which logouts show in TanStack Query (`useIsMutating`, devtools). */
export const LOGOUT_MUTATION_KEY = ['storefront-auth-kit', 'logout'] as const;

export type LogoutObserver = MutationObserver<LogoutResult, LogoutError, LogoutCall>;

/** One provider's logout: a TanStack mutation observer plus the kit's single-flight and cooldown rules. */
export interface LogoutController extends QueryCacheDropper {
  observer: LogoutObserver;
  /** Starts a logout, or joins the one in flight; rejects at once during a cooldown. */
  start(call: LogoutCall): Promise<LogoutResult>;
  /** Called when the cooldown ending at `retryAt` is over: clears it and retries if asked to. */
  endCooldown(retryAt: number): void;
  /**
   * The rate-limited error of the cooldown ending at `retryAt`, one object per cooldown (the
   * mutation's own 429 when this provider met it), or `null` when not cooling down.
   */
  cooldownError(retryAt: number | null): LogoutError | null;
  /**
   * The mounted buttons that could announce a cooldown, in mounting order: only the first one
   * does, so two buttons (header and menu) do not make a screen reader say it twice.
   */
  announcers: StoreApi<readonly object[]>;
  /** Where a background revocation (the `localFirst()` strategy) stands, for `useStore`. */
  revocation: StoreApi<RevocationStatus>;
}

export function createLogoutController(
  queryClient: QueryClient,
  store: SessionStore,
  policy: () => ProviderPolicy,
): LogoutController {
  const cache = createQueryCacheDropper(queryClient, store, policy);
  const announcers = createStore<readonly object[]>()(() => []);
  // zustand, which the session store already uses, holds a plain value as well as an object.
  const revocation = createStore<RevocationStatus>()(() => 'idle');
  const onRevocation = (status: RevocationStatus) => revocation.setState(status, true);
  const observer: LogoutObserver = new MutationObserver(queryClient, {
    mutationKey: LOGOUT_MUTATION_KEY,
    mutationFn: () => {
      const { backend, timeoutMs, cooldownMs, strategy } = policy();
      const logout = strategy === 'confirm' ? logoutSession : strategy;
      return logout(store, backend, {
        timeoutMs,
        cooldownMs,
        onRevocation,
        onSessionEnded: cache.onSessionEnded,
      });
    },
    retry: false,
  });
  let pending: Promise<LogoutResult> | null = null;
  let lastCall: LogoutCall | null = null;
  // The hooks told about the logout in flight: each once, however often it joins (StrictMode).
  let told = new Set<LogoutCall['callbacks']>();
  let cooldown: { retryAt: number; error: LogoutError } | null = null;

  const tell = (call: LogoutCall, promise: Promise<LogoutResult>) => {
    if (told.has(call.callbacks)) return;
    told.add(call.callbacks);
    reportOutcome(store, call, promise);
  };

  const run = (call: LogoutCall): Promise<LogoutResult> => {
    lastCall = call;
    told = new Set();
    const promise = observer.mutate(call);
    tell(call, promise);
    pending = promise.finally(() => {
      pending = null;
    });
    return pending;
  };

  const currentCooldown = (retryAt: number | null): LogoutError | null => {
    const fresh = cooldownError(retryAt);
    if (fresh === null || retryAt === null) return null;
    // The error the hooks already show, when this provider's own logout met the 429.
    const { error } = observer.getCurrentResult();
    if (error?.kind === 'rate-limited') return error;
    // A cooldown met elsewhere (another tab, before a reload): one error for all of it.
    if (cooldown?.retryAt !== retryAt) cooldown = { retryAt, error: fresh };
    return cooldown.error;
  };

  return {
    observer,
    ...cache,
    announcers,
    revocation,
    start(call) {
      if (pending) {
        tell(call, pending);
        return pending;
      }
      const cooling = currentCooldown(store.getState().retryAt);
      return cooling ? Promise.reject(cooling) : run(call);
    },
    cooldownError: currentCooldown,
    endCooldown(retryAt) {
      if (store.getState().retryAt !== retryAt) return;
      const call = lastCall ?? { callbacks: { current: {} } };
      const retry = call.callbacks.current.autoRetry ?? policy().autoRetry;
      if (!retry || store.getState().accessToken === null) {
        store.setState({ retryAt: null });
        return;
      }
      // Every open tab ends the same cooldown at once: one of them retries, the others see the
      // outcome through tab sync.
      inOneTab(store, () => {
        const state = store.getState();
        if (state.retryAt !== retryAt || state.accessToken === null || pending) return undefined;
        // Retry first, then clear the cooldown, so the button goes from counting down straight to pending.
        const retrying = run(call);
        store.setState({ retryAt: null });
        return retrying.catch(() => {});
      });
    },
  };
}
