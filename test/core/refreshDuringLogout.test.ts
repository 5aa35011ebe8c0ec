import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { commerceEngine } from '../../src/backends/commerceEngine.js';
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore } from '../../src/core/sessionStore.js';
import {
  commerceEngineHandlers,
  commerceEngineRoot,
  commerceEngineSession,
} from '../../src/testing/index.js';
import { recordRequests, testPolicy } from './helpers/backends.js';

const STORE_ID = 'demo-store';
const ROOT = commerceEngineRoot({ storeId: STORE_ID });
const server = setupServer();
const sent = recordRequests(server);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  sent.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A customer signed in through the handlers, so they know (and can rotate) the pair. */
async function signIn(handlers: ReturnType<typeof commerceEngineHandlers>) {
  server.use(...handlers);
  const response = await fetch(`${ROOT}/auth/login/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'maya.jansen@example.com', password: 'secret' }),
  });
  const { content } = (await response.json()) as {
    content: { access_token: string; refresh_token: string; user: { id: string } };
  };
  const store = createSessionStore();
  store.getState().setSession({
    accessToken: content.access_token,
    refreshToken: content.refresh_token,
    user: content.user,
  });
  return store;
}

/** A token refresh as an app (or the vendor SDK) makes it: the pair rotates, the old access token dies. */
async function refresh(store: ReturnType<typeof createSessionStore>) {
  const { refreshToken, epoch } = store.getState();
  const response = await fetch(`${ROOT}/auth/refresh-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  const { content } = (await response.json()) as {
    content: { access_token: string; refresh_token: string };
  };
  store
    .getState()
    .setSession(
      { accessToken: content.access_token, refreshToken: content.refresh_token },
      { epoch },
    );
}

/** Lets the logout request reach the server only once `refresh` has landed. */
function logoutAfter(landed: Promise<unknown>) {
  server.use(
    http.post(`${ROOT}/auth/logout`, async () => {
      await landed;
      await delay(1);
      // Answer as the handlers do, now that the old token is dead.
      return undefined;
    }),
  );
}

describe('a token refresh that lands while the logout is on the wire', () => {
  it('revokes the live token: the logout is sent again with it, once', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE_ID });
    const store = await signIn(handlers);
    const oldToken = store.getState().accessToken ?? '';
    let landed: () => void = () => {};
    logoutAfter(new Promise<void>((resolve) => (landed = resolve)));

    const logout = logoutSession(store, commerceEngine({ storeId: STORE_ID }), testPolicy());
    await refresh(store);
    const newToken = store.getState().accessToken ?? '';
    landed();
    const result = await logout;

    const logouts = sent.filter(({ url }) => url.endsWith('/auth/logout'));
    expect(logouts.map(({ authorization }) => authorization)).toEqual([
      `Bearer ${oldToken}`,
      `Bearer ${newToken}`,
    ]);
    expect(handlers.isLive(newToken)).toBe(false);
    expect(result).toMatchObject({ outcome: 'signed-out', adoptedAnonymousSession: true });
    expect(store.getState().user?.is_anonymous).toBe(true);
  });

  it('follows a second refresh that lands while the logout is sent again, and revokes the last token', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE_ID });
    const store = await signIn(handlers);
    // Each logout request reaches the server only once the refresh after it has landed.
    const gates = [0, 1].map(() => {
      let open: () => void = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { open, opened };
    });
    let arrived = 0;
    server.use(
      http.post(`${ROOT}/auth/logout`, async () => {
        const gate = gates[arrived++];
        if (gate) await gate.opened;
        return undefined;
      }),
    );
    const tokens = [store.getState().accessToken ?? ''];

    const logout = logoutSession(store, commerceEngine({ storeId: STORE_ID }), testPolicy());
    await refresh(store);
    tokens.push(store.getState().accessToken ?? '');
    gates[0]?.open();
    await vi.waitFor(() => expect(arrived).toBe(2));
    await refresh(store);
    tokens.push(store.getState().accessToken ?? '');
    gates[1]?.open();
    await logout;

    const logouts = sent.filter(({ url }) => url.endsWith('/auth/logout'));
    expect(logouts.map(({ authorization }) => authorization)).toEqual(
      tokens.map((token) => `Bearer ${token}`),
    );
    for (const token of tokens) expect(handlers.isLive(token)).toBe(false);
    expect(store.getState().user?.is_anonymous).toBe(true);
  });

  it('sends one logout when the token was not replaced, or the session ended meanwhile', async () => {
    const handlers = commerceEngineHandlers({ storeId: STORE_ID, scenario: 'unauthorized' });
    server.use(...handlers);
    const unchanged = createSessionStore();
    unchanged.getState().setSession(commerceEngineSession({ storeId: STORE_ID }));
    await logoutSession(unchanged, commerceEngine({ storeId: STORE_ID }), testPolicy());
    expect(sent.filter(({ url }) => url.endsWith('/auth/logout'))).toHaveLength(1);

    // Another tab ended the session and signed another customer in while this logout was away.
    const ended = createSessionStore();
    ended.getState().setSession(commerceEngineSession({ storeId: STORE_ID }));
    const logout = logoutSession(ended, commerceEngine({ storeId: STORE_ID }), testPolicy());
    ended.getState().clearSession();
    ended.getState().setSession(commerceEngineSession({ storeId: STORE_ID }));
    await logout;
    expect(sent.filter(({ url }) => url.endsWith('/auth/logout'))).toHaveLength(2);
  });
});
