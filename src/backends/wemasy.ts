import type { LogoutBackend } from '../core/backend.js';

/** Options of {@link wemasy}. */
export interface WemasyOptions {
  /**
   * The Wemasy API base, for a proxy or a mock: absolute, or relative to the page (`'/api'`, a
   * same-origin route handler or dev proxy).
   * @default 'https://api.wemasy.nl/api'
   */
  baseUrl?: string | undefined;
  /**
   * The `fetch` to send the logout with.
   * @default globalThis.fetch, read at call time
   */
  fetch?: typeof fetch | undefined;
}

/**
 * The Wemasy webshop API (Laravel Sanctum). Its logout revokes the one token of the request; the
 * session is empty afterwards, whatever the body says.
 *
 * @example
 * <AuthKitProvider backend={wemasy()} store={session}>
 */
export function wemasy(options: WemasyOptions = {}): LogoutBackend {
  // A blank base (an empty environment variable) counts as left out, never as the page's own origin.
  const base = (options.baseUrl?.trim() || 'https://api.wemasy.nl/api').replace(/\/+$/, '');
  return {
    name: 'Wemasy',
    logoutUrl: `${base}/services/webshop/v1/customer/auth/logout`,
    fetch: options.fetch,
  };
}
