/**
 * @vitest-environment jsdom
 * @vitest-environment-options { "url": "https://shop.test/" }
 */
import { parseCookies } from '../../src/core/cookies.js';
import { cookieStorage } from '../../src/index.js';

const NAME = 'shop-session';
const text = JSON.stringify({ state: { accessToken: 'a', user: null }, version: 1 });

/** Every string the page assigned to document.cookie, in order. */
function recordCookieWrites() {
  const writes: string[] = [];
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => native?.get?.call(document),
    set: (value: string) => {
      writes.push(value);
      native?.set?.call(document, value);
    },
  });
  return writes;
}

afterEach(() => {
  Reflect.deleteProperty(document, 'cookie');
  for (const name of parseCookies(document.cookie).keys()) {
    // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
    document.cookie = `${name}=; Max-Age=0; Path=/; Secure`;
  }
});

it('sets Secure by default on an https page, and not when told secure: false', () => {
  const writes = recordCookieWrites();
  cookieStorage().setItem(NAME, text);
  expect(writes.at(-1)).toMatch(/; Path=\/; SameSite=lax; Secure$/);
  cookieStorage({ secure: false }).setItem(NAME, text);
  expect(writes.at(-1)).toMatch(/; Path=\/; SameSite=lax$/);
});
