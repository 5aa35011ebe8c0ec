import { endedOnServer, retryAfterMs, verdictOf } from './answer.js';
import type { LogoutBackend } from './backend.js';
import { endSession, type LogoutPolicy, type LogoutStrategy, logoutResult } from './logout.js';
import { isSendable, sendLogout } from './request.js';
import type { SessionStore } from './sessionStore.js';
import { later, orDefault } from './timers.js';
import type { LogoutResult } from './types.js';

/** Options of {@link localFirst}. */
export interface LocalFirstOptions {
  /**
   * How many times the revocation is sent before it counts as `failed`.
   * @default 5
   */
  maxAttempts?: number | undefined;
  /**
   * The wait before the first retry after a 5xx, a network failure or a timeout, doubled for each
   * later one. A 429 waits for its `Retry-After` instead (or the provider's `cooldownMs`).
   * @default 2000
   */
  retryDelayMs?: number | undefined;
}

/**
 * Sends the revocation of `token` until the server has answered it for good, retrying per
 * `Retry-After`, waiting for the `online` event while the browser is offline, and sending again
 * with `keepalive` when the page is hidden for good (`pagehide`). The token lives only in this
 * closure, never in the store.
 */
function revoke(
  store: SessionStore,
  backend: LogoutBackend,
  policy: LogoutPolicy,
  token: string,
  options: LocalFirstOptions,
): void {
  // A missing or mistyped option (undefined, NaN, -1) takes its default.
  const maxAttempts = orDefault(options.maxAttempts, 5);
  const retryDelayMs = orDefault(options.retryDelayMs, 2000);
  const { epoch } = store.getState();
  let attempts = 0;
  let finished = false;
  let cancelRetry = () => {};
  const page = globalThis.window as Window | undefined;

  const finish = (status: 'done' | 'failed') => {
    finished = true;
    cancelRetry();
    page?.removeEventListener('pagehide', onPageHide);
    policy.onRevocation?.(status);
  };
  const retryIn = (delayMs: number) => {
    if (attempts >= maxAttempts) return finish('failed');
    cancelRetry();
    cancelRetry = later(delayMs, resume);
  };
  const send = async (keepalive: boolean) => {
    // Offline: wait for the browser to be back instead of spending an attempt (pagehide still
    // tries, with keepalive, as the page will not see the `online` event).
    // One listener however often it is added (a retry and a pagehide may both wait): the same function.
    if (!keepalive && page?.navigator.onLine === false) {
      return page.addEventListener('online', resume, { once: true });
    }
    attempts += 1;
    const backoff = retryDelayMs * 2 ** (attempts - 1);
    try {
      const { response, next } = await sendLogout(backend, token, policy.timeoutMs, keepalive);
      if (finished) return;
      const verdict = verdictOf(response);
      if (endedOnServer(verdict)) {
        // Adopt the anonymous session only if nobody signed in on this device meanwhile.
        if (next && store.getState().accessToken === null)
          store.getState().setSession(next, { epoch });
        return finish('done');
      }
      if (verdict === 'rate-limited') return retryIn(retryAfterMs(response, policy));
      // Another 4xx or a status the flow cannot place: sending it again will not help.
      return verdict === 'server' ? retryIn(backoff) : finish('failed');
    } catch {
      // No answer, or none in time.
      if (!finished) retryIn(backoff);
    }
  };
  function resume() {
    if (!finished) void send(false);
  }
  // The page is going away: a keepalive request outlives it, a timer would not.
  function onPageHide() {
    cancelRetry();
    void send(true);
  }

  page?.addEventListener('pagehide', onPageHide);
  policy.onRevocation?.('pending');
  void send(false);
}

/**
 * The `local-first` logout strategy: the customer is signed out on this device at once (tokens,
 * profile and cached queries gone), and the server revocation goes on in the background, retried
 * per `Retry-After` and sent with `keepalive` on `pagehide`. `useLogout().revocation` shows its
 * progress. Import it only where it is used, so other storefronts do not pay for it.
 *
 * @example
 * <AuthKitProvider backend={wemasy()} store={session} strategy={localFirst()}>
 */
export function localFirst(options: LocalFirstOptions = {}): LogoutStrategy {
  return async (store, backend, policy): Promise<LogoutResult> => {
    const { accessToken } = store.getState();
    const sendable = isSendable(accessToken);
    const result = logoutResult(
      sendable ? 'signed-out' : 'no-session',
      endSession(store, null, policy),
    );
    if (sendable) revoke(store, backend, policy, accessToken, options);
    return result;
  };
}
