/**
 * @vitest-environment jsdom
 * @vitest-environment-options { "url": "https://www.shop.test/account" }
 */
import { parseCookies } from '../../src/core/cookies.js';
import { cookieStorage, createSessionStore } from '../../src/index.js';
import { readSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';

const NAME = 'shop-session';

afterEach(() => {
  for (const name of parseCookies(document.cookie).keys()) {
    for (const domain of ['', '; Domain=shop.test']) {
      // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
      document.cookie = `${name}=; Max-Age=0; Path=/${domain}`;
    }
  }
});

describe('a cookie store whose Domain changed between two deploys', () => {
  // What I did: www.shop.test shipped `cookieStorage()` (host-only cookies). Maya signed in. The
  // next deploy adds `cookieStorage({ domain: 'shop.test' })`, as the README suggests "to share
  // them with subdomains". Maya comes back (her store reads her host-only cookie: she is signed
  // in), and logs out.
  // What happened: the logout deletes `shop-session` with `Domain=shop.test` only. Cookies are
  // keyed by name, domain and path, so Maya's host-only cookie is untouched: the server still
  // reads her session, and the next reload signs her in again — after a logout the customer saw
  // succeed.
  // Promised instead (issue 11 Logout: "logout deletes every cookie of the session, with the
  // attributes it was set with, so the browser really drops it"; README: "Logout deletes every
  // cookie of the session"): after a logout, no cookie of the session is left for the server or
  // the next load, whichever attributes an earlier version of the storefront set it with — or the
  // kit at least reports that one is left (it can see it in document.cookie).
  it('leaves no session behind after a logout when an older deploy set the cookie host-only', () => {
    const before = createSessionStore({ persist: { name: NAME, storage: cookieStorage() } });
    before.getState().setSession(commerceEngineSession({ user: sampleCustomer }));

    const onStorageError = vi.fn();
    const after = createSessionStore({
      persist: { name: NAME, storage: cookieStorage({ domain: 'shop.test' }) },
      onStorageError,
    });
    expect(after.getState().user?.first_name).toBe('Maya');
    after.getState().clearSession();

    const left = readSession(document.cookie, NAME);
    expect(left === null || onStorageError.mock.calls.length > 0).toBe(true);
    const reloaded = createSessionStore({
      persist: { name: NAME, storage: cookieStorage({ domain: 'shop.test' }) },
    });
    expect(reloaded.getState().user).toBeNull();
  });
});
