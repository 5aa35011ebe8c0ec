import type { LogoutBackend } from '../core/backend.js';
import { isRecord, toSessionData } from '../core/sanitize.js';
import type { SessionData } from '../core/types.js';

/** Options of {@link commerceEngine} besides where it calls. */
export interface CommerceEngineCommonOptions {
  /**
   * Which Commerce Engine API to call; ignored when `baseUrl` is given. Any other value throws, so
   * a typo cannot send one environment's tokens to the other.
   * @default 'production'
   */
  environment?: 'staging' | 'production' | undefined;
  /**
   * The `fetch` to send the logout with.
   * @default globalThis.fetch, read at call time
   */
  fetch?: typeof fetch | undefined;
}

/** Options of {@link commerceEngine}: a `storeId`, a `baseUrl`, or both. */
export type CommerceEngineOptions = CommerceEngineCommonOptions &
  (
    | {
        /** The Commerce Engine store id, the `{store_id}` of the API's URLs. */
        storeId: string;
        /**
         * The storefront API root, for a proxy or a mock: absolute, such as
         * `https://shop.example/api/storefront`, or root-relative, such as `/api/storefront`.
         * @default `https://prod.api.commercengine.io/api/v1/{storeId}/storefront`
         */
        baseUrl?: string | undefined;
      }
    | {
        /** Not needed with a `baseUrl`, which names the store itself. */
        storeId?: string | undefined;
        /** The storefront API root (a proxy, a same-origin route handler, a mock). */
        baseUrl: string;
      }
  );

/**
 * Reads Commerce Engine's logout body: `{ success, content: { access_token, refresh_token, user } }`
 * is the fresh anonymous session the storefront keeps using. `null` unless it is valid.
 */
export function readAnonymousSession(body: unknown): SessionData | null {
  if (!isRecord(body) || body.success === false || !isRecord(body.content)) return null;
  const { access_token, refresh_token, user } = body.content;
  // The same reading as a stored session; here a missing part makes the whole body unusable.
  const session = toSessionData({ accessToken: access_token, refreshToken: refresh_token, user });
  return session.accessToken && session.refreshToken && session.user ? session : null;
}

/**
 * The Commerce Engine storefront API. Its logout ends the customer's session and hands back an
 * anonymous one, which the session store adopts so the guest cart keeps working.
 *
 * @example
 * <AuthKitProvider backend={commerceEngine({ storeId: '01H…', environment: 'staging' })} store={session}>
 */
export function commerceEngine(options: CommerceEngineOptions): LogoutBackend {
  const { storeId, environment = 'production', fetch } = options;
  // A blank root (an empty environment variable) counts as left out, never as the page's origin.
  const baseUrl = options.baseUrl?.trim() || undefined;
  const host =
    environment === 'production' ? 'prod' : environment === 'staging' ? 'staging' : undefined;
  // A blank id builds a URL that answers 404, which the flow reads as "already signed out"; a
  // mistyped environment must not send one environment's tokens to the other.
  if (baseUrl === undefined && (!host || !storeId?.trim())) {
    throw new TypeError(
      // The full sentence is for development, as React and TanStack keep theirs; a production
      // build still names both options that can be wrong.
      process.env.NODE_ENV === 'production'
        ? 'commerceEngine(): invalid storeId or environment'
        : 'commerceEngine() needs a storeId and an environment of "staging" or "production", or a baseUrl',
    );
  }
  const root =
    baseUrl?.replace(/\/+$/, '') ??
    // storeId is there: without a baseUrl, a blank or missing one threw above.
    `https://${host}.api.commercengine.io/api/v1/${encodeURIComponent(storeId as string)}/storefront`;
  return {
    name: 'Commerce Engine',
    logoutUrl: `${root}/auth/logout`,
    fetch,
    sessionAfterLogout: readAnonymousSession,
  };
}

// Bundlers replace `process.env.NODE_ENV` in the storefront's build, as React and TanStack rely on.
declare const process: { env: { NODE_ENV?: string } };
