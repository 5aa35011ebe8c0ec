import { PERSIST_VERSION } from '../../src/core/persistedSession.js';
import { createSessionStore, type PersistedSession } from '../../src/core/sessionStore.js';
import {
  anonymousUser,
  commerceEngineSession,
  sampleCustomer,
  wemasySession,
} from '../../src/testing/index.js';

const NAME = 'shop-session';
const PERSISTED_KEYS = ['accessToken', 'epoch', 'refreshToken', 'retryAt', 'user'];

function stored(storage: Storage = localStorage, name = NAME): Record<string, unknown> {
  const text = storage.getItem(name);
  expect(text).not.toBeNull();
  const value = JSON.parse(text ?? 'null') as { state: Record<string, unknown>; version: number };
  return value.state;
}

function store(state: unknown, version: number = PERSIST_VERSION, storage: Storage = localStorage) {
  storage.setItem(NAME, JSON.stringify({ state, version }));
}

const pick = ({ accessToken, refreshToken, user, retryAt, epoch }: PersistedSession) => ({
  accessToken,
  refreshToken,
  user,
  retryAt,
  epoch,
});

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a memory session store', () => {
  it('starts empty, not cooling down, at epoch 0', () => {
    const session = createSessionStore();
    expect(pick(session.getState())).toEqual({
      accessToken: null,
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: 0,
    });
  });

  it('merges what setSession is given into the session', () => {
    const session = createSessionStore();
    const signedIn = commerceEngineSession();
    expect(session.getState().setSession(signedIn)).toBe(true);
    expect(session.getState()).toMatchObject(signedIn);

    // A token refresh writes the tokens only; the user stays.
    session.getState().setSession({ accessToken: 'refreshed-access', refreshToken: 'next' });
    expect(session.getState()).toMatchObject({
      accessToken: 'refreshed-access',
      refreshToken: 'next',
      user: signedIn.user,
    });
    expect(session.getState().epoch).toBe(0);
  });

  it('forgets tokens, user and cooldown on clearSession and starts a new epoch', () => {
    const session = createSessionStore();
    session.getState().setSession(wemasySession());
    session.setState({ retryAt: Date.now() + 60_000 });
    session.getState().clearSession();
    expect(pick(session.getState())).toEqual({
      accessToken: null,
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: 1,
    });
    session.getState().setSession(wemasySession());
    session.getState().clearSession();
    expect(session.getState().epoch).toBe(2);
  });

  it('ends the session held when a sign-in replaces it with someone else, and keeps it for the same one', () => {
    const session = createSessionStore();
    const guest = commerceEngineSession({ user: anonymousUser() });
    session.getState().setSession(guest);
    session.getState().setSession({ accessToken: 'refreshed-guest-token' });
    expect(session.getState()).toMatchObject({ epoch: 0, user: guest.user });

    // A customer over the guest: a new session, with nothing of the guest's (its refresh token).
    session.getState().setSession({ accessToken: 'customer-token', user: sampleCustomer });
    expect(pick(session.getState())).toMatchObject({
      accessToken: 'customer-token',
      refreshToken: null,
      user: sampleCustomer,
      epoch: 1,
    });
    // The same customer again (a refresh handing the profile back): the same session.
    session.getState().setSession({ user: { ...sampleCustomer, first_name: 'Maya J.' } });
    expect(session.getState().epoch).toBe(1);
    // Another customer: the epoch moves on again.
    session.getState().setSession({ user: { ...sampleCustomer, id: 'another-customer' } });
    expect(session.getState()).toMatchObject({ accessToken: null, epoch: 2 });
  });

  it('keeps a session of an access token alone (no refresh token, no profile) through a refresh', () => {
    const session = createSessionStore();
    session.getState().setSession({ accessToken: '12|first' });
    session.getState().setSession({ accessToken: '12|refreshed' });
    expect(session.getState()).toMatchObject({ accessToken: '12|refreshed', epoch: 0 });
  });

  it('reads a profile without is_anonymous and one with is_anonymous: false as the same customer', () => {
    const session = createSessionStore();
    session.getState().setSession({ accessToken: 'token', user: { id: 'c1' } });
    session.getState().setSession({ user: { id: 'c1', is_anonymous: false } });
    expect(session.getState()).toMatchObject({ accessToken: 'token', epoch: 0 });
  });

  it('reads a setSession that leaves neither token nor user as clearSession(): a new epoch, no cooldown', () => {
    const session = createSessionStore();
    session.getState().setSession(commerceEngineSession());
    session.setState({ retryAt: Date.now() + 60_000 });
    const epochBeforeRefresh = session.getState().epoch;

    // Tokens alone emptied, the profile kept: still a session, the same epoch.
    session.getState().setSession({ accessToken: null, refreshToken: null });
    expect(session.getState().epoch).toBe(epochBeforeRefresh);
    expect(session.getState().retryAt).not.toBeNull();

    session.getState().setSession({ user: null });
    expect(pick(session.getState())).toEqual({
      accessToken: null,
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: epochBeforeRefresh + 1,
    });
    // A refresh that started before the ending cannot write its session back.
    expect(
      session.getState().setSession({ accessToken: 'late' }, { epoch: epochBeforeRefresh }),
    ).toBe(false);
  });

  it('writes nothing from a setSession whose epoch a logout has ended (a late token refresh)', () => {
    const session = createSessionStore();
    session.getState().setSession(commerceEngineSession());
    const epochBeforeRefresh = session.getState().epoch;
    session.getState().clearSession(); // the customer logs out while the refresh is in flight

    const listener = vi.fn();
    session.subscribe(listener);
    const written = session
      .getState()
      .setSession(
        { accessToken: 'late-access', refreshToken: 'late-refresh' },
        { epoch: epochBeforeRefresh },
      );

    expect(written).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    expect(session.getState()).toMatchObject({ accessToken: null, refreshToken: null, user: null });
  });

  it('writes a setSession whose epoch is still the current one', () => {
    const session = createSessionStore();
    session.getState().clearSession();
    const { epoch } = session.getState();
    expect(session.getState().setSession({ accessToken: 'fresh' }, { epoch })).toBe(true);
    expect(session.getState().accessToken).toBe('fresh');
  });

  it('touches no web storage', () => {
    const session = createSessionStore({ persist: false });
    session.getState().setSession(wemasySession());
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });
});

describe('a persisted session store', () => {
  it('keeps the session in localStorage under its name by default', () => {
    const session = createSessionStore({ persist: { name: NAME } });
    const signedIn = wemasySession();
    session.getState().setSession(signedIn);

    const state = stored(localStorage);
    expect(Object.keys(state).sort()).toEqual(PERSISTED_KEYS);
    expect(state).toEqual({ ...signedIn, retryAt: null, epoch: 0 });
    expect(sessionStorage.getItem(NAME)).toBeNull();
  });

  it('keeps the session in sessionStorage when asked to', () => {
    const session = createSessionStore({ persist: { name: NAME, storage: 'session' } });
    const signedIn = commerceEngineSession();
    session.getState().setSession(signedIn);

    expect(stored(sessionStorage)).toEqual({ ...signedIn, retryAt: null, epoch: 0 });
    expect(localStorage.getItem(NAME)).toBeNull();
  });

  it('stores the cooldown and the epoch, and never the actions', () => {
    const session = createSessionStore({ persist: { name: NAME } });
    session.getState().setSession(wemasySession());
    const retryAt = Date.now() + 30_000;
    session.setState({ retryAt });
    expect(stored()).toMatchObject({ retryAt, epoch: 0 });

    session.getState().clearSession();
    const state = stored();
    expect(Object.keys(state).sort()).toEqual(PERSISTED_KEYS);
    expect(state).toEqual({
      accessToken: null,
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: 1,
    });
    expect(localStorage.getItem(NAME)).not.toMatch(/setSession|clearSession/);
  });

  it('leaves storage as it was after a refused (stale) setSession', () => {
    const session = createSessionStore({ persist: { name: NAME } });
    session.getState().setSession(wemasySession());
    session.getState().clearSession();
    const before = localStorage.getItem(NAME);
    expect(session.getState().setSession({ accessToken: 'late' }, { epoch: 0 })).toBe(false);
    expect(localStorage.getItem(NAME)).toBe(before);
  });

  it('picks up the stored session, cooldown and epoch when it is created (a reload)', () => {
    const signedIn = commerceEngineSession();
    const retryAt = Date.now() + 45_000;
    store({ ...signedIn, retryAt, epoch: 3 });

    const session = createSessionStore({ persist: { name: NAME } });
    expect(pick(session.getState())).toEqual({ ...signedIn, retryAt, epoch: 3 });
    expect(typeof session.getState().setSession).toBe('function');
    expect(typeof session.getState().clearSession).toBe('function');
  });

  it('shares one session between two stores of the same name (a second tab after reload)', () => {
    const first = createSessionStore({ persist: { name: NAME } });
    const signedIn = wemasySession();
    first.getState().setSession(signedIn);
    const second = createSessionStore({ persist: { name: NAME } });
    expect(second.getState()).toMatchObject(signedIn);
  });

  it('keeps what it understands of a session written by a newer version of the kit', () => {
    const signedIn = wemasySession();
    store({ ...signedIn, retryAt: null, epoch: 2, futureField: 'x' }, PERSIST_VERSION + 1);
    const session = createSessionStore({ persist: { name: NAME }, onStorageError: () => {} });
    expect(pick(session.getState())).toEqual({ ...signedIn, retryAt: null, epoch: 2 });
    expect(stored()).not.toHaveProperty('futureField');
  });
});

describe('a persisted session store meeting bad storage', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  const EMPTY = { accessToken: null, refreshToken: null, user: null, retryAt: null, epoch: 0 };

  it('starts empty and reports a stored value that is not JSON', () => {
    localStorage.setItem(NAME, '{"state": {"accessToken": "abc"');
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(pick(session.getState())).toEqual(EMPTY);
    expect(onStorageError).toHaveBeenCalledWith(
      expect.stringMatching(/is not a session/),
      // No cause: a parse error quotes the stored text, a token perhaps.
      undefined,
    );

    // It goes on working, and the next write replaces the broken value.
    const signedIn = wemasySession();
    session.getState().setSession(signedIn);
    expect(stored()).toMatchObject(signedIn);
  });

  it.each([
    ['tokens that are numbers', { accessToken: 42, refreshToken: 7, user: null }],
    ['tokens that are empty strings', { accessToken: '', refreshToken: '', user: null }],
    ['a user without an id', { accessToken: 'a', refreshToken: 'r', user: { email: 'x@y.z' } }],
    ['a user whose id is a number', { accessToken: 'a', refreshToken: 'r', user: { id: 1042 } }],
    ['a user that is a string', { accessToken: 'a', refreshToken: 'r', user: 'maya' }],
    ['a cooldown that is not a time', { accessToken: null, retryAt: 'soon', epoch: 0 }],
    ['an epoch that is negative', { accessToken: null, epoch: -4 }],
    ['an epoch that is not an integer', { accessToken: null, epoch: 1.5 }],
    ['a state that is an array', ['a', 'r']],
    ['a state that is a number', 5],
  ])('starts well-formed and reports a stored value with %s', (_label, state) => {
    store(state);
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    const current = pick(session.getState());

    expect(current.accessToken === null || typeof current.accessToken === 'string').toBe(true);
    expect(current.accessToken).not.toBe('');
    expect(current.refreshToken === null || typeof current.refreshToken === 'string').toBe(true);
    expect(current.user === null || typeof (current.user as { id?: unknown }).id === 'string').toBe(
      true,
    );
    expect(current.retryAt === null || Number.isFinite(current.retryAt)).toBe(true);
    expect(Number.isSafeInteger(current.epoch) && (current.epoch as number) >= 0).toBe(true);
    expect(onStorageError).toHaveBeenCalled();
  });

  it('drops what it cannot use and keeps the well-formed fields of a stored session', () => {
    store({ accessToken: 'still-good', refreshToken: 7, user: { email: 'x@y.z' }, epoch: 2 });
    const session = createSessionStore({ persist: { name: NAME }, onStorageError: () => {} });
    expect(pick(session.getState())).toEqual({
      accessToken: 'still-good',
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: 2,
    });
  });

  it('does not report a well-formed stored session', () => {
    store({ ...wemasySession(), retryAt: null, epoch: 1 });
    const onStorageError = vi.fn();
    createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(onStorageError).not.toHaveBeenCalled();
  });

  it('lets no stored __proto__ or constructor key pollute a prototype', () => {
    localStorage.setItem(
      NAME,
      `{"state":{"__proto__":{"polluted":"state"},"constructor":{"prototype":{"polluted":"ctor"}},` +
        `"accessToken":"a","refreshToken":"r","retryAt":null,"epoch":0,` +
        `"user":{"id":"u1","__proto__":{"polluted":"user","isAdmin":true},` +
        `"constructor":{"prototype":{"polluted":"user-ctor"}},"prototype":{"polluted":"p"}}},` +
        `"version":${PERSIST_VERSION}}`,
    );
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    session.getState().setSession({ accessToken: 'b' });

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const user = session.getState().user;
    expect(user?.id).toBe('u1');
    expect(Object.getPrototypeOf(user)).toBe(Object.prototype);
    expect(user?.isAdmin).toBeUndefined();
    expect(Object.hasOwn(user ?? {}, '__proto__')).toBe(false);
    expect(Object.hasOwn(user ?? {}, 'constructor')).toBe(false);
    expect(Object.getPrototypeOf(session.getState())).toBe(Object.prototype);
    expect((session.getState() as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(onStorageError).toHaveBeenCalled();
  });

  it('starts empty and goes on in memory when storage refuses reads and writes', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    expect(pick(session.getState())).toEqual(EMPTY);
    expect(onStorageError).toHaveBeenCalledWith(
      expect.stringMatching(/read/),
      expect.any(DOMException),
    );

    const signedIn = wemasySession();
    expect(() => session.getState().setSession(signedIn)).not.toThrow();
    expect(session.getState()).toMatchObject(signedIn);
    expect(onStorageError).toHaveBeenCalledWith(
      expect.stringMatching(/write/),
      expect.any(DOMException),
    );
    expect(() => session.getState().clearSession()).not.toThrow();
    expect(session.getState().accessToken).toBeNull();
  });

  it('goes on in memory when the page may not touch localStorage at all', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
    try {
      const onStorageError = vi.fn();
      const session = createSessionStore({ persist: { name: NAME }, onStorageError });
      expect(pick(session.getState())).toEqual(EMPTY);
      const signedIn = wemasySession();
      session.getState().setSession(signedIn);
      expect(session.getState()).toMatchObject(signedIn);
      expect(onStorageError).toHaveBeenCalledWith(
        expect.stringMatching(/could not read/),
        expect.any(DOMException),
      );
    } finally {
      if (original) Object.defineProperty(globalThis, 'localStorage', original);
    }
  });

  it('never passes a token to the storage error report', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    const signedIn = commerceEngineSession();
    session.getState().setSession(signedIn);
    expect(onStorageError).toHaveBeenCalled();
    for (const [message, cause] of onStorageError.mock.calls) {
      expect(String(message)).not.toContain(signedIn.accessToken);
      expect(String(cause)).not.toContain(signedIn.accessToken);
    }
  });

  it('warns on the console by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    localStorage.setItem(NAME, 'not json at all');
    const session = createSessionStore({ persist: { name: NAME } });
    expect(pick(session.getState())).toEqual(EMPTY);
    expect(warn).toHaveBeenCalledWith(`[storefront-auth-kit] "${NAME}" is not a session`);
  });

  it('warns on the console by default about a stored value of the wrong shape', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    store({ accessToken: 42, user: { name: 'no id' }, epoch: 0 });
    createSessionStore({ persist: { name: NAME } });
    // No cause to show, and no stray `undefined` after the message either.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[storefront-auth-kit]'));
  });

  it('does not report anything when storage is simply empty', () => {
    const onStorageError = vi.fn();
    const session = createSessionStore({ persist: { name: NAME }, onStorageError });
    session.getState().setSession(wemasySession());
    expect(onStorageError).not.toHaveBeenCalled();
  });
});
