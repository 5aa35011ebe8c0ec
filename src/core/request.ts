import type { LogoutBackend } from './backend.js';
import { LogoutError } from './LogoutError.js';
import { later } from './timers.js';
import type { SessionData } from './types.js';

/**
 * Whether a stored token can travel as a bearer token. Servers issue visible ASCII, `!` to `~`
 * (JWTs, Sanctum's `id|secret`); white space around it (a line break a `text/plain` body ended
 * with) is not part of it, and is trimmed off when it is sent. Anything else (CR/LF or spaces
 * inside, characters outside Latin-1) would make `Headers` throw with the token in its message,
 * and cannot be a session any server knows: such a token is never sent.
 */
export const isSendable = (token: string | null): token is string =>
  !!token && /^\s*[!-~]+\s*$/.test(token);

/** A logout's answer, with the session its body hands over already read and validated. */
export interface Answer {
  response: Response;
  /** The session a 2xx body hands over (`sessionAfterLogout`), or `null`. */
  next: SessionData | null;
  /** `true` when a 2xx body was wanted but could not be read, parsed or validated in time. */
  unusableBody: boolean;
}

/**
 * Sends the logout request, with the bearer token to the backend's own URL only (redirects are
 * not followed, so the header cannot travel on), asking for JSON, and reads the answer within `timeoutMs`.
 */
export async function sendLogout(
  backend: LogoutBackend,
  accessToken: string,
  timeoutMs: number,
  /** Lets the request outlive the page (`pagehide`), as a timer would not. */
  keepalive = false,
): Promise<Answer> {
  // Only the timer aborts this controller, so an aborted signal means the answer timed out.
  const controller = new AbortController();
  // Set when the promise below is made (its executor runs at once).
  let stopTimer = () => {};
  // The timeout aborts the request and rejects this promise: it must hold even where the signal
  // does not reach the answer (a fetch wrapper that drops it, a mocked body stream). Raced against
  // each step, so a stall cannot pin the logout.
  const aborted = new Promise<never>((_, reject) => {
    // Through the long-timer helper: a plain setTimeout beyond 2^31-1 ms (or Infinity, "no
    // timeout") would fire at once; and it counts time passing, so a clock set back cannot stretch it.
    stopTimer = later(timeoutMs, () => {
      controller.abort();
      reject();
    });
  });
  try {
    let response: Response;
    try {
      const headers = new Headers(backend.headers);
      // JSON, or Laravel answers an unauthenticated call with a redirect or an HTML page.
      if (!headers.has('Accept')) headers.set('Accept', 'application/json');
      headers.set('Authorization', `Bearer ${accessToken.trim()}`);
      const sent = (backend.fetch ?? fetch)(backend.logoutUrl, {
        keepalive,
        method: 'POST',
        headers,
        redirect: 'manual',
        signal: controller.signal,
      });
      response = await Promise.race([sent, aborted]);
    } catch {
      throw controller.signal.aborted
        ? new LogoutError('timeout', `${backend.name} did not answer within ${timeoutMs} ms`)
        : // No cause: what a fetch (or a wrapper such as ky) throws may hold the request, and
          // with it the token, anywhere in its chain; a browser's own says no more than this.
          new LogoutError('network', `${backend.name} could not be reached`);
    }
    if (!response.ok || !backend.sessionAfterLogout) {
      // Free the connection; the flow reads only status and headers from this answer.
      response.body?.cancel().catch(() => {});
      return { response, next: null, unusableBody: false };
    }
    let next: SessionData | null = null;
    try {
      // Called on the backend, so a backend written as a class or with `this` works.
      next = backend.sessionAfterLogout(JSON.parse(await Promise.race([response.text(), aborted])));
    } catch {
      // A body that is not JSON, does not arrive in time or throws in validation hands over nothing.
    }
    return { response, next, unusableBody: next === null };
  } finally {
    stopTimer();
  }
}
