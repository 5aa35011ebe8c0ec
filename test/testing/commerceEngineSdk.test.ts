// @vitest-environment node
import { createStorefront, Environment, MemoryTokenStorage } from '@commercengine/storefront-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  anonymousUser,
  type CommerceEngineHandlerOptions,
  commerceEngineHandlers,
  commerceEngineRoot,
  commerceEngineSession,
  decodeJwt,
  sampleCustomer,
  sampleOrders,
} from '../../src/testing/index.js';

const STORE = 'store-7';
const ROOT = commerceEngineRoot({ storeId: STORE, environment: 'staging' });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** What the vendor SDK reads from an access token, without any network. */
async function sdkReads(accessToken: string) {
  const sdk = createStorefront({ storeId: STORE, session: { accessToken } }).session();
  return {
    info: await sdk.getUserInfo(),
    userId: await sdk.getUserId(),
    loggedIn: await sdk.isLoggedIn(),
    anonymous: await sdk.isAnonymous(),
    customerId: await sdk.getCustomerId(),
  };
}

describe('Commerce Engine tokens, as the vendor SDK reads them', () => {
  it('tell the SDK who the signed-in customer is', async () => {
    const { accessToken } = commerceEngineSession({ storeId: STORE });
    const read = await sdkReads(accessToken);
    expect(read).toMatchObject({
      userId: sampleCustomer.id,
      loggedIn: true,
      anonymous: false,
      customerId: sampleCustomer.id,
    });
    expect(read.info).toMatchObject({
      id: sampleCustomer.id,
      email: sampleCustomer.email,
      firstName: sampleCustomer.first_name,
      lastName: sampleCustomer.last_name,
      storeId: STORE,
      anonymousId: null,
    });
    expect(read.info?.tokenExpiry.getTime()).toBeGreaterThan(Date.now());
  });

  it('tell the SDK that a guest is anonymous, with the guest as its user', async () => {
    const guest = anonymousUser();
    const read = await sdkReads(commerceEngineSession({ storeId: STORE, user: guest }).accessToken);
    expect(read).toMatchObject({ userId: guest.id, loggedIn: false, anonymous: true });
    expect(read.customerId).toBeNull();
    expect(read.info).toMatchObject({ anonymousId: guest.id, email: undefined });
  });

  it('are RS256 JWTs with a 256-byte signature, as long as the real ones', () => {
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    for (const token of [accessToken, refreshToken ?? '']) {
      const [header, , signature] = token.split('.');
      expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({
        alg: 'RS256',
      });
      expect(Buffer.from(signature ?? '', 'base64url')).toHaveLength(256);
    }
  });

  it('name the pair both tokens belong to, and the claims the SDK reads', () => {
    const { accessToken, refreshToken } = commerceEngineSession({ storeId: STORE });
    const access = decodeJwt(accessToken);
    const refresh = decodeJwt(refreshToken ?? '');
    expect(access).toMatchObject({
      ulid: sampleCustomer.id,
      customer_id: sampleCustomer.id,
      anonymous_id: null,
      is_anonymous: false,
      is_logged_in: true,
      store_id: STORE,
      email: sampleCustomer.email,
      first_name: sampleCustomer.first_name,
      last_name: sampleCustomer.last_name,
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(access?.sid).toEqual(expect.any(String));
    expect(refresh?.sid).toBe(access?.sid);
    expect(decodeJwt(commerceEngineSession().accessToken)?.sid).not.toBe(access?.sid);
  });
});

/**
 * The vendor SDK as a storefront sets it up (managed tokens in memory) against fresh handlers,
 * signed in as a customer through the SDK itself.
 */
async function signedInStorefront(options: CommerceEngineHandlerOptions = {}) {
  const handlers = commerceEngineHandlers({ storeId: STORE, environment: 'staging', ...options });
  server.use(...handlers);
  // The SDK mints an anonymous session before its first call and says so on console.info.
  const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const tokenStorage = new MemoryTokenStorage();
  const sdk = createStorefront({
    storeId: STORE,
    environment: Environment.Staging,
    apiKey: 'test-api-key',
    session: { tokenStorage },
  }).session();
  const { data, error } = await sdk.auth.loginWithPassword({
    email: 'ann@example.com',
    password: 'correct horse',
  });
  expect(error).toBeNull();
  expect(info).toHaveBeenCalledWith(
    'Automatically created anonymous session for first API request',
  );
  const customer = {
    accessToken: data?.access_token ?? '',
    refreshToken: data?.refresh_token ?? '',
  };
  return { handlers, sdk, tokenStorage, customer };
}

/** The customer's user endpoint asked directly with `token`, as the server sees it. */
const userEndpoint = (token: string) =>
  fetch(`${ROOT}/auth/user/${sampleCustomer.id}`, {
    headers: { Authorization: `Bearer ${token}` },
  });

/** A refresh sent directly with `refreshToken`. */
const refreshWith = (refreshToken: string) =>
  fetch(`${ROOT}/auth/refresh-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });

describe('the vendor SDK against commerceEngineHandlers', () => {
  it('signs in, keeps the customer tokens and calls the user-scoped endpoints', async () => {
    const { handlers, sdk, tokenStorage, customer } = await signedInStorefront();
    expect(await tokenStorage.getAccessToken()).toBe(customer.accessToken);
    expect(await tokenStorage.getRefreshToken()).toBe(customer.refreshToken);
    expect(handlers.isLive(customer.accessToken)).toBe(true);
    expect(await sdk.getUserId()).toBe(sampleCustomer.id);

    const wishlist = await sdk.cart.getWishlist();
    expect(wishlist).toMatchObject({ error: null, data: { products: [] } });
    const details = await sdk.auth.getUserDetails({ id: sampleCustomer.id });
    expect(details.data?.user).toMatchObject({ id: sampleCustomer.id, email: 'ann@example.com' });
    const orders = await sdk.order.listOrders();
    expect(orders.data?.orders).toEqual(sampleOrders);
  });

  it('rotates the pair when the SDK refreshes: the old access token is dead', async () => {
    const { handlers, sdk, tokenStorage, customer } = await signedInStorefront();
    const { exp } = decodeJwt(customer.accessToken) ?? { exp: 0 };
    // Ten seconds before expiry: the server still takes the token, the SDK (30 s margin) refreshes.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(exp * 1000 - 10_000);
    expect(handlers.isLive(customer.accessToken)).toBe(true);

    const details = await sdk.auth.getUserDetails({ id: sampleCustomer.id });
    expect(details.data?.user.email).toBe('ann@example.com');
    const accessToken = (await tokenStorage.getAccessToken()) ?? '';
    const refreshToken = (await tokenStorage.getRefreshToken()) ?? '';
    expect(accessToken).not.toBe(customer.accessToken);
    expect(refreshToken).not.toBe(customer.refreshToken);
    expect(handlers.isLive(accessToken)).toBe(true);
    expect(handlers.isLive(customer.accessToken)).toBe(false);
    expect(handlers.isLive(customer.refreshToken)).toBe(false);
    expect((await userEndpoint(customer.accessToken)).status).toBe(401);
    expect((await userEndpoint(accessToken)).status).toBe(200);
  });

  it.each([
    ['keeps the refresh token of the pair by default', {}, true],
    [
      'kills the refresh token too with logoutRevokesRefreshToken',
      { logoutRevokesRefreshToken: true },
      false,
    ],
  ] as const)(
    'logs out through the SDK: kills the presented token and %s',
    async (_name, options, refreshLives) => {
      const { handlers, sdk, tokenStorage, customer } = await signedInStorefront(options);
      const { data, error } = await sdk.auth.logout();
      expect(error).toBeNull();
      expect(data?.user).toMatchObject({ is_anonymous: true, is_logged_in: false });
      expect(handlers.isLive(customer.accessToken)).toBe(false);
      expect((await userEndpoint(customer.accessToken)).status).toBe(401);
      expect(handlers.isLive(customer.refreshToken)).toBe(refreshLives);
      expect((await refreshWith(customer.refreshToken)).status).toBe(refreshLives ? 200 : 401);

      // The SDK goes on as the guest the logout handed back.
      const guest = await tokenStorage.getAccessToken();
      expect(guest).toBe(data?.access_token);
      expect(await sdk.getUserId()).toBe(data?.user.id);
      expect(await sdk.isAnonymous()).toBe(true);
      expect((await sdk.order.listOrders()).data?.orders).toEqual([]);
      expect((await sdk.cart.getWishlist()).data).toEqual({ products: [] });
    },
  );
});
