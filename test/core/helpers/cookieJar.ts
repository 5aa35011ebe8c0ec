import { parseCookies } from '../../../src/core/cookies.js';

/**
 * Puts `onWrite` in front of the browser's own `document.cookie` setter (jsdom's cookie jar):
 * it sees every string the page assigns and hands on to the jar, with `keep`, what the browser
 * keeps. Reading is the jar's own. `forgetCookieWrites()` takes it away again,
 * as it does `forbidCookies()`.
 */
export function interceptCookieWrites(
  onWrite: (value: string, keep: (value: string) => void) => void,
) {
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  const keep = (value: string) => native?.set?.call(document, value);
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => native?.get?.call(document),
    set: (value: string) => onWrite(value, keep),
  });
}

/** Every string the page assigned to document.cookie, in order; each one is kept as usual. */
export function recordCookieWrites(): string[] {
  const writes: string[] = [];
  interceptCookieWrites((value, keep) => {
    writes.push(value);
    keep(value);
  });
  return writes;
}

/** A page that may not touch cookies (a sandboxed frame): reading or writing them throws. */
export function forbidCookies() {
  const insecure = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  Object.defineProperty(document, 'cookie', { configurable: true, get: insecure, set: insecure });
}

/** Takes away what `interceptCookieWrites` put in front of the jar. */
export const forgetCookieWrites = () => Reflect.deleteProperty(document, 'cookie');

/** The cookies the browser holds now, by name. */
export const jar = () => parseCookies(document.cookie);
