import { HttpResponse, http } from 'msw';
import {
  commerceEngineSdkSession,
  createSessionStore,
  type SessionStore,
} from '../../src/index.js';
import { bearerToken, commerceEngineHandlers, mintJwt } from '../../src/testing/index.js';
import { setupMockServer } from '../react/kit.js';
import { backend, ROOT, STORE_ID } from '../react/sdkShop.js';

const server = setupMockServer();

/** The shop's handlers, and the bearer token of every revocation (`auth/logout`) sent. */
function serveShop() {
  server.use(...commerceEngineHandlers({ storeId: STORE_ID, environment: 'staging' }));
  const revoked: Array<string | null> = [];
  const refreshes: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/auth/logout')) revoked.push(bearerToken(request));
    if (request.url.endsWith('/auth/refresh-token')) refreshes.push(request.clone());
  });
  return { revoked, refreshes };
}

/** The connector on a fresh store: what the SDK is handed as its token storage and refresh. */
function connect(store: SessionStore = createSessionStore()) {
  const { tokenStorage, refreshTokenFn } = commerceEngineSdkSession(store, backend());
  return { store, tokenStorage, refreshTokenFn };
}

/** A pair written as the SDK writes it: the access token, then the refresh token. */
async function writePair(
  storage: ReturnType<typeof connect>['tokenStorage'],
  a: string,
  r: string,
) {
  await storage.setAccessToken(a);
  await storage.setRefreshToken(r);
}

const customer = (claims: Record<string, unknown> = {}) =>
  mintJwt({
    ulid: 'cust-1',
    customer_id: 'cust-1',
    anonymous_id: null,
    is_anonymous: false,
    is_logged_in: true,
    ...claims,
  });
const guest = () =>
  mintJwt({ ulid: 'guest-1', customer_id: null, anonymous_id: 'guest-1', is_anonymous: true });

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

describe('reading the profile from the SDK’s tokens', () => {
  it('reads base64url payloads with “-” and “_” in them', async () => {
    // A name whose JSON encodes to bytes base64url writes with “-” and “_”.
    let token = '';
    for (
      let n = 0;
      !/-/.test(token.split('.')[1] ?? '') || !/_/.test(token.split('.')[1] ?? '');
      n++
    )
      token = customer({ first_name: `Zoë ~~>>??${'ÿ'.repeat(n % 7)}${n}` });
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, token, 'refresh-1');
    expect(store.getState().user).toMatchObject({
      id: 'cust-1',
      first_name: expect.stringMatching(/^Zoë/),
    });
  });

  it('shows every profile field the token carries, and nothing else', async () => {
    const { store, tokenStorage } = connect();
    const token = mintJwt({
      ulid: 'cust-1',
      customer_id: 'cust-1',
      anonymous_id: 'anon-9',
      email: 'maya@example.com',
      phone: '+31 6 1234',
      first_name: 'Maya',
      last_name: 'Jansen',
      is_anonymous: false,
      is_logged_in: true,
      sid: 'pair-1',
      roles: ['admin'],
    });
    await writePair(tokenStorage, token, 'refresh-1');
    expect(store.getState().user).toEqual({
      id: 'cust-1',
      customer_id: 'cust-1',
      anonymous_id: 'anon-9',
      email: 'maya@example.com',
      phone: '+31 6 1234',
      first_name: 'Maya',
      last_name: 'Jansen',
      is_anonymous: false,
      is_logged_in: true,
    });
  });

  it.each([
    ['ulid first', { ulid: 'u-1', customer_id: 'c-1', anonymous_id: 'a-1' }, 'u-1'],
    ['customer_id without ulid', { customer_id: 'c-1', anonymous_id: 'a-1' }, 'c-1'],
    ['anonymous_id alone', { anonymous_id: 'a-1' }, 'a-1'],
  ])('takes the user id from the token (%s)', async (_, claims, id) => {
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, mintJwt(claims), 'refresh-1');
    expect(store.getState().user?.id).toBe(id);
  });

  it('holds a token that names no user, without a profile', async () => {
    const { store, tokenStorage } = connect();
    const token = mintJwt({ ulid: 42, email: 'x@example.com' });
    await writePair(tokenStorage, token, 'refresh-1');
    expect(store.getState()).toMatchObject({ accessToken: token, user: null });
  });

  it('takes up opaque tokens (no JWT payload) in place of a customer’s, as another session', async () => {
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, customer(), 'refresh-1');
    const epoch = store.getState().epoch;
    await writePair(tokenStorage, 'opaque-access', 'opaque-refresh');
    expect(store.getState()).toMatchObject({
      accessToken: 'opaque-access',
      refreshToken: 'opaque-refresh',
      user: null,
      epoch: epoch + 1,
    });
  });

  it('takes a pair of opaque tokens into an empty store', async () => {
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, 'opaque-access', 'opaque-refresh');
    expect(store.getState()).toMatchObject({ accessToken: 'opaque-access', user: null });
  });
});

describe('telling one session’s tokens from another’s', () => {
  it.each([
    ['another ulid', { ulid: 'u-1' }, { ulid: 'u-2' }],
    [
      'another customer_id under the same ulid',
      { ulid: 'u-1', customer_id: 'c-1' },
      { ulid: 'u-1', customer_id: 'c-2' },
    ],
  ])('ends the session for tokens of %s', async (_, before, after) => {
    serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, mintJwt(before), 'refresh-1');
    const epoch = store.getState().epoch;
    const next = mintJwt(after);
    await writePair(tokenStorage, next, 'refresh-2');
    expect(store.getState()).toMatchObject({ accessToken: next, epoch: epoch + 1 });
    expect(store.getState().user?.id).toBe(after.ulid);
  });

  it('keeps the epoch when the first session comes into an empty store', async () => {
    const { store, tokenStorage } = connect();
    const epoch = store.getState().epoch;
    await writePair(tokenStorage, customer(), 'refresh-1');
    expect(store.getState().epoch).toBe(epoch);
  });

  it('keeps the profile the app filled in when the same customer’s pair is renewed', async () => {
    const { revoked } = serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, customer(), 'refresh-1');
    store.setState({ user: { id: 'cust-1', first_name: 'Maya', loyalty: 'gold' } });
    await writePair(tokenStorage, customer(), 'refresh-2');
    expect(store.getState().user).toEqual({ id: 'cust-1', first_name: 'Maya', loyalty: 'gold' });
    await vi.waitFor(() => expect(revoked).toHaveLength(1));
  });
});

describe('writing the SDK’s pair', () => {
  it('takes the held access token again with a new refresh token', async () => {
    const { store, tokenStorage } = connect();
    const access = customer();
    await writePair(tokenStorage, access, 'refresh-1');
    await writePair(tokenStorage, access, 'refresh-2');
    expect(store.getState()).toMatchObject({ accessToken: access, refreshToken: 'refresh-2' });
  });

  it('takes a new access token written with the held refresh token', async () => {
    serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, customer(), 'refresh-1');
    const next = customer();
    await writePair(tokenStorage, next, 'refresh-1');
    expect(store.getState()).toMatchObject({ accessToken: next, refreshToken: 'refresh-1' });
  });

  it('keeps the refresh token when the SDK writes the same customer’s access token alone', async () => {
    serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, customer(), 'refresh-1');
    const next = customer();
    await tokenStorage.setAccessToken(next);
    expect(await tokenStorage.getAccessToken()).toBe(next);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getState()).toMatchObject({ accessToken: next, refreshToken: 'refresh-1' });
  });

  it('takes a refresh token the SDK writes alone', async () => {
    const { store, tokenStorage } = connect();
    const access = customer();
    await writePair(tokenStorage, access, 'refresh-1');
    await tokenStorage.setRefreshToken('refresh-2');
    expect(store.getState()).toMatchObject({ accessToken: access, refreshToken: 'refresh-2' });
    expect(await tokenStorage.getRefreshToken()).toBe('refresh-2');
  });

  it('clears an empty store without starting a new epoch', async () => {
    const { store, tokenStorage } = connect();
    const epoch = store.getState().epoch;
    await tokenStorage.clearTokens();
    expect(store.getState().epoch).toBe(epoch);
  });

  it('does not revoke a guest token the same guest’s new pair replaced', async () => {
    const { revoked } = serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, guest(), 'refresh-1');
    const next = guest();
    await writePair(tokenStorage, next, 'refresh-2');
    expect(store.getState().accessToken).toBe(next);
    await vi.advanceTimersByTimeAsync(100);
    expect(revoked).toEqual([]);
  });

  it('revokes an opaque token another opaque pair replaced', async () => {
    const { revoked } = serveShop();
    const { store, tokenStorage } = connect();
    await writePair(tokenStorage, 'opaque-1', 'opaque-refresh-1');
    await writePair(tokenStorage, 'opaque-2', 'opaque-refresh-2');
    expect(store.getState().accessToken).toBe('opaque-2');
    await vi.waitFor(() => expect(revoked).toEqual(['opaque-1']));
  });
});

describe('who the connector works with', () => {
  it.each([
    ['no backend', undefined],
    ['a backend without a logout URL', { name: 'Commerce Engine' }],
    [
      'a logout URL that is not auth/logout',
      { name: 'Commerce Engine', logoutUrl: `${ROOT}/auth/logout-all` },
    ],
    ['a logout URL of two lines', { name: 'Commerce Engine', logoutUrl: `x\n${ROOT}/auth/logout` }],
  ])('refuses %s, saying what it needs', (_, other) => {
    const store = createSessionStore();
    // biome-ignore lint/suspicious/noExplicitAny: what a JavaScript caller may pass
    expect(() => commerceEngineSdkSession(store, other as any)).toThrow(
      new TypeError('commerceEngineSdkSession() needs a commerceEngine() backend'),
    );
  });
});

/** The same customer signed in again: the token it replaced is revoked, answered as `answer` says. */
async function revokeOnceAnswered(answer: () => Response) {
  const { revoked } = serveShop();
  server.use(http.post(`${ROOT}/auth/logout`, answer));
  const { tokenStorage } = connect();
  const replaced = customer();
  await writePair(tokenStorage, replaced, 'refresh-1');
  await writePair(tokenStorage, customer(), 'refresh-2');
  /** How many revocations were sent once the clock reaches `seconds` after the sign-in. */
  const start = Date.now();
  const sentBy = async (seconds: number) => {
    await vi.advanceTimersByTimeAsync(start + seconds * 1000 - Date.now());
    await vi.waitFor(() => expect(revoked.length).toBeGreaterThan(0));
    expect(revoked.every((token) => token === replaced)).toBe(true);
    return revoked.length;
  };
  return sentBy;
}

describe('revoking a customer token that must not live on', () => {
  it.each([
    ['a 500', () => new Response(null, { status: 500 })],
    ['a 503', () => new Response(null, { status: 503 })],
    ['a network failure', () => HttpResponse.error()],
  ])('sends it again after %s: 2, 4, 8 and 16 s later, then gives up', async (_, answer) => {
    const sentBy = await revokeOnceAnswered(answer);
    expect(await sentBy(1)).toBe(1);
    expect(await sentBy(3)).toBe(2);
    expect(await sentBy(5)).toBe(2);
    expect(await sentBy(7)).toBe(3);
    expect(await sentBy(13)).toBe(3);
    expect(await sentBy(15)).toBe(4);
    expect(await sentBy(29)).toBe(4);
    expect(await sentBy(31)).toBe(5);
    expect(await sentBy(200)).toBe(5);
  });

  it('sends it again after a 429 when its Retry-After says', async () => {
    const sentBy = await revokeOnceAnswered(
      () => new Response(null, { status: 429, headers: { 'Retry-After': '5' } }),
    );
    expect(await sentBy(4)).toBe(1);
    expect(await sentBy(6)).toBe(2);
  });

  it('sends it again 30 s after a 429 without a Retry-After', async () => {
    const sentBy = await revokeOnceAnswered(() => new Response(null, { status: 429 }));
    expect(await sentBy(29)).toBe(1);
    expect(await sentBy(31)).toBe(2);
  });

  it.each([200, 401])('sends it once when answered %i', async (status) => {
    const sentBy = await revokeOnceAnswered(() => new Response(null, { status }));
    expect(await sentBy(200)).toBe(1);
  });
});

/** A store holding a customer's pair, and the refresh endpoint answering as `answer` says. */
function refreshAnswered(answer: () => Response, store: SessionStore = createSessionStore()) {
  const shop = serveShop();
  server.use(http.post(`${ROOT}/auth/refresh-token`, answer));
  const access = customer();
  store.getState().setSession({ accessToken: access, refreshToken: 'refresh-1', user: null });
  return { ...shop, ...connect(store), access };
}

const minted = { access_token: customer(), refresh_token: 'refresh-2' };
const refreshed = () => HttpResponse.json({ content: minted });

describe('the token refresh the kit runs for the SDK', () => {
  it('sends the refresh token as JSON, and takes the pair without revoking the token it replaced', async () => {
    const { store, tokenStorage, refreshTokenFn, refreshes, revoked } = refreshAnswered(refreshed);
    expect(await refreshTokenFn('refresh-1')).toEqual(minted);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(refreshes[0]?.headers.get('Accept')).toBe('application/json');
    expect(await refreshes[0]?.json()).toEqual({ refresh_token: 'refresh-1' });
    await writePair(tokenStorage, minted.access_token, minted.refresh_token);
    expect(store.getState()).toMatchObject({
      accessToken: minted.access_token,
      refreshToken: 'refresh-2',
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(revoked).toEqual([]);
  });

  it('discards a refreshed pair the SDK writes after a logout, and revokes its token', async () => {
    const { store, tokenStorage, refreshTokenFn, revoked } = refreshAnswered(refreshed);
    await refreshTokenFn('refresh-1');
    store.getState().clearSession();
    await writePair(tokenStorage, minted.access_token, minted.refresh_token);
    expect(store.getState()).toMatchObject({ accessToken: null, refreshToken: null, user: null });
    await vi.waitFor(() => expect(revoked).toEqual([minted.access_token]));
  });

  it.each([400, 401, 403])(
    'ends the session when the refresh token is refused (%i)',
    async (status) => {
      const { refreshTokenFn, revoked, access } = refreshAnswered(
        () => new Response(null, { status }),
      );
      await expect(refreshTokenFn('refresh-1')).rejects.toThrow(
        new Error(`The token refresh was answered with HTTP ${status}`),
      );
      await vi.waitFor(() => expect(revoked).toEqual([access]));
    },
  );

  it.each([408, 429, 500, 503])(
    'keeps the session when the refresh meets a passing %i',
    async (status) => {
      const { refreshTokenFn, revoked, access } = refreshAnswered(
        () => new Response(null, { status }),
      );
      expect(await refreshTokenFn('refresh-1')).toEqual({
        access_token: access,
        refresh_token: 'refresh-1',
      });
      await vi.advanceTimersByTimeAsync(100);
      expect(revoked).toEqual([]);
    },
  );

  it.each([
    ['no refresh token', { access_token: 'a' }],
    ['no access token', { refresh_token: 'r' }],
    ['a numeric access token', { access_token: 1, refresh_token: 'r' }],
    ['a numeric refresh token', { access_token: 'a', refresh_token: 1 }],
    ['no content', null],
  ])('keeps the session when the refresh answers a body with %s', async (_, content) => {
    const { store, refreshTokenFn, access } = refreshAnswered(() => HttpResponse.json({ content }));
    expect(await refreshTokenFn('refresh-1')).toEqual({
      access_token: access,
      refresh_token: 'refresh-1',
    });
    expect(store.getState()).toMatchObject({ accessToken: access, refreshToken: 'refresh-1' });
  });

  it('waits a moment for another tab’s rotated pair when its refresh token was refused', async () => {
    const rotated = customer();
    const store = createSessionStore();
    const { refreshTokenFn, revoked } = refreshAnswered(() => {
      // Another tab spent the refresh token a moment ago; its message arrives 100 ms after this answer.
      setTimeout(
        () =>
          store
            .getState()
            .setSession({ accessToken: rotated, refreshToken: 'refresh-9', user: null }),
        100,
      );
      return new Response(null, { status: 401 });
    }, store);
    expect(await refreshTokenFn('refresh-1')).toEqual({
      access_token: rotated,
      refresh_token: 'refresh-9',
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(revoked).toEqual([]);
  });

  it('takes up the pair another tab rotated, without a refresh request', async () => {
    const { store, refreshTokenFn, refreshes } = refreshAnswered(refreshed);
    const rotated = customer();
    store.getState().setSession({ accessToken: rotated, refreshToken: 'refresh-9', user: null });
    expect(await refreshTokenFn('refresh-1')).toEqual({
      access_token: rotated,
      refresh_token: 'refresh-9',
    });
    expect(refreshes).toEqual([]);
  });

  it.each([
    ['no session', {}],
    ['a refresh token alone', { refreshToken: 'refresh-9' }],
    ['an access token alone', { accessToken: 'access-9' }],
  ])('tells the SDK the session ended when the store holds %s', async (_, held) => {
    const { store, refreshTokenFn, refreshes } = refreshAnswered(refreshed);
    store.setState({ accessToken: null, refreshToken: null, ...held });
    await expect(refreshTokenFn('refresh-1')).rejects.toThrow(
      new Error('The session ended during the token refresh'),
    );
    expect(refreshes).toEqual([]);
  });

  it('sends no revocation without an access token when a refresh token held alone is refused', async () => {
    const { store, refreshTokenFn, revoked } = refreshAnswered(
      () => new Response(null, { status: 401 }),
    );
    store.setState({ accessToken: null });
    await expect(refreshTokenFn('refresh-1')).rejects.toThrow('HTTP 401');
    await vi.advanceTimersByTimeAsync(100);
    expect(revoked).toEqual([]);
  });
});

describe('one refresh at a time across tabs (Web Locks)', () => {
  function fakeLocks() {
    const requested: string[] = [];
    const locks = {
      request: (name: string, callback: () => Promise<unknown>) => {
        requested.push(name);
        return Promise.resolve().then(callback);
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    onTestFinished(() => void Reflect.deleteProperty(navigator, 'locks'));
    return requested;
  }

  it('refreshes a named store’s pair under a lock of its own name', async () => {
    const requested = fakeLocks();
    const { refreshTokenFn } = refreshAnswered(
      refreshed,
      createSessionStore({ name: 'shop-locks' }),
    );
    await refreshTokenFn('refresh-1');
    expect(requested).toEqual(['storefront-auth-kit:shop-locks:refresh']);
  });

  it('refreshes an unnamed store’s pair without a lock', async () => {
    const requested = fakeLocks();
    const { refreshTokenFn } = refreshAnswered(refreshed);
    await refreshTokenFn('refresh-1');
    expect(requested).toEqual([]);
  });

  it('sends a refused refresh once under the lock', async () => {
    fakeLocks();
    const { refreshTokenFn, refreshes } = refreshAnswered(
      () => new Response(null, { status: 401 }),
      createSessionStore({ name: 'shop-locks-refused' }),
    );
    await expect(refreshTokenFn('refresh-1')).rejects.toThrow('HTTP 401');
    expect(refreshes).toHaveLength(1);
  });
});
