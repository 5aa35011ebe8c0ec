import { inspect } from 'node:util';
import { createStorefront, Environment } from '@commercengine/storefront-sdk';
import { act, screen, waitFor } from '@testing-library/react';
import { getResponse, HttpResponse, http } from 'msw';
import {
  commerceEngine,
  commerceEngineSdkSession,
  createSessionStore,
  LogoutButton,
  type SessionStore,
} from '../../src/index.js';
import {
  bearerToken,
  type CommerceEngineHandlerOptions,
  commerceEngineHandlers,
  decodeJwt,
  maskToken,
} from '../../src/testing/index.js';
import { renderWithKit, setupMockServer } from '../react/kit.js';
import { backend, Header, ROOT, SIGN_IN, STORE_ID, sdkFor } from '../react/sdkShop.js';

// The vendor SDK (@commercengine/storefront-sdk 0.15.0) on the kit's store through
// commerceEngineSdkSession, against the kit's Commerce Engine handlers, driven through
// interleavings a storefront meets: the server handles requests in one order and answers in
// another, refreshes fail for a moment, a second SDK (another tab) writes late, Web Locks refuse.
//
// The invariant, from issue 10 ("Tests with the real SDK … The invariant after each case") and the
// README's "With the Commerce Engine SDK": no customer token is still live on the server once the
// storefront shows signed out, and the SDK's next call goes out as the guest the kit adopted.
// Every `it.fails` below is a way found to break it (or another promise of the connector); its
// comment says what was done, what happened, and what is promised instead.

const server = setupMockServer();

type Handlers = ReturnType<typeof commerceEngineHandlers>;

function serveShop(options: CommerceEngineHandlerOptions = {}): Handlers {
  const handlers = commerceEngineHandlers({
    storeId: STORE_ID,
    environment: 'staging',
    ...options,
  });
  server.use(...handlers);
  return handlers;
}

/** A customer signed in through the SDK, with the kit's header and LogoutButton on screen. */
async function signedInStorefront(
  options: CommerceEngineHandlerOptions = {},
  storeOptions: Parameters<typeof createSessionStore>[0] = {
    name: `shop-${expect.getState().currentTestName}`,
  },
) {
  const handlers = serveShop(options);
  const view = renderWithKit(
    <>
      <Header />
      <LogoutButton />
    </>,
    { backend: backend(), storeOptions },
  );
  const sdk = sdkFor(view.store);
  await act(() => sdk.auth.loginWithPassword(SIGN_IN));
  await screen.findByText('Hi Maya');
  return { handlers, ...view, sdk };
}

/** The time of a token's `exp` claim, in epoch ms. */
const expiryOf = (token: string | null) => (decodeJwt(token ?? '')?.exp ?? 0) * 1000;

/** Moves the clock to 10 s before the access token expires: the SDK refreshes on its next call. */
function nearExpiry(store: SessionStore) {
  vi.setSystemTime(expiryOf(store.getState().accessToken) - 10_000);
}

/**
 * The customer tokens (masked) the server still accepts while the store shows a guest or nobody:
 * what the invariant says must be empty.
 */
function liveWhileSignedOut(store: SessionStore, handlers: Handlers, tokens: Iterable<string>) {
  if (store.getState().user?.is_anonymous === false) return [];
  return [...tokens].filter((token) => handlers.isLive(token)).map(maskToken);
}

/** A gate a mocked answer waits at until the test opens it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** The access token of a mocked answer's body (the answer itself is left unread). */
async function accessTokenOf(response: Response): Promise<string> {
  const { content } = (await response.clone().json()) as { content: { access_token: string } };
  return content.access_token;
}

/** Answers with what `handlers` answer, as the real server would (their state changes too). */
async function answerAs(handlers: Handlers, request: Request): Promise<Response> {
  const response = await getResponse(handlers, request);
  if (!response) throw new Error(`no handler for ${request.url}`);
  return response;
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe('a logout and a token refresh of the SDK, in every order the server can take them', () => {
  // What was done: the kit's logout reaches the server first (the customer's access token dies,
  // its refresh token lives on: the handlers' default), but its answer is slow; the SDK's refresh
  // reaches the server after it, so it mints a new customer pair, and its answer comes back
  // first. The connector stores the new pair (same epoch, the logout is not answered yet); then
  // the logout's 200 arrives and the kit adopts the guest session.
  // What happened: the store shows the guest, the page says "Signed out", and the refreshed
  // customer access token is live on the server. The kit sends the logout again only after a
  // 401/403/404; after a 2xx it never looks at the token the store holds now.
  // Promised instead: README table, "a refresh lands while the logout is on the wire … nothing
  // left live" and "a refresh started before the logout … the customer token it minted is
  // revoked"; issue 10, "No resurrection" and the invariant after each case.
  it.each([
    ['sent before the logout', 'before'],
    ['sent while the logout is on the wire', 'after'],
  ] as const)(
    'revokes the token of a refresh (%s) that the server handled after the logout and answered before it',
    async (_, when) => {
      const { store, sdk, user, handlers } = await signedInStorefront();
      const customer = new Set([store.getState().accessToken ?? '']);
      const logoutHandled = gate();
      const logoutAnswer = gate();
      server.use(
        http.post(`${ROOT}/auth/logout`, async ({ request }) => {
          const response = await answerAs(handlers, request);
          logoutHandled.open();
          await logoutAnswer.opened;
          return response;
        }),
        http.post(`${ROOT}/auth/refresh-token`, async ({ request }) => {
          await logoutHandled.opened;
          const response = await answerAs(handlers, request);
          customer.add(await accessTokenOf(response));
          return response;
        }),
      );
      nearExpiry(store);
      let call: Promise<unknown> = Promise.resolve();
      if (when === 'before') call = sdk.cart.getWishlist();
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      if (when === 'after') call = sdk.cart.getWishlist();
      await act(() => call);
      logoutAnswer.open();

      await screen.findByText('Signed out');
      expect(customer.size).toBe(2);
      expect(liveWhileSignedOut(store, handlers, customer)).toEqual([]);
    },
  );

  // What was done: a refresh that started before the logout is answered after it (the case the
  // connector discards), on a server that rate-limits logouts as Commerce Engine does: the kit's
  // own logout goes through, the next one within 30 s gets 429 with Retry-After: 30. The
  // connector's revocation of the customer token the refresh minted is that next one.
  // What happened: the revocation is sent once with fire-and-forget (`.catch(() => {})`), meets
  // the 429 and is never sent again, not even after 2 minutes: the minted customer token stays
  // live while the page says "Signed out". (A 5xx or a network failure drops it the same way.)
  // Promised instead: README, "its result is discarded and the customer token it minted is
  // revoked"; issue 10, "No resurrection … the fresh customer token it minted is revoked". The
  // kit's own logout honours Retry-After (autoRetry, localFirst's retries); this revocation does not.
  it('revokes the customer token a discarded refresh minted even when the first revocation is rate-limited', async () => {
    const { store, sdk, user, handlers } = await signedInStorefront();
    const customer = new Set([store.getState().accessToken ?? '']);
    const logoutDone = gate();
    let limitedUntil = 0;
    server.use(
      http.post(`${ROOT}/auth/logout`, async ({ request }) => {
        if (Date.now() < limitedUntil) {
          return HttpResponse.json(
            { message: 'Too many requests.', success: false, code: 'too_many_requests' },
            { status: 429, headers: { 'Retry-After': '30' } },
          );
        }
        limitedUntil = Date.now() + 30_000;
        return answerAs(handlers, request);
      }),
      http.post(`${ROOT}/auth/refresh-token`, async ({ request }) => {
        await logoutDone.opened;
        const response = await answerAs(handlers, request);
        customer.add(await accessTokenOf(response));
        return response;
      }),
    );
    nearExpiry(store);
    const call = sdk.cart.getWishlist();
    await act(() => vi.advanceTimersByTimeAsync(10));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText('Signed out');
    logoutDone.open();
    await act(() => call);
    // Long past the Retry-After: a revocation that waited its turn would have gone through.
    await act(() => vi.advanceTimersByTimeAsync(120_000));

    expect(customer.size).toBe(2);
    expect(liveWhileSignedOut(store, handlers, customer)).toEqual([]);
  });

  // What was done: with `commerceEngineHandlers({ logoutRevokesRefreshToken: true })` (a logout
  // ends the pair), the customer's access token has expired while the tab sat idle (its refresh
  // token has 30 days left), and the first thing the customer does is click "Log out", as after
  // coming back to an open tab the next morning.
  // What happened: the kit sends the expired access token, meets 401, reports
  // `already-signed-out` and empties the store; the refresh token, which the store held and which
  // can still mint customer tokens, is never revoked: live on the server, the page "Signed out".
  // Promised instead: issue 10's invariant (no customer token live once the storefront shows
  // signed out) and its first bullet (a 401 read as "already signed out" while the session lives
  // on); README: "a session that still works on the server is never silently left behind". With
  // the connector the kit holds the refresh token and the way to use it: refresh, then revoke.
  // Known limit (docs/reliability.md): a logout is one request with the access token; one that
  // expired cannot end the session its refresh token still holds.
  it.fails('ends a session whose access token expired while its refresh token lives on', async () => {
    const { store, user, handlers } = await signedInStorefront({ logoutRevokesRefreshToken: true });
    const { accessToken, refreshToken } = store.getState();
    vi.setSystemTime(expiryOf(accessToken) + 60_000);
    expect(handlers.isLive(refreshToken ?? '')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await screen.findByText('Signed out');
    expect(liveWhileSignedOut(store, handlers, [refreshToken ?? ''])).toEqual([]);
  });

  // What was done: the server refreshes the customer's pair (rotation kills the old access
  // token), the kit's logout is then sent with the old token and answered 401 before the
  // refresh's answer comes back; that answer is then discarded, as promised, and its token revoked.
  // What happened: the connector's refreshTokenFn throws "The session ended while the token
  // refresh ran" (the store is empty after the 401), the SDK logs "Token refresh failed:" with
  // console.error, and the storefront's own SDK call that was waiting for the refresh
  // (`cart.getWishlist()`) rejects with "No session available" instead of going out as a guest.
  // (The connector's comment says the SDK "starts a guest session itself": it does, but only for
  // the call after.)
  // Promised instead: README, "the SDK goes on with the guest session the logout adopted (also
  // when the logout revoked the refresh token: its 401 is no failure then)"; issue 10, "the SDK's
  // next call goes out as the guest".
  // Known limit (docs/reliability.md): the token the refresh minted is revoked, but when the
  // logout left no session the SDK call that waited for the refresh fails once (the connector has
  // no API key to start the guest session); the SDK's next call starts one.
  it.fails('lets the SDK call that waited for a discarded refresh go on as a guest, logging no error', async () => {
    const { store, sdk, user, handlers } = await signedInStorefront();
    const minted = new Set<string>();
    const logoutAnswered = gate();
    server.use(
      http.post(`${ROOT}/auth/refresh-token`, async ({ request }) => {
        const response = await answerAs(handlers, request);
        minted.add(await accessTokenOf(response));
        await logoutAnswered.opened;
        return response;
      }),
    );
    const errors: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    nearExpiry(store);
    const call = sdk.cart.getWishlist().then(
      ({ error }) => ({ error }),
      (thrown: Error) => ({ thrown: thrown.message }),
    );
    await vi.waitFor(() => expect(minted.size).toBe(1));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText('Signed out');
    logoutAnswered.open();
    const outcome = await act(() => call);

    // What held: the token the discarded refresh minted was revoked.
    expect(liveWhileSignedOut(store, handlers, minted)).toEqual([]);
    expect(outcome).toEqual({ error: null });
    expect(errors.map(([first]) => String(first))).toEqual([]);
  });

  // What was done: a named memory store (the connector holds the refresh lock 50 ms after
  // storing a refreshed pair, so the other tabs hear of it). The SDK's refresh lands while the
  // kit's logout is on the wire; the logout meets 401, is sent again with the refreshed token and
  // answered 200 within those 50 ms.
  // What happened: when the SDK then writes the refreshed pair, the connector finds the epoch
  // moved on and "revokes" the token the kit's second request has just revoked: a third logout
  // request, answered 401. (With a localStorage store there is no wait, and two requests.)
  // Promised instead: README table, "a refresh lands while the logout is on the wire … two
  // requests"; issue 10, "One extra request, and only in that case". Against a server that
  // rate-limits logouts, every request counts.
  // Known limit (docs/reliability.md): the connector cannot tell that the kit's second logout
  // request already revoked the refreshed token, so a memory store sends a third (answered 401).
  it.fails('sends two logout requests, not three, when a refresh lands while the logout is on the wire', async () => {
    const { store, sdk, user, handlers } = await signedInStorefront();
    const logouts: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/auth/logout')) logouts.push(maskToken(bearerToken(request)));
    });
    const refreshed = gate();
    server.use(
      http.post(`${ROOT}/auth/logout`, async ({ request }) => {
        if (logouts.length === 1) await refreshed.opened;
        return answerAs(handlers, request);
      }),
      http.post(`${ROOT}/auth/refresh-token`, async ({ request }) => {
        const response = await answerAs(handlers, request);
        refreshed.open();
        return response;
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    nearExpiry(store);
    await act(() => sdk.cart.getWishlist());
    await screen.findByText('Signed out');
    await act(() => vi.advanceTimersByTimeAsync(500));

    expect(logouts).toHaveLength(2);
  });
});

describe('a token refresh that fails', () => {
  // What was done: the SDK refreshes the customer's token as it nears expiry, and the refresh
  // endpoint answers 503 once (or cannot be reached): a passing outage, after which the customer's
  // refresh token still works.
  // What happened: the connector gives up after 250 ms and throws, the SDK clears its tokens and
  // the connector empties the store: the page says "Signed out", but nothing was revoked: the
  // customer's access token (10 s left) and refresh token (30 days left) are both live on the
  // server. (After a 401 the access token is still live for up to the SDK's 30 s margin.)
  // Promised instead: issue 10, "a refresh that fails (the SDK clears its tokens)" is one of the
  // cases after which "no customer token is still live on the server once the storefront shows
  // signed out"; README: "a session that still works on the server is never silently left behind".
  // The test first asked for a signed-out page with nothing live; the connector now keeps the
  // session through a passing failure instead (nothing is signed out, so nothing is left behind),
  // which is what it checks, with the refresh going through once the outage ends.
  it.each([
    ['answered 503', () => HttpResponse.json({ message: 'Service unavailable' }, { status: 503 })],
    ['unreachable', () => HttpResponse.error()],
  ])(
    'keeps the session, and signs nobody out with live tokens, while the refresh is %s',
    async (_, answer) => {
      const { store, sdk, handlers } = await signedInStorefront();
      const { accessToken, refreshToken } = store.getState();
      let down = true;
      server.use(http.post(`${ROOT}/auth/refresh-token`, () => (down ? answer() : undefined)));
      nearExpiry(store);
      const outcome = await act(() =>
        sdk.cart.getWishlist().then(
          ({ error }) => ({ error }),
          (thrown: Error) => ({ thrown: thrown.message }),
        ),
      );

      // The call went out with the token the session has (10 s left), and logged nothing.
      expect(outcome).toEqual({ error: null });
      await screen.findByText('Hi Maya');
      expect(store.getState()).toMatchObject({ accessToken, refreshToken });
      expect(liveWhileSignedOut(store, handlers, [accessToken ?? '', refreshToken ?? ''])).toEqual(
        [],
      );
      // The outage ends: the next call refreshes the pair it kept.
      down = false;
      await act(() => sdk.cart.getWishlist());
      expect(handlers.isLive(refreshToken ?? '')).toBe(false);
      expect(store.getState().accessToken).not.toBe(accessToken);
      expect(store.getState().user).toMatchObject({ first_name: 'Maya' });
    },
  );

  // What was done: the storefront runs in a document with an opaque origin (an iframe sandboxed
  // without allow-same-origin, as checkout embeds and widgets are), where `navigator.locks` exists
  // but every `request()` rejects with a SecurityError; the store has a name, so the connector
  // takes the refresh lock.
  // What happened: refreshTokenFn rejects with the SecurityError before any request is sent, the
  // SDK logs "Token refresh failed", clears its tokens and the store empties: every customer is
  // signed out at their first token refresh, with their access and refresh tokens left live.
  // Promised instead: README, "one refresh of a pair at a time (a Web Lock)" (a coordination, not
  // a condition of refreshing); the kit's own precedent for the same browsers (oneTab.ts, "Refused
  // outright (an opaque-origin frame): no tab can coordinate here, so this one retries"), and the
  // invariant above.
  it('refreshes where Web Locks refuse every request, as where they are missing', async () => {
    const locks = {
      request: () =>
        Promise.reject(
          new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'),
        ),
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    onTestFinished(() => void Reflect.deleteProperty(navigator, 'locks'));
    const { store, sdk, handlers } = await signedInStorefront();
    const { accessToken, refreshToken } = store.getState();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    nearExpiry(store);
    const outcome = await act(() =>
      sdk.cart.getWishlist().then(
        ({ error }) => ({ error }),
        (thrown: Error) => ({ thrown: thrown.message }),
      ),
    );

    expect(liveWhileSignedOut(store, handlers, [accessToken ?? '', refreshToken ?? ''])).toEqual(
      [],
    );
    expect(outcome).toEqual({ error: null });
    expect(store.getState().user).toMatchObject({ first_name: 'Maya' });
    expect(store.getState().accessToken).not.toBe(accessToken);
  });

  // What was done: the backend's `fetch` is the storefront's own wrapper, which, as ky's and
  // ofetch's errors do, keeps what it was asked to send on the error it throws (`error.options`,
  // with the request body). The refresh endpoint cannot be reached.
  // What happened: the connector rethrows the wrapper's error to the SDK as it is, and the SDK
  // prints it with console.error("Token refresh failed:", error): the customer's refresh token,
  // in the body the connector built, is in the console (Node prints it; a browser shows it on
  // expanding the error) and in any error reporter watching the console.
  // Promised instead: README, "no error, error `cause`, message or log line ever holds any part
  // of a token … a `network` error carries no `cause` (what `fetch`, or a wrapper such as ky,
  // throws may hold the request …)"; the kit's logout drops such errors (tokenInCause.test.tsx),
  // the refresh it runs for the SDK does not.
  // (The connector now keeps the session through an unreachable refresh endpoint, so nothing is
  // printed then; the test goes on to a refresh token the server refuses, after which the SDK
  // prints the connector's own error, and checks that neither holds the token.)
  it('puts no part of the refresh token into the console when a fetch wrapper’s error holds the request', async () => {
    const wrapped = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      try {
        return await fetch(input, init);
      } catch {
        throw Object.assign(new Error(`Request failed: POST ${String(input)}`), {
          options: { method: init.method, body: init.body },
        });
      }
    }) as typeof fetch;
    serveShop();
    const view = renderWithKit(<Header />, {
      backend: backend(),
      storeOptions: { name: 'shop-fetch-wrapper' },
    });
    const sdk = createStorefront({
      storeId: STORE_ID,
      environment: Environment.Staging,
      apiKey: 'demo-api-key',
      session: commerceEngineSdkSession(
        view.store,
        commerceEngine({ storeId: STORE_ID, environment: 'staging', fetch: wrapped }),
      ),
    }).session();
    await act(() => sdk.auth.loginWithPassword(SIGN_IN));
    const refreshToken = view.store.getState().refreshToken ?? '';
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(
      (...args) => void printed.push(inspect(args, { depth: Number.POSITIVE_INFINITY })),
    );
    server.use(http.post(`${ROOT}/auth/refresh-token`, () => HttpResponse.error()));
    nearExpiry(view.store);
    await act(() => sdk.cart.getWishlist().catch(() => {}));
    expect(view.store.getState().refreshToken).toBe(refreshToken);
    server.use(
      http.post(`${ROOT}/auth/refresh-token`, () =>
        HttpResponse.json({ message: 'Invalid refresh token.' }, { status: 401 }),
      ),
    );
    await act(() => sdk.cart.getWishlist().catch(() => {}));

    expect(printed.join('\n')).toContain('Token refresh failed');
    // Asked as a yes/no, so the test's own report does not print the token either.
    expect(printed.join('\n').includes(refreshToken.split('.')[2] ?? refreshToken)).toBe(false);
  });
});

describe('writes of the SDK that replace a session', () => {
  // What was done: two tabs of one named store, each with its SDK (as every storefront page
  // has). Tab A's SDK starts its guest session on page load, and that request is slow. Meanwhile
  // the customer signs in in tab B through its SDK (tab B starts its own guest session first, then
  // signs in). Then tab A's guest session arrives, and tab A's SDK stores it.
  // What happened: the connector takes the late guest tokens as "another identity": the
  // customer's session is replaced by the guest in both tabs (a newer epoch wins), the page says
  // "Signed out", and the customer's tokens, which nothing revoked, are live on the server. (The
  // SDK itself refuses to start a guest session while a customer is signed in: its
  // "USER_ALREADY_AUTHENTICATED" answer.)
  // Promised instead: issue 10's invariant (no customer token live once the storefront shows
  // signed out); README: "Sign in through the SDK as usual: the store (and the kit's header,
  // button, other tabs) follows".
  // Known limit (docs/reliability.md): a guest session written late cannot be told from the
  // SDK's own logout, so it replaces the sign-in, whose tokens stay live until they expire.
  it.fails('keeps a customer who signed in while another tab’s guest session was still being started', async () => {
    const handlers = serveShop();
    const slowGuest = gate();
    let guests = 0;
    server.use(
      http.post(`${ROOT}/auth/anonymous`, async ({ request }) => {
        guests += 1;
        if (guests > 1) return undefined;
        const response = await answerAs(handlers, request);
        await slowGuest.opened;
        return response;
      }),
    );
    const tabs = ['A', 'B'].map((tab) => {
      const view = renderWithKit(<p>Tab {tab}</p>, {
        backend: backend(),
        storeOptions: { name: 'shop-bootstrap' },
      });
      return { ...view, sdk: sdkFor(view.store) };
    });
    const [tabA, tabB] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
    const pageLoad = tabA.sdk.cart.getWishlist();
    await vi.waitFor(() => expect(guests).toBe(1));
    await act(() => tabB.sdk.auth.loginWithPassword(SIGN_IN));
    await waitFor(() => expect(tabA.store.getState().user).toMatchObject({ first_name: 'Maya' }));
    const customer = [
      tabB.store.getState().accessToken ?? '',
      tabB.store.getState().refreshToken ?? '',
    ];

    slowGuest.open();
    await act(() => pageLoad);
    await act(() => vi.advanceTimersByTimeAsync(100));

    for (const tab of tabs) expect(liveWhileSignedOut(tab.store, handlers, customer)).toEqual([]);
  });

  // What was done: the customer, signed in through the SDK, signs in through the SDK again (a
  // "confirm your password" step before checkout, or a sign-in form opened in a second tab): the
  // server mints a second customer pair and the first stays valid (Commerce Engine does not say
  // that a sign-in ends the earlier session; the kit's handlers keep it). Then "Log out".
  // What happened: the connector reads the same identity and stores the second pair as if it
  // were a refresh; the first customer token is never revoked. The logout revokes the second:
  // the page says "Signed out" and the first customer token is live on the server.
  // Promised instead: issue 10's invariant (no customer token live once the storefront shows
  // signed out). Only a refresh rotates a pair; a sign-in replacing a live customer token of the
  // store leaves that token behind unless the connector revokes it.
  it('revokes the customer token a second sign-in of the same customer replaced', async () => {
    const { store, sdk, user, handlers } = await signedInStorefront();
    const first = store.getState().accessToken ?? '';
    await act(() => sdk.auth.loginWithPassword(SIGN_IN));
    const second = store.getState().accessToken ?? '';
    expect(second).not.toBe(first);

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await screen.findByText('Signed out');
    expect(liveWhileSignedOut(store, handlers, [first, second])).toEqual([]);
  });

  // What was done: the customer clicks "Log out" (the answer is slow) and, before it comes back,
  // signs in again through the SDK in a sign-in form (or another tab's), as the same customer.
  // What happened: the connector stores the new customer pair without moving the epoch (the same
  // identity, read as a refresh), the logout's 200 then ends "its" session and adopts the guest:
  // the page says "Signed out", and the customer token of the new sign-in, which no request ever
  // revoked, is live on the server.
  // Promised instead: issue 10's invariant after "sign-in through the SDK, then the kit's
  // LogoutButton"; README: "the live token is the one revoked".
  it('leaves no customer token live when the same customer signs in again while the logout is on the wire', async () => {
    const { store, sdk, user, handlers } = await signedInStorefront();
    const customer = new Set([store.getState().accessToken ?? '']);
    const logoutAnswer = gate();
    server.use(
      http.post(`${ROOT}/auth/logout`, async ({ request }) => {
        const response = await answerAs(handlers, request);
        await logoutAnswer.opened;
        return response;
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await act(() => sdk.auth.loginWithPassword(SIGN_IN));
    customer.add(store.getState().accessToken ?? '');
    logoutAnswer.open();
    await act(() => vi.advanceTimersByTimeAsync(100));

    expect(customer.size).toBe(2);
    expect(liveWhileSignedOut(store, handlers, customer)).toEqual([]);
  });

  // What was done: a storefront with a guest session (started by the SDK) signs a customer in
  // through its own route and hands the SDK the access token alone: `sdk.setTokens(access)`, as
  // the SDK allows (its refresh token is optional).
  // What happened: the store takes the customer's access token and keeps the guest's refresh
  // token beside it: subscribers, storage and other tabs see a pair of two identities (the JWTs'
  // `sid` differ). When the customer's token nears expiry the SDK refreshes with the guest's
  // refresh token, and the customer silently becomes the guest while their access token lives on.
  // Promised instead: issue 10, "One pair at a time: no subscriber, persisted value or other tab
  // ever sees a torn pair"; "the profile follows the token … never keeps the previous" identity.
  it('never pairs a customer’s access token with a guest’s refresh token', async () => {
    const handlers = serveShop();
    const { store } = renderWithKit(<Header />, {
      backend: backend(),
      storeOptions: { name: 'shop-set-tokens' },
    });
    const sdk = sdkFor(store);
    await act(() => sdk.cart.getWishlist());
    const seen: Array<[string | null, string | null]> = [];
    onTestFinished(
      store.subscribe(({ accessToken, refreshToken }) => seen.push([accessToken, refreshToken])),
    );
    const response = await fetch(`${ROOT}/auth/login/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(SIGN_IN),
    });
    const { content } = (await response.json()) as { content: { access_token: string } };

    await act(() => sdk.setTokens(content.access_token));
    await act(() => vi.advanceTimersByTimeAsync(10));

    expect(store.getState().user).toMatchObject({ first_name: 'Maya' });
    expect(handlers.isLive(content.access_token)).toBe(true);
    const pairOf = (token: string | null) => (token === null ? null : decodeJwt(token)?.sid);
    const torn = seen.filter(
      ([access, refresh]) => refresh !== null && pairOf(access) !== pairOf(refresh),
    );
    expect(torn.map(([access, refresh]) => [maskToken(access), maskToken(refresh)])).toEqual([]);
  });
});

describe('the SDK in two tabs of a localStorage store', () => {
  // What was done: a localStorage store in two tabs. Tab B logs the customer out with the kit's
  // button (stored at once: the guest, epoch + 1). Tab A has not heard of it yet (its `storage`
  // event is still queued; jsdom fires none, as in the suite's own persisted-store test) and its
  // SDK's refresh, sent before, reaches the server after the logout and mints a new customer pair
  // (the refresh token outlived the logout: the handlers' default).
  // What happened: on a successful refresh the connector checks only this tab's epoch, without
  // reading the storage again as it does before refreshing ("what another tab stored is read at
  // once"): it stores the customer's new pair with the old epoch over tab B's logout in
  // localStorage, and the new customer token is never revoked. A reload of any tab shows Maya
  // signed in; once the tabs' events settle, the newer epoch signs everyone out with that token
  // still live.
  // Promised instead: README table, "a logout in one tab moves every tab's SDK to the guest";
  // issue 10, "No resurrection: a refresh that started before a logout cannot bring the customer
  // back, in the store or in the SDK"; createSessionStore, "a newer session epoch always wins".
  it('never writes a refreshed customer pair over another tab’s stored logout', async () => {
    const name = 'shop-two-tabs-refresh';
    const { store, sdk, handlers } = await signedInStorefront({}, { persist: { name } });
    const customer = new Set([store.getState().accessToken ?? '']);
    const otherTabLoggedOut = gate();
    server.use(
      http.post(`${ROOT}/auth/refresh-token`, async ({ request }) => {
        await otherTabLoggedOut.opened;
        const response = await answerAs(handlers, request);
        customer.add(await accessTokenOf(response));
        return response;
      }),
    );
    nearExpiry(store);
    const call = sdk.cart.getWishlist();
    await act(() => vi.advanceTimersByTimeAsync(10));

    const otherTab = createSessionStore({ persist: { name }, syncTabs: false });
    const tabB = renderWithKit(<LogoutButton aria-label="Log out in tab B" />, {
      backend: backend(),
      store: otherTab,
    });
    await tabB.user.click(screen.getByRole('button', { name: 'Log out in tab B' }));
    await waitFor(() => expect(otherTab.getState().user?.is_anonymous).toBe(true));
    const loggedOutEpoch = otherTab.getState().epoch;
    otherTabLoggedOut.open();
    await act(() => call);

    const stored = JSON.parse(localStorage.getItem(name) ?? '{}') as {
      state: { epoch: number; user: { is_anonymous?: boolean } | null };
    };
    expect(customer.size).toBe(2);
    expect(stored.state.epoch).toBeGreaterThanOrEqual(loggedOutEpoch);
    expect(stored.state.user?.is_anonymous).toBe(true);
    expect(liveWhileSignedOut(otherTab, handlers, customer)).toEqual([]);
  });

  // What was done: a localStorage store with `onSessionEnded`; another tab's SDK logs the customer
  // out (`auth.logout()`, stored at once) and this tab has not had the storage event yet; then
  // this tab's SDK refreshes.
  // What happened: the connector reads the storage again before refreshing
  // (`store.persist.rehydrate()`, outside the kit's "from another tab" marker), finds the other
  // tab's logout, and the provider tells `onSessionEnded('cleared')`, the reason for this tab's
  // own clearSession() or its SDK's own logout.
  // Promised instead: README, `onSessionEnded(reason)`: "'other-tab' (another tab, or a cookie
  // another tab or the server changed)"; the app keys what it does on the reason.
  it('tells onSessionEnded the other tab’s logout it read before a refresh as other-tab', async () => {
    const name = 'shop-two-tabs-reason';
    const reasons: string[] = [];
    serveShop();
    const view = renderWithKit(<Header />, {
      backend: backend(),
      storeOptions: { persist: { name } },
      provider: { onSessionEnded: (reason) => reasons.push(reason) },
    });
    const sdk = sdkFor(view.store);
    await act(() => sdk.auth.loginWithPassword(SIGN_IN));
    await screen.findByText('Hi Maya');
    reasons.length = 0;
    const otherTab = createSessionStore({ persist: { name }, syncTabs: false });
    await sdkFor(otherTab).auth.logout();
    expect(otherTab.getState().user?.is_anonymous).toBe(true);

    nearExpiry(view.store);
    await act(() => sdk.cart.getWishlist());

    await screen.findByText('Signed out');
    expect(reasons).toEqual(['other-tab']);
  });
});
