import { HttpResponse, http } from 'msw';
import {
  commerceEngine,
  commerceEngineSdkSession,
  createSessionStore,
  type SessionStore,
} from '../../src/index.js';
import {
  bearerToken,
  commerceEngineHandlers,
  commerceEngineRoot,
  mintJwt,
} from '../../src/testing/index.js';
import { setupMockServer } from '../react/kit.js';

const STORE_ID = 'demo-store';
const ROOT = commerceEngineRoot({ storeId: STORE_ID, environment: 'staging' });
const backend = () => commerceEngine({ storeId: STORE_ID, environment: 'staging' });
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
