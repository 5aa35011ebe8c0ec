/**
 * @vitest-environment jsdom
 * @vitest-environment-options { "url": "https://www.shop.test/" }
 */
import { cookieStorage, createSessionStore } from '../../src/index.js';
import { commerceEngineSession } from '../../src/testing/index.js';
import { forgetCookieWrites, jar, recordCookieWrites } from './helpers/cookieJar.js';

const NAME = 'shop-session';
const text = JSON.stringify({ state: { accessToken: 'a', user: null }, version: 1 });

afterEach(() => {
  forgetCookieWrites();
  for (const name of jar().keys()) {
    for (const domain of ['', '; Domain=shop.test']) {
      // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
      document.cookie = `${name}=; Max-Age=0; Path=/${domain}; Secure`;
    }
  }
});

it('sets Secure by default on an https page, and not when told secure: false', () => {
  const writes = recordCookieWrites();
  cookieStorage().setItem(NAME, text);
  expect(writes.at(-1)).toMatch(/; Path=\/; SameSite=lax; Secure$/);
  cookieStorage({ secure: false }).setItem(NAME, text);
  expect(writes.at(-1)).toMatch(/; Path=\/; SameSite=lax$/);
});

it('deletes, on logout, the host-only cookie an earlier deploy without a domain left', () => {
  const session = commerceEngineSession();
  createSessionStore({ persist: { name: NAME, storage: cookieStorage() } })
    .getState()
    .setSession(session);
  const store = createSessionStore({
    persist: { name: NAME, storage: cookieStorage({ domain: 'shop.test' }) },
  });
  store.getState().clearSession();
  // One cookie of the name is left, the logout's: none that still holds the token.
  const ofName = document.cookie.split('; ').filter((pair) => pair.startsWith(`${NAME}=`));
  expect(ofName).toHaveLength(1);
  expect(document.cookie).not.toContain(encodeURIComponent(session.accessToken ?? ''));
});
