/**
 * `storefront-auth-kit/server`: reads the session that `cookieStorage()` keeps, on the server. No
 * React and no `'use client'`: call it from Server Components, route handlers and middleware.
 *
 * @example
 * // app/layout.tsx (a Server Component)
 * import { cookies } from 'next/headers'
 * import { readSession, toInitialSession } from 'storefront-auth-kit/server'
 *
 * const session = readSession(await cookies(), 'shop-session')
 * return <Providers initialSession={toInitialSession(session)}>{children}</Providers>
 */
import { cookieName, parseCookies, readCookieText } from '../core/cookies.js';
import { readStoredSession } from '../core/persistedSession.js';
import type { InitialSession, PersistedSession } from '../core/sessionStore.js';

export type { InitialSession, PersistedSession } from '../core/sessionStore.js';

/**
 * Where the request's cookies come from: a `Cookie` header string, or any object with
 * `get(name)?.value`, as Next.js's `cookies()` and a `NextRequest`'s `cookies` are. When the
 * object has `getAll(name)`, the last cookie of the name is read.
 */
export type CookieSource =
  | string
  | {
      get(name: string): { value: string } | undefined;
      getAll?(name: string): Array<{ value: string }>;
    }
  | null
  | undefined;

/**
 * The session `cookieStorage()` keeps under `name`, read and validated by the same sanitizer the
 * browser's store uses (and migrated from older versions like it): `{ accessToken, refreshToken,
 * user, retryAt, epoch }`, or `null` when there is none. A malformed cookie gives `null`; it never
 * throws, and so does the small cookie a logout leaves (its epoch, no token and no customer).
 *
 * Of two cookies of the name (an older one on another `Path` or `Domain`), the last one in the
 * header is read, as the browser's store reads it, and as Next.js's `cookies()` keeps it: a
 * source whose `get` keeps the first one and has no `getAll` reads the other; pass the `Cookie`
 * header itself then. The tokens are for the server's own calls (the customer's orders, say): never hand them
 * to a client component, whose props are written into the page. {@link toInitialSession} leaves
 * them out.
 *
 * @example
 * const session = readSession(request.headers.get('cookie'), 'shop-session')
 */
export function readSession(source: CookieSource, name: string): PersistedSession | null {
  try {
    const get =
      typeof source === 'string'
        ? (cookie: string) => parseCookies(source).get(cookie)
        : (cookie: string) =>
            (source?.getAll ? source.getAll(cookie).at(-1) : source?.get(cookie))?.value;
    const text = readCookieText(get, cookieName(name));
    const session = text === null ? null : readStoredSession(JSON.parse(text));
    // A cookie that holds nothing of a session (the epoch a logout leaves) is no session.
    return session?.accessToken || session?.user ? session : null;
  } catch {
    return null;
  }
}

/**
 * What a Server Component hands to the client's `createSessionStore({ initialSession })`: the
 * customer, the cooldown and the epoch the page is rendered with, and the instant it is, but never
 * the tokens. The client store reads those from the cookie itself.
 *
 * @example
 * <Providers initialSession={toInitialSession(readSession(await cookies(), 'shop-session'))} />
 */
export function toInitialSession(session: PersistedSession | null): InitialSession {
  return {
    user: session?.user ?? null,
    retryAt: session?.retryAt ?? null,
    epoch: session?.epoch ?? 0,
    renderedAt: Date.now(),
  };
}
