import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { MIN_COOLDOWN_MS } from '../../src/core/answer.js';
import { logoutSession } from '../../src/core/logout.js';
import {
  commerceEngine,
  createSessionStore,
  isLogoutError,
  type LogoutBackend,
  localFirst,
  type SessionStore,
  wemasy,
} from '../../src/index.js';
import { expectDevWarnings, UNREADABLE_RETRY_AFTER } from '../devWarnings.js';
import { reliabilityCounter } from './counts.js';

// Thousands of cases: generous on a loaded machine, far below it on an idle one (about 5 s in all).
vi.setConfig({ testTimeout: 60_000 });

const counter = reliabilityCounter('badAnswers.test.ts', {
  answers: {
    failure:
      'generated logout answers: any status 100–599 (and an opaque redirect), junk or huge `Retry-After` and `X-RateLimit-*`, bodies that are invalid JSON, HTML, empty, huge, of wrong types, with `__proto__`/`constructor` keys; `fetch` throwing',
    held: 'no uncaught error; only LogoutErrors; the store well-formed; the token gone exactly in the outcomes the contract says; no token in any message, cause or console output',
  },
  retryAfter: {
    failure:
      '429 with a generated Retry-After: delta-seconds of any size, negative, decimal, dates in all three forms, past dates, junk',
    held: 'the session kept; retryAt a finite time at least 1 s ahead (so a 0 or a past date cannot loop), the header when readable, else the 60 s fallback',
  },
  msw: {
    failure:
      'the same generated statuses (200–599), headers and bodies served by msw through the real fetch',
    held: 'the same outcomes as through a custom fetch: token gone exactly for 2xx, 401, 403, 404; store well-formed',
  },
  tokens: {
    failure:
      'stored access tokens of any characters (CR/LF, NUL, spaces, Latin-1, emoji, lone surrogates), through both strategies and both backends',
    held: 'a token of visible ASCII goes out as the bearer token and nowhere else; any other is never sent, the session is emptied as no-session; nothing thrown, and no error, cause or console line holds any part of the token',
  },
  pollution: {
    failure:
      'Commerce Engine 2xx bodies with `__proto__`, `constructor` and `prototype` keys at every level',
    held: 'no prototype polluted; an adopted user is a plain object without those keys',
  },
});

const ACCESS = 'customer-access-token-5f0c1d2e';
const REFRESH = 'customer-refresh-token-9a8b7c6d';
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A Response with any status, as a custom `fetch` may hand the kit one (Response itself refuses <200). */
function answer(status: number, body: string, headers: Headers): Response {
  const real = status >= 200 && status <= 599 && status !== 0;
  const response = new Response(NULL_BODY.has(status) ? null : body, {
    status: real && !NULL_BODY.has(status) ? status : real ? status : 200,
    headers,
  });
  if (!real || NULL_BODY.has(status)) {
    Object.defineProperty(response, 'status', { value: status });
    Object.defineProperty(response, 'ok', { value: status >= 200 && status <= 299 });
  }
  return response;
}

const ascii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const junkHeader = fc.oneof(
  ascii,
  fc.nat().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc.integer({ min: -1_000_000, max: -1 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
  fc.constantFrom(
    '',
    ' ',
    'Infinity',
    'NaN',
    '1e3',
    '0x10',
    '1.5',
    '12abc',
    'Wed, 31 Feb 2026 00:00:00 GMT',
  ),
);
const hostileUser = fc.constantFrom(
  '{"id":"u1","__proto__":{"polluted":"yes"}}',
  '{"id":"u1","constructor":{"prototype":{"polluted":"yes"}}}',
  '{"id":"u1","prototype":{"polluted":"yes"},"email":"a@b.c"}',
  '{"__proto__":{"id":"u1","polluted":"yes"}}',
  '{"id":{"__proto__":{"polluted":"yes"}}}',
);
const ceBody = fc
  .record({
    success: fc.oneof(
      fc.constant('true'),
      fc.constant('false'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    access: fc.oneof(
      fc.constant('"anon-access"'),
      fc.constant('""'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    refresh: fc.oneof(
      fc.constant('"anon-refresh"'),
      fc.constant('""'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    user: fc.oneof(
      fc.constant('{"id":"anon-1","is_anonymous":true}'),
      hostileUser,
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    extra: fc.constantFrom(
      '',
      ',"__proto__":{"polluted":"yes"}',
      ',"constructor":{"prototype":{"polluted":"yes"}}',
    ),
  })
  .map(
    ({ success, access, refresh, user, extra }) =>
      `{"success":${success},"content":{"access_token":${access},"refresh_token":${refresh},"user":${user}${extra}}${extra}}`,
  );
const body = fc.oneof(
  fc.constant(''),
  ascii,
  fc.string(),
  ascii.map((text) => `<!DOCTYPE html><html><body><h1>${text}</h1></body></html>`),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((size) => `{"data":"${'x'.repeat(size)}"}`),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((size) => '['.repeat(Math.min(size, 200_000))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  ceBody,
  fc.constant('{"error":false,"message":"Logged out.","data":[]}'),
);
const failure = fc.constantFrom(
  'answer',
  'answer',
  'answer',
  'answer',
  'type-error',
  'string',
  'null',
  'body-error',
);
const status = fc.oneof(
  fc.integer({ min: 100, max: 599 }),
  fc.constantFrom(0, 200, 401, 403, 404, 429),
);

function backendFor(kind: 'commerce-engine' | 'wemasy', fetchImpl: typeof fetch): LogoutBackend {
  return kind === 'wemasy'
    ? wemasy({ fetch: fetchImpl })
    : commerceEngine({ storeId: 'demo-store', fetch: fetchImpl });
}

function signedInStore(): SessionStore {
  const store = createSessionStore({ syncTabs: false });
  store.getState().setSession({
    accessToken: ACCESS,
    refreshToken: REFRESH,
    user: { id: 'customer-1', email: 'maya@example.com' },
  });
  return store;
}

/** Everything the console was asked to print, as text. */
function spyConsole() {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(
        args
          .map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : safeText(arg)))
          .join(' '),
      );
    });
  }
  return lines;
}

function safeText(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

function expectWellFormed(store: SessionStore) {
  const { accessToken, refreshToken, user, retryAt, epoch } = store.getState();
  expect(accessToken === null || (typeof accessToken === 'string' && accessToken !== '')).toBe(
    true,
  );
  expect(refreshToken === null || (typeof refreshToken === 'string' && refreshToken !== '')).toBe(
    true,
  );
  expect(retryAt === null || Number.isFinite(retryAt)).toBe(true);
  expect(Number.isSafeInteger(epoch) && epoch >= 0).toBe(true);
  if (user !== null) {
    expect(Object.getPrototypeOf(user)).toBe(Object.prototype);
    expect(typeof user.id).toBe('string');
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(user, key)).toBe(false);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
}

const expectedKind = (code: number) =>
  code === 429
    ? 'rate-limited'
    : code >= 400 && code < 500
      ? 'rejected'
      : code >= 500
        ? 'server'
        : 'invalid-response';

async function runLogout(backend: LogoutBackend, store: SessionStore) {
  try {
    return {
      result: await logoutSession(store, backend, { timeoutMs: 5_000, cooldownMs: 60_000 }),
      error: null,
    };
  } catch (error) {
    return { result: null, error };
  }
}

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

it('holds for thousands of generated answers from both backends', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('commerce-engine' as const, 'wemasy' as const),
      status,
      body,
      fc.option(junkHeader),
      fc.option(junkHeader),
      failure,
      async (kind, code, text, retryAfter, remaining, mode) => {
        const lines = spyConsole();
        const headers = new Headers();
        if (retryAfter !== null) headers.set('Retry-After', retryAfter);
        if (remaining !== null) headers.set('X-RateLimit-Remaining', remaining);
        const fetchImpl = (async () => {
          if (mode === 'type-error') throw new TypeError(`Failed to fetch ${ACCESS}`);
          if (mode === 'string') throw 'offline';
          if (mode === 'null') throw null;
          if (mode === 'body-error') {
            const stream = new ReadableStream({
              pull: (c) => c.error(new Error('connection reset')),
            });
            return new Response(stream, { status: 200, headers });
          }
          return answer(code, text, headers);
        }) as typeof fetch;
        const store = signedInStore();
        const { result, error } = await runLogout(backendFor(kind, fetchImpl), store);
        expectWellFormed(store);
        const { accessToken, refreshToken } = store.getState();
        const throws = mode === 'type-error' || mode === 'string' || mode === 'null';
        const effective = mode === 'body-error' ? 200 : code;
        const signsOut =
          !throws &&
          ((effective >= 200 && effective <= 299) || [401, 403, 404].includes(effective));

        if (signsOut) {
          expect(error).toBeNull();
          expect(result?.outcome).toBe(effective <= 299 ? 'signed-out' : 'already-signed-out');
          expect(accessToken).not.toBe(ACCESS);
          expect(refreshToken).not.toBe(REFRESH);
          if (kind === 'wemasy' || !result?.adoptedAnonymousSession) {
            expect(store.getState()).toMatchObject({
              accessToken: null,
              refreshToken: null,
              user: null,
            });
          }
        } else {
          expect(result).toBeNull();
          expect(isLogoutError(error)).toBe(true);
          expect(accessToken).toBe(ACCESS);
          expect(refreshToken).toBe(REFRESH);
          if (isLogoutError(error)) {
            expect(error.kind).toBe(throws ? 'network' : expectedKind(code));
            const said = `${error.message} ${safeText(error.cause)} ${String(error.cause)} ${(error.cause as Error | undefined)?.stack}`;
            // Not even a fetch whose own error quotes the token gets it into the LogoutError.
            expect(said).not.toContain(ACCESS);
          }
        }
        for (const line of lines) {
          expect(line).not.toContain(ACCESS);
          expect(line).not.toContain(REFRESH);
        }
        vi.restoreAllMocks();
        counter.count('answers');
      },
    ),
    { numRuns: 5_000 },
  );
});

it('reads any Retry-After of a 429 into a sane cooldown and keeps the session', async () => {
  // Development builds warn (once) about an unreadable Retry-After; only that may be said.
  const warn = expectDevWarnings();
  await fc.assert(
    fc.asyncProperty(fc.option(junkHeader), async (retryAfter) => {
      const headers = new Headers();
      if (retryAfter !== null) headers.set('Retry-After', retryAfter);
      const store = signedInStore();
      const before = Date.now();
      const fetchImpl = (async () => answer(429, '{"error":true}', headers)) as typeof fetch;
      const { error } = await runLogout(wemasy({ fetch: fetchImpl }), store);
      const after = Date.now();
      expect(isLogoutError(error) && error.kind).toBe('rate-limited');
      expect(store.getState().accessToken).toBe(ACCESS);
      const { retryAt } = store.getState();
      expect(retryAt !== null && Number.isFinite(retryAt) && retryAt >= before).toBe(true);
      const waited = isLogoutError(error) ? error.retryAfterMs : undefined;
      expect(waited !== undefined && Number.isFinite(waited) && waited >= 0).toBe(true);
      const seconds = retryAfter?.trim() ?? '';
      // Never below the shortest cooldown: zero or a past date would retry in a tight loop.
      expect(waited).toBeGreaterThanOrEqual(MIN_COOLDOWN_MS);
      if (/^\d{1,9}$/.test(seconds))
        expect(waited).toBe(Math.max(MIN_COOLDOWN_MS, Number(seconds) * 1000));
      // Neither delta-seconds nor anything that starts like an HTTP-date: the fallback applies.
      const readable = /^\d+$/.test(seconds) || /^[A-Z][a-z]{2}/.test(seconds);
      if (!readable) expect(waited).toBe(60_000);
      expect(retryAt).toBeLessThanOrEqual(after + (waited ?? 0));
      counter.count('retryAfter');
    }),
    { numRuns: 2_000 },
  );
  expect(warn.mock.calls.map(([message]) => message)).toEqual([
    expect.stringMatching(UNREADABLE_RETRY_AFTER),
  ]);
});

it('never sends, throws or shows a token that cannot travel in a header, whatever it holds', async () => {
  const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
  const headerBreaking = fc
    .tuple(
      anyText,
      fc.constantFrom('\r\n', '\n', '\r', '\0', ' ', 'é', '✓', '🔑', '\ud800'),
      anyText,
    )
    .map(([before, bad, after]) => `${before}${bad}${after}`);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(anyText, headerBreaking),
      fc.constantFrom('commerce-engine' as const, 'wemasy' as const),
      fc.constantFrom('confirm' as const, 'local-first' as const),
      async (token, kind, strategy) => {
        const lines = spyConsole();
        const sent: Array<string | null> = [];
        const fetchImpl = (async (_url: string, init: RequestInit) => {
          sent.push(new Headers(init.headers).get('authorization'));
          return new Response(null, { status: 401 });
        }) as unknown as typeof fetch;
        const store = createSessionStore({ syncTabs: false });
        store
          .getState()
          .setSession({ accessToken: token, refreshToken: REFRESH, user: { id: 'c1' } });
        const backend = backendFor(kind, fetchImpl);
        const policy = { timeoutMs: 5_000, cooldownMs: 60_000 };
        let outcome: unknown;
        try {
          outcome =
            strategy === 'confirm'
              ? await logoutSession(store, backend, policy)
              : await localFirst()(store, backend, policy);
        } catch (error) {
          outcome = error;
        }
        await Promise.resolve();
        // Visible ASCII, around which white space may stand (not part of the token: it is
        // trimmed off): a header can carry that, and nothing else.
        const visibleAscii = /^\s*[\x21-\x7e]+\s*$/.test(token);
        expect(store.getState()).toMatchObject({
          accessToken: null,
          refreshToken: null,
          user: null,
        });
        if (visibleAscii) {
          await vi.waitFor(() => expect(sent).toEqual([`Bearer ${token.trim()}`]));
        } else {
          expect(outcome).toMatchObject({ outcome: 'no-session' });
          expect(sent).toEqual([]);
        }
        const said = `${safeText(outcome)} ${String(outcome)} ${lines.join(' ')}`;
        if (!visibleAscii && token.trim().length >= 4) expect(said).not.toContain(token.trim());
        vi.restoreAllMocks();
        counter.count('tokens');
      },
    ),
    {
      numRuns: 1_000,
      // White space around a token (trimmed off; a line break before it would break the
      // header), and inside one.
      examples: [
        ['\t!', 'commerce-engine', 'confirm'],
        ['tok\t', 'wemasy', 'local-first'],
        ['\r\ntok', 'wemasy', 'confirm'],
        ['\u00a0tok\u2028', 'commerce-engine', 'local-first'],
        ['to k', 'wemasy', 'confirm'],
      ],
    },
  );
});

it('never lets a Commerce Engine body pollute a prototype', async () => {
  await fc.assert(
    fc.asyncProperty(ceBody, fc.constantFrom(200, 201, 204), async (text, code) => {
      const store = signedInStore();
      const fetchImpl = (async () => answer(code, text, new Headers())) as typeof fetch;
      const { result } = await runLogout(commerceEngine({ storeId: 's', fetch: fetchImpl }), store);
      expect(result?.outcome).toBe('signed-out');
      expectWellFormed(store);
      const { user } = store.getState();
      if (result?.adoptedAnonymousSession) {
        const { content } = JSON.parse(text);
        expect(store.getState().accessToken).toBe(content.access_token);
        expect(user?.id).toBe(content.user.id);
      } else {
        expect(user).toBeNull();
      }
      counter.count('pollution');
    }),
    { numRuns: 2_000 },
  );
});

describe('through msw and the real fetch', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('holds for generated answers msw can serve (status 200–599)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('commerce-engine' as const, 'wemasy' as const),
        fc.integer({ min: 200, max: 599 }),
        body,
        fc.option(junkHeader),
        async (kind, code, text, retryAfter) => {
          const backend = backendFor(kind, (...args) => fetch(...args));
          server.resetHandlers(
            http.post(backend.logoutUrl, () => {
              const headers = new Headers();
              if (retryAfter !== null) headers.set('Retry-After', retryAfter);
              return new HttpResponse(NULL_BODY.has(code) ? null : text, { status: code, headers });
            }),
          );
          const lines = spyConsole();
          const store = signedInStore();
          const { result, error } = await runLogout(backend, store);
          expectWellFormed(store);
          const signsOut = code <= 299 || [401, 403, 404].includes(code);
          expect(store.getState().accessToken === ACCESS).toBe(!signsOut);
          expect(result === null).toBe(!signsOut);
          if (!signsOut) expect(isLogoutError(error) && error.kind).toBe(expectedKind(code));
          for (const line of lines) expect(line).not.toContain(ACCESS);
          vi.restoreAllMocks();
          counter.count('msw');
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
