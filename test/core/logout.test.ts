import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { commerceEngine } from '../../src/backends/commerceEngine.js';
import { wemasy } from '../../src/backends/wemasy.js';
import { MIN_COOLDOWN_MS, warned } from '../../src/core/answer.js';
import { isLogoutError, LogoutError } from '../../src/core/LogoutError.js';
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore, type SessionStore } from '../../src/core/sessionStore.js';
import type { SessionData } from '../../src/core/types.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  createRequestLog,
  MALFORMED_PAGE,
  sampleCustomer,
  wemasyHandlers,
  wemasySession,
} from '../../src/testing/index.js';
import { expectDevWarnings, UNREADABLE_RETRY_AFTER } from '../devWarnings.js';
import {
  answer,
  answerJson,
  BACKEND_CASES,
  type BackendCase,
  CE_URL,
  commerceEngineCase,
  recordRequests,
  rejectionOf,
  STORE_ID,
  sessionOf,
  testPolicy,
  WEMASY_URL,
  wemasyCase,
} from './helpers/backends.js';

const server = setupServer();
const sent = recordRequests(server);
const log = createRequestLog();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sent.length = 0;
  log.clear();
});
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

function signedIn(session: SessionData): SessionStore {
  const store = createSessionStore();
  store.getState().setSession(session);
  return store;
}

function expectEmpty(store: SessionStore) {
  const { accessToken, refreshToken, user } = store.getState();
  expect({ accessToken, refreshToken, user }).toEqual({
    accessToken: null,
    refreshToken: null,
    user: null,
  });
}

async function logoutError(promise: Promise<unknown>): Promise<LogoutError> {
  const error = await rejectionOf(promise);
  expect(isLogoutError(error)).toBe(true);
  expect(error).toBeInstanceOf(LogoutError);
  return error as LogoutError;
}

describe.each(BACKEND_CASES)('a $name logout', (backendCase: BackendCase) => {
  const { url, backend, handlers, session } = backendCase;
  const use = (...list: Parameters<typeof server.use>) => server.use(...list);

  describe('when the token was already dead', () => {
    it.each([
      [
        '401 from the kit mocks',
        () => handlers({ scenario: 'unauthorized', onRequest: log.record }),
      ],
      ['403', () => [answerJson(url, 403, { message: 'Forbidden' })]],
      ['404 from the kit mocks', () => handlers({ scenario: 'not-found', onRequest: log.record })],
    ])('empties the session on %s and reports already-signed-out', async (_label, make) => {
      use(...make());
      const store = signedIn(session());
      const { epoch } = store.getState();
      const policy = testPolicy();

      const result = await logoutSession(store, backend(), policy);

      expect(result).toMatchObject({
        outcome: 'already-signed-out',
        adoptedAnonymousSession: false,
        unusableBody: false,
      });
      expect([401, 403, 404]).toContain(result.status);
      expectEmpty(store);
      expect(store.getState().epoch).toBe(epoch + 1);
      expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
    });

    it('empties the session when the real-looking mock answers 401 for a revoked token', async () => {
      use(...handlers({ onRequest: log.record }));
      const customer = session();
      await logoutSession(signedIn(customer), backend(), testPolicy());

      const again = signedIn(customer);
      const result = await logoutSession(again, backend(), testPolicy());
      expect(result).toMatchObject({ outcome: 'already-signed-out', status: 401 });
      expectEmpty(again);
      expect(log.count({ endpoint: 'logout' })).toBe(2);
    });
  });

  describe('when the server rate-limits (429)', () => {
    it('keeps the session on 429 and reports when to retry (Retry-After in seconds)', async () => {
      use(...handlers({ scenario: 'rate-limited', retryAfter: 30, onRequest: log.record }));
      const store = signedIn(session());
      const before = sessionOf(store);
      const policy = testPolicy();

      const started = Date.now();
      const error = await logoutError(logoutSession(store, backend(), policy));
      const ended = Date.now();

      expect(error.kind).toBe('rate-limited');
      expect(error.status).toBe(429);
      expect(error.retryAfterMs).toBe(30_000);
      expect(error.message).toMatch(/30 s/);
      expect(error.rateLimit).toEqual({ limit: 60, remaining: 0 });
      const { retryAt, ...rest } = sessionOf(store);
      expect({ ...rest, retryAt: before.retryAt }).toEqual(before);
      expect(retryAt).toBeGreaterThanOrEqual(started + 30_000);
      expect(retryAt).toBeLessThanOrEqual(ended + 30_000);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });

    it('reads a Retry-After HTTP-date as the time to retry', async () => {
      const retryAt = Math.ceil((Date.now() + 120_000) / 1000) * 1000;
      const date = new Date(retryAt).toUTCString();
      use(...handlers({ scenario: 'rate-limited', retryAfter: date }));
      const store = signedIn(session());

      const error = await logoutError(logoutSession(store, backend(), testPolicy()));

      expect(error.kind).toBe('rate-limited');
      expect(store.getState().retryAt).toBe(retryAt);
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(121_000);
    });

    it('keeps a Retry-After far beyond 2^31-1 ms as it is', async () => {
      use(...handlers({ scenario: 'rate-limited', retryAfter: 4_000_000 }));
      const store = signedIn(session());
      const started = Date.now();
      const error = await logoutError(logoutSession(store, backend(), testPolicy()));
      expect(error.retryAfterMs).toBe(4_000_000_000);
      expect(store.getState().retryAt).toBeGreaterThanOrEqual(started + 4_000_000_000);
    });

    it('falls back to the configured cooldown when Retry-After is missing', async () => {
      const warn = expectDevWarnings();
      use(...handlers({ scenario: 'rate-limited', retryAfter: null }));
      const store = signedIn(session());
      const started = Date.now();
      const error = await logoutError(
        logoutSession(store, backend(), testPolicy({ cooldownMs: 45_000 })),
      );
      const ended = Date.now();
      expect(error.kind).toBe('rate-limited');
      expect(error.retryAfterMs).toBe(45_000);
      expect(store.getState().retryAt).toBeGreaterThanOrEqual(started + 45_000);
      expect(store.getState().retryAt).toBeLessThanOrEqual(ended + 45_000);
      expect(warn).toHaveBeenCalledOnce();
      expect(warn.mock.calls[0]?.[0]).toMatch(UNREADABLE_RETRY_AFTER);
    });

    it('warns once per page in development, and never in production, when Retry-After cannot be read', async () => {
      const warn = expectDevWarnings();
      use(answerJson(url, 429, { message: 'Too Many Attempts.' }));
      await logoutError(logoutSession(signedIn(session()), backend(), testPolicy()));
      await logoutError(logoutSession(signedIn(session()), backend(), testPolicy()));
      expect(warn).toHaveBeenCalledOnce();
      warned.unreadable = false;
      vi.stubEnv('NODE_ENV', 'production');
      await logoutError(logoutSession(signedIn(session()), backend(), testPolicy()));
      vi.unstubAllEnvs();
      expect(warn).toHaveBeenCalledOnce();
      // A readable one says nothing.
      use(answerJson(url, 429, { message: 'Too Many Attempts.' }, { 'Retry-After': '30' }));
      await logoutError(logoutSession(signedIn(session()), backend(), testPolicy()));
      expect(warn).toHaveBeenCalledOnce();
    });

    it.each(['1.5', '-5', 'soon', '12abc', 'Wed, 21 Oct 2015 07:28:00'])(
      'falls back to the configured cooldown when Retry-After is unreadable (%j)',
      async (retryAfter) => {
        const warn = expectDevWarnings();
        use(answerJson(url, 429, { message: 'Too Many Attempts.' }, { 'Retry-After': retryAfter }));
        const store = signedIn(session());
        const before = sessionOf(store);
        const error = await logoutError(
          logoutSession(store, backend(), testPolicy({ cooldownMs: 45_000 })),
        );
        expect(error.kind).toBe('rate-limited');
        expect(error.retryAfterMs).toBe(45_000);
        expect(store.getState().retryAt).toBeGreaterThan(Date.now() + 40_000);
        expect({ ...sessionOf(store), retryAt: null }).toEqual(before);
        expect(warn.mock.calls.map(([message]) => message)).toEqual([
          expect.stringMatching(UNREADABLE_RETRY_AFTER),
        ]);
      },
    );

    it('waits the shortest cooldown, not zero, when Retry-After is a date already past', async () => {
      // Zero would send the automatic retry at once, and again on every 429: a tight loop.
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'rate-limited', retryAfter: 'Sun, 06 Nov 1994 08:49:37 GMT' }));
      const store = signedIn(session());
      const error = await logoutError(logoutSession(store, backend(), testPolicy()));
      expect(error.retryAfterMs).toBe(MIN_COOLDOWN_MS);
      await expect(logoutSession(store, backend(), testPolicy())).rejects.toMatchObject({
        kind: 'rate-limited',
      });

      vi.advanceTimersByTime(MIN_COOLDOWN_MS);
      const result = await logoutSession(store, backend(), testPolicy());
      expect(result.outcome).toBe('signed-out');
      vi.useRealTimers();
    });

    it('sends nothing during the cooldown and rejects with the rate-limited error', async () => {
      use(...handlers({ scenario: 'rate-limited', retryAfter: 30, onRequest: log.record }));
      const store = signedIn(session());
      await logoutError(logoutSession(store, backend(), testPolicy()));
      const afterFirst = sessionOf(store);
      const policy = testPolicy();

      const error = await logoutError(logoutSession(store, backend(), policy));

      expect(error.kind).toBe('rate-limited');
      expect(error.status).toBe(429);
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
      expect(log.count({ endpoint: 'logout' })).toBe(1);
      expect(sent).toHaveLength(1);
      expect(sessionOf(store)).toEqual(afterFirst);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });

    it('respects a cooldown the store already holds (a reload or another tab)', async () => {
      use(...handlers({ onRequest: log.record }));
      const store = signedIn(session());
      store.setState({ retryAt: Date.now() + 20_000 });
      const error = await logoutError(logoutSession(store, backend(), testPolicy()));
      expect(error.kind).toBe('rate-limited');
      expect(sent).toHaveLength(0);
    });

    it('sends the logout again once the cooldown is over', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'rate-limited', retryAfter: 30, onRequest: log.record }));
      const store = signedIn(session());
      await logoutError(logoutSession(store, backend(), testPolicy()));

      await vi.advanceTimersByTimeAsync(29_000);
      await logoutError(logoutSession(store, backend(), testPolicy()));
      expect(log.count({ endpoint: 'logout' })).toBe(1);

      await vi.advanceTimersByTimeAsync(2_000);
      const result = await logoutSession(store, backend(), testPolicy());
      expect(result).toMatchObject({ outcome: 'signed-out', status: 200 });
      expect(log.count({ endpoint: 'logout' })).toBe(2);
      expect(store.getState().retryAt).toBeNull();
    });
  });

  describe('when the server refuses or fails', () => {
    it.each([
      ['400 from the kit mocks', 'rejected', 400, () => handlers({ scenario: 'bad-request' })],
      ['418', 'rejected', 418, () => [answerJson(url, 418, { message: "I'm a teapot" })]],
      ['422', 'rejected', 422, () => [answerJson(url, 422, { message: 'Unprocessable' })]],
      ['500 from the kit mocks', 'server', 500, () => handlers({ scenario: 'server-error' })],
      ['503', 'server', 503, () => [answer(url, 503, { body: 'Service Unavailable' })]],
    ] as const)('keeps the session on %s and fails as %s', async (_label, kind, status, make) => {
      use(...make());
      const store = signedIn(session());
      const before = sessionOf(store);
      const policy = testPolicy();

      const error = await logoutError(logoutSession(store, backend(), policy));

      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.retryAfterMs).toBeUndefined();
      expect(sessionOf(store)).toEqual(before);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });

    it('lets the user try again after a failure', async () => {
      use(...handlers({ scenario: 'server-error', onRequest: log.record }));
      const store = signedIn(session());
      await logoutError(logoutSession(store, backend(), testPolicy()));

      server.resetHandlers(...handlers({ onRequest: log.record }));
      const result = await logoutSession(store, backend(), testPolicy());
      expect(result.outcome).toBe('signed-out');
      expect(log.count({ endpoint: 'logout' })).toBe(2);
    });

    it('keeps the session when the server cannot be reached, and fails as network', async () => {
      use(...handlers({ scenario: 'network-error' }));
      const store = signedIn(session());
      const before = sessionOf(store);
      const policy = testPolicy();

      const error = await logoutError(logoutSession(store, backend(), policy));

      expect(error.kind).toBe('network');
      expect(error.status).toBeUndefined();
      expect(error.rateLimit).toBeNull();
      // No cause: what fetch throws may hold the request, and the token with it.
      expect(error.cause).toBeUndefined();
      expect(sessionOf(store)).toEqual(before);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });

    it('gives up after timeoutMs, keeps the session and fails as timeout', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 60_000 }));
      const store = signedIn(session());
      const before = sessionOf(store);
      const policy = testPolicy({ timeoutMs: 5_000 });

      const settled = rejectionOf(logoutSession(store, backend(), policy));
      await vi.advanceTimersByTimeAsync(5_000);
      const error = (await settled) as LogoutError;

      expect(isLogoutError(error)).toBe(true);
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/5000 ms/);
      expect(sessionOf(store)).toEqual(before);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });

    it('times out with a fetch that ignores its abort signal, and frees the next logout', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 60_000, onRequest: log.record }));
      // An app's instrumented fetch that forgets to pass the signal on.
      const forgetful: typeof fetch = (input, init) => fetch(input, { ...init, signal: null });
      const store = signedIn(session());
      const before = sessionOf(store);
      const withForgetfulFetch = { ...backend(), fetch: forgetful };

      const settled = rejectionOf(
        logoutSession(store, withForgetfulFetch, testPolicy({ timeoutMs: 5_000 })),
      );
      await vi.advanceTimersByTimeAsync(5_000);
      const error = (await settled) as LogoutError;

      expect(isLogoutError(error)).toBe(true);
      expect(error.kind).toBe('timeout');
      expect(sessionOf(store)).toEqual(before);

      server.resetHandlers(...handlers({ onRequest: log.record }));
      await expect(logoutSession(store, backend(), testPolicy())).resolves.toMatchObject({
        outcome: 'signed-out',
      });
    });

    it('does not time out an answer that arrives in time', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 3_000 }));
      const store = signedIn(session());
      const pending = logoutSession(store, backend(), testPolicy({ timeoutMs: 5_000 }));
      await vi.advanceTimersByTimeAsync(3_000);
      await expect(pending).resolves.toMatchObject({ outcome: 'signed-out', status: 200 });
    });

    it.each([
      ['beyond what setTimeout holds (2^31 ms)', 2 ** 31],
      ['Infinity, no timeout at all', Number.POSITIVE_INFINITY],
    ])('waits for a slow answer when timeoutMs is %s', async (_, timeoutMs) => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 60_000 }));
      const store = signedIn(session());
      let settled = false;
      const pending = logoutSession(store, backend(), testPolicy({ timeoutMs })).finally(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(59_000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(pending).resolves.toMatchObject({ outcome: 'signed-out', status: 200 });
    });

    it.each([301, 302, 303, 307, 308])(
      'does not follow a %i redirect (the token stays with the backend) and fails as invalid-response',
      async (status) => {
        const elsewhere = 'https://collector.example/steal';
        const followed = vi.fn(() => HttpResponse.json({}));
        use(
          answer(url, status, { headers: { Location: elsewhere } }),
          http.all(elsewhere, followed),
        );
        const store = signedIn(session());
        const before = sessionOf(store);
        const policy = testPolicy();

        const error = await logoutError(logoutSession(store, backend(), policy));

        expect(error.kind).toBe('invalid-response');
        expect(error.status).toBe(status);
        expect(error.message).toBe(`${backend().name} answered the logout with HTTP ${status}`);
        expect(followed).not.toHaveBeenCalled();
        expect(sent.map((request) => request.url)).toEqual([url]);
        expect(sessionOf(store)).toEqual(before);
        expect(policy.onSessionEnded).not.toHaveBeenCalled();
      },
    );
  });

  it("names a browser's opaque redirect (status 0), which carries no status", async () => {
    // What fetch hands back for a redirect with `redirect: 'manual'` in a browser.
    const opaque = {
      ok: false,
      status: 0,
      type: 'opaqueredirect',
      headers: new Headers(),
      body: null,
    };
    const store = signedIn(session());
    const error = await logoutError(
      logoutSession(
        store,
        { ...backend(), fetch: (async () => opaque) as unknown as typeof fetch },
        testPolicy(),
      ),
    );
    expect(error.kind).toBe('invalid-response');
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(`${backend().name} answered the logout with an opaque redirect`);
  });

  describe('when there is no session to end', () => {
    it('sends nothing without an access token, empties the store and reports no-session', async () => {
      use(...handlers({ onRequest: log.record }));
      const store = createSessionStore();
      store.getState().setSession({ refreshToken: 'left-over', user: { id: 'stale-user' } });
      const policy = testPolicy();

      const result = await logoutSession(store, backend(), policy);

      expect(result).toEqual({
        outcome: 'no-session',
        adoptedAnonymousSession: false,
        unusableBody: false,
        rateLimit: null,
      });
      expect(result).not.toHaveProperty('status');
      expect(sent).toHaveLength(0);
      expectEmpty(store);
      expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
    });
    it('treats an empty access token as no session and sends nothing', async () => {
      use(...handlers({ onRequest: log.record }));
      const store = createSessionStore();
      store.getState().setSession({ ...session(), accessToken: '' });
      const result = await logoutSession(store, backend(), testPolicy());
      expect(result.outcome).toBe('no-session');
      expect(sent).toHaveLength(0);
      expectEmpty(store);
    });
  });

  describe('with a persisted session', () => {
    it.each(['local', 'session'] as const)(
      'leaves nothing of the customer in %sStorage',
      async (kind) => {
        use(...handlers());
        const name = `logout-${kind}`;
        const storage = kind === 'local' ? localStorage : sessionStorage;
        storage.clear();
        const store = createSessionStore({ persist: { name, storage: kind } });
        const customer = session();
        store.getState().setSession(customer);
        expect(storage.getItem(name)).toContain(customer.accessToken);

        await logoutSession(store, backend(), testPolicy());

        const text = storage.getItem(name) ?? '';
        for (const secret of [customer.accessToken, customer.refreshToken, customer.user?.id]) {
          if (secret) expect(text).not.toContain(secret);
        }
        expect(text).not.toContain('maya.jansen@example.com');
        const { state } = JSON.parse(text) as { state: Record<string, unknown> };
        if (backendCase.adopts) {
          expect(state).toMatchObject({
            accessToken: store.getState().accessToken,
            refreshToken: store.getState().refreshToken,
            user: { is_anonymous: true },
          });
          expect(state.accessToken).toEqual(expect.any(String));
        } else {
          expect(state).toMatchObject({ accessToken: null, refreshToken: null, user: null });
        }
      },
    );
  });

  describe('while a logout is in flight', () => {
    it('sends exactly one request however many times logout is called', async () => {
      use(...handlers({ onRequest: log.record }));
      const store = signedIn(session());
      const policy = testPolicy();

      const calls = [1, 2, 3, 4].map(() => logoutSession(store, backend(), policy));
      const results = await Promise.all(calls);

      expect(calls[1]).toBe(calls[0]);
      expect(new Set(results).size).toBe(1);
      expect(log.count({ endpoint: 'logout' })).toBe(1);
      expect(sent).toHaveLength(1);
      expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
    });

    it('shares one failure between concurrent calls, then lets a new logout go out', async () => {
      use(...handlers({ scenario: 'server-error', onRequest: log.record }));
      const store = signedIn(session());
      const errors = await Promise.all(
        [1, 2].map(() => rejectionOf(logoutSession(store, backend(), testPolicy()))),
      );
      expect(errors[1]).toBe(errors[0]);
      expect(log.count({ endpoint: 'logout' })).toBe(1);

      await rejectionOf(logoutSession(store, backend(), testPolicy()));
      expect(log.count({ endpoint: 'logout' })).toBe(2);
    });

    it('leaves alone a session that replaced this one while the request was out', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 2_000 }));
      const store = signedIn(session());
      const policy = testPolicy();
      const pending = logoutSession(store, backend(), policy);

      store.getState().clearSession(); // another tab logged out and someone signed in again
      const next = session();
      store.getState().setSession(next);
      await vi.advanceTimersByTimeAsync(2_000);
      const result = await pending;

      expect(result.outcome).toBe('signed-out');
      expect(result.adoptedAnonymousSession).toBe(false);
      expect(store.getState()).toMatchObject(next);
      expect(policy.onSessionEnded).not.toHaveBeenCalled();
    });
  });

  describe('rate-limit headers', () => {
    it('reports X-RateLimit-* figures of a successful answer', async () => {
      use(answerJson(url, 200, {}, { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '57' }));
      const result = await logoutSession(signedIn(session()), backend(), testPolicy());
      expect(result.rateLimit).toEqual({ limit: 60, remaining: 57 });
    });

    it('reports X-RateLimit-* figures of a failed answer on the error', async () => {
      use(
        answer(url, 500, { headers: { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '3' } }),
      );
      const error = await logoutError(logoutSession(signedIn(session()), backend(), testPolicy()));
      expect(error.rateLimit).toEqual({ limit: 60, remaining: 3 });
    });

    it.each([
      [{}, null],
      [{ 'X-RateLimit-Limit': 'sixty', 'X-RateLimit-Remaining': '-3' }, null],
      [{ 'X-RateLimit-Limit': '1e3', 'X-RateLimit-Remaining': '5.5' }, null],
      [
        { 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '57abc' },
        { limit: 60, remaining: null },
      ],
      [{ 'X-RateLimit-Remaining': '0' }, { limit: null, remaining: 0 }],
    ])('reads junk or missing figures %j as null', async (headers, expected) => {
      use(answer(url, 401, { headers }));
      const result = await logoutSession(signedIn(session()), backend(), testPolicy());
      expect(result.rateLimit).toEqual(expected);
    });
  });

  describe('secrets', () => {
    const errorCases: Array<[string, () => Parameters<typeof server.use>]> = [
      ['rate-limited', () => handlers({ scenario: 'rate-limited', retryAfter: 30 })],
      ['rejected', () => handlers({ scenario: 'bad-request' })],
      ['server', () => handlers({ scenario: 'server-error' })],
      ['network', () => handlers({ scenario: 'network-error' })],
      ['invalid-response', () => [answer(url, 302, { headers: { Location: `${url}?again` } })]],
    ];

    function expectNoToken(error: LogoutError, token: string) {
      const secret = token.slice(-16);
      for (const text of [
        error.message,
        String(error),
        error.stack ?? '',
        JSON.stringify(error),
        String(error.cause ?? ''),
      ]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(secret);
      }
    }

    it.each(errorCases)('never puts the token in a %s error', async (kind, make) => {
      use(...make());
      const customer = session();
      const error = await logoutError(logoutSession(signedIn(customer), backend(), testPolicy()));
      expect(error.kind).toBe(kind);
      expectNoToken(error, customer.accessToken ?? '');
    });

    it('never puts the token in a timeout error or a cooldown error', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      use(...handlers({ scenario: 'slow', delayMs: 60_000 }));
      const customer = session();
      const store = signedIn(customer);
      const settled = rejectionOf(
        logoutSession(store, backend(), testPolicy({ timeoutMs: 1_000 })),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      const timeout = (await settled) as LogoutError;
      expect(timeout.kind).toBe('timeout');
      expectNoToken(timeout, customer.accessToken ?? '');

      store.setState({ retryAt: Date.now() + 10_000 });
      const cooldown = await logoutError(logoutSession(store, backend(), testPolicy()));
      expect(cooldown.kind).toBe('rate-limited');
      expectNoToken(cooldown, customer.accessToken ?? '');
    });

    it('sends the bearer token to the backend URL only', async () => {
      use(...handlers());
      const customer = session();
      await logoutSession(signedIn(customer), backend(), testPolicy());
      expect(sent).toEqual([
        {
          method: 'POST',
          url,
          authorization: `Bearer ${customer.accessToken}`,
          accept: 'application/json',
          hasBody: false,
        },
      ]);
    });

    it('still logs out when onSessionEnded throws, and logs no token', async () => {
      use(...handlers());
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const customer = session();
      const store = signedIn(customer);
      const result = await logoutSession(
        store,
        backend(),
        testPolicy({
          onSessionEnded: () => {
            throw new Error('cache gone wrong');
          },
        }),
      );
      expect(result.outcome).toBe('signed-out');
      expect(store.getState().accessToken).not.toBe(customer.accessToken);
      expect(error).toHaveBeenCalled();
      expect(JSON.stringify(error.mock.calls.map(String))).not.toContain(customer.accessToken);
    });
  });
});

describe('a Commerce Engine logout answered with 2xx', () => {
  const { url, backend, handlers, session } = commerceEngineCase;

  it('adopts the anonymous session of a valid body and keeps nothing of the customer', async () => {
    server.use(...handlers({ onRequest: log.record }));
    const customer = session();
    const store = signedIn(customer);
    const { epoch } = store.getState();
    const policy = testPolicy();

    const result = await logoutSession(store, backend(), policy);

    expect(result).toEqual({
      outcome: 'signed-out',
      status: 200,
      adoptedAnonymousSession: true,
      unusableBody: false,
      rateLimit: null,
    });
    const after = store.getState();
    expect(after.accessToken).toEqual(expect.any(String));
    expect(after.refreshToken).toEqual(expect.any(String));
    expect(after.accessToken).not.toBe(customer.accessToken);
    expect(after.refreshToken).not.toBe(customer.refreshToken);
    expect(after.user).toMatchObject({ is_anonymous: true, is_logged_in: false, email: null });
    expect(after.user?.id).not.toBe(sampleCustomer.id);
    expect(JSON.stringify(sessionOf(store))).not.toContain(sampleCustomer.email);
    expect(after.epoch).toBe(epoch + 1);
    expect(after.retryAt).toBeNull();
    expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);

    // The adopted tokens are the live anonymous session: the server accepts them.
    const guest = await logoutSession(store, backend(), testPolicy());
    expect(guest).toMatchObject({ outcome: 'signed-out', status: 200 });
    expect(log.count({ endpoint: 'logout', status: 200 })).toBe(2);
  });

  it('adopts a valid body on another 2xx status', async () => {
    const anonymous = commerceEngineSession({
      storeId: STORE_ID,
      user: { ...sampleCustomer, id: 'guest-1', is_anonymous: true, is_logged_in: false },
    });
    server.use(
      answerJson(url, 201, {
        success: true,
        content: {
          access_token: anonymous.accessToken,
          refresh_token: anonymous.refreshToken,
          user: anonymous.user,
        },
      }),
    );
    const store = signedIn(session());
    const result = await logoutSession(store, backend(), testPolicy());
    expect(result).toMatchObject({ status: 201, adoptedAnonymousSession: true });
    expect(store.getState()).toMatchObject({
      accessToken: anonymous.accessToken,
      refreshToken: anonymous.refreshToken,
      user: { id: 'guest-1' },
    });
  });

  const valid = {
    access_token: 'anon-access',
    refresh_token: 'anon-refresh',
    user: { id: 'guest' },
  };
  it.each([
    ['an HTML page', { body: MALFORMED_PAGE, headers: { 'Content-Type': 'text/html' } }],
    ['no body at all (204)', { body: null, status: 204 }],
    ['truncated JSON', { body: '{"success": true, "content": {' }],
    ['success: false', { json: { success: false, content: valid } }],
    ['no content', { json: { success: true, message: 'Logged out.' } }],
    [
      'a missing access token',
      { json: { success: true, content: { ...valid, access_token: undefined } } },
    ],
    [
      'an empty refresh token',
      { json: { success: true, content: { ...valid, refresh_token: '' } } },
    ],
    [
      'tokens that are numbers',
      { json: { success: true, content: { ...valid, access_token: 7 } } },
    ],
    [
      'a user without id',
      { json: { success: true, content: { ...valid, user: { email: null } } } },
    ],
    [
      'a user whose id is a number',
      { json: { success: true, content: { ...valid, user: { id: 9 } } } },
    ],
    ['no user', { json: { success: true, content: { ...valid, user: null } } }],
    ['a JSON array', { json: [valid] }],
    ['JSON null', { json: null }],
  ] as const)('empties the session and flags unusableBody for %s', async (_label, reply) => {
    const status = 'status' in reply ? reply.status : 200;
    server.use(
      'json' in reply
        ? answerJson(url, status, reply.json)
        : answer(url, status, {
            body: reply.body,
            ...('headers' in reply ? { headers: reply.headers } : {}),
          }),
    );
    const store = signedIn(session());
    const policy = testPolicy();

    const result = await logoutSession(store, backend(), policy);

    expect(result).toMatchObject({
      outcome: 'signed-out',
      status,
      adoptedAnonymousSession: false,
      unusableBody: true,
    });
    expectEmpty(store);
    expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('ends the session without adopting anything when a 2xx body stalls past timeoutMs', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    server.use(
      http.post(url, () => {
        const stalled = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"success":true,"content":'));
          },
        });
        return new HttpResponse(stalled, {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const store = signedIn(session());
    const policy = testPolicy({ timeoutMs: 5_000 });

    const pending = logoutSession(store, backend(), policy);
    await vi.advanceTimersByTimeAsync(5_000);

    await expect(pending).resolves.toMatchObject({
      outcome: 'signed-out',
      status: 200,
      adoptedAnonymousSession: false,
      unusableBody: true,
    });
    expectEmpty(store);
    expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('flags the kit mocks’ malformed scenario as an unusable body', async () => {
    server.use(...handlers({ scenario: 'malformed' }));
    const store = signedIn(session());
    const result = await logoutSession(store, backend(), testPolicy());
    expect(result).toMatchObject({ unusableBody: true, adoptedAnonymousSession: false });
    expectEmpty(store);
  });
});

describe('a Wemasy logout answered with 2xx', () => {
  const { url, backend, session } = wemasyCase;

  it('empties the session and reports the rate-limit figures', async () => {
    server.use(...wemasyHandlers({ rateLimit: 100, onRequest: log.record }));
    const store = signedIn(session());
    const { epoch } = store.getState();
    const policy = testPolicy();

    const result = await logoutSession(store, backend(), policy);

    expect(result).toEqual({
      outcome: 'signed-out',
      status: 200,
      adoptedAnonymousSession: false,
      unusableBody: false,
      rateLimit: { limit: 100, remaining: 99 },
    });
    expectEmpty(store);
    expect(store.getState().epoch).toBe(epoch + 1);
    expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an HTML page', { body: MALFORMED_PAGE, headers: { 'Content-Type': 'text/html' } }],
    ['no body (204)', { body: null, status: 204 }],
    [
      'a body that looks like a session',
      {
        body: JSON.stringify({
          success: true,
          content: { access_token: 'a', refresh_token: 'r', user: { id: 'x' } },
        }),
        headers: { 'Content-Type': 'application/json' },
      },
    ],
    ['an error flag', { body: '{"error": true}', headers: { 'Content-Type': 'application/json' } }],
  ] as const)('empties the session whatever the body: %s', async (_label, reply) => {
    const status = 'status' in reply ? reply.status : 200;
    server.use(
      answer(url, status, {
        body: reply.body,
        ...('headers' in reply ? { headers: reply.headers } : {}),
      }),
    );
    const store = signedIn(session());
    const policy = testPolicy();
    const result = await logoutSession(store, backend(), policy);
    expect(result).toMatchObject({
      outcome: 'signed-out',
      status,
      adoptedAnonymousSession: false,
      unusableBody: false,
    });
    expectEmpty(store);
    expect(policy.onSessionEnded).toHaveBeenCalledTimes(1);
  });
});

describe('where the logout is sent', () => {
  const expectSent = (to: string, token: string | null) => {
    expect(sent).toEqual([
      {
        method: 'POST',
        url: to,
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        hasBody: false,
      },
    ]);
  };

  it('calls Commerce Engine production by default', async () => {
    server.use(...commerceEngineHandlers({ storeId: STORE_ID }));
    const customer = commerceEngineSession({ storeId: STORE_ID });
    await logoutSession(signedIn(customer), commerceEngine({ storeId: STORE_ID }), testPolicy());
    expectSent(CE_URL, customer.accessToken);
  });

  it('calls Commerce Engine staging when asked', async () => {
    server.use(...commerceEngineHandlers({ storeId: STORE_ID, environment: 'staging' }));
    const customer = commerceEngineSession({ storeId: STORE_ID });
    const result = await logoutSession(
      signedIn(customer),
      commerceEngine({ storeId: STORE_ID, environment: 'staging' }),
      testPolicy(),
    );
    expect(result.outcome).toBe('signed-out');
    expectSent(
      `https://staging.api.commercengine.io/api/v1/${STORE_ID}/storefront/auth/logout`,
      customer.accessToken,
    );
  });

  it('calls a Commerce Engine baseUrl (a proxy), trailing slash or not', async () => {
    server.use(...commerceEngineHandlers({ baseUrl: 'https://shop.example/api/storefront' }));
    const customer = commerceEngineSession({ storeId: STORE_ID });
    const result = await logoutSession(
      signedIn(customer),
      commerceEngine({
        storeId: STORE_ID,
        environment: 'staging',
        baseUrl: 'https://shop.example/api/storefront/',
      }),
      testPolicy(),
    );
    expect(result.adoptedAnonymousSession).toBe(true);
    expectSent('https://shop.example/api/storefront/auth/logout', customer.accessToken);
  });

  it('calls Wemasy at its default base', async () => {
    server.use(...wemasyHandlers());
    const customer = wemasySession();
    await logoutSession(signedIn(customer), wemasy(), testPolicy());
    expectSent(WEMASY_URL, customer.accessToken);
  });

  it('calls a Wemasy baseUrl, trailing slash or not', async () => {
    server.use(...wemasyHandlers({ baseUrl: 'http://localhost:4020/api' }));
    const customer = wemasySession();
    const result = await logoutSession(
      signedIn(customer),
      wemasy({ baseUrl: 'http://localhost:4020/api/' }),
      testPolicy(),
    );
    expect(result.outcome).toBe('signed-out');
    expectSent(
      'http://localhost:4020/api/services/webshop/v1/customer/auth/logout',
      customer.accessToken,
    );
  });

  it('sends through the fetch a backend is given', async () => {
    server.use(...wemasyHandlers());
    const viaApp = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const result = await logoutSession(
      signedIn(wemasySession()),
      wemasy({ fetch: viaApp }),
      testPolicy(),
    );
    expect(result.outcome).toBe('signed-out');
    expect(viaApp).toHaveBeenCalledTimes(1);
    expect(viaApp.mock.calls[0]?.[0]).toBe(WEMASY_URL);
  });

  it("asks for JSON unless a backend's own headers say otherwise", async () => {
    server.use(http.post(WEMASY_URL, () => new HttpResponse(null, { status: 204 })));
    const withHeaders = (headers?: Record<string, string>) => ({
      ...wemasy(),
      ...(headers ? { headers } : {}),
    });
    await logoutSession(signedIn(wemasySession()), withHeaders(), testPolicy());
    await logoutSession(
      signedIn(wemasySession()),
      withHeaders({ Accept: 'application/vnd.acme+json', 'X-Shop': 'acme' }),
      testPolicy(),
    );
    // Header names are case-insensitive: an `accept` replaces the default, it is not added to it.
    await logoutSession(
      signedIn(wemasySession()),
      withHeaders({ accept: 'application/vnd.acme+json' }),
      testPolicy(),
    );
    expect(sent.map((request) => request.accept)).toEqual([
      'application/json',
      'application/vnd.acme+json',
      'application/vnd.acme+json',
    ]);
  });

  it('reads the next session through a backend written with `this`', async () => {
    server.use(http.post(WEMASY_URL, () => HttpResponse.json({ guest: 'guest-token' })));
    const backend = {
      ...wemasy(),
      guestOf(body: unknown): SessionData | null {
        const token = (body as { guest?: unknown }).guest;
        return typeof token === 'string'
          ? { accessToken: token, refreshToken: null, user: { id: 'guest' } }
          : null;
      },
      sessionAfterLogout(body: unknown) {
        return this.guestOf(body);
      },
    };
    const store = signedIn(wemasySession());
    const result = await logoutSession(store, backend, testPolicy());
    expect(result).toMatchObject({ adoptedAnonymousSession: true, unusableBody: false });
    expect(store.getState().accessToken).toBe('guest-token');
  });
});
