import type { SessionData } from './types.js';

/**
 * A storefront API the kit can sign a customer out of. A backend only describes its logout
 * endpoint; the kit sends the request, reads the status and headers, and applies the outcome.
 * Adding a backend is one file that returns this shape (see `src/backends/wemasy.ts`).
 */
export interface LogoutBackend {
  /** A short name for messages and the demo, such as `'wemasy'`. */
  readonly name: string;
  /**
   * The URL of the logout endpoint: absolute (`https://api.example/…/logout`) or relative to the
   * page (`/api/…/logout`, a same-origin route handler or dev proxy, the usual way around CORS), as
   * `fetch` reads it. The kit sends the customer's bearer token to this URL and nowhere else.
   */
  readonly logoutUrl: string;
  /**
   * Headers the endpoint needs besides `Authorization`; they may replace the kit's default.
   * @default { Accept: 'application/json' }
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The `fetch` to call. Read at call time, so a mocked or instrumented global `fetch` is used.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Reads the parsed JSON body of a 2xx answer into the session the storefront keeps using (an
   * anonymous guest session, for example). Return `null` when the body fails validation: the
   * session is then emptied and the result says `unusableBody: true`. Leave it out when a logout
   * always ends with an empty session.
   */
  readonly sessionAfterLogout?: (body: unknown) => SessionData | null;
}
