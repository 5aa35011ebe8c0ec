import {
  cooldownError,
  endedOnServer,
  rateLimitedError,
  retryAfterMs,
  verdictOf,
} from './answer.js';
import type { LogoutBackend } from './backend.js';
import { LogoutError } from './LogoutError.js';
import { readRateLimit } from './rateLimit.js';
import { type Answer, isSendable, sendLogout } from './request.js';
import { EMPTY, type SessionStore } from './sessionStore.js';
import type { SafeStorage } from './storage.js';
import type { LogoutOutcome, LogoutResult, SessionData } from './types.js';

/** How a logout is carried out. */
export interface LogoutPolicy {
  /** Gives up on an answer after this long and fails with kind `timeout`. */
  timeoutMs: number;
  /** The cooldown after a 429 whose `Retry-After` is missing or unreadable. */
  cooldownMs: number;
  /**
   * Called whenever the logout empties or replaces the session, just before it does: to drop the
   * app's cached data, and to tell the change that follows apart from any other.
   */
  onSessionEnded?: () => void;
  /** Told how a revocation running in the background stands (the `localFirst()` strategy). */
  onRevocation?: (status: RevocationStatus) => void;
}

/** How a revocation that runs after the local sign-out stands; `idle` when none was started. */
export type RevocationStatus = 'idle' | 'pending' | 'done' | 'failed';

/**
 * How a logout is carried out: the default confirms with the server first (`logoutSession`);
 * `localFirst()` signs out on this device at once and revokes in the background.
 */
export type LogoutStrategy = (
  store: SessionStore,
  backend: LogoutBackend,
  policy: LogoutPolicy,
) => Promise<LogoutResult>;

/**
 * Runs the app's own callback; an error it throws is reported as uncaught errors are
 * (`reportError`, or the console where there is none), and the kit's work goes on.
 */
export function callApp(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    (globalThis.reportError ?? console.error)(error);
  }
}

const inFlight = new WeakMap<SessionStore, Promise<LogoutResult>>();

/**
 * Ends the session: the next one is the backend's anonymous session, or nothing. Returns
 * `{ storageCleared: false }` when web storage refused to let go of the old session (memory is
 * emptied all the same), else `{}`.
 */
export function endSession(
  store: SessionStore,
  next: SessionData | null,
  policy: Pick<LogoutPolicy, 'onSessionEnded'>,
): { storageCleared?: false } {
  // Told first, so that whoever watches the store knows the change that follows for this logout's.
  // Dropping caches is the app's business: an error there is reported as uncaught errors are, and
  // must not stop the logout.
  callApp(() => policy.onSessionEnded?.());
  store.setState((state) => ({ ...(next ?? EMPTY), retryAt: null, epoch: state.epoch + 1 }));
  const storage = store.persist?.getOptions().storage as Partial<SafeStorage<unknown>> | undefined;
  return storage?.stale ? { storageCleared: false } : {};
}

/** The result of a logout that did not fail; the fields not given say that nothing more happened. */
export function logoutResult(outcome: LogoutOutcome, fields?: Partial<LogoutResult>): LogoutResult {
  return {
    outcome,
    adoptedAnonymousSession: false,
    unusableBody: false,
    rateLimit: null,
    ...fields,
  };
}

async function performLogout(
  store: SessionStore,
  backend: LogoutBackend,
  policy: LogoutPolicy,
): Promise<LogoutResult> {
  const { accessToken, epoch } = store.getState();
  // No token, or one that cannot be sent (no server could know it): there is no session to end.
  if (!isSendable(accessToken)) return logoutResult('no-session', endSession(store, null, policy));
  // A token refresh replaced the token while the logout was on the wire: whether the server ended
  // the old one or no longer knew it, the live token is the current one, so it is the one to
  // revoke. Again while refreshes keep landing under the answers, `again` times at most.
  const send = async (sent: string, again: number): Promise<Answer> => {
    const answer = await sendLogout(backend, sent, policy.timeoutMs);
    const { accessToken: latest } = store.getState();
    return again > 0 &&
      store.getState().epoch === epoch &&
      latest !== sent &&
      isSendable(latest) &&
      endedOnServer(verdictOf(answer.response))
      ? send(latest, again - 1)
      : answer;
  };
  const answer = await send(accessToken, 2);
  // Another tab or a clearSession() ended this session while we waited: leave its successor alone.
  const stillOurs = store.getState().epoch === epoch;
  const { response, next, unusableBody } = answer;
  const { status } = response;
  const rateLimit = readRateLimit(response.headers);
  const verdict = verdictOf(response);

  if (endedOnServer(verdict)) {
    return logoutResult(verdict, {
      status,
      adoptedAnonymousSession: stillOurs && next !== null,
      unusableBody,
      rateLimit,
      ...(stillOurs ? endSession(store, next, policy) : {}),
    });
  }
  if (verdict === 'rate-limited') {
    const now = Date.now();
    const retryAt = now + retryAfterMs(response, policy, now);
    if (stillOurs) store.setState({ retryAt });
    throw rateLimitedError(retryAt, now, rateLimit);
  }
  // The kind says what the status means; the message says what came back.
  const what = status ? `HTTP ${status}` : 'an opaque redirect';
  throw new LogoutError(verdict, `${backend.name} answered the logout with ${what}`, {
    status: status || undefined,
    rateLimit,
  });
}

/**
 * Logs the store's session out of `backend` and applies the outcome of the contract's table to
 * the store. While one logout of a store is in flight, every further call returns that same
 * promise, so exactly one request is sent; during a cooldown it rejects at once, sending nothing.
 */
export function logoutSession(
  store: SessionStore,
  backend: LogoutBackend,
  policy: LogoutPolicy,
): Promise<LogoutResult> {
  const running = inFlight.get(store);
  if (running) return running;
  const cooling = cooldownError(store.getState().retryAt);
  if (cooling) return Promise.reject(cooling);
  const promise = performLogout(store, backend, policy).finally(() => inFlight.delete(store));
  inFlight.set(store, promise);
  return promise;
}
