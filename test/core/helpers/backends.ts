import { type HttpHandler, HttpResponse, http } from 'msw';
import type { SetupServer } from 'msw/node';
import type { Mock } from 'vitest';
import { commerceEngine } from '../../../src/backends/commerceEngine.js';
import { wemasy } from '../../../src/backends/wemasy.js';
import type { LogoutBackend } from '../../../src/core/backend.js';
import type { LogoutPolicy } from '../../../src/core/logout.js';
import type { SessionStore } from '../../../src/core/sessionStore.js';
import type { SessionData } from '../../../src/core/types.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  type MockHandlerOptions,
  wemasyHandlers,
  wemasySession,
} from '../../../src/testing/index.js';

export const STORE_ID = 'demo-store';
export const CE_URL = `https://prod.api.commercengine.io/api/v1/${STORE_ID}/storefront/auth/logout`;
export const WEMASY_URL = 'https://api.wemasy.nl/api/services/webshop/v1/customer/auth/logout';

/** One backend as the tests drive it: the kit's backend, the kit's mocks, a session they accept. */
export interface BackendCase {
  name: string;
  url: string;
  backend: () => LogoutBackend;
  handlers: (options?: MockHandlerOptions) => HttpHandler[];
  session: () => SessionData;
  /** Whether a 2xx answer hands back an anonymous session. */
  adopts: boolean;
}

export const commerceEngineCase: BackendCase = {
  name: 'Commerce Engine',
  url: CE_URL,
  backend: () => commerceEngine({ storeId: STORE_ID }),
  handlers: (options = {}) => commerceEngineHandlers({ storeId: STORE_ID, ...options }),
  session: () => commerceEngineSession({ storeId: STORE_ID }),
  adopts: true,
};

export const wemasyCase: BackendCase = {
  name: 'Wemasy',
  url: WEMASY_URL,
  backend: () => wemasy(),
  handlers: (options = {}) => wemasyHandlers(options),
  session: () => wemasySession(),
  adopts: false,
};

export const BACKEND_CASES = [commerceEngineCase, wemasyCase];

/** A plain answer for the statuses and headers the kit's mocks do not cover. */
export function answer(
  url: string,
  status: number,
  init: { body?: string | null; headers?: Record<string, string> } = {},
): HttpHandler {
  return http.post(
    url,
    () => new HttpResponse(init.body ?? null, { status, headers: init.headers ?? {} }),
  );
}

/** A JSON answer with any body. */
export function answerJson(
  url: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpHandler {
  return answer(url, status, {
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** What reached the network, as sent (tokens unmasked: for assertions only). */
export interface SentRequest {
  method: string;
  url: string;
  authorization: string | null;
  accept: string | null;
  hasBody: boolean;
}

/** Records every request the server sees, handled or not. */
export function recordRequests(server: SetupServer): SentRequest[] {
  const sent: SentRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      accept: request.headers.get('accept'),
      hasBody: request.body !== null,
    });
  });
  return sent;
}

export type TestPolicy = LogoutPolicy & { onSessionEnded: Mock<() => void> };

/** The provider's defaults, with a spy around the session-ended hook. */
export function testPolicy(overrides: Partial<LogoutPolicy> = {}): TestPolicy {
  const onSessionEnded = vi.fn<() => void>(overrides.onSessionEnded ?? (() => {}));
  return { timeoutMs: 10_000, cooldownMs: 60_000, ...overrides, onSessionEnded };
}

/** The session fields of a store's state, without the actions. */
export function sessionOf(store: SessionStore) {
  const { accessToken, refreshToken, user, retryAt, epoch } = store.getState();
  return { accessToken, refreshToken, user, retryAt, epoch };
}

/** Settles a promise that is expected to reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Wemasy's answer to a logout that worked. */
export const loggedOut = () =>
  HttpResponse.json({ error: false, message: 'Logged out.', data: [] });

/**
 * The logout at `url` answers each request with the next of `answers` (the last repeats; none is a
 * network error). Returns what each request carried: its bearer token and whether it was `keepalive`.
 */
export function answerInTurn(
  server: SetupServer,
  answers: Array<() => Response | Promise<Response>>,
  url = WEMASY_URL,
) {
  const seen: Array<{ authorization: string | null; keepalive: boolean }> = [];
  server.use(
    http.post(url, async ({ request }) => {
      seen.push({
        authorization: request.headers.get('authorization'),
        keepalive: request.keepalive,
      });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      return answer ? answer() : HttpResponse.error();
    }),
  );
  return seen;
}
