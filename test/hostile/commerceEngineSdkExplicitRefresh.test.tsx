import { act, screen } from '@testing-library/react';
import { getResponse, http } from 'msw';
import { LogoutButton, type SessionEndReason, useLogout } from '../../src/index.js';
import {
  type CommerceEngineHandlerOptions,
  commerceEngineHandlers,
  maskToken,
} from '../../src/testing/index.js';
import { renderWithKit, setupMockServer } from '../react/kit.js';
import { backend, Header, ROOT, SIGN_IN, STORE_ID, sdkFor } from '../react/sdkShop.js';

const server = setupMockServer();

function Status() {
  const { status } = useLogout();
  return <output>{status}</output>;
}

async function signedInStorefront(options: CommerceEngineHandlerOptions = {}) {
  const handlers = commerceEngineHandlers({
    storeId: STORE_ID,
    environment: 'staging',
    ...options,
  });
  server.use(...handlers);
  const heard: SessionEndReason[] = [];
  const view = renderWithKit(
    <>
      <Header />
      <LogoutButton />
      <Status />
    </>,
    {
      backend: backend(),
      storeOptions: { name: `shop-${expect.getState().currentTestName}` },
      provider: { onSessionEnded: (reason) => heard.push(reason) },
    },
  );
  const sdk = sdkFor(view.store);
  await act(() => sdk.auth.loginWithPassword(SIGN_IN));
  await screen.findByText('Hi Maya');
  heard.length = 0;
  return { handlers, heard, ...view, sdk };
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

/** A gate a mocked answer waits at until the test opens it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('a refresh the SDK runs through its own auth.refreshToken()', () => {
  // What I did: a storefront on the connector refreshes the customer's pair itself after saving
  // her profile, so the token's `first_name` and `email` claims are fresh: the SDK's documented
  // `sdk.auth.refreshToken({ refresh_token })`. The SDK captures the pair from that answer (it is
  // one of its token-returning operations) and writes it through the token storage.
  // What happened: the connector reads a pair of the same customer that its own refreshTokenFn did
  // not hand over as a second sign-in: the epoch moves on, the cached queries (her orders) are
  // dropped and onSessionEnded('cleared') is told, so the README's `router.refresh()` runs, for
  // a token refresh.
  // Promised instead (README "With the Commerce Engine SDK": "a refresh of the same customer keeps
  // the `user` you set"; the table's new session is "a second sign-in, a password change";
  // `onSessionEnded` is for when "the session ends or is replaced").
  it('keeps the session, its cache and its epoch', async () => {
    const { store, sdk, heard, queryClient } = await signedInStorefront();
    queryClient.setQueryData(['orders'], ['order-1']);
    const { epoch, refreshToken } = store.getState();
    await act(() => sdk.auth.refreshToken({ refresh_token: refreshToken ?? '' }));
    await act(() => vi.advanceTimersByTimeAsync(10));

    expect(screen.getByText('Hi Maya')).toBeInTheDocument();
    expect(store.getState().refreshToken).not.toBe(refreshToken);
    expect(heard).toEqual([]);
    expect(store.getState().epoch).toBe(epoch);
    expect(queryClient.getQueryData(['orders'])).toEqual(['order-1']);
  });

  // What I did: the same refresh, landing while the customer's "Log out" is on the wire (the
  // answer is slow): the server ends the old access token and answers 200 with a guest session.
  // What happened: the refreshed pair moved the epoch on (read as a new sign-in), so the logout
  // finds "its" session replaced: it neither sends the logout again with the current token nor
  // ends anything. `useLogout().status` is `success` and onSessionEnded says 'logout', but the
  // header still says "Hi Maya" and the refreshed customer token is live on the server: the
  // customer was told she logged out and is still signed in (an `onLoggedOut` redirect leaves her
  // signed in on a shared computer).
  // Promised instead (README table: "a refresh lands while the logout is on the wire: whether the
  // server ended the old token (2xx) or refused it (401), the kit sends the logout again with the
  // current one: two requests, nothing left live"; "What a logout does": a 2xx leaves the guest
  // session in the store).
  it('signs the customer out when it lands while the logout is on the wire', async () => {
    const { store, sdk, handlers, user } = await signedInStorefront();
    const logoutAnswer = gate();
    server.use(
      http.post(`${ROOT}/auth/logout`, async ({ request }) => {
        const response = await getResponse(handlers, request);
        await logoutAnswer.opened;
        return response;
      }),
    );
    const { refreshToken } = store.getState();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await act(() => sdk.auth.refreshToken({ refresh_token: refreshToken ?? '' }));
    await act(() => vi.advanceTimersByTimeAsync(10));
    const refreshed = store.getState().accessToken ?? '';
    logoutAnswer.open();
    await act(() => vi.advanceTimersByTimeAsync(100));

    expect(screen.getByText('success')).toBeInTheDocument();
    expect(screen.getByText('Signed out')).toBeInTheDocument();
    expect(handlers.isLive(refreshed) ? [maskToken(refreshed)] : []).toEqual([]);
  });
});
