import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { cooldownError } from '../core/answer.js';
import { fromOtherTab } from '../core/crossTab.js';
import type { LogoutError } from '../core/LogoutError.js';
import { callApp, logoutSession, type RevocationStatus } from '../core/logout.js';
import { inOneTab } from '../core/oneTab.js';
import { hasSession, type SessionState, type SessionStore } from '../core/sessionStore.js';
import { orDefault, scheduleAt } from '../core/timers.js';
import type { LogoutResult } from '../core/types.js';
import type { AuthKitProviderProps, SessionEndReason } from './AuthKitProvider.js';
import { dropQueries } from './queryCache.js';
import type { UseLogoutOptions } from './useLogout.js';

/** The provider's latest props, read at the moment they are needed. */
export type ProviderPolicy = Omit<AuthKitProviderProps, 'store' | 'children'>;

/** The mutation key under which logouts show in TanStack Query (`useIsMutating`, devtools). */
export const LOGOUT_MUTATION_KEY = ['storefront-auth-kit', 'logout'] as const;

/** One `useLogout`'s options, kept current through its ref and read when its logout settles. */
export type LogoutCaller = { readonly current: UseLogoutOptions };

/**
 * One provider's logout, shared by every hook and button under it: a TanStack mutation observer
 * plus the kit's single-flight and cooldown rules.
 */
export interface LogoutController {
  /** The provider's props, as of its last render while this controller was its own. */
  props: ProviderPolicy;
  queryClient: QueryClient;
  store: SessionStore;
  observer: MutationObserver<LogoutResult, LogoutError, void>;
  /** Starts a logout, or joins the one in flight; rejects at once during a cooldown. */
  start(caller: LogoutCaller): Promise<LogoutResult>;
  /**
   * The rate-limited error of the cooldown ending at `retryAt`, one object per cooldown (the
   * mutation's own 429 when this provider met it), or `null` when not cooling down.
   */
  cooldownError(retryAt: number | null, now?: number): LogoutError | null;
  /**
   * Runs while the provider is mounted: one timer ends each cooldown (however many buttons count
   * it down), and the cached queries go whenever the session ends. Returns the function that stops.
   */
  mount(): () => void;
  /** Where a background revocation (the `localFirst()` strategy) stands, for `useStore`. */
  revocation: StoreApi<RevocationStatus>;
  /**
   * Whether the end of the running cooldown sends the logout again by itself (the `autoRetry` of
   * the last logout's hook, else the provider's), so the end is not announced as "log out again".
   */
  willRetry(): boolean;
}

export function createLogoutController(
  queryClient: QueryClient,
  store: SessionStore,
  props: ProviderPolicy,
): LogoutController {
  /**
   * The provider's latest props. Each default `AuthKitProviderProps` documents is applied where
   * its prop is read, so a prop given as `undefined` takes it too.
   */
  const policy = () => controller.props;
  const clearCache = () => dropQueries(queryClient, policy().clearQueries);
  // Only localFirst() moves it, but every useLogout() returns it. zustand, which the session
  // store already uses, holds a plain value as well as an object.
  const revocation = createStore<RevocationStatus>()(() => 'idle');
  const observer = new MutationObserver<LogoutResult, LogoutError, void>(queryClient, {
    mutationKey: LOGOUT_MUTATION_KEY,
    mutationFn: () => {
      const { backend, timeoutMs, cooldownMs, strategy = 'confirm' } = policy();
      const logout = strategy === 'confirm' ? logoutSession : strategy;
      return logout(store, backend, {
        // A duration that is missing or not a usable number (`NaN`, `-1`) takes its default;
        // `timeoutMs: Infinity` means no timeout, a cooldown must end.
        timeoutMs: orDefault(timeoutMs, 10_000),
        cooldownMs: orDefault(cooldownMs, 60_000, Number.MAX_SAFE_INTEGER),
        // zustand replaces a state that is not an object, so a status needs no `replace` flag.
        onRevocation: revocation.setState,
        // A mounted provider's watch drops the cache, and hears that the ending which follows is
        // this logout's; one that unmounted mid-logout no longer watches, so the logout drops it.
        onSessionEnded: () => {
          if (mounted) ending = true;
          else clearCache();
        },
      });
    },
    retry: false,
    // TanStack would pause the logout while the browser says it is offline, with no end and no
    // timeout. The request goes out at once instead: the browser's own answer (a network error)
    // decides, and timeoutMs bounds it; localFirst() signs out on the device whatever it says.
    networkMode: 'always',
  });
  let mounted = false;
  // The logout of this provider is ending the session: the next change of the store is that.
  let ending = false;
  // The last epoch this provider saw, and whether a session was held in it: that session ends
  // when the epoch moves past it (a tab that held none hears of no ending). A page the server
  // rendered for a session starts from that one, even when it ended before the store was made.
  const first = store.getInitialState();
  const start = hasSession(first) ? first : store.getState();
  let seenEpoch = start.epoch;
  let held = hasSession(start);
  let pending: Promise<LogoutResult> | null = null;
  let lastCaller: LogoutCaller = { current: {} };
  // The hooks told about the logout in flight: each once, however often it joins (StrictMode).
  let told = new Set<LogoutCaller>();
  let cooldown: { retryAt: number; error: LogoutError | null } | null = null;

  // Calls one hook's callbacks when the logout it started or joined settles: `onSuccess`, or
  // `onRateLimited` (for a 429 that left a cooldown) and then `onError`.
  const tell = (caller: LogoutCaller, promise: Promise<LogoutResult>) => {
    if (told.has(caller)) return;
    told.add(caller);
    promise.then(
      (result) => caller.current.onSuccess?.(result),
      (error: LogoutError) => {
        const retryAt = store.getState().retryAt;
        if (error.kind === 'rate-limited' && retryAt !== null) {
          caller.current.onRateLimited?.(retryAt);
        }
        caller.current.onError?.(error);
      },
    );
  };

  const run = (caller: LogoutCaller): Promise<LogoutResult> => {
    lastCaller = caller;
    told = new Set();
    const promise = observer.mutate();
    tell(caller, promise);
    pending = promise.finally(() => {
      pending = null;
    });
    return pending;
  };

  const currentCooldown = (retryAt: number | null, now = Date.now()): LogoutError | null => {
    if (retryAt === null || retryAt <= now) return null;
    // The error the hooks already show, when this provider's own logout met the 429.
    const { error } = observer.getCurrentResult();
    if (error?.kind === 'rate-limited') return error;
    // A cooldown met elsewhere (another tab, before a reload): one error for all of it.
    if (cooldown?.retryAt !== retryAt) cooldown = { retryAt, error: cooldownError(retryAt, now) };
    return cooldown.error;
  };

  const willRetry = () => {
    const { autoRetry = true } = policy();
    return (lastCaller.current.autoRetry ?? autoRetry) && store.getState().accessToken !== null;
  };

  const endCooldown = (retryAt: number) => {
    if (!willRetry()) {
      store.setState({ retryAt: null });
      return;
    }
    // Every open tab ends the same cooldown at once: one of them retries, the others see the
    // outcome through tab sync.
    inOneTab(store, () => {
      const state = store.getState();
      if (state.retryAt !== retryAt || state.accessToken === null || pending) return undefined;
      // Retry first, then clear the cooldown, so the button goes from counting down straight to pending.
      const retrying = run(lastCaller);
      store.setState({ retryAt: null });
      return retrying.catch(() => {});
    });
  };

  const controller: LogoutController = {
    props,
    queryClient,
    store,
    observer,
    revocation,
    willRetry,
    start(caller) {
      if (pending) {
        tell(caller, pending);
        return pending;
      }
      const cooling = currentCooldown(store.getState().retryAt);
      return cooling ? Promise.reject(cooling) : run(caller);
    },
    cooldownError: currentCooldown,
    mount() {
      let stopTimer = () => {};
      const armTimer = (retryAt: number | null) => {
        stopTimer();
        stopTimer = retryAt === null ? () => {} : scheduleAt(retryAt, () => endCooldown(retryAt));
      };
      armTimer(store.getState().retryAt);
      mounted = true;
      // Whenever a session ends (a logout here, in another tab, or clearSession()), the epoch
      // moves on: drop the cached data of the customer who left, then tell the app why. An epoch
      // this provider held no session in ends nothing. A session gone without a new epoch (a
      // late message of another tab, of the same epoch) has ended all the same.
      const follow = (state: SessionState, reason: SessionEndReason) => {
        if (state.epoch > seenEpoch || !hasSession(state)) {
          if (held) {
            clearCache();
            // The app's own error, reported as uncaught errors are; it cannot undo the logout.
            callApp(() => policy().onSessionEnded?.(reason));
          }
          held = false;
        }
        seenEpoch = state.epoch;
        held ||= hasSession(state);
      };
      const unsubscribe = store.subscribe((state, previous) => {
        if (state.retryAt !== previous.retryAt) armTimer(state.retryAt);
        follow(state, fromOtherTab === store ? 'other-tab' : ending ? 'logout' : 'cleared');
        ending = false;
      });
      // One that ended before this provider watched: read as the store's sync started (another
      // tab's logout while no provider was mounted), or while it was unmounted.
      follow(store.getState(), 'other-tab');
      return () => {
        mounted = false;
        unsubscribe();
        stopTimer();
      };
    },
  };
  return controller;
}
