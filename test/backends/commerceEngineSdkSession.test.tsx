import { createStorefront, Environment } from '@commercengine/storefront-sdk';
import { act, screen, waitFor } from '@testing-library/react';
import { delay, http } from 'msw';
import {
  commerceEngineSdkSession,
  createSessionStore,
  LogoutButton,
  type SessionStore,
} from '../../src/index.js';
import {
  bearerToken,
  type CommerceEngineHandlerOptions,
  commerceEngineHandlers,
  commerceEngineSession,
} from '../../src/testing/index.js';
import { renderWithKit, setupMockServer } from '../react/kit.js';
import { backend, Header, ROOT, STORE_ID, sdkFor } from '../react/sdkShop.js';

const server = setupMockServer();

/** The handlers, and every request the page sent with the bearer token it carried. */
function serveShop(options: CommerceEngineHandlerOptions = {}) {
  const handlers = commerceEngineHandlers({
    storeId: STORE_ID,
    environment: 'staging',
    ...options,
  });
  server.use(...handlers);
  const sent: Array<{ endpoint: string; token: string | null }> = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({
      endpoint: new URL(request.url).pathname.split('/storefront/')[1] ?? '',
      token: bearerToken(request),
    });
  });
  return { handlers, sent };
}

/** Every (access, refresh) pair a subscriber of the store saw. */
function watchPairs(store: SessionStore) {
  const pairs: Array<[string | null, string | null]> = [];
  onTestFinished(
    store.subscribe(({ accessToken, refreshToken }) => pairs.push([accessToken, refreshToken])),
  );
  return pairs;
}

/** A customer signed in through the SDK, with the kit's header and LogoutButton on screen. */
async function signedInStorefront(options: CommerceEngineHandlerOptions = {}) {
  const shop = serveShop(options);
  const view = renderWithKit(
    <>
      <Header />
      <LogoutButton />
    </>,
    // A name of its own per test, so no store of an earlier test answers on its channel.
    { backend: backend(), storeOptions: { name: `shop-${expect.getState().currentTestName}` } },
  );
  const sdk = sdkFor(view.store);
  await act(() => sdk.auth.loginWithPassword({ email: 'maya.jansen@example.com', password: 'x' }));
  await screen.findByText('Hi Maya');
  return { ...shop, ...view, sdk };
}

/** Moves the clock to 10 s before the access token expires: the SDK refreshes on its next call. */
function nearExpiry(store: SessionStore) {
  const token = store.getState().accessToken ?? '';
  const { exp } = JSON.parse(atob(token.split('.')[1] ?? '')) as { exp: number };
  vi.setSystemTime(exp * 1000 - 10_000);
}

/** After any race: nothing the customer held is live, and the SDK goes on as the kit's guest. */
async function expectSignedOutEverywhere(
  shop: {
    handlers: ReturnType<typeof commerceEngineHandlers>;
    sent: Array<{ endpoint: string; token: string | null }>;
  },
  store: SessionStore,
  sdk: ReturnType<typeof sdkFor>,
  customerTokens: Set<string>,
) {
  await screen.findByText('Signed out');
  expect(store.getState().user?.is_anonymous).toBe(true);
  for (const token of customerTokens) expect(shop.handlers.isLive(token)).toBe(false);
  shop.sent.length = 0;
  await act(() => sdk.cart.getWishlist());
  expect(shop.sent.at(-1)).toMatchObject({
    endpoint: expect.stringMatching(/^wishlist\//),
    token: store.getState().accessToken,
  });
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

describe('the Commerce Engine SDK on the kit’s store', () => {
  it('signs in through the SDK, shows the customer from the token, and logs out with the LogoutButton', async () => {
    const { store, sdk, user, ...shop } = await signedInStorefront();
    const customer = store.getState().accessToken ?? '';
    expect(store.getState().user).toMatchObject({
      id: expect.any(String),
      first_name: 'Maya',
      is_anonymous: false,
    });

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await expectSignedOutEverywhere(shop, store, sdk, new Set([customer]));
    expect(shop.sent.filter(({ endpoint }) => endpoint === 'auth/logout')).toHaveLength(0);
  });

  it('takes a refreshed pair in one write: no subscriber sees a torn pair', async () => {
    const { store, sdk } = await signedInStorefront();
    const before = [store.getState().accessToken, store.getState().refreshToken];
    const pairs = watchPairs(store);
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist());
    expect(pairs.length).toBeGreaterThan(0);
    for (const [access, refresh] of pairs) {
      expect(access).not.toBe(before[0]);
      expect(refresh).not.toBe(before[1]);
    }
  });

  it('revokes the refreshed token after a refresh that came before the logout: one request', async () => {
    const { store, sdk, user, ...shop } = await signedInStorefront();
    const tokens = new Set([store.getState().accessToken ?? '']);
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist());
    tokens.add(store.getState().accessToken ?? '');
    shop.sent.length = 0;

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await expectSignedOutEverywhere(shop, store, sdk, tokens);
  });

  it('revokes the live token when a refresh lands while the logout is on the wire', async () => {
    const { store, sdk, user, ...shop } = await signedInStorefront();
    const tokens = new Set([store.getState().accessToken ?? '']);
    let landed = () => {};
    const refreshLanded = new Promise<void>((resolve) => {
      landed = resolve;
    });
    // The logout reaches the server only after the refresh killed the token it carries.
    server.use(http.post(`${ROOT}/auth/logout`, async () => void (await refreshLanded)));

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist());
    tokens.add(store.getState().accessToken ?? '');
    landed();

    await expectSignedOutEverywhere(shop, store, sdk, tokens);
  });

  it.each([
    ['keeps the refresh token live', false],
    ['revokes the refresh token too', true],
  ])(
    'discards a refresh that started before the logout and ended after it (the logout %s)',
    async (_, logoutRevokesRefreshToken) => {
      const { store, sdk, user, ...shop } = await signedInStorefront({ logoutRevokesRefreshToken });
      const tokens = new Set([store.getState().accessToken ?? '']);
      // The refresh is answered only after the logout, and what it mints is recorded.
      let logoutDone = () => {};
      const afterLogout = new Promise<void>((resolve) => {
        logoutDone = resolve;
      });
      server.use(
        http.post(`${ROOT}/auth/refresh-token`, async () => {
          await afterLogout;
          await delay(1);
          return undefined;
        }),
      );
      server.events.on('response:mocked', async ({ request, response }) => {
        if (request.url.endsWith('/auth/refresh-token') && response.ok) {
          const { content } = (await response.clone().json()) as {
            content: { access_token: string };
          };
          tokens.add(content.access_token);
        }
      });
      nearExpiry(store);
      const call = sdk.cart.getWishlist();
      await act(() => vi.advanceTimersByTimeAsync(10));

      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await screen.findByText('Signed out');
      logoutDone();
      await act(() => call);

      await expectSignedOutEverywhere(shop, store, sdk, tokens);
    },
  );

  it('follows the SDK’s own auth.logout(): anonymous, the cache dropped, the epoch moved on', async () => {
    const { store, sdk, queryClient, ...shop } = await signedInStorefront();
    const customer = store.getState().accessToken ?? '';
    const epoch = store.getState().epoch;
    queryClient.setQueryData(['orders'], ['order-1']);

    await act(() => sdk.auth.logout());

    await expectSignedOutEverywhere(shop, store, sdk, new Set([customer]));
    expect(store.getState().epoch).toBe(epoch + 1);
    expect(store.getState().user).not.toHaveProperty('first_name');
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
  });

  it('leaves the store empty and consistent when a refresh fails, and the SDK starts a guest session', async () => {
    const { store, sdk, handlers } = await signedInStorefront();
    const customer = store.getState().accessToken ?? '';
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    server.use(http.post(`${ROOT}/auth/refresh-token`, () => new Response(null, { status: 401 })));
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist().catch(() => {}));
    expect(failed).toHaveBeenCalledWith('Token refresh failed:', expect.any(Error));
    // Consistent: no token and no customer left behind, and the cache went with them.
    expect(store.getState()).toMatchObject({ accessToken: null, refreshToken: null, user: null });
    await screen.findByText('Signed out');
    // The refresh token was refused; the access token of its pair is revoked, not left to expire.
    await vi.waitFor(() => expect(handlers.isLive(customer)).toBe(false));
    // The SDK's next call starts a guest session, which the store takes up whole.
    await act(() => sdk.cart.getWishlist());
    expect(store.getState().user).toMatchObject({ is_anonymous: true });
    expect(store.getState().refreshToken).not.toBeNull();
  });
});

describe('the token refresh the kit runs for the SDK', () => {
  it('sends the backend’s headers with the refresh', async () => {
    const { handlers } = serveShop();
    const { store } = renderWithKit(<Header />, { backend: backend() });
    const sdk = createStorefront({
      storeId: STORE_ID,
      environment: Environment.Staging,
      apiKey: 'demo-api-key',
      session: commerceEngineSdkSession(store, {
        ...backend(),
        headers: { 'X-Storefront': 'shop-1' },
      }),
    }).session();
    await act(() =>
      sdk.auth.loginWithPassword({ email: 'maya.jansen@example.com', password: 'x' }),
    );
    const headers: Array<string | null> = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/auth/refresh-token'))
        headers.push(request.headers.get('X-Storefront'));
    });
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist());
    expect(headers).toEqual(['shop-1']);
    expect(handlers.isLive(store.getState().accessToken ?? '')).toBe(true);
  });

  it('keeps the session when the refresh is not answered within 10 s', async () => {
    const { store, sdk } = await signedInStorefront();
    const { accessToken, refreshToken } = store.getState();
    server.use(http.post(`${ROOT}/auth/refresh-token`, () => new Promise<never>(() => {})));
    // 29 s left: the SDK refreshes, and the token still works after the refreshes gave up.
    nearExpiry(store);
    vi.setSystemTime(Date.now() - 19_000);
    let settled = false;
    const call = sdk.cart.getWishlist().finally(() => {
      settled = true;
    });
    // The SDK refreshes before its call and again as the call goes out: twice 10 s.
    while (!settled) await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(await call).toMatchObject({ error: null });
    expect(store.getState()).toMatchObject({ accessToken, refreshToken });
    await screen.findByText('Hi Maya');
  });

  it('refuses a backend other than Commerce Engine’s, before any token goes to it', () => {
    const store = createSessionStore();
    const other = { name: 'Wemasy', logoutUrl: 'https://api.example/customer/auth/logout' };
    expect(() => commerceEngineSdkSession(store, other)).toThrow(TypeError);
  });
});

describe('the Commerce Engine SDK in two tabs', () => {
  it('signs every tab out, and each tab’s SDK goes on as the guest the logout left', async () => {
    const shop = serveShop();
    const tabs = ['A', 'B'].map((tab) => {
      const view = renderWithKit(<LogoutButton aria-label={`Log out in ${tab}`} />, {
        backend: backend(),
        storeOptions: { name: 'shop' },
      });
      return { ...view, sdk: sdkFor(view.store) };
    });
    const [tabA, tabB] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
    await act(() =>
      tabA.sdk.auth.loginWithPassword({ email: 'maya.jansen@example.com', password: 'x' }),
    );
    await waitFor(() =>
      expect(tabB.store.getState().accessToken).toBe(tabA.store.getState().accessToken),
    );
    const customer = tabA.store.getState().accessToken ?? '';

    await tabA.user.click(screen.getByRole('button', { name: 'Log out in A' }));

    await waitFor(() => expect(tabB.store.getState().user?.is_anonymous).toBe(true));
    expect(shop.handlers.isLive(customer)).toBe(false);
    shop.sent.length = 0;
    await act(() => tabB.sdk.cart.getWishlist());
    expect(shop.sent.at(-1)?.token).toBe(tabA.store.getState().accessToken);
  });

  // (One jsdom cannot show two localStorage tabs: it fires no storage event in its own window. The
  // persisted store's way, reading the storage again inside the lock, is the test after this one.)
  it.each([['memory', { name: 'shop-refresh' }]] as const)(
    'refreshes a pair once when two tabs of a %s store need it at the same moment: the other takes it up',
    async (_, storeOptions) => {
      // Web Locks as a browser runs them: one holder at a time, the others wait their turn.
      const queues = new Map<string, Promise<unknown>>();
      const locks = {
        request: (name: string, callback: () => Promise<unknown>) => {
          const turn = (queues.get(name) ?? Promise.resolve()).then(callback);
          queues.set(
            name,
            turn.catch(() => {}),
          );
          return turn;
        },
      };
      Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
      onTestFinished(() => void Reflect.deleteProperty(navigator, 'locks'));
      const shop = serveShop();
      const tabs = ['A', 'B'].map(() => {
        const view = renderWithKit(<LogoutButton />, { backend: backend(), storeOptions });
        return { ...view, sdk: sdkFor(view.store) };
      });
      const [tabA, tabB] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
      await act(() =>
        tabA.sdk.auth.loginWithPassword({ email: 'maya.jansen@example.com', password: 'x' }),
      );
      await waitFor(() =>
        expect(tabB.store.getState().refreshToken).toBe(tabA.store.getState().refreshToken),
      );
      const failed = vi.spyOn(console, 'error');

      nearExpiry(tabA.store);
      await act(() => Promise.all([tabA.sdk.cart.getWishlist(), tabB.sdk.cart.getWishlist()]));

      expect(shop.sent.filter(({ endpoint }) => endpoint === 'auth/refresh-token')).toHaveLength(1);
      await waitFor(() =>
        expect(tabB.store.getState().accessToken).toBe(tabA.store.getState().accessToken),
      );
      expect(tabA.store.getState().user?.first_name).toBe('Maya');
      expect(failed).not.toHaveBeenCalled();
    },
  );

  it('takes up a pair another tab stored before refreshing it again (a persisted store)', async () => {
    const { store, sent } = await signedInStorefront();
    // This tab: a persisted store not yet told of other tabs' writes (no storage event came).
    const thisTab = createSessionStore({ persist: { name: 'shop-sdk' }, syncTabs: false });
    const { accessToken: signedIn, refreshToken: signedInRefresh, user } = store.getState();
    thisTab.getState().setSession({ accessToken: signedIn, refreshToken: signedInRefresh, user });
    const sdk = sdkFor(thisTab);
    // Another tab refreshed the same pair a moment ago and stored what it got.
    // Minted later than ours, so it is still fresh when ours nears expiry.
    const { accessToken, refreshToken } = commerceEngineSession({
      storeId: STORE_ID,
      expiresIn: 7200,
    });
    const rotated = { accessToken, refreshToken };
    createSessionStore({ persist: { name: 'shop-sdk' }, syncTabs: false })
      .getState()
      .setSession(rotated);
    sent.length = 0;

    nearExpiry(thisTab);
    await act(() => sdk.cart.getWishlist().catch(() => {}));

    expect(sent.filter(({ endpoint }) => endpoint === 'auth/refresh-token')).toEqual([]);
    expect(thisTab.getState()).toMatchObject(rotated);
    localStorage.clear();
  });
});
