// Part 2 of `npm run bench`: requests per logout, this kit against the Commerce Engine SDK, both
// against the kit's own msw handlers (src/testing), with a valid, an expired and no access token.
// Every request that reaches msw is counted through `server.events.on('request:start')`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStorefront, Environment, MemoryTokenStorage } from '@commercengine/storefront-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, test } from 'vitest';
import { AuthKitProvider, commerceEngine, createSessionStore, useLogout } from '../../src/index.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  decodeJwt,
} from '../../src/testing/index.js';

/** bench/run.mjs runs vitest from the repository root. */
const outDir = join(process.cwd(), 'bench/.out');
const STORE_ID = 'bench-store';
const server = setupServer();
const sent: string[] = [];
server.events.on('request:start', ({ request }) => {
  sent.push(`${request.method} ${new URL(request.url).pathname.replace(/^.*\/storefront/, '')}`);
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Scenario = 'valid token' | 'expired token' | 'no token';
const scenarios: Scenario[] = ['valid token', 'expired token', 'no token'];

function customerSession(scenario: Scenario) {
  if (scenario === 'no token') return null;
  return commerceEngineSession({
    storeId: STORE_ID,
    expiresIn: scenario === 'expired token' ? -120 : 3600,
  });
}

/** Lets trailing requests (a retry, a refresh after the answer) reach msw before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

async function kitLogout(scenario: Scenario) {
  const store = createSessionStore();
  const session = customerSession(scenario);
  if (session) store.getState().setSession(session);
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={commerceEngine({ storeId: STORE_ID })} store={store}>
        {children}
      </AuthKitProvider>
    </QueryClientProvider>
  );
  const { result, unmount } = renderHook(() => useLogout(), { wrapper });
  let outcome: string;
  await act(async () => {
    try {
      const done = await result.current.logoutAsync();
      outcome = done.outcome;
    } catch (error) {
      outcome = `error: ${(error as Error).name}`;
    }
    await settle();
  });
  unmount();
  const state = store.getState();
  const after =
    state.accessToken === null
      ? 'empty'
      : state.user?.is_anonymous
        ? 'anonymous session adopted'
        : 'customer session kept';
  // biome-ignore lint/style/noNonNullAssertion: assigned in both branches above
  return { after: `${after} (${outcome!})` };
}

async function sdkLogout(scenario: Scenario) {
  // Managed sessions, as the SDK's README recommends for a browser storefront; the memory storage
  // stands in for BrowserTokenStorage and is filled as a returning visitor's storage would be.
  const tokenStorage = new MemoryTokenStorage();
  const session = customerSession(scenario);
  if (session) {
    await tokenStorage.setAccessToken(session.accessToken);
    if (session.refreshToken) await tokenStorage.setRefreshToken(session.refreshToken);
  }
  let cleared = false;
  const storefront = createStorefront({
    storeId: STORE_ID,
    environment: Environment.Production,
    apiKey: 'bench-api-key',
    session: { tokenStorage, onTokensCleared: () => (cleared = true) },
  });
  const { error } = await storefront.session().auth.logout();
  await settle();
  const token = await tokenStorage.getAccessToken();
  const payload = token ? decodeJwt(token) : null;
  const after =
    token === null
      ? 'empty'
      : payload?.is_anonymous
        ? 'anonymous tokens stored'
        : 'customer token kept';
  const answer = error ? `error ${String(error.code ?? error.message)}` : 'ok';
  return {
    after: `${after} (${answer}; onTokensCleared ${cleared ? 'fired' : 'not fired'})`,
  };
}

test('requests per logout', async () => {
  const rows = [];
  for (const [client, run] of [
    ['storefront-auth-kit', kitLogout],
    ['@commercengine/storefront-sdk', sdkLogout],
  ] as const) {
    for (const scenario of scenarios) {
      server.resetHandlers(...commerceEngineHandlers({ storeId: STORE_ID }));
      sent.length = 0;
      try {
        const { after } = await run(scenario);
        rows.push({ client, scenario, count: sent.length, sent: [...sent], after });
      } catch (error) {
        rows.push({ client, scenario, error: String((error as Error).message) });
      }
    }
  }
  writeFileSync(join(outDir, 'requests.json'), `${JSON.stringify({ rows }, null, 2)}\n`);
});
