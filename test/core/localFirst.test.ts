import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { localFirst } from '../../src/core/localFirst.js';
import type { LogoutPolicy, RevocationStatus } from '../../src/core/logout.js';
import { createSessionStore, type SessionStore } from '../../src/core/sessionStore.js';
import type { SessionData } from '../../src/core/types.js';
import {
  answerInTurn,
  commerceEngineCase,
  loggedOut,
  sessionOf,
  testPolicy,
  WEMASY_URL,
  wemasyCase,
} from './helpers/backends.js';
import { goOffline, goOnline } from './helpers/network.js';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  server.resetHandlers();
  Reflect.deleteProperty(navigator, 'onLine');
  vi.useRealTimers();
});
afterAll(() => server.close());

const unavailable = () => HttpResponse.json({ error: true }, { status: 503 });

/** A policy that records every revocation status it is told. */
function recordingPolicy(overrides: Partial<LogoutPolicy> = {}) {
  const told: RevocationStatus[] = [];
  const policy = testPolicy({ onRevocation: (status) => void told.push(status), ...overrides });
  return { policy, told };
}

function signedIn(session: SessionData = wemasyCase.session()): SessionStore {
  const store = createSessionStore();
  store.getState().setSession(session);
  return store;
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

const hidePage = () => window.dispatchEvent(new Event('pagehide'));

describe('the local-first strategy', () => {
  it.each([
    ['no token', null],
    ['a token no server could know', 'bad\ntoken'],
  ])('signs out with no-session and sends nothing when the store holds %s', async (_, token) => {
    const seen = answerInTurn(server, [loggedOut]);
    const store = createSessionStore();
    store.setState({ accessToken: token, user: { id: 'u1' } });
    const { policy, told } = recordingPolicy();
    const result = await localFirst()(store, wemasyCase.backend(), policy);
    expect(result.outcome).toBe('no-session');
    expect(sessionOf(store)).toMatchObject({ accessToken: null, user: null });
    await advance(10_000);
    expect(seen).toEqual([]);
    expect(told).toEqual([]);
  });

  it('signs out at once and revokes the token it held, with no app callback at all', async () => {
    const seen = answerInTurn(server, [loggedOut]);
    const store = signedIn();
    const { accessToken } = store.getState();
    const result = await localFirst()(store, wemasyCase.backend(), {
      timeoutMs: 10_000,
      cooldownMs: 60_000,
    });
    expect(result).toEqual({
      outcome: 'signed-out',
      adoptedAnonymousSession: false,
      unusableBody: false,
      rateLimit: null,
    });
    expect(store.getState().accessToken).toBeNull();
    await vi.waitFor(() =>
      expect(seen).toEqual([{ authorization: `Bearer ${accessToken}`, keepalive: false }]),
    );
    await advance(60_000);
    expect(seen).toHaveLength(1);
  });

  it('gives up without an app callback and leaves no unhandled rejection behind', async () => {
    const seen = answerInTurn(server, [() => HttpResponse.error()]);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      await localFirst({ maxAttempts: 2, retryDelayMs: 1_000 })(signedIn(), wemasyCase.backend(), {
        timeoutMs: 10_000,
        cooldownMs: 60_000,
      });
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      await advance(1_000);
      await vi.waitFor(() => expect(seen).toHaveLength(2));
      // Let the last failure settle, and a rejection (if any) be reported.
      await advance(100);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('doubles the wait between retries of a 5xx, and gives up after maxAttempts', async () => {
    const sentAt: number[] = [];
    server.use(
      http.post(WEMASY_URL, () => {
        sentAt.push(Date.now());
        return unavailable();
      }),
    );
    const { policy, told } = recordingPolicy();
    await localFirst({ maxAttempts: 4, retryDelayMs: 1_000 })(
      signedIn(),
      wemasyCase.backend(),
      policy,
    );
    await vi.waitFor(() => expect(sentAt).toHaveLength(1));
    for (let step = 0; step < 10; step += 1) await advance(1_000);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'failed']));
    await advance(60_000);
    expect(sentAt).toHaveLength(4);
    // Retries 1 s, then 2 s, then 4 s after each answer.
    const waits = sentAt.slice(1).map((time, index) => time - (sentAt[index] as number));
    expect(waits.map((wait) => Math.round(wait / 500) * 500)).toEqual([1_000, 2_000, 4_000]);
  });

  it('retries five times, two seconds apart at first, when not told otherwise', async () => {
    const seen = answerInTurn(server, [() => HttpResponse.error()]);
    const { policy, told } = recordingPolicy();
    await localFirst()(signedIn(), wemasyCase.backend(), policy);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await advance(1_800);
    expect(seen).toHaveLength(1);
    await advance(300);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    // 4 s, 8 s and 16 s more.
    await advance(4_000 + 8_000 + 16_000 + 500);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'failed']));
    expect(seen).toHaveLength(5);
  });

  it('takes the defaults for options that are not numbers of attempts or milliseconds', async () => {
    const seen = answerInTurn(server, [() => HttpResponse.error()]);
    const { policy, told } = recordingPolicy();
    await localFirst({ maxAttempts: Number.NaN, retryDelayMs: -1 })(
      signedIn(),
      wemasyCase.backend(),
      policy,
    );
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await advance(1_800);
    expect(seen).toHaveLength(1);
    await advance(2_000 + 4_000 + 8_000 + 16_000 + 500);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'failed']));
    expect(seen).toHaveLength(5);
  });

  it('sends nothing more when the page is hidden after the revocation ended', async () => {
    const seen = answerInTurn(server, [loggedOut]);
    const { policy, told } = recordingPolicy();
    await localFirst()(signedIn(), wemasyCase.backend(), policy);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    hidePage();
    await advance(10_000);
    expect(seen).toHaveLength(1);
    expect(told).toEqual(['pending', 'done']);
  });

  it('reports done once when the keepalive request and the first one both answer', async () => {
    const seen = answerInTurn(server, [
      async () => {
        await delay(2_000);
        return loggedOut();
      },
      loggedOut,
    ]);
    const { policy, told } = recordingPolicy();
    await localFirst()(signedIn(), wemasyCase.backend(), policy);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    hidePage();
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    await advance(5_000);
    expect(seen.map((request) => request.keepalive)).toEqual([false, true]);
    expect(told).toEqual(['pending', 'done']);
  });

  it('stays done when the first request fails after the keepalive one ended the session', async () => {
    const seen = answerInTurn(server, [
      async () => {
        await delay(2_000);
        return HttpResponse.error();
      },
      loggedOut,
    ]);
    const { policy, told } = recordingPolicy();
    // Two attempts: a failure counted after the end would have nothing left to retry with.
    await localFirst({ maxAttempts: 2 })(signedIn(), wemasyCase.backend(), policy);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    hidePage();
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    await advance(30_000);
    expect(told).toEqual(['pending', 'done']);
    expect(seen).toHaveLength(2);
  });

  it('drops the pending retry when the page is hidden, sending only with keepalive', async () => {
    const seen = answerInTurn(server, [
      unavailable,
      async () => {
        await delay(5_000);
        return loggedOut();
      },
    ]);
    const { policy, told } = recordingPolicy();
    await localFirst({ retryDelayMs: 1_000 })(signedIn(), wemasyCase.backend(), policy);
    await vi.waitFor(() => expect(told).toEqual(['pending']));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // The 503 has armed a retry in 1 s; the page goes away first.
    await advance(100);
    hidePage();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await advance(3_000);
    expect(seen.map((request) => request.keepalive)).toEqual([false, true]);
    await advance(3_000);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    expect(seen).toHaveLength(2);
  });

  it('sends once per time the browser comes back online, not once per online event', async () => {
    const seen = answerInTurn(server, [unavailable, loggedOut]);
    const { policy, told } = recordingPolicy();
    goOffline();
    await localFirst({ retryDelayMs: 10_000 })(signedIn(), wemasyCase.backend(), policy);
    await advance(5_000);
    expect(seen).toEqual([]);
    goOnline();
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // The 503 arms a retry in 10 s; another `online` event (a flaky connection) is no retry.
    await advance(100);
    window.dispatchEvent(new Event('online'));
    await advance(5_000);
    expect(seen).toHaveLength(1);
    await advance(5_000);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    expect(seen).toHaveLength(2);
  });

  it('sends nothing when the browser comes back online after a keepalive request ended it', async () => {
    const seen = answerInTurn(server, [loggedOut]);
    const { policy, told } = recordingPolicy();
    goOffline();
    await localFirst()(signedIn(), wemasyCase.backend(), policy);
    hidePage();
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    goOnline();
    await advance(10_000);
    expect(seen).toEqual([expect.objectContaining({ keepalive: true })]);
  });

  it('leaves a session ended again meanwhile alone when Commerce Engine hands back an anonymous one', async () => {
    server.use(...commerceEngineCase.handlers({ scenario: 'slow', delayMs: 1_000 }));
    const store = signedIn(commerceEngineCase.session());
    const { policy, told } = recordingPolicy();
    await localFirst()(store, commerceEngineCase.backend(), policy);
    // Another tab's logout or a clearSession() ends the (already empty) session once more.
    store.getState().clearSession();
    const { epoch } = store.getState();
    await advance(1_000);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    expect(sessionOf(store)).toMatchObject({ accessToken: null, user: null, epoch });
  });

  it('adopts the anonymous session Commerce Engine hands back when nothing else happened', async () => {
    server.use(...commerceEngineCase.handlers({}));
    const store = signedIn(commerceEngineCase.session());
    const { policy, told } = recordingPolicy();
    await localFirst()(store, commerceEngineCase.backend(), policy);
    await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
    expect(store.getState().user?.is_anonymous).toBe(true);
  });
});
