import { MIN_COOLDOWN_MS } from '../../src/core/answer.js';
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore } from '../../src/core/sessionStore.js';
import { wemasy } from '../../src/index.js';

const TOKEN = '7|kit-test-token';

/** A Wemasy backend whose every logout answers 429 with these headers. */
function rateLimitedBackend(headers: Record<string, string>) {
  const fetchImpl = (async () =>
    new Response('{"error":true,"message":"Too Many Attempts."}', {
      status: 429,
      headers: { 'Content-Type': 'application/json', ...headers },
    })) as typeof fetch;
  return wemasy({ fetch: fetchImpl });
}

async function retryAfterOf(headers: Record<string, string>): Promise<number | undefined> {
  const store = createSessionStore({ syncTabs: false });
  store.getState().setSession({ accessToken: TOKEN });
  const error = await logoutSession(store, rateLimitedBackend(headers), {
    timeoutMs: 1_000,
    cooldownMs: 60_000,
  }).catch((caught: unknown) => caught as { retryAfterMs?: number });
  return (error as { retryAfterMs?: number }).retryAfterMs;
}

describe('the cooldown of an HTTP-date Retry-After', () => {
  it('is measured on the server’s clock when the answer carries a Date header', async () => {
    // The device clock runs ten minutes ahead of the server's.
    const serverNow = Date.now() - 10 * 60_000;
    const retryAfterMs = await retryAfterOf({
      Date: new Date(serverNow).toUTCString(),
      'Retry-After': new Date(serverNow + 30_000).toUTCString(),
    });
    // toUTCString drops the milliseconds of serverNow, so allow up to one second less.
    expect(retryAfterMs).toBeGreaterThan(29_000);
    expect(retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('falls back to the device clock when there is no readable Date header', async () => {
    const retryAfterMs = await retryAfterOf({
      Date: 'yesterday',
      'Retry-After': new Date(Date.now() - 10 * 60_000).toUTCString(),
    });
    expect(retryAfterMs).toBe(MIN_COOLDOWN_MS);
  });
});
