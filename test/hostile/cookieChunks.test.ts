import { parseCookies } from '../../src/core/cookies.js';
import { cookieStorage, createSessionStore } from '../../src/index.js';
import { readSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer, wemasySession } from '../../src/testing/index.js';

const NAME = 'shop-session';

afterEach(() => {
  for (const name of parseCookies(document.cookie).keys()) {
    for (const path of ['/', '/account']) {
      // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
      document.cookie = `${name}=; Max-Age=0; Path=${path}`;
    }
  }
  window.history.pushState({}, '', '/');
});

describe('a chunked session and an older cookie of the same name', () => {
  // What I did: an earlier deploy kept the session with `cookieStorage({ path: '/account' })`; a
  // customer still has that cookie (an old Wemasy session). The new deploy uses the default
  // `path: '/'`. On /account/orders, Maya signs in with a session that needs two cookies (a
  // profile with a long field), so the store writes `shop-session|0` and `shop-session|1` on `/`.
  // What happened: the old `shop-session` on `/account` is sent too, and both the store's
  // read-back and readSession take a whole cookie of the name before any chunk, whatever the
  // order: the write is reported as refused ("could not write"), the chunks are deleted, Maya's
  // session is kept in memory only, and the server renders the old customer's session under
  // /account. With a session that fits one cookie the same page works: the fresh cookie on `/` is
  // sent last and wins.
  // Promised instead (docs/reliability.md "Cookies and server rendering" and its known limit): of
  // two cookies of the name, the last one the browser sends is read, and only a stale cookie on a
  // *shorter* path than the store's wins; README cookieStorage: a larger session "is split over
  // `{name}|0`, `{name}|1`", never stored in both forms at once.
  // Known limit (docs/reliability.md, "Cookies and server rendering"): a whole cookie of the name
  // is read before chunks on any path.
  it.fails('keeps a session split over chunks where an older deploy left a cookie on a longer path', () => {
    window.history.pushState({}, '', '/account/orders');
    const old = { state: { ...wemasySession(), retryAt: null, epoch: 0 }, version: 1 };
    // biome-ignore lint/suspicious/noDocumentCookie: the earlier deploy's cookie, as a browser keeps it
    document.cookie = `${NAME}=${encodeURIComponent(JSON.stringify(old))}; Path=/account`;
    const problems: string[] = [];
    const store = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      onStorageError: (message) => problems.push(message),
    });

    const maya = commerceEngineSession({
      user: { ...sampleCustomer, bio: 'x'.repeat(3000) } as typeof sampleCustomer,
    });
    store.getState().setSession(maya);

    expect(problems).toEqual([]);
    expect(readSession(document.cookie, NAME)?.accessToken).toBe(maya.accessToken);
  });
});
