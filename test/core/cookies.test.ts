import {
  chunkName,
  cookieName,
  parseCookies,
  readCookieText,
  toCookieValues,
} from '../../src/core/cookies.js';

/** A cookie jar's `get`, over the raw values of `cookies`. */
const getter = (cookies: Record<string, string>) => (name: string) =>
  Object.hasOwn(cookies, name) ? cookies[name] : undefined;

describe('splitting a session over cookie values', () => {
  it('fills each value up to the size exactly before it starts the next', () => {
    expect(toCookieValues('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(toCookieValues('abcdef', 3)).toEqual(['abc', 'def']);
    expect(toCookieValues('ab', 3)).toEqual(['ab']);
  });

  it('never cuts a character apart: an encoded one that would pass the size starts the next value', () => {
    // "é" is %C3%A9, six characters once encoded.
    expect(toCookieValues('aéb', 7)).toEqual(['a%C3%A9', 'b']);
    expect(toCookieValues('aaéb', 7)).toEqual(['aa', '%C3%A9b']);
    expect(toCookieValues('{"a":"é"}', 10).map(decodeURIComponent).join('')).toBe('{"a":"é"}');
  });

  it('gives one empty value for an empty text', () => {
    expect(toCookieValues('', 10)).toEqual(['']);
  });

  it('names the chunks of a cookie with a bar and their index, and encodes the store name', () => {
    expect(chunkName('shop', 2)).toBe('shop|2');
    expect(cookieName('shop|0')).toBe('shop%7C0');
  });
});

describe('reading a session back from cookies', () => {
  it('reads one cookie, decoding it', () => {
    expect(readCookieText(getter({ shop: '%7B%22a%22%3A1%7D' }), 'shop')).toBe('{"a":1}');
  });

  it('joins the chunks in order, and stops at the first one missing', () => {
    const get = getter({ 'shop|0': '%7B%22a%22', 'shop|1': '%3A1%7D', 'shop|3': 'stray' });
    expect(readCookieText(get, 'shop')).toBe('{"a":1}');
  });

  it('reads nothing when there is neither a cookie nor a first chunk', () => {
    expect(readCookieText(getter({ 'shop|1': '%7B%7D', other: '%7B%7D' }), 'shop')).toBeNull();
  });

  it('takes a value a framework decoded already as it is, though it holds a percent sign', () => {
    const text = '{"state":{"note":"100%"},"version":1}';
    expect(readCookieText(getter({ shop: text }), 'shop')).toBe(text);
  });

  it('reads nothing from a value that cannot be decoded', () => {
    expect(readCookieText(getter({ shop: '%7B%E0%A4%A' }), 'shop')).toBeNull();
  });
});

describe('reading a Cookie header', () => {
  it('reads each cookie by name, without the spaces around names and values', () => {
    expect(parseCookies(' a=1 ;b= 2;  c=x=y ')).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['c', 'x=y'],
      ]),
    );
  });

  it('skips a part without "=", and keeps one with an empty name', () => {
    expect(parseCookies('=nameless; flag; a=1')).toEqual(
      new Map([
        ['', 'nameless'],
        ['a', '1'],
      ]),
    );
  });

  it('takes off only the double quotes around a whole value', () => {
    const cookies = parseCookies('a="quoted value"; b=x"y"; c="y"z; d=""');
    expect(Object.fromEntries(cookies)).toEqual({ a: 'quoted value', b: 'x"y"', c: '"y"z', d: '' });
  });

  it('keeps the last of two cookies of one name', () => {
    expect(parseCookies('a=older; a=newer').get('a')).toBe('newer');
  });
});
