// How a session is kept in cookies, shared by `cookieStorage()` in the browser and `readSession()`
// on the server. The cookie holds zustand's `{ state, version }` JSON, URL-encoded. A session that
// does not fit one cookie is split over `<name>|0`, `<name>|1`, … (never both forms at once).

/**
 * What a browser keeps of one cookie, in bytes: at least its name, value and attributes together
 * (RFC 6265 §6.1). Chromium and Firefox drop, without a word, a cookie whose name and value pass it.
 */
export const COOKIE_BYTES = 4096;

/**
 * How many cookies a session may take. Beyond that it is kept in memory only: the request headers
 * of every page would grow past what servers take (Node reads 16 KiB of headers by default).
 */
export const MAX_COOKIE_CHUNKS = 3;

/** The cookie name of a session stored under `name`: the name URL-encoded, so any name is valid. */
export const cookieName = (name: string): string => encodeURIComponent(name);

/**
 * The name of chunk `index` of the cookie `base` (a {@link cookieName}). `|` is never part of an
 * encoded name, so no store's cookie can be taken for another store's chunk (`shop` and `shop|0`
 * are the cookies of one store; a store named `shop|0` keeps `shop%7C0`).
 */
export const chunkName = (base: string, index: number): string => `${base}|${index}`;

/**
 * Splits a session's JSON text into URL-encoded cookie values of at most `size` characters each,
 * cut between characters: each value can be decoded on its own, as a server framework that
 * decodes every cookie (Next.js) will.
 */
export function toCookieValues(text: string, size: number): string[] {
  const values = [''];
  for (const character of text) {
    const encoded = encodeURIComponent(character);
    if ((values.at(-1) ?? '').length + encoded.length > size) values.push('');
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
    for (
      let chunk = get(chunkName(name, 0));
      chunk !== undefined;
      chunk = get(chunkName(name, chunks.length))
    )
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

/**
 * The cookies of a `Cookie` header (or `document.cookie`), by name, with their raw values. Of two
 * cookies of one name (another `Path` or `Domain`, set by an earlier deploy), the last one wins,
 * as in Next.js's `cookies()`, so the server and the browser read the same session: browsers send
 * the longer path first and, of equal paths, the older cookie first, so the last one is the one a
 * store on `Path=/` wrote last.
 */
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    // RFC 6265 allows a value in double quotes.
    cookies.set(
      pair.slice(0, equals).trim(),
      pair
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return cookies;
}
