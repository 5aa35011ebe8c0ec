import { MutationObserver, type QueryClient, type QueryFilters } from '@tanstack/react-query';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LogoutBackend } from '../core/backend.js';
import { inOneTab } from '../core/crossTab.js';
import type { LogoutError } from '../core/LogoutError.js';
import {
  cooldownError,
  type LogoutStrategy,
  logoutSession,
  type RevocationStatus,
} from '../core/logout.js';
import type { SessionStore } from '../core/sessionStore.js';
import type { LogoutResult } from '../core/types.js';

/** Callbacks and overrides of one `useLogout`, read when its logout settles. */
export interface LogoutCallbacks {
  onSuccess?: ((result: LogoutResult) => void) | undefined;
  onError?: ((error: LogoutError) => void) | undefined;
  onRateLimited?: ((retryAt: number) => void) | undefined;
  autoRetry?: boolean | undefined;
}

/** The latest options of the provider, read at the moment they are needed. */
export interface ProviderPolicy {
  backend: LogoutBackend;
  timeoutMs: number;
  cooldownMs: number;
  clearQueries: boolean | QueryFilters;
  autoRetry: boolean;
  strategy: 'confirm' | LogoutStrategy;
}

/** What the hook asks for: a logout on behalf of its callbacks (kept current through a ref). */
export interface LogoutCall {
  callbacks: { readonly current: LogoutCallbacks };
}

/** The mutation key under which logouts show in TanStack Query (`useIsMutating`, devtools). */
export const LOGOUT_MUTATION_KEY = ['storefront-auth-kit', 'logout'] as const;

export type LogoutObserver = MutationObserver<LogoutResult, LogoutError, LogoutCall>;

/** One provider's logout: a TanStack mutation observer plus the kit's single-flight and cooldown rules. */
export interface LogoutController {
  observer: LogoutObserver;
  /** Starts a logout, or joins the one in flight; rejects at once during a cooldown. */
  start(call: LogoutCall): Promise<LogoutResult>;
  /** Called when the cooldown ending at `retryAt` is over: clears it and retries if asked to. */
  endCooldown(retryAt: number): void;
  /** Cancels and removes the queries the provider's `clearQueries` names. */
  dropQueries(): void;
  /** Where a background revocation (the `localFirst()` strategy) stands, for `useStore`. */
  revocation: StoreApi<RevocationStatus>;
}

export function createLogoutController(
  queryClient: QueryClient,
  store: SessionStore,
  policy: () => ProviderPolicy,
): LogoutController {
  const dropQueries = () => {
    const { clearQueries } = policy();
    if (clearQueries === false) return;
    const filters = clearQueries === true ? {} : clearQueries;
    void queryClient.cancelQueries(filters);
    queryClient.removeQueries(filters);
  };
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
      });
    },
    retry: false,
  });
  let pending: Promise<LogoutResult> | null = null;
  let lastCall: LogoutCall | null = null;

  const run = (call: LogoutCall): Promise<LogoutResult> => {
    lastCall = call;
    const promise = observer.mutate(call).then(
      (result) => {
        call.callbacks.current.onSuccess?.(result);
        return result;
      },
      (error: LogoutError) => {
        const { retryAt } = store.getState();
        if (error.kind === 'rate-limited' && retryAt !== null) {
          call.callbacks.current.onRateLimited?.(retryAt);
        }
        call.callbacks.current.onError?.(error);
        throw error;
      },
    );
    pending = promise.finally(() => {
      pending = null;
    });
    return pending;
  };

  return {
    observer,
    dropQueries,
    revocation,
    start(call) {
      if (pending) return pending;
      const cooling = cooldownError(store.getState().retryAt);
      if (!cooling) return run(call);
      // The error the hooks already show, when this provider's own logout met the 429.
      const { error } = observer.getCurrentResult();
      return Promise.reject(error?.kind === 'rate-limited' ? error : cooling);
    },
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
