import { act, screen } from '@testing-library/react';
import { commerceEngineHandlers, maskToken } from '../../src/testing/index.js';
import { recordSent, renderWithKit, setupMockServer } from '../react/kit.js';
import { backend, Header, STORE_ID, sdkFor } from '../react/sdkShop.js';

const server = setupMockServer();

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

describe('the SDK writes the access token the store already holds', () => {
  // What I did: a storefront on the connector, Maya signed in through the SDK. The app hands the
  // SDK the token it already has, alone (`sdk.setTokens(accessToken)`, as code that seeds the SDK
  // from the session after a navigation does; createStorefront's `session.accessToken` takes the
  // same path when given alone).
  // What happened: the connector reads the access token without a refresh token as a new pair of
  // the same customer "that did not come from its own refresh", keeps it (nothing changes in the
  // store) and revokes "the replaced token", which is that very token: one `auth/logout` with the
  // live token. The header still greets Maya, but the server has ended her session, so the SDK's
  // next call (her orders) is answered 401.
  // Promised instead (README, "With the Commerce Engine SDK": "the same session goes on (no
  // `onSessionEnded`); the customer token the new pair replaced is revoked" — nothing was replaced
  // here; "What a logout does": the kit "confirms with the server before it forgets the session",
  // never the other way round): the token the store keeps stays live; nothing is sent.
  it('keeps that token live and sends no logout', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE_ID, environment: 'staging' });
    server.use(...handlers);
    const { store } = renderWithKit(<Header />, {
      backend: backend(),
      storeOptions: { name: 'shop-same-token' },
    });
    const sdk = sdkFor(store);
    await act(() =>
      sdk.auth.loginWithPassword({ email: 'maya.jansen@example.com', password: 'x' }),
    );
    await screen.findByText('Hi Maya');
    const accessToken = store.getState().accessToken ?? '';
    const sent = recordSent(server);

    await act(() => sdk.setTokens(accessToken));
    await act(() => vi.advanceTimersByTimeAsync(100));

    expect(store.getState().accessToken).toBe(accessToken);
    expect(screen.getByText('Hi Maya')).toBeInTheDocument();
    expect(sent.filter((url) => url.endsWith('/auth/logout'))).toEqual([]);
    expect(handlers.isLive(accessToken) ? [] : [maskToken(accessToken)]).toEqual([]);
  });
});
