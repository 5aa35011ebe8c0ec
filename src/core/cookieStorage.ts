import {
  COOKIE_BYTES,
  chunkName,
  cookieName,
  MAX_COOKIE_CHUNKS,
  parseCookies,
  readCookieText,
  toCookieValues,
} from './cookies.js';
import { applyFromOtherTab, followStored } from './crossTab.js';
import { hasSession, type SessionState, type SessionStore } from './sessionStore.js';
import type { SessionStorageArea } from './storage.js';
import { orDefault } from './timers.js';

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
   * to it, not on other sites' requests; `'none'` needs `secure` (with `secure: false`,
   * `cookieStorage()` throws a `TypeError`; on an http page, writes fail through `onStorageError`).
   * @default 'lax'
   */
  sameSite?: 'lax' | 'strict' | 'none' | undefined;
  /**
   * Sends the cookies over HTTPS only. Browsers keep a `__Host-` or `__Secure-` name only with it.
   * @default true on an https page, false on http (a local development server)
   */
  secure?: boolean | undefined;
  /**
   * How long the browser keeps the cookies, in seconds. Less than 1 or not a number (`NaN`) is
   * read as left out; more than 400 days (`Infinity` too) is 400 days, the longest a browser keeps
   * a cookie. A logout empties them at once.
   * @default 2592000 (30 days)
   */
  maxAgeSeconds?: number | undefined;
}

/** The longest a browser keeps a cookie (RFC 6265bis §5.5): 400 days. */
const LONGEST_AGE = 400 * 24 * 3600;
const DEFAULT_AGE = 30 * 24 * 3600;

/** Whether a state holds anything of a session: a logout leaves only its epoch. */
const holdsSession = (state: SessionState): boolean => hasSession(state) || !!state.retryAt;

/**
 * Keeps a persisted session in cookies the storefront's server can read (`readSession` of
 * `storefront-auth-kit/server`), for `createSessionStore({ persist: { name, storage: cookieStorage() } })`.
 * The cookies are not `httpOnly` (the kit writes them from the page), so they are as exposed to
 * XSS as `localStorage`, and they go to your server with every request to `path`.
 *
 * - A session that does not fit one cookie (4096 bytes of name, value and attributes) is split
 *   over `{name}|0`, `{name}|1`, …; one that needs more than three is kept in memory only.
 * - Every write is read back: a cookie the browser refused without a word (`SameSite=None` or a
 *   `__Host-`/`__Secure-` name without `secure`, cookies blocked) keeps the session in memory only.
 *   Either is said once through `onStorageError` (again only after a write that worked), and is
 *   never taken for a logout elsewhere.
 * - A logout deletes every cookie that held the session, with the attributes it was set with (and
 *   without `domain`, for a cookie an earlier deploy set for the host only), and leaves one small
 *   cookie with the logout's epoch and no token or customer, which `readSession` reads as no
 *   session: a reload keeps the epoch, so a late write of the ended session is still refused.
 * - Other tabs follow over a `BroadcastChannel` named after the cookie (cookies fire no `storage`
 *   event), and re-read the cookie when their sync starts and when they are shown again: a cookie
 *   that is gone (deleted by the server or its age) ends the session there too.
 * - Of two cookies of the name (another `Path` or `Domain`), the browser and `readSession` both
 *   read the last one the browser sends.
 *
 * @throws TypeError for `sameSite: 'none'` with `secure: false`, which no browser keeps.
 * @example
 * const session = createSessionStore({ persist: { name: 'shop-session', storage: cookieStorage() } })
 */
export function cookieStorage(options: CookieStorageOptions = {}): SessionStorageArea {
  const { path = '/', domain, sameSite = 'lax', secure, maxAgeSeconds } = options;
  if (sameSite === 'none' && secure === false) {
    throw new TypeError("cookieStorage: sameSite 'none' needs secure");
  }
  // As the kit's other durations: what is not a usable number takes the default.
  const age =
    Math.min(Math.floor(orDefault(maxAgeSeconds, DEFAULT_AGE)), LONGEST_AGE) || DEFAULT_AGE;
  const isSecure = () => secure ?? location.protocol === 'https:';
  /** The attributes every cookie of the session is set and deleted with, so deleting works. */
  const attributes = (withDomain = true) =>
    `; Path=${path}${domain && withDomain ? `; Domain=${domain}` : ''}; SameSite=${sameSite}${
      isSecure() ? '; Secure' : ''
    }`;
  const jar = () => parseCookies(document.cookie);
  const write = (cookie: string) => {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is asynchronous (and not in every browser), and the store reads its session synchronously when it is created, so hydration can match
    document.cookie = cookie;
  };
  /** Deletes every cookie of the session stored under `name` but those in `keep`. */
  const remove = (name: string, keep: string[] = []) => {
    const base = cookieName(name);
    for (const cookie of jar().keys()) {
      // The store's cookie or one of its chunks (`|` is never part of an encoded name).
      if (cookie.split('|')[0] !== base) continue;
      if (!keep.includes(cookie)) write(`${cookie}=; Max-Age=0${attributes()}`);
      // One an earlier deploy set for this host only is another cookie: it would outlive a logout.
      if (domain) write(`${cookie}=; Max-Age=0${attributes(false)}`);
    }
  };
  /** Names whose last write was not kept: their missing cookie is not a logout elsewhere. */
  const inMemoryOnly = new Set<string>();
  /** Keeps the session stored under `name` in memory only, and says so unless its last write did. */
  const fail = (name: string, said: boolean, why: string) => {
    remove(name);
    inMemoryOnly.add(name);
    if (said) return;
    throw new RangeError(
      `the cookie "${cookieName(name)}" ${why}; the session is kept in memory only, and the server sees no session`,
    );
  };

  const area: SessionStorageArea = {
    getItem: (name) => readCookieText((cookie) => jar().get(cookie), cookieName(name)),
    setItem(name, text) {
      const said = inMemoryOnly.delete(name);
      const base = cookieName(name);
      const set = `; Max-Age=${age}${attributes()}`;
      // What a value may take of the 4096 bytes, once the (chunk) name and attributes are counted.
      const room = COOKIE_BYTES - `${chunkName(base, 0)}=${set}`.length;
      // (A name that leaves no room puts a character in each cookie: far more than it may take.)
      const values = toCookieValues(text, room);
      if (values.length > MAX_COOKIE_CHUNKS) {
        return fail(
          name,
          said,
          `needs more than ${MAX_COOKIE_CHUNKS} cookies of ${COOKIE_BYTES} bytes`,
        );
      }
      const names = values.length === 1 ? [base] : values.map((_, index) => chunkName(base, index));
      remove(name, names);
      for (const [index, cookie] of names.entries()) write(`${cookie}=${values[index]}${set}`);
      // A browser refuses a cookie without a word: read it back.
      if (area.getItem(name) !== text) {
        return fail(
          name,
          said,
          'was refused (SameSite=None, __Host- and __Secure- need secure; or cookies are blocked)',
        );
      }
    },
    removeItem: (name) => remove(name),
    watch(store: SessionStore, name: string) {
      // Cookies fire no event when another tab (or the server) changes them: read them again now
      // (what changed while nobody watched) and when the tab is shown, as the other tabs'
      // messages may have been missed meanwhile.
      const reread = (event?: Event) => {
        if (event && document.visibilityState !== 'visible') return;
        let text: string | null;
        try {
          text = area.getItem(name);
        } catch {
          // Cookies the page may not read (a sandboxed iframe): the store's own read reports it.
          return void store.persist?.rehydrate();
        }
        if (text !== null) return followStored(store, text);
        // Gone: the server or its age ended it (a logout leaves its epoch), unless it was never kept.
        if (holdsSession(store.getState()) && !inMemoryOnly.has(name)) {
          applyFromOtherTab(store, () => store.getState().clearSession());
        }
      };
      reread();
      document.addEventListener('visibilitychange', reread);
      return () => document.removeEventListener('visibilitychange', reread);
    },
  };
  return area;
}
