import type { LogoutError } from '../core/LogoutError.js';
import type { SessionStore } from '../core/sessionStore.js';
import type { LogoutResult } from '../core/types.js';

/** Callbacks and overrides of one `useLogout`, read when its logout settles. */
export interface LogoutCallbacks {
  onSuccess?: ((result: LogoutResult) => void) | undefined;
  onError?: ((error: LogoutError) => void) | undefined;
  onRateLimited?: ((retryAt: number) => void) | undefined;
  autoRetry?: boolean | undefined;
}

/** What the hook asks for: a logout on behalf of its callbacks (kept current through a ref). */
export interface LogoutCall {
  callbacks: { readonly current: LogoutCallbacks };
}

/**
 * Calls one hook's callbacks when the logout it started or joined settles: `onSuccess`, or
 * `onRateLimited` (for a 429 that left a cooldown) and then `onError`.
 */
export function reportOutcome(
  store: SessionStore,
  call: LogoutCall,
  promise: Promise<LogoutResult>,
): void {
  promise.then(
    (result) => call.callbacks.current.onSuccess?.(result),
    (error: LogoutError) => {
      const { retryAt } = store.getState();
      if (error.kind === 'rate-limited' && retryAt !== null) {
        call.callbacks.current.onRateLimited?.(retryAt);
      }
      call.callbacks.current.onError?.(error);
    },
  );
}
