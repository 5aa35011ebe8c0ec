import {
  type CommerceEngineOptions,
  commerceEngine,
  readAnonymousSession,
} from '../../src/backends/commerceEngine.js';
import { anonymousUser, commerceEngineSession } from '../../src/testing/index.js';

const guest = anonymousUser('01JD6Q8Z4N7YV3K2M5T9R0GUES');
const minted = commerceEngineSession({ storeId: 'demo-store', user: guest });
const content = {
  access_token: minted.accessToken,
  refresh_token: minted.refreshToken,
  user: guest,
};
const body = (overrides: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) => ({
  message: 'Logged out successfully.',
  success: true,
  content: { ...content, ...overrides },
  ...envelope,
});

describe('readAnonymousSession', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('reads the anonymous session of a documented logout body', () => {
    expect(readAnonymousSession(body())).toEqual({
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
      user: guest,
    });
  });

  it('keeps every Commerce Engine user field', () => {
    const session = readAnonymousSession(body());
    expect(session?.user).toMatchObject({
      id: guest.id,
      is_anonymous: true,
      is_logged_in: false,
      email: null,
      login_methods: [],
      notification_preferences: guest.notification_preferences,
    });
  });

  it('accepts a body without a success flag (only success: false fails)', () => {
    const { success: _omitted, ...withoutFlag } = body();
    expect(readAnonymousSession(withoutFlag)).not.toBeNull();
  });

  it('accepts a user that holds only an id', () => {
    expect(readAnonymousSession(body({ user: { id: 'guest-1' } }))?.user).toEqual({
      id: 'guest-1',
    });
  });

  it.each([
    ['success: false', body({}, { success: false })],
    ['no content', { success: true, message: 'Logged out.' }],
    ['content null', body({}, { content: null })],
    ['content that is an array', body({}, { content: [content] })],
    ['content that is a string', body({}, { content: JSON.stringify(content) })],
    ['a missing access token', body({ access_token: undefined })],
    ['an empty access token', body({ access_token: '' })],
    ['an access token that is a number', body({ access_token: 12345 })],
    ['a missing refresh token', body({ refresh_token: undefined })],
    ['an empty refresh token', body({ refresh_token: '' })],
    ['a refresh token that is an object', body({ refresh_token: { token: 'x' } })],
    ['a missing user', body({ user: undefined })],
    ['a null user', body({ user: null })],
    ['a user without id', body({ user: { ...guest, id: undefined } })],
    ['a user whose id is a number', body({ user: { ...guest, id: 42 } })],
    ['a user that is an array', body({ user: [guest] })],
    ['a user that is a string', body({ user: guest.id })],
    ['a body that is null', null],
    ['a body that is undefined (unreadable)', undefined],
    ['a body that is a string', 'Logged out'],
    ['a body that is an array', [body()]],
    ['a body that is a number', 200],
  ])('refuses %s', (_label, value) => {
    expect(readAnonymousSession(value)).toBeNull();
  });

  it('drops keys that could pollute a prototype from the user', () => {
    const parsed: unknown = JSON.parse(
      JSON.stringify(body()).replace(
        '"id":',
        '"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"id":',
      ),
    );
    const session = readAnonymousSession(parsed);
    expect(session?.user?.id).toBe(guest.id);
    expect(Object.getPrototypeOf(session?.user)).toBe(Object.prototype);
    expect(session?.user?.isAdmin).toBeUndefined();
    expect(Object.hasOwn(session?.user ?? {}, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns its own copy of the user, not the body object', () => {
    const value = body();
    const session = readAnonymousSession(value);
    expect(session?.user).not.toBe(value.content.user);
  });
});

describe('commerceEngine', () => {
  it('logs out of production by default', () => {
    const backend = commerceEngine({ storeId: 'demo-store' });
    expect(backend.logoutUrl).toBe(
      'https://prod.api.commercengine.io/api/v1/demo-store/storefront/auth/logout',
    );
    expect(backend.name).toBe('Commerce Engine');
  });

  it('logs out of production or staging as asked', () => {
    expect(commerceEngine({ storeId: 'demo-store', environment: 'production' }).logoutUrl).toBe(
      'https://prod.api.commercengine.io/api/v1/demo-store/storefront/auth/logout',
    );
    expect(commerceEngine({ storeId: 'demo-store', environment: 'staging' }).logoutUrl).toBe(
      'https://staging.api.commercengine.io/api/v1/demo-store/storefront/auth/logout',
    );
  });

  it('encodes the store id as one path segment', () => {
    const backend = commerceEngine({ storeId: 'my store/ü?x=1#frag' });
    expect(backend.logoutUrl).toBe(
      'https://prod.api.commercengine.io/api/v1/my%20store%2F%C3%BC%3Fx%3D1%23frag/storefront/auth/logout',
    );
    const url = new URL(backend.logoutUrl);
    expect(url.host).toBe('prod.api.commercengine.io');
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(url.pathname.split('/')).toHaveLength(7);
  });

  it('keeps a store id with slashes from climbing out of its path segment', () => {
    const url = new URL(commerceEngine({ storeId: '../../admin' }).logoutUrl);
    expect(url.pathname).toBe('/api/v1/..%2F..%2Fadmin/storefront/auth/logout');
  });

  it('fails loudly at setup without a store id, rather than sign customers out of a 404', () => {
    // A 404 reads as "already signed out": a blank store id would forget live sessions locally.
    expect(() => commerceEngine({ storeId: '' })).toThrow(/storeId/);
    expect(() => commerceEngine({ storeId: '  ' })).toThrow(/storeId/);
    expect(() =>
      commerceEngine({ storeId: '', baseUrl: 'https://shop.example/api' }),
    ).not.toThrow();
  });

  it('fails loudly at setup when a JavaScript caller leaves the store id out', () => {
    const withoutStoreId = {} as CommerceEngineOptions;
    expect(() => commerceEngine(withoutStoreId)).toThrow(/storeId/);
    expect(() => commerceEngine({ ...withoutStoreId, environment: 'staging' })).toThrow(/storeId/);
  });

  it('fails loudly at setup on an environment it does not know, rather than pick one', () => {
    const environment = 'stage' as 'staging';
    expect(() => commerceEngine({ storeId: 'demo-store', environment })).toThrow(/environment/);
    expect(() =>
      commerceEngine({ storeId: 'demo-store', environment, baseUrl: 'https://shop.example/api' }),
    ).not.toThrow();
  });

  it('says in a development build what it needs', () => {
    expect(() => commerceEngine({ storeId: ' ' })).toThrow(
      'commerceEngine() needs a storeId and an environment of "staging" or "production", or a baseUrl',
    );
  });

  it('still names the bad option in a production build', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const shorter = 'commerceEngine(): invalid storeId or environment';
      expect(() => commerceEngine({ storeId: ' ' })).toThrow(shorter);
      expect(() =>
        commerceEngine({ storeId: 'demo-store', environment: 'stage' as 'staging' }),
      ).toThrow(shorter);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('calls a baseUrl instead, whatever the environment', () => {
    expect(
      commerceEngine({
        storeId: 'demo-store',
        environment: 'staging',
        baseUrl: 'https://shop.example/api/storefront',
      }).logoutUrl,
    ).toBe('https://shop.example/api/storefront/auth/logout');
  });

  it('drops white space around the baseUrl (an environment variable read with its line break)', () => {
    expect(
      commerceEngine({ storeId: 'demo-store', baseUrl: ' https://shop.example/api/storefront\n' })
        .logoutUrl,
    ).toBe('https://shop.example/api/storefront/auth/logout');
  });

  it.each(['https://shop.example/api/storefront/', 'https://shop.example/api/storefront///'])(
    'drops trailing slashes of the baseUrl %j',
    (baseUrl) => {
      expect(commerceEngine({ storeId: 'demo-store', baseUrl }).logoutUrl).toBe(
        'https://shop.example/api/storefront/auth/logout',
      );
    },
  );

  it('reads the logout body as the next anonymous session', () => {
    const backend = commerceEngine({ storeId: 'demo-store' });
    expect(backend.sessionAfterLogout?.(body())).toEqual(readAnonymousSession(body()));
    expect(backend.sessionAfterLogout?.({ success: false })).toBeNull();
  });

  it('uses the fetch it is given, and otherwise the global fetch at call time', () => {
    const appFetch: typeof fetch = async () => new Response(null);
    expect(commerceEngine({ storeId: 'demo-store', fetch: appFetch }).fetch).toBe(appFetch);
    expect(commerceEngine({ storeId: 'demo-store' }).fetch).toBeUndefined();
  });
});
