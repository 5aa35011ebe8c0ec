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
