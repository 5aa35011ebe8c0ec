import type { RateLimit } from './types.js';

/**
 * Why a logout did not go through: `rate-limited` (429), `rejected` (another 4xx), `server` (5xx),
 * `network` (no answer), `timeout` (no answer in time), `invalid-response` (a status the flow cannot
 * place, such as a 3xx).
 */
export type LogoutErrorKind =
  | 'rate-limited'
  | 'rejected'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid-response';

export interface LogoutErrorOptions {
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  rateLimit?: RateLimit | null | undefined;
  cause?: unknown;
}

/**
 * The one error a logout rejects with. Its message never holds a token.
 *
 * @example
 * try { await logoutAsync() } catch (error) {
 *   if (isLogoutError(error) && error.kind === 'rate-limited') showCountdown(error.retryAfterMs)
 * }
 */
export class LogoutError extends Error {
  override readonly name = 'LogoutError';
  // `declare`: set in the constructor, so no class field is emitted before it.
  declare readonly kind: LogoutErrorKind;
  // `declare`: absent unless set, so `'status' in error` tells whether the server answered.
  declare readonly status?: number;
  declare readonly retryAfterMs?: number;
  /** Rate-limit figures of the answer, `null` when it had none or there was no answer. */
  declare readonly rateLimit: RateLimit | null;

  constructor(kind: LogoutErrorKind, message: string, options: LogoutErrorOptions = {}) {
    // Error reads `cause` from the options itself, and sets it only when they have one.
    super(message, options);
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.rateLimit = options.rateLimit ?? null;
  }
}

/**
 * Tells a `LogoutError` apart from any other thrown value, across realms too (it checks `name`).
 *
 * @example
 * if (isLogoutError(error)) console.warn(error.kind)
 */
export function isLogoutError(value: unknown): value is LogoutError {
  // The Error brand, unlike `instanceof`, holds for an error made in another realm (an iframe)
  // and for every LogoutError of this one.
  return (
    Object.prototype.toString.call(value) === '[object Error]' &&
    (value as Error).name === 'LogoutError' &&
    'kind' in (value as Error)
  );
}
