// How a session is kept in cookies, shared by `cookieStorage()` in the browser and `readSession()`
// on the server. The cookie holds zustand's `{ state, version }` JSON, URL-encoded. A browser keeps
// about 4 KiB a cookie (RFC 6265 §6.1: name, value and attributes), so a session that does not fit
// one cookie is split over `<name>.0`, `<name>.1`, … (never both forms at once).

/** The longest value one cookie is given, leaving room for its name and attributes in 4 KiB. */
export const COOKIE_CHUNK = 3500;

/**
 * How many cookies a session may take. Beyond that it is kept in memory only: the request headers
 * of every page would grow past what servers take (Node reads 16 KiB of headers by default).
 */
export const MAX_COOKIE_CHUNKS = 3;

/** The cookie name of a session stored under `name`: the name URL-encoded, so any name is valid. */
export const cookieName = (name: string): string => encodeURIComponent(name);

/**
 * Splits a session's JSON text into URL-encoded cookie values of at most {@link COOKIE_CHUNK}
 * characters each, cut between characters: each value can be decoded on its own, as a server
 * framework that decodes every cookie (Next.js) will.
 */
export function toCookieValues(text: string): string[] {
  const values = [''];
  for (const character of text) {
    const encoded = encodeURIComponent(character);
    if ((values.at(-1) ?? '').length + encoded.length > COOKIE_CHUNK) values.push('');
    values[values.length - 1] += encoded;
  }
  return values;
}

/**
 * The session text stored under `name` (the cookie name), joined from its chunks and decoded;
 * `null` when there is none or it cannot be decoded. `get` reads one cookie's value, as sent or
 * already decoded by a framework.
 */
export function readCookieText(
  get: (name: string) => string | undefined,
  name: string,
): string | null {
  let text = get(name);
  if (text === undefined) {
    const chunks: string[] = [];
    for (let chunk = get(`${name}.0`); chunk !== undefined; chunk = get(`${name}.${chunks.length}`))
      chunks.push(chunk);
    if (chunks.length === 0) return null;
    text = chunks.join('');
  }
  // Stored text is JSON (an object) once decoded: a framework that decoded it already left `{`.
  if (text.startsWith('{')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The cookies of a `Cookie` header (or `document.cookie`), by name, with their raw values. */
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    // RFC 6265 allows a value in double quotes; the first of two same-named cookies wins.
    const value = pair
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}
