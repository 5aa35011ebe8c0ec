import { LogoutError, type LogoutErrorKind } from './LogoutError.js';
import type { LogoutPolicy } from './logout.js';
import { parseHttpDate, parseRetryAfter } from './retryAfter.js';
import { secondsUntil } from './timers.js';
import type { LogoutOutcome, RateLimit } from './types.js';

/** What the contract's table makes of an answer: the session ended, or the kind of error. */
export type Verdict = 'signed-out' | 'already-signed-out' | LogoutErrorKind;

/** Whether the server no longer knows the token it was sent: it ended it, or never knew it. */
export const endedOnServer = (verdict: Verdict): verdict is LogoutOutcome & Verdict =>
  verdict.endsWith('signed-out');

/** Reads an answer's status by the contract's table; shared by every logout strategy. */
export function verdictOf({ ok, status }: Response): Verdict {
  if (ok) return 'signed-out';
  // The token was already dead: the session is over all the same.
  if (status === 401 || status === 403 || status === 404) return 'already-signed-out';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'rejected';
  if (status >= 500 && status < 600) return 'server';
  return 'invalid-response';
}

/**
 * The shortest cooldown after a 429. `Retry-After: 0`, a date in the past or a device clock ahead
 * of the server's would otherwise send the automatic retry at once, in a tight loop.
 */
export const MIN_COOLDOWN_MS = 1000;

/**
 * The wait a 429 asks for: its `Retry-After`, or the policy's cooldown when that is unreadable,
 * and never less than {@link MIN_COOLDOWN_MS}. An HTTP-date is read against the server's own
 * clock (its `Date` header, where the page may read it), so a skewed device clock does not shift it.
 */
export function retryAfterMs(
  response: Response,
  policy: Pick<LogoutPolicy, 'cooldownMs'>,
  now = Date.now(),
): number {
  const serverNow = parseHttpDate(response.headers.get('Date') ?? '', now) ?? now;
  const wait = parseRetryAfter(response.headers.get('Retry-After'), serverNow);
  if (wait === undefined && process.env.NODE_ENV !== 'production' && !warned.unreadable) {
    warned.unreadable = true;
    console.warn(
      '[storefront-auth-kit] A 429 came without a readable Retry-After, so the kit waits cooldownMs. A cross-origin API must list Retry-After (and X-RateLimit-Limit, X-RateLimit-Remaining) in Access-Control-Expose-Headers.',
    );
  }
  return Math.max(MIN_COOLDOWN_MS, wait ?? policy.cooldownMs);
}

// Bundlers replace `process.env.NODE_ENV` in the storefront's build, as React and TanStack rely on.
declare const process: { env: { NODE_ENV?: string } };

/** What development builds have warned about, once per page (tests start each case afresh). */
export const warned = { unreadable: false };

/**
 * The rate-limited error of a cooldown that ends at `retryAt`: the one a 429 rejects with. Without
 * `rateLimit`, the error's is `null`, as every LogoutError's.
 */
export function rateLimitedError(
  retryAt: number,
  now: number,
  rateLimit?: RateLimit | null,
): LogoutError {
  return new LogoutError(
    'rate-limited',
    `Too many logout attempts; try again in ${secondsUntil(retryAt, now)} s`,
    { status: 429, retryAfterMs: retryAt - now, rateLimit },
  );
}

/** The rate-limited error of a cooldown still running, or `null` when there is none. */
export function cooldownError(
  retryAt: number | null,
  now: number = Date.now(),
): LogoutError | null {
  return retryAt === null || retryAt <= now ? null : rateLimitedError(retryAt, now);
}
