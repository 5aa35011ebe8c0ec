// @vitest-environment node
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  anonymousUser,
  type CommerceEngineHandlerOptions,
  commerceEngineHandlers,
  commerceEngineSession,
  createRequestLog,
  decodeJwt,
  isJwtLive,
  MALFORMED_PAGE,
  sampleCustomer,
  sampleOrders,
} from '../../src/testing/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const STORE = 'store-7';
const roots = [
  ['production', {}, `https://prod.api.commercengine.io/api/v1/${STORE}/storefront`],
  [
    'staging',
    { environment: 'staging' },
    `https://staging.api.commercengine.io/api/v1/${STORE}/storefront`,
  ],
  ['a custom baseUrl', { baseUrl: 'http://localhost:4010/ce/' }, 'http://localhost:4010/ce'],
] as const;

function use(options: CommerceEngineHandlerOptions = {}) {
  server.use(...commerceEngineHandlers({ storeId: STORE, ...options }));
}

const logout = (root: string, token?: string) =>
  fetch(`${root}/auth/logout`, {
    method: 'POST',
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });

describe.each(roots)('commerceEngineHandlers on %s', (_name, rootOptions, root) => {
  it('logs a customer out and hands back a fresh anonymous session with real-looking JWTs', async () => {
    use(rootOptions);
    const customer = commerceEngineSession({ storeId: STORE });
    const response = await logout(root, customer.accessToken);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ success: true, message: expect.any(String) });
    const { access_token, refresh_token, user } = body.content;
    expect(user).toMatchObject({ is_anonymous: true, is_logged_in: false, email: null });
    expect(user.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(Object.keys(user).sort()).toEqual(Object.keys(sampleCustomer).sort());
    for (const token of [access_token, refresh_token]) {
      expect(token.split('.')).toHaveLength(3);
      expect(isJwtLive(token)).toBe(true);
      expect(decodeJwt(token)).toMatchObject({
        iat: expect.any(Number),
        is_logged_in: false,
        is_anonymous: true,
        ulid: user.id,
        customer_id: null,
        anonymous_id: user.id,
        store_id: STORE,
      });
    }
  });

  it('answers 401 for a missing, malformed, expired, revoked or foreign bearer token', async () => {
    use(rootOptions);
    const used = commerceEngineSession({ storeId: STORE }).accessToken;
    expect((await logout(root, used)).status).toBe(200);
    const tokens = [
      undefined,
      'not-a-jwt',
      commerceEngineSession({ storeId: STORE, expiresIn: -5 }).accessToken,
      used,
      commerceEngineSession({ storeId: 'another-store' }).accessToken,
      commerceEngineSession({ storeId: STORE }).refreshToken ?? '',
    ];
    for (const token of tokens) {
      const response = await logout(root, token);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message: 'Unauthorized',
        success: false,
        code: 'unauthorized',
      });
    }
  });
});

describe('commerceEngineHandlers scenarios', () => {
  const root = roots[0][2];
  const token = () => commerceEngineSession({ storeId: STORE }).accessToken;

  it('unauthorized: answers 401 even for a live token', async () => {
    use({ scenario: 'unauthorized' });
    const response = await logout(root, token());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, code: 'unauthorized' });
  });

  it('rate-limited: answers the first logout with 429 and Retry-After, the next with 200', async () => {
    use({ scenario: 'rate-limited', retryAfter: 7 });
    const live = token();
    const first = await logout(root, live);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await first.json()).toMatchObject({ success: false, code: 'too_many_requests' });
    expect((await logout(root, live)).status).toBe(200);
  });

  it('rate-limited: can send an HTTP-date, no Retry-After at all, or several 429s', async () => {
    use({ scenario: 'rate-limited', retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect((await logout(root, token())).headers.get('retry-after')).toBe(
      'Wed, 21 Oct 2026 07:28:00 GMT',
    );
    use({ scenario: 'rate-limited', retryAfter: null, rateLimitedTimes: 2 });
    const first = await logout(root, token());
    expect(first.status).toBe(429);
    expect(first.headers.has('retry-after')).toBe(false);
    expect((await logout(root, token())).status).toBe(429);
    expect((await logout(root, token())).status).toBe(200);
  });

  it('server-error, not-found and bad-request: answer with the documented error bodies', async () => {
    for (const [scenario, status, code] of [
      ['server-error', 500, 'internal_server_error'],
      ['not-found', 404, 'not_found'],
      ['bad-request', 400, 'bad_request'],
    ] as const) {
      use({ scenario });
      const response = await logout(root, token());
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ success: false, code });
    }
  });

  it('network-error: gives no answer at all', async () => {
    use({ scenario: 'network-error' });
    await expect(logout(root, token())).rejects.toThrow(TypeError);
  });

  it('malformed: answers 200 with an HTML page', async () => {
    use({ scenario: 'malformed' });
    const response = await logout(root, token());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(MALFORMED_PAGE);
  });

  it('slow: answers like ok, only after the delay', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    use({ scenario: 'slow', delayMs: 3000 });
    let answered = false;
    const pending = logout(root, token()).then((response) => {
      answered = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(2900);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await pending).status).toBe(200);
  });

  it('lets the CORS-exposed headers be read by a page on another origin', async () => {
    use({ scenario: 'rate-limited' });
    const response = await logout(root, token());
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  it('answers for any store when no storeId is given', async () => {
    server.use(...commerceEngineHandlers());
    const other = 'https://prod.api.commercengine.io/api/v1/other-store/storefront';
    const live = commerceEngineSession({ storeId: 'other-store' }).accessToken;
    expect((await logout(other, live)).status).toBe(200);
  });

  it('accepts any token the acceptToken option says is live', async () => {
    use({ acceptToken: (value) => value === 'my-test-token' });
    expect((await logout(root, 'my-test-token')).status).toBe(200);
    expect((await logout(root, token())).status).toBe(401);
  });
});

describe('commerceEngineHandlers sign-in endpoints', () => {
  const root = roots[1][2];
  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${root}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('signs the sample customer in with auth/login/password', async () => {
    use({ environment: 'staging' });
    const response = await post('/auth/login/password', {
      email: 'ann@example.com',
      password: 'x',
    });
    expect(response.status).toBe(200);
    const { content } = await response.json();
    expect(content.user).toMatchObject({ ...sampleCustomer, email: 'ann@example.com' });
    expect(decodeJwt(content.access_token)).toMatchObject({
      ulid: sampleCustomer.id,
      is_logged_in: true,
      is_anonymous: false,
      customer_id: sampleCustomer.id,
      store_id: STORE,
      email: 'ann@example.com',
      first_name: sampleCustomer.first_name,
    });
    expect((await logout(root, content.access_token)).status).toBe(200);
  });

  it('answers 400 to a sign-in without email or password', async () => {
    use({ environment: 'staging' });
    const response = await post('/auth/login/password', { email: 'ann@example.com' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, code: 'bad_request' });
  });

  it('mints an anonymous session with auth/anonymous, only with an X-Api-Key', async () => {
    use({ environment: 'staging' });
    expect((await post('/auth/anonymous')).status).toBe(401);
    const response = await post('/auth/anonymous', undefined, { 'X-Api-Key': 'key' });
    const { content } = await response.json();
    expect(content.user).toMatchObject({ is_anonymous: true, is_logged_in: false });
  });

  it('rotates tokens with auth/refresh-token and refuses a used refresh token', async () => {
    use({ environment: 'staging' });
    const { refreshToken } = commerceEngineSession({ storeId: STORE });
    const first = await post('/auth/refresh-token', { refresh_token: refreshToken });
    expect(first.status).toBe(200);
    const { content } = await first.json();
    expect(Object.keys(content).sort()).toEqual(['access_token', 'refresh_token']);
    expect(isJwtLive(content.access_token)).toBe(true);
    expect((await post('/auth/refresh-token', { refresh_token: refreshToken })).status).toBe(401);
  });
});

describe('commerceEngineHandlers session state', () => {
  const root = roots[0][2];
  const post = (path: string, body: unknown) =>
    fetch(`${root}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const refresh = async (refreshToken: string | null) => {
    const response = await post('/auth/refresh-token', { refresh_token: refreshToken });
    return { status: response.status, content: (await response.json()).content };
  };
  const signIn = async () => {
    const response = await post('/auth/login/password', {
      email: 'ann@example.com',
      password: 'x',
    });
    return (await response.json()).content;
  };

  it('tells a test which tokens are live, and kills the one a logout presents', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE });
    server.use(...handlers);
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    expect(handlers.isLive(accessToken)).toBe(true);
    expect(handlers.isLive(refreshToken ?? '')).toBe(true);
    for (const dead of [
      '',
      'not-a-jwt',
      commerceEngineSession({ storeId: STORE, expiresIn: -5 }).accessToken,
      commerceEngineSession({ storeId: 'another-store' }).accessToken,
    ]) {
      expect(handlers.isLive(dead)).toBe(false);
    }
    expect((await logout(root, accessToken)).status).toBe(200);
    expect(handlers.isLive(accessToken)).toBe(false);
  });

  it('rotates the pair on refresh: the old access and refresh tokens die, the new pair lives', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE });
    server.use(...handlers);
    const old = await signIn();
    const { status, content } = await refresh(old.refresh_token);
    expect(status).toBe(200);
    expect(content.access_token).not.toBe(old.access_token);
    expect(content.refresh_token).not.toBe(old.refresh_token);
    expect(handlers.isLive(old.access_token)).toBe(false);
    expect(handlers.isLive(old.refresh_token)).toBe(false);
    expect(handlers.isLive(content.access_token)).toBe(true);
    expect(handlers.isLive(content.refresh_token)).toBe(true);
    expect(decodeJwt(content.access_token)).toMatchObject({
      ulid: sampleCustomer.id,
      email: 'ann@example.com',
      is_logged_in: true,
    });
    expect((await logout(root, old.access_token)).status).toBe(401);
    expect((await refresh(old.refresh_token)).status).toBe(401);
    expect((await refresh(content.refresh_token)).status).toBe(200);
  });

  it('knows the pair of a session minted by commerceEngineSession too', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE });
    server.use(...handlers);
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    expect((await refresh(refreshToken)).status).toBe(200);
    expect(handlers.isLive(accessToken)).toBe(false);
    expect((await logout(root, accessToken)).status).toBe(401);
  });

  it('leaves the refresh token of a logged-out pair live by default', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE });
    server.use(...handlers);
    const customer = await signIn();
    expect((await logout(root, customer.access_token)).status).toBe(200);
    expect(handlers.isLive(customer.access_token)).toBe(false);
    expect(handlers.isLive(customer.refresh_token)).toBe(true);
    const { status, content } = await refresh(customer.refresh_token);
    expect(status).toBe(200);
    expect(decodeJwt(content.access_token)).toMatchObject({ is_logged_in: true });
  });

  it('logoutRevokesRefreshToken: kills the refresh token of the pair as well', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE, logoutRevokesRefreshToken: true });
    server.use(...handlers);
    const customer = await signIn();
    const bystander = await signIn();
    expect((await logout(root, customer.access_token)).status).toBe(200);
    expect(handlers.isLive(customer.access_token)).toBe(false);
    expect(handlers.isLive(customer.refresh_token)).toBe(false);
    expect((await refresh(customer.refresh_token)).status).toBe(401);
    expect(handlers.isLive(bystander.access_token)).toBe(true);
    expect(handlers.isLive(bystander.refresh_token)).toBe(true);
  });

  it('keeps the state of each handler set to itself', async () => {
    const first = commerceEngineHandlers({ storeId: STORE });
    const second = commerceEngineHandlers({ storeId: STORE });
    server.use(...first);
    const { accessToken } = commerceEngineSession({ storeId: STORE });
    expect((await logout(root, accessToken)).status).toBe(200);
    expect(first.isLive(accessToken)).toBe(false);
    expect(second.isLive(accessToken)).toBe(true);
  });
});

describe('commerceEngineHandlers session endpoints', () => {
  const root = roots[0][2];
  const get = (path: string, token?: string) =>
    fetch(`${root}${path}`, {
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    });
  const UNAUTHORIZED = { success: false, code: 'unauthorized', message: expect.any(String) };
  const guest = anonymousUser();

  it('answers auth/user/{id} with the user of a live token, and only for its own id', async () => {
    use();
    const { accessToken } = commerceEngineSession({ storeId: STORE });
    const response = await get(`/auth/user/${sampleCustomer.id}`, accessToken);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ success: true, message: expect.any(String) });
    expect(body.content.user).toMatchObject({ ...sampleCustomer, customer_id: sampleCustomer.id });
    const other = await get(`/auth/user/${guest.id}`, accessToken);
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual(UNAUTHORIZED);
  });

  it('answers auth/user/{id} with the anonymous user of a guest token', async () => {
    use();
    const { accessToken } = commerceEngineSession({ storeId: STORE, user: guest });
    const response = await get(`/auth/user/${guest.id}`, accessToken);
    expect((await response.json()).content.user).toMatchObject({
      id: guest.id,
      is_anonymous: true,
      email: null,
      customer_id: null,
    });
  });

  it('answers the user who signed in, also after a refresh', async () => {
    use();
    const post = (path: string, body: unknown) =>
      fetch(`${root}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const signedIn = await post('/auth/login/password', {
      email: 'ann@example.com',
      password: 'x',
    });
    const { refresh_token } = (await signedIn.json()).content;
    const refreshed = (await (await post('/auth/refresh-token', { refresh_token })).json()).content;
    const response = await get(`/auth/user/${sampleCustomer.id}`, refreshed.access_token);
    expect((await response.json()).content.user.email).toBe('ann@example.com');
  });

  it("answers wishlist/{user_id} with an empty wishlist for the token's own user", async () => {
    use();
    const { accessToken } = commerceEngineSession({ storeId: STORE, user: guest });
    const response = await get(`/wishlist/${guest.id}`, accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      message: expect.any(String),
      success: true,
      content: { products: [] },
    });
    expect((await get(`/wishlist/${sampleCustomer.id}`, accessToken)).status).toBe(401);
  });

  it("answers orders with a customer's orders, a guest's empty list, and pages", async () => {
    use();
    const customer = commerceEngineSession({ storeId: STORE }).accessToken;
    const response = await get(`/orders?user_id=${sampleCustomer.id}`, customer);
    expect(response.status).toBe(200);
    const { content } = await response.json();
    expect(content.orders).toEqual(sampleOrders);
    expect(content.orders[0]).toMatchObject({
      order_number: expect.any(String),
      status: expect.any(String),
      payment_status: expect.any(String),
      grand_total: expect.any(Number),
      currency: { code: expect.any(String) },
    });
    expect(content.pagination).toEqual({
      total_records: content.orders.length,
      total_pages: 1,
      previous_page: null,
      next_page: null,
      limit: 25,
    });
    const paged = await (await get('/orders?limit=1&page=2', customer)).json();
    expect(paged.content.orders).toEqual([content.orders[1]]);
    expect(paged.content.pagination).toMatchObject({ previous_page: 1, next_page: 3, limit: 1 });

    const anonymous = commerceEngineSession({ storeId: STORE, user: guest }).accessToken;
    const empty = await (await get(`/orders?user_id=${guest.id}`, anonymous)).json();
    expect(empty.content).toEqual({
      orders: [],
      pagination: {
        total_records: 0,
        total_pages: 0,
        previous_page: null,
        next_page: null,
        limit: 25,
      },
    });
    expect((await get(`/orders?user_id=${guest.id}`, customer)).status).toBe(401);
  });

  it('answers 401 on every session endpoint to a missing, expired, foreign, refresh or dead token', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE });
    server.use(...handlers);
    const loggedOut = commerceEngineSession({ storeId: STORE });
    expect((await logout(root, loggedOut.accessToken)).status).toBe(200);
    const tokens = [
      undefined,
      'not-a-jwt',
      commerceEngineSession({ storeId: STORE, expiresIn: -5 }).accessToken,
      commerceEngineSession({ storeId: 'another-store' }).accessToken,
      commerceEngineSession({ storeId: STORE }).refreshToken ?? '',
      loggedOut.accessToken,
    ];
    const id = sampleCustomer.id;
    for (const path of [`/auth/user/${id}`, `/wishlist/${id}`, `/orders?user_id=${id}`]) {
      for (const token of tokens) {
        const response = await get(path, token);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual(UNAUTHORIZED);
      }
    }
  });
});

describe('commerceEngineHandlers onRequest', () => {
  it('records each answered request with its status and the bearer token masked', async () => {
    const log = createRequestLog();
    use({ scenario: 'rate-limited', retryAfter: 3, onRequest: log.record });
    const live = commerceEngineSession({ storeId: STORE }).accessToken;
    await logout(roots[0][2], live);
    await logout(roots[0][2], live);
    const entries = log.entries();
    expect(entries.map((entry) => entry.status)).toEqual([429, 200]);
    expect(log.count({ endpoint: 'logout', backend: 'commerce-engine' })).toBe(2);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      path: `/api/v1/${STORE}/storefront/auth/logout`,
      scenario: 'rate-limited',
      responseHeaders: { 'retry-after': '3', 'x-ratelimit-remaining': '0' },
    });
    expect(JSON.stringify(entries)).not.toContain(live);
    expect(JSON.stringify(entries)).not.toContain(live.slice(10, -10));
    expect(entries[0]?.requestHeaders.authorization).toMatch(/^Bearer eyJ\w{3}…[\w-]{4}$/);
  });

  it('records a network error with a null status', async () => {
    const onRequest = vi.fn();
    use({ scenario: 'network-error', onRequest });
    await logout(roots[0][2], 'x').catch(() => undefined);
    expect(onRequest).toHaveBeenCalledWith(expect.objectContaining({ status: null }));
  });
});
