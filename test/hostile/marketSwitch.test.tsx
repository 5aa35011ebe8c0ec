import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useState } from 'react';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  LogoutButton,
  type SessionStore,
  useLogout,
} from '../../src/index.js';
import {
  bearerToken,
  commerceEngineHandlers,
  commerceEngineSession,
} from '../../src/testing/index.js';
import { createTestQueryClient, setupMockServer } from '../react/kit.js';

// A storefront for several markets, one Commerce Engine store each (a market switcher in the
// header): the one provider gets the market's `backend` and its own `store` (its own session), and
// both props change together when the customer switches market. The provider then builds a new
// logout controller for the new store, but the old controller stays reachable (a cooldown retry
// waiting for its Web Lock, a `logout` captured once, as the CONTRACT's "`logout` is referentially
// stable" invites), and it reads the backend from the provider's *latest* props while it still
// logs out its *own* store: the old market's bearer token goes to the new market's logout URL.
// That store answers 401 (it never issued the token), which reads as "already signed out": the old
// market's session is emptied on the device while its token stays valid where it was issued.
// README: "The bearer token goes only to the backend's logout URL"; docs/reliability.md: "one
// shop's token can never reach the other's backend".
// Expected: every logout of a store goes to the backend that was given with that store (or, from
// a controller the provider has replaced, not at all); no token reaches another store's URL.

const server = setupMockServer();

type Market = 'nl' | 'de';

function marketsOf(): Record<Market, { storeId: string; store: SessionStore }> {
  return {
    nl: { storeId: 'nl-store', store: createSessionStore({ name: 'session-nl' }) },
    de: { storeId: 'de-store', store: createSessionStore({ name: 'session-de' }) },
  };
}

/** The logout captured once, as an idle-timeout library keeps the callback it was given. */
const captured: { logout: (() => void) | null } = { logout: null };

function SignOutWhenIdle() {
  const { logout } = useLogout();
  useEffect(() => {
    captured.logout ??= logout;
  }, [logout]);
  return null;
}

function Storefront({ markets }: { markets: ReturnType<typeof marketsOf> }) {
  const [market, setMarket] = useState<Market>('nl');
  const [queryClient] = useState(createTestQueryClient);
  const { storeId, store } = markets[market];
  return (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={commerceEngine({ storeId })} store={store}>
        <button type="button" onClick={() => setMarket(market === 'nl' ? 'de' : 'nl')}>
          Switch market
        </button>
        <LogoutButton />
        <SignOutWhenIdle />
      </AuthKitProvider>
    </QueryClientProvider>
  );
}

/** Web Locks as a browser grants them: the callback runs in a later task. */
function installBrowserLocks() {
  const locks = {
    request: (name: string, _: unknown, callback: (lock: object | null) => unknown) =>
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => callback({ name })),
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return () => void Reflect.deleteProperty(navigator, 'locks');
}

/** Serves both markets' stores and records every bearer token with the URL it went to. */
function serveMarkets() {
  server.use(
    ...commerceEngineHandlers({ storeId: 'nl-store' }),
    ...commerceEngineHandlers({ storeId: 'de-store' }),
  );
  const sent: { url: string; token: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({ url: request.url, token: bearerToken(request) });
  });
  return sent;
}

const NL_LOGOUT = commerceEngine({ storeId: 'nl-store' }).logoutUrl;
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  captured.logout = null;
  vi.useRealTimers();
});

describe('a market switch (store and backend change together)', () => {
  it('never sends the old market’s token to the new market’s backend: a retry waiting for its lock', async () => {
    onTestFinished(installBrowserLocks());
    const sent = serveMarkets();
    const markets = marketsOf();
    const nl = commerceEngineSession({ storeId: 'nl-store' });
    markets.nl.store.getState().setSession(nl);
    // A 429 cooldown of the NL store, ending in 2 s: its automatic retry asks for the Web Lock.
    markets.nl.store.setState({ retryAt: Date.now() + 2_000 });
    render(<Storefront markets={markets} />);
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });

    await advance(2_010);
    await user.click(screen.getByRole('button', { name: 'Switch market' }));
    await advance(1_000);

    for (const { url, token } of sent) {
      if (token === nl.accessToken) expect(url).toBe(NL_LOGOUT);
    }
  });

  it('never sends the old market’s token to the new market’s backend: a logout captured before', async () => {
    const sent = serveMarkets();
    const markets = marketsOf();
    const nl = commerceEngineSession({ storeId: 'nl-store' });
    markets.nl.store.getState().setSession(nl);
    render(<Storefront markets={markets} />);
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    await user.click(screen.getByRole('button', { name: 'Switch market' }));

    // The customer goes idle: the callback captured on the NL page signs out.
    act(() => captured.logout?.());
    await advance(1_000);

    for (const { url, token } of sent) {
      if (token === nl.accessToken) expect(url).toBe(NL_LOGOUT);
    }
  });
});
