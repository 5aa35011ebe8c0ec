// Part 5 of `npm run bench`: the vendor SDK's token refresh racing the kit's logout. For each race,
// the kit with `commerceEngineSdkSession` against the hand-made sync a storefront writes without it
// (the SDK's `onTokensUpdated` into the store, the store into `sdk.setTokens`), both against the
// kit's faithful Commerce Engine handlers. Counted: the logout requests sent, and the customer
// tokens (access and refresh) still live on the server once the storefront shows signed out.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStorefront, Environment, MemoryTokenStorage } from '@commercengine/storefront-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, test, vi } from 'vitest';
import {
  AuthKitProvider,
  commerceEngine,
  commerceEngineSdkSession,
  createSessionStore,
  type SessionStore,
  useLogout,
} from '../../src/index.js';
import { commerceEngineHandlers, commerceEngineRoot, decodeJwt } from '../../src/testing/index.js';

/** bench/run.mjs runs vitest from the repository root. */
const outDir = join(process.cwd(), 'bench/.out');
const STORE_ID = 'bench-store';
const ROOT = commerceEngineRoot({ storeId: STORE_ID, environment: 'staging' });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Wiring = 'commerceEngineSdkSession' | 'hand-made sync';
type Race =
  | 'refresh, then logout'
  | 'refresh lands during the logout'
  | 'refresh answered after the logout (logout keeps the refresh token)'
  | 'refresh answered after the logout (logout revokes the refresh token)';

const races: Race[] = [
  'refresh, then logout',
  'refresh lands during the logout',
  'refresh answered after the logout (logout keeps the refresh token)',
  'refresh answered after the logout (logout revokes the refresh token)',
];

/** A gate a handler waits at until the race opens it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** The SDK and the store, wired one way or the other. */
function wire(wiring: Wiring, store: SessionStore) {
  const backend = commerceEngine({ storeId: STORE_ID, environment: 'staging' });
  if (wiring === 'commerceEngineSdkSession') {
    return createStorefront({
      storeId: STORE_ID,
      environment: Environment.Staging,
      apiKey: 'bench-api-key',
      session: commerceEngineSdkSession(store, backend),
    }).session();
  }
  // The hand-made sync: two copies kept in step both ways, with a loop guard.
  let syncing = false;
  const sdk = createStorefront({
    storeId: STORE_ID,
    environment: Environment.Staging,
    apiKey: 'bench-api-key',
    session: {
      tokenStorage: new MemoryTokenStorage(),
      onTokensUpdated: (accessToken, refreshToken) => {
        if (syncing) return;
        syncing = true;
        store.getState().setSession({ accessToken, refreshToken });
        syncing = false;
      },
    },
  }).session();
  store.subscribe(({ accessToken, refreshToken }, previous) => {
    if (syncing || accessToken === previous.accessToken || accessToken === null) return;
    syncing = true;
    void sdk.setTokens(accessToken, refreshToken ?? undefined).finally(() => {
      syncing = false;
    });
  });
  return sdk;
}

async function runRace(wiring: Wiring, race: Race) {
  const handlers = commerceEngineHandlers({
    storeId: STORE_ID,
    environment: 'staging',
    logoutRevokesRefreshToken: race.endsWith('(logout revokes the refresh token)'),
  });
  server.resetHandlers(...handlers);
  const customerTokens = new Set<string>();
  let logouts = 0;
  server.events.removeAllListeners();
  server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/auth/logout')) logouts += 1;
  });
  server.events.on('response:mocked', async ({ response }) => {
    const content = (
      await response
        .clone()
        .json()
        .catch(() => null)
    )?.content;
    for (const token of [content?.access_token, content?.refresh_token]) {
      if (typeof token === 'string' && decodeJwt(token)?.is_anonymous === false) {
        customerTokens.add(token);
      }
    }
  });

  const store = createSessionStore();
  const sdk = wire(wiring, store);
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider
        backend={commerceEngine({ storeId: STORE_ID, environment: 'staging' })}
        store={store}
      >
        {children}
      </AuthKitProvider>
    </QueryClientProvider>
  );
  const { result, unmount } = renderHook(() => useLogout(), { wrapper });
  await act(() => sdk.auth.loginWithPassword({ email: 'maya@example.com', password: 'x' }));
  if (wiring === 'hand-made sync' && store.getState().user === null) {
    // The hand-made sync copies tokens only; the storefront sets the profile from the sign-in.
    store.getState().setSession({ user: { id: 'customer', is_anonymous: false } });
  }
  const { exp } = decodeJwt(store.getState().accessToken ?? '') ?? { exp: 0 };
  // 10 s before expiry: the SDK refreshes on its next call (it refreshes 30 s early).
  const nearExpiry = () => vi.setSystemTime(exp * 1000 - 10_000);
  const logout = () => result.current.logoutAsync().catch(() => {});

  if (race === 'refresh, then logout') {
    nearExpiry();
    await act(() => sdk.cart.getWishlist());
    await act(logout);
  } else if (race === 'refresh lands during the logout') {
    const refreshed = gate();
    server.use(http.post(`${ROOT}/auth/logout`, async () => void (await refreshed.opened)));
    const loggingOut = logout();
    nearExpiry();
    await act(() => sdk.cart.getWishlist());
    refreshed.open();
    await act(() => loggingOut);
  } else {
    const loggedOut = gate();
    server.use(
      http.post(`${ROOT}/auth/refresh-token`, async () => {
        await loggedOut.opened;
        await delay(1);
        return undefined;
      }),
    );
    nearExpiry();
    const call = sdk.cart.getWishlist();
    await act(() => vi.advanceTimersByTimeAsync(10));
    await act(logout);
    loggedOut.open();
    await act(() => call);
  }
  await act(() => vi.advanceTimersByTimeAsync(100));
  unmount();
  const live = [...customerTokens].filter((token) => handlers.isLive(token));
  const liveAccess = live.filter((token) => decodeJwt(token)?.token_type === 'access').length;
  const shows = store.getState().user?.is_anonymous !== false ? 'signed out' : 'signed in';
  return { logouts, liveAccess, liveRefresh: live.length - liveAccess, shows };
}

test('token refresh racing a logout', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  // The SDK's own logging, and its "token refresh failed" where a refresh loses.
  for (const method of ['info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation(() => {});
  }
  const rows = [];
  for (const race of races) {
    for (const wiring of ['commerceEngineSdkSession', 'hand-made sync'] as const) {
      vi.setSystemTime(Date.now());
      try {
        rows.push({ race, wiring, ...(await runRace(wiring, race)) });
      } catch (error) {
        rows.push({ race, wiring, error: String((error as Error).message) });
      }
    }
  }
  vi.useRealTimers();
  writeFileSync(join(outDir, 'races.json'), `${JSON.stringify({ rows }, null, 2)}\n`);
});
