'use client';
import { useCallback, useEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { LogoutError } from '../core/LogoutError.js';
import type { RevocationStatus } from '../core/logout.js';
import { later, secondsUntil } from '../core/timers.js';
import type { LogoutResult, RateLimit } from '../core/types.js';
import { useAuthKit } from './AuthKitProvider.js';

/** Where a provider's logout stands. */
export type LogoutStatus = 'idle' | 'pending' | 'rate-limited' | 'success' | 'error';

/**
 * Options of {@link useLogout}. Each may be `undefined`, read as left out, so a component can pass
 * its own optional props straight through.
 */
export interface UseLogoutOptions {
  /** Called with the result when a logout this hook started signs the customer out. */
  onSuccess?: ((result: LogoutResult) => void) | undefined;
  /** Called with every `LogoutError` of a logout this hook started, a 429 included. */
  onError?: ((error: LogoutError) => void) | undefined;
  /** Called with the end of the cooldown (epoch ms) when the server answers 429. */
  onRateLimited?: ((retryAt: number) => void) | undefined;
  /**
   * Sends the logout again when the cooldown ends.
   * @default the provider's `autoRetry`, itself `true` by default
   */
  autoRetry?: boolean | undefined;
}

/** What {@link useLogout} returns. */
export interface UseLogoutResult {
  /** Starts a logout; referentially stable. Joins the one in flight; sends nothing while cooling down. */
  logout: () => void;
  /** Starts a logout and resolves with its result, or rejects with the `LogoutError`. */
  logoutAsync: () => Promise<LogoutResult>;
  status: LogoutStatus;
  /** `status === 'pending'`. */
  isPending: boolean;
  error: LogoutError | null;
  /** When the rate-limit cooldown ends, in epoch ms; `null` when not cooling down. */
  retryAt: number | null;
  /** Whole seconds left in the cooldown, rounded up; `0` when not cooling down. Ticks once a second. */
  secondsLeft: number;
  /** `X-RateLimit-*` figures of the last answer, `null` when it had none. */
  rateLimit: RateLimit | null;
  /** Forgets the last outcome (back to `idle`); a running cooldown stays, as the server imposes it. */
  reset: () => void;
  /**
   * With the `localFirst()` strategy, how the server revocation that follows the local sign-out
   * stands: `pending` while it is sent and retried, then `done` or `failed`. Always `idle` with
   * the default `'confirm'` strategy.
   */
  revocation: RevocationStatus;
}

/** Re-renders when the whole seconds left change while a reader asks for them, else when the cooldown ends. */
function useSecondsTicker(retryAt: number | null): { current: boolean } {
  const reads = useRef(false);
  const [, tick] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    // No cooldown counts as one long over (`null` as time 0): nothing to wake for.
    const left = (retryAt ?? 0) - Date.now();
    // Wake exactly when the rounded-up seconds drop, not on a drifting one-second interval; a
    // component that shows no seconds wakes once, when the cooldown is over, so its status does
    // not stay rate-limited in a tab that leaves the retry to another.
    if (left > 0) return later(reads.current ? left % 1000 || 1000 : left, tick);
  });
  return reads;
}

/**
 * Logs the customer out through the nearest `AuthKitProvider`. Every hook and button under one
 * provider shares one logout: the same pending state, the same countdown, one request.
 *
 * @example
 * const { logout, status, secondsLeft } = useLogout({ onSuccess: () => navigate('/') })
 */
export function useLogout(options: UseLogoutOptions = {}): UseLogoutResult {
  const controller = useAuthKit('useLogout');
  const observer = controller.observer;
  const caller = useRef(options);
  useEffect(() => {
    caller.current = options;
  });
  // TanStack binds `subscribe` to the observer, so it is stable; its result is a snapshot.
  const snapshot = () => observer.getCurrentResult();
  const mutation = useSyncExternalStore(observer.subscribe, snapshot, snapshot);
  const retryAt = useStore(controller.store, (state) => state.retryAt);
  const revocation = useStore(controller.revocation);
  const readsSeconds = useSecondsTicker(retryAt);

  const logoutAsync = useCallback(() => controller.start(caller), [controller]);
  const logout = useCallback(() => {
    logoutAsync().catch(() => {
      // The outcome is in `status` and `error`, and went to onError.
    });
  }, [logoutAsync]);

  // The contract's status and error derive from the two stored facts: the running cooldown's
  // error, if any, and the mutation's state (whose `error` is set only in status `error`). The
  // 429 of a cooldown that is over reads as `idle`: the mutation's 429 is read only when no
  // cooldown runs.
  const cooldown = controller.cooldownError(retryAt);
  const met429 = mutation.error?.kind === 'rate-limited';
  const status: LogoutStatus = cooldown ? 'rate-limited' : met429 ? 'idle' : mutation.status;
  const error = cooldown ?? (met429 ? null : mutation.error);
  const coolingRetryAt = cooldown ? retryAt : null;
  return {
    logout,
    logoutAsync,
    status,
    isPending: status === 'pending',
    error,
    retryAt: coolingRetryAt,
    get secondsLeft() {
      readsSeconds.current = true;
      // From the clock as it is read, so a handler that reads it later is told the truth.
      return secondsUntil(coolingRetryAt);
    },
    rateLimit: mutation.data?.rateLimit ?? mutation.error?.rateLimit ?? null,
    // Bound by TanStack, so it is as stable as the observer.
    reset: mutation.reset,
    revocation,
  };
}
