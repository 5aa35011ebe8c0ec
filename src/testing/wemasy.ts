import { HttpResponse, http } from 'msw';
import { mintSanctumToken, sampleWemasyCustomer, type WemasyCustomer } from './fixtures.js';
import {
  CORS_HEADERS,
  createLogoutResolver,
  logged,
  type MockHandlerOptions,
  readJsonObject,
} from './scenario.js';

/** Options of `wemasyHandlers`. */
export interface WemasyHandlerOptions extends MockHandlerOptions {
  /**
   * The API base the kit's `wemasy({ baseUrl })` calls.
   * @default 'https://api.wemasy.nl/api'
   */
  baseUrl?: string;
  /**
   * The customer the sign-in routes return.
   * @default sampleWemasyCustomer
   */
  customer?: WemasyCustomer;
  /**
   * Requests a minute, sent as `X-RateLimit-Limit`; `X-RateLimit-Remaining` counts down from it.
   * @default 60
   */
  rateLimit?: number;
}

/** The path of the demo's own sign-in route: the Wemasy API has none like it. */
export const WEMASY_DEMO_SIGN_IN_PATH = '/_demo/customer/sign-in';

const CUSTOMER_AUTH = '/services/webshop/v1/customer/auth';

const MESSAGES = {
  400: 'The request could not be processed.',
  401: 'Unauthenticated.',
  404: 'Not Found.',
  429: 'Too Many Attempts.',
  500: 'Server Error',
} as const;

// Without `Accept: application/json`, Laravel answers an unauthenticated call by redirecting to a
// `login` route that an API has not got: a 500 HTML page. The kit must send the header.
const NO_LOGIN_ROUTE =
  '<!DOCTYPE html><html><head><title>Server Error</title></head><body>Route [login] not defined.</body></html>';

const wantsJson = (request: Request) =>
  (request.headers.get('accept') ?? '').toLowerCase().includes('application/json');

/**
 * msw handlers that answer like Wemasy's customer auth API: `customer/auth/logout` (run by the
 * `scenario`), `customer/auth/register`, and a sign-in route labelled as the demo's
 * (`WEMASY_DEMO_SIGN_IN_PATH`). Every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`.
 * Each call keeps its own state (revoked tokens, the rate-limit window): create a fresh set per test.
 *
 * @example
 * const server = setupServer(...wemasyHandlers({ scenario: 'rate-limited', retryAfter: 5 }))
 */
export function wemasyHandlers(options: WemasyHandlerOptions = {}) {
  const base = (options.baseUrl ?? 'https://api.wemasy.nl/api').replace(/\/+$/, '');
  const customer = options.customer ?? sampleWemasyCustomer;
  const limit = options.rateLimit ?? 60;
  const revoked = new Set<string>();
  let used = 0;

  const headers = (): Record<string, string> => {
    used += 1;
    return {
      ...CORS_HEADERS,
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - used)),
    };
  };
  const json = (body: Record<string, unknown>, status = 200) =>
    HttpResponse.json(body, { status, headers: headers() });
  const signedIn = (message: string, status: number) =>
    json({ error: false, message, data: { customer, token: mintSanctumToken() } }, status);

  const logout = createLogoutResolver(options, {
    backend: 'wemasy',
    headers,
    isLive: (token) => /^\d+\|[A-Za-z0-9]{40}$/.test(token) && !revoked.has(token),
    revoke: (token) => revoked.add(token),
    ok: () => json({ error: false, message: 'Logged out.', data: [] }),
    status: (status, request) => {
      if (status === 401 && !wantsJson(request)) {
        return new HttpResponse(NO_LOGIN_ROUTE, {
          status: 500,
          headers: { ...headers(), 'Content-Type': 'text/html; charset=utf-8' },
        });
      }
      const response = json({ error: true, message: MESSAGES[status] }, status);
      if (status === 429) used = 0; // the window the client is told to wait for starts afresh
      return response;
    },
  });

  const credentialsError = (body: Record<string, unknown> | null) => {
    const missing = ['email', 'password'].find((field) => typeof body?.[field] !== 'string');
    if (missing === undefined) return null;
    const message = `The ${missing} field is required.`;
    return json({ error: true, message, errors: { [missing]: [message] } }, 422);
  };

  return [
    http.post(`${base}${CUSTOMER_AUTH}/logout`, logout),
    http.post(
      `${base}${CUSTOMER_AUTH}/register`,
      logged(options, 'wemasy', 'register', async (request) => {
        const body = await readJsonObject(request);
        return credentialsError(body) ?? signedIn('Customer registered.', 201);
      }),
    ),
    http.post(
      `${base}${WEMASY_DEMO_SIGN_IN_PATH}`,
      logged(options, 'wemasy', 'demo-sign-in', async (request) => {
        const body = await readJsonObject(request);
        return (
          credentialsError(body) ??
          signedIn('Signed in through the demo route (not part of the Wemasy API).', 200)
        );
      }),
    ),
  ];
}
