// @vitest-environment node
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createRequestLog,
  MALFORMED_PAGE,
  sampleWemasyCustomer,
  WEMASY_DEMO_SIGN_IN_PATH,
  type WemasyHandlerOptions,
  wemasyHandlers,
  wemasySession,
} from '../../src/testing/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const BASE = 'https://api.wemasy.nl/api';
const LOGOUT = '/services/webshop/v1/customer/auth/logout';

const use = (options: WemasyHandlerOptions = {}) => server.use(...wemasyHandlers(options));
const token = () => wemasySession().accessToken;
const logout = (bearer?: string, base = BASE, accept = 'application/json') =>
  fetch(`${base}${LOGOUT}`, {
    method: 'POST',
    headers: {
      ...(accept === '' ? {} : { Accept: accept }),
      ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
    },
  });

describe('wemasyHandlers logout', () => {
  it('revokes a Sanctum token with 200 and the documented body', async () => {
    use();
    const response = await logout(token());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: false, message: 'Logged out.', data: [] });
  });

  it('answers on a custom baseUrl', async () => {
    use({ baseUrl: 'http://localhost:4020/api/' });
    expect((await logout(token(), 'http://localhost:4020/api')).status).toBe(200);
  });

  it('answers 401 for a missing, malformed or revoked token', async () => {
    use();
    const revoked = token();
    await logout(revoked);
    for (const bearer of [undefined, 'garbage', '12|short', revoked]) {
      const response = await logout(bearer);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: true, message: 'Unauthenticated.' });
    }
  });

  it('answers an unauthenticated call without Accept: application/json with an HTML 500', async () => {
    use();
    const response = await logout(undefined, BASE, '');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('sends X-RateLimit-Limit and a falling X-RateLimit-Remaining on every answer', async () => {
    use({ rateLimit: 60 });
    const answers = [await logout(token()), await logout('bad'), await logout(token())];
    expect(answers.map((r) => r.headers.get('x-ratelimit-limit'))).toEqual(['60', '60', '60']);
    expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['59', '58', '57']);
  });

  it('rate-limited: 429 with Retry-After and nothing remaining, then success', async () => {
    use({ scenario: 'rate-limited', retryAfter: 5 });
    const live = token();
    const first = await logout(live);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(first.headers.get('x-ratelimit-limit')).toBe('60');
    expect(await first.json()).toEqual({ error: true, message: 'Too Many Attempts.' });
    const second = await logout(live);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('59');
  });

  it('rate-limited: sends Retry-After 60 by default', async () => {
    use({ scenario: 'rate-limited' });
    expect((await logout(token())).headers.get('retry-after')).toBe('60');
  });

  it('unauthorized, server-error, not-found, bad-request: error bodies with rate-limit headers', async () => {
    for (const [scenario, status] of [
      ['unauthorized', 401],
      ['server-error', 500],
      ['not-found', 404],
      ['bad-request', 400],
    ] as const) {
      use({ scenario });
      const response = await logout(token());
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: true, message: expect.any(String) });
      expect(response.headers.has('x-ratelimit-remaining')).toBe(true);
    }
  });

  it('network-error: gives no answer', async () => {
    use({ scenario: 'network-error' });
    await expect(logout(token())).rejects.toThrow(TypeError);
  });

  it('malformed: 200 with an HTML page, rate-limit headers still there', async () => {
    use({ scenario: 'malformed' });
    const response = await logout(token());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(MALFORMED_PAGE);
    expect(response.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('slow: answers like ok, only after the delay', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    use({ scenario: 'slow' });
    let answered = false;
    const pending = logout(token()).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(2900);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await pending).status).toBe(200);
  });
});

describe('wemasyHandlers sign-in routes', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('registers a customer with 201 and a token the logout accepts', async () => {
    use();
    const response = await post('/services/webshop/v1/customer/auth/register', {
      project_id: 7,
      email: 'maya.jansen@example.com',
      password: 'secret',
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ error: false, data: { customer: sampleWemasyCustomer } });
    expect(body.data.token).toMatch(/^\d+\|[A-Za-z0-9]{40}$/);
    expect((await logout(body.data.token)).status).toBe(200);
  });

  it('signs in through the route labelled as the demo’s', async () => {
    use();
    const response = await post(WEMASY_DEMO_SIGN_IN_PATH, { email: 'a@b.c', password: 'x' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.message).toMatch(/demo/);
    expect((await logout(body.data.token)).status).toBe(200);
  });

  it('answers 422 with field errors when the password is missing', async () => {
    use();
    const response = await post(WEMASY_DEMO_SIGN_IN_PATH, { email: 'a@b.c' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: true,
      errors: { password: ['The password field is required.'] },
    });
  });
});

describe('wemasyHandlers onRequest', () => {
  it('records method, path, status, masked bearer and rate-limit headers', async () => {
    const log = createRequestLog();
    use({ onRequest: log.record });
    const live = token();
    await logout(live);
    const [entry] = log.entries();
    expect(entry).toMatchObject({
      backend: 'wemasy',
      endpoint: 'logout',
      method: 'POST',
      path: `/api${LOGOUT}`,
      status: 200,
      requestHeaders: { accept: 'application/json' },
      responseHeaders: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' },
    });
    expect(entry?.requestHeaders.authorization).toBe(
      `Bearer ${live.slice(0, 6)}…${live.slice(-4)}`,
    );
    expect(JSON.stringify(log.entries())).not.toContain(live);
  });
});
