import type { LogoutBackend } from './backend.js';
import { LogoutError } from './LogoutError.js';

/** A response with its body read, so the timeout covers the whole answer. */
export interface Answer {
  response: Response;
  /** The parsed JSON body, `undefined` when it is not JSON or was not read. */
  body: unknown;
  /** `true` when the body was asked for but could not be read or parsed. */
  unreadable: boolean;
}

async function readJson(response: Response): Promise<{ body: unknown; unreadable: boolean }> {
  try {
    return { body: JSON.parse(await response.text()), unreadable: false };
  } catch {
    return { body: undefined, unreadable: true };
  }
}

/**
 * Sends the logout request, with the bearer token to the backend's own URL only (redirects are
 * not followed, so the header cannot travel on), and reads the answer within `timeoutMs`.
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
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // The timeout must hold even where the signal does not reach the answer: a fetch wrapper that
  // drops it, or a mocked body stream. Raced against each step, so a stall cannot pin the logout.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  const fetchImpl = backend.fetch ?? globalThis.fetch;
  try {
    let response: Response;
    try {
      const sent = fetchImpl(backend.logoutUrl, {
        keepalive,
        method: 'POST',
        headers: { ...backend.headers, Authorization: `Bearer ${accessToken}` },
        redirect: 'manual',
        signal: controller.signal,
      });
      response = await Promise.race([sent, aborted]);
    } catch (cause) {
      throw controller.signal.aborted
        ? new LogoutError(
            'timeout',
            `${backend.name} did not answer the logout within ${timeoutMs} ms`,
          )
        : new LogoutError('network', `${backend.name} could not be reached to log out`, { cause });
    }
    const wantsBody = response.ok && backend.sessionAfterLogout !== undefined;
    if (!wantsBody) {
      // Free the connection; the flow reads only status and headers from this answer.
      response.body?.cancel().catch(() => {});
      return { response, body: undefined, unreadable: false };
    }
    // A 2xx whose body does not arrive in time cannot be read, like one that is not JSON.
    const stalled = aborted.catch(() => ({ body: undefined, unreadable: true }));
    return { response, ...(await Promise.race([readJson(response), stalled])) };
  } finally {
    clearTimeout(timer);
  }
}
