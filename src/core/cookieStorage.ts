import {
  COOKIE_CHUNK,
  cookieName,
  MAX_COOKIE_CHUNKS,
  parseCookies,
  readCookieText,
  toCookieValues,
} from './cookies.js';
import { applyFromOtherTab, followStored } from './crossTab.js';
import type { SessionState, SessionStore } from './sessionStore.js';
import type { SessionStorageArea } from './storage.js';

/** Options of {@link cookieStorage}. Each may be `undefined`, read as left out. */
export interface CookieStorageOptions {
  /**
   * The cookies' `Path`: the pages (and server routes) they are sent to.
   * @default '/'
   */
  path?: string | undefined;
  /**
   * The cookies' `Domain`, to share them with subdomains (`'shop.example'`).
   * @default undefined (this host only)
   */
  domain?: string | undefined;
  /**
   * The cookies' `SameSite`. `'lax'` sends them on the storefront's own pages and top-level links
   * to it, not on other sites' requests; `'none'` needs `secure`.
   * @default 'lax'
   */
  sameSite?: 'lax' | 'strict' | 'none' | undefined;
  /**
   * Sends the cookies over HTTPS only.
   * @default true on an https page, false on http (a local development server)
   */
  secure?: boolean | undefined;
  /**
   * How long the browser keeps the cookies, in seconds; a logout deletes them at once.
   * @default 2592000 (30 days)
   */
  maxAgeSeconds?: number | undefined;
}

/** Whether a state holds anything worth a cookie: a logout leaves nothing, and no cookie. */
const holdsSession = (state: Partial<SessionState> | undefined): boolean =>
  Boolean(state?.accessToken || state?.refreshToken || state?.user || state?.retryAt);

/**
 * Keeps a persisted session in cookies the storefront's server can read (`readSession` of
 * `storefront-auth-kit/server`), for `createSessionStore({ persist: { name, storage: cookieStorage() } })`.
 * The cookies are not `httpOnly` (the kit writes them from the page), so they are as exposed to
 * XSS as `localStorage`, and they go to your server with every request to `path`.
 *
 * - A session that does not fit one cookie (about 4 KiB) is split over `{name}.0`, `{name}.1`, …;
 *   one that needs more than three is kept in memory only, with a warning through `onStorageError`.
 * - A logout deletes every cookie of the session, with the attributes it was set with.
 * - Other tabs follow over a `BroadcastChannel` named after the cookie (cookies fire no `storage`
 *   event), and re-read the cookie when they are shown again: a cookie that is gone (deleted by a
 *   logout, the server or its age) ends the session there too.
 *
 * @example
 * const session = createSessionStore({ persist: { name: 'shop-session', storage: cookieStorage() } })
 */
export function cookieStorage(options: CookieStorageOptions = {}): SessionStorageArea {
  const { path = '/', domain, sameSite = 'lax', secure, maxAgeSeconds = 30 * 24 * 3600 } = options;
  /** The attributes every cookie of the session is set and deleted with, so deleting works. */
  const attributes = () =>
    `; Path=${path}${domain ? `; Domain=${domain}` : ''}; SameSite=${sameSite}${
      (secure ?? location.protocol === 'https:') ? '; Secure' : ''
    }`;
  const jar = () => parseCookies(document.cookie);
  const write = (cookie: string) => {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is asynchronous (and not in every browser), and the store reads its session synchronously when it is created, so hydration can match
    document.cookie = cookie;
  };
  /** The cookies that hold the session stored under `name` (one, or its chunks). */
  const cookiesOf = (name: string) => {
    const base = cookieName(name);
    return [...jar().keys()].filter(
      (cookie) =>
        cookie === base || new RegExp(`^${base.replace(/\W/g, '\\$&')}\\.\\d+$`).test(cookie),
    );
  };
  /** Names whose last write did not fit: their missing cookie is not a logout elsewhere. */
  const inMemoryOnly = new Set<string>();
  const remove = (name: string, keep: string[] = []) => {
    for (const cookie of cookiesOf(name))
      if (!keep.includes(cookie)) write(`${cookie}=; Max-Age=0${attributes()}`);
  };

  const area: SessionStorageArea = {
    getItem: (name) => readCookieText((cookie) => jar().get(cookie), cookieName(name)),
    setItem(name, text) {
      inMemoryOnly.delete(name);
      if (!holdsSession(JSON.parse(text)?.state)) return remove(name);
      const values = toCookieValues(text);
      if (values.length > MAX_COOKIE_CHUNKS) {
        inMemoryOnly.add(name);
        throw new RangeError(
          `the session needs ${values.length} cookies of ${COOKIE_CHUNK} characters, more than the ${MAX_COOKIE_CHUNKS} it may take; it is kept in memory only, and the server sees no session`,
        );
      }
      const base = cookieName(name);
      const names = values.length === 1 ? [base] : values.map((_, index) => `${base}.${index}`);
      remove(name, names);
      const age = `; Max-Age=${Math.floor(maxAgeSeconds)}`;
      for (const [index, cookie] of names.entries()) {
        write(`${cookie}=${values[index]}${age}${attributes()}`);
      }
    },
    removeItem: (name) => remove(name),
    watch(store: SessionStore, name: string) {
      // Cookies fire no event when another tab (or the server) changes them: read them again when
      // the tab is shown, as the other tabs' messages may have been missed meanwhile.
      const reread = () => {
        if (document.visibilityState !== 'visible') return;
        const text = area.getItem(name);
        if (text !== null) return followStored(store, text);
        // Gone: a logout elsewhere, the server or its age ended it, unless it never fit.
        if (holdsSession(store.getState()) && !inMemoryOnly.has(name)) {
          applyFromOtherTab(store, () => store.getState().clearSession());
        }
      };
      document.addEventListener('visibilitychange', reread);
      return () => document.removeEventListener('visibilitychange', reread);
    },
  };
  return area;
}
