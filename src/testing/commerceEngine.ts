import { type HttpHandler, http } from 'msw';
import { commerceEngineAccountHandlers } from './commerceEngineAccount.js';
import { failure, json } from './commerceEngineAnswers.js';
import { createTokenState } from './commerceEngineTokens.js';
import { anonymousUser, type CommerceEngineUser, sampleCustomer } from './fixtures.js';
import {
  CORS_HEADERS,
  createLogoutResolver,
  logged,
  type MockHandlerOptions,
  readJsonObject,
} from './scenario.js';

/** Options of `commerceEngineHandlers`. */
export interface CommerceEngineHandlerOptions extends MockHandlerOptions {
  /**
   * The store the handlers answer for; tokens minted for another store are rejected.
   * @default any store id in the URL
   */
  storeId?: string;
  /**
   * Which Commerce Engine root to answer on, when no `baseUrl` is given.
   * @default 'production'
   */
  environment?: 'staging' | 'production';
  /**
   * A custom API root (what the kit's `commerceEngine({ baseUrl })` calls), such as a proxy.
   * @default the `environment`'s root
   */
  baseUrl?: string;
  /**
   * The customer `auth/login/password` signs in.
   * @default sampleCustomer
   */
  customer?: CommerceEngineUser;
  /**
   * Whether a logout also kills the refresh token of the presented access token's pair. Commerce
   * Engine's docs say only that the customer's session ends, not whether its refresh token dies
   * with the access token, so test both: by default the refresh token outlives the logout (and
   * can still mint customer tokens), which is the case a storefront must not rely on.
   * @default false
   */
  logoutRevokesRefreshToken?: boolean;
}

/**
 * What `commerceEngineHandlers` returns: msw handlers to spread into `setupServer` or
 * `setupWorker` (an `HttpHandler[]`, so a `RequestHandler[]` too), plus a question for tests
 * about the server's side of the session.
 */
export type CommerceEngineHandlerSet = HttpHandler[] & {
  /**
   * `true` while these handlers accept `token` (an access or a refresh token): it decodes, has
   * not expired, was minted for the handlers' `storeId` (when given), and neither it nor its pair
   * has been logged out or refreshed away. The `acceptToken` option does not change the answer.
   *
   * @example
   * expect(handlers.isLive(customerAccessToken)).toBe(false)
   */
  isLive(token: string): boolean;
};

const HOSTS = { staging: 'staging.api.commercengine.io', production: 'prod.api.commercengine.io' };

/**
 * The API root the kit calls: `baseUrl` when given, else
 * `https://{staging|prod}.api.commercengine.io/api/v1/{storeId}/storefront`.
 */
export function commerceEngineRoot(
  options: Pick<CommerceEngineHandlerOptions, 'storeId' | 'environment' | 'baseUrl'> = {},
): string {
  if (options.baseUrl !== undefined) return options.baseUrl.replace(/\/+$/, '');
  const host = HOSTS[options.environment ?? 'production'];
  return `https://${host}/api/v1/${options.storeId ?? ':storeId'}/storefront`;
}

/**
 * msw handlers that answer like Commerce Engine's storefront auth API: `auth/logout` (run by the
 * `scenario`), `auth/anonymous`, `auth/login/password` and `auth/refresh-token`, plus the session
 * endpoints the vendor SDK calls, which answer only a live access token about its own user:
 * `GET auth/user/{id}`, `GET wishlist/{user_id}` (empty) and `GET orders` (`sampleOrders` for a
 * customer, none for a guest).
 *
 * Each call keeps its own server state (revoked tokens, the pairs refreshed away, the 429
 * counter): create a fresh set per test. A logout kills the access token it presents (and, with
 * `logoutRevokesRefreshToken`, the refresh token of its pair); a refresh rotates the pair: the
 * old access and refresh tokens both die.
 *
 * @example
 * const handlers = commerceEngineHandlers({ storeId: 'demo-store' })
 * const server = setupServer(...handlers)
 * server.use(...commerceEngineHandlers({ storeId: 'demo-store', scenario: 'rate-limited', retryAfter: 30 }))
 * expect(handlers.isLive(accessToken)).toBe(false)
 */
export function commerceEngineHandlers(
  options: CommerceEngineHandlerOptions = {},
): CommerceEngineHandlerSet {
  const root = commerceEngineRoot(options);
  const customer = options.customer ?? sampleCustomer;
  const tokens = createTokenState(customer);
  // Tokens carry the store they were minted for; the handlers' `storeId` or the URL says which
  // store is asked.
  const storeOf = (request: Request): string | undefined =>
    options.storeId ?? /\/api\/v1\/([^/]+)\/storefront\//.exec(request.url)?.[1];

  const isLive = (token: string, type: 'access' | 'refresh', request: Request) =>
    tokens.live(token, type, storeOf(request)) !== null;
  const session = (user: CommerceEngineUser, request: Request) => {
    const minted = tokens.mint(user, storeOf(request) ?? 'demo-store');
    return { access_token: minted.accessToken, refresh_token: minted.refreshToken, user };
  };

  const logout = createLogoutResolver(options, {
    backend: 'commerce-engine',
    headers: () => ({ ...CORS_HEADERS }),
    status: (status) => failure(status),
    isLive: (token, request) => isLive(token, 'access', request),
    revoke: (token) =>
      options.logoutRevokesRefreshToken ? tokens.revokePair(token) : tokens.revoke(token),
    ok: (request) =>
      json({
        message: 'Logged out successfully.',
        success: true,
        content: session(anonymousUser(), request),
      }),
  });

  const handlers = [
    http.post(`${root}/auth/logout`, logout),
    http.post(
      `${root}/auth/anonymous`,
      logged(options, 'commerce-engine', 'anonymous', (request) => {
        if (!request.headers.get('x-api-key')) {
          return failure(401, { message: 'An X-Api-Key header is required.' });
        }
        return json({
          message: 'Anonymous user created.',
          success: true,
          content: session(anonymousUser(), request),
        });
      }),
    ),
    http.post(
      `${root}/auth/login/password`,
      logged(options, 'commerce-engine', 'login/password', async (request) => {
        const body = await readJsonObject(request);
        const email = body?.email;
        if (
          typeof email !== 'string' ||
          !email.includes('@') ||
          typeof body?.password !== 'string'
        ) {
          return failure(400, { errors: { email: 'An email and a password are required.' } });
        }
        return json({
          message: 'Logged in successfully.',
          success: true,
          content: session({ ...customer, email }, request),
        });
      }),
    ),
    http.post(
      `${root}/auth/refresh-token`,
      logged(options, 'commerce-engine', 'refresh-token', async (request) => {
        const body = await readJsonObject(request);
        const token = body?.refresh_token;
        const payload =
          typeof token === 'string' ? tokens.live(token, 'refresh', storeOf(request)) : null;
        if (typeof token !== 'string' || payload === null) return failure(401);
        // Rotation: the refresh token and the access token of its pair both die.
        tokens.revokePair(token);
        const { access_token, refresh_token } = session(tokens.userOf(payload), request);
        return json({
          message: 'Token refreshed.',
          success: true,
          content: { access_token, refresh_token },
        });
      }),
    ),
  ];
  handlers.push(...commerceEngineAccountHandlers({ root, options, tokens, storeOf }));
  return Object.assign(handlers, {
    isLive: (token: string) => tokens.live(token, undefined, options.storeId) !== null,
  });
}
