import { screen } from '@testing-library/react';
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore, LogoutButton, wemasy } from '../../src/index.js';
import { createRequestLog, wemasyHandlers, wemasySession } from '../../src/testing/index.js';
import { renderWithKit, setupMockServer } from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const server = setupMockServer();
const counter = reliabilityCounter('brokenStorage.test.tsx', {
  starts: {
    failure: 'web storage that throws on read, is missing, or holds corrupt or wrong-typed values',
    held: 'the app starts signed out (nothing thrown), with a warning through onStorageError',
  },
  migrates: {
    failure: 'a session stored by an older (version 0) or newer kit',
    held: 'version 0 `{ token, user }` is migrated and can still log out; a newer one is read as far as it can be, with a warning',
  },
  logout: {
    failure:
      'web storage that throws on write (full quota) or on every write and removal during a logout',
    held: 'memory is emptied; a stale session is removed from storage where removal works, else the result says `storageCleared: false` and onStorageError is told',
  },
});

const KEY = 'shop-session';
const policy = { timeoutMs: 5_000, cooldownMs: 60_000 };

function serveWemasy() {
  const log = createRequestLog();
  server.use(...wemasyHandlers({ onRequest: log.record, acceptToken: () => true }));
  return log;
}

function storeValue(state: unknown, version = 1) {
  localStorage.setItem(KEY, JSON.stringify({ state, version }));
}

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('an app whose web storage is broken', () => {
  const starts: Array<[string, () => void]> = [
    [
      'localStorage.getItem throws (Safari private mode, blocked storage)',
      () => {
        vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        });
      },
    ],
    [
      'reading window.localStorage itself throws',
      () => {
        vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        });
      },
    ],
    ['the value is not JSON', () => localStorage.setItem(KEY, '{"state": {"accessToken": "cut-of')],
    ['the value is JSON of another shape', () => localStorage.setItem(KEY, '[1, 2, 3]')],
    [
      'the fields have the wrong types',
      () =>
        storeValue({ accessToken: 42, refreshToken: {}, user: 'maya', retryAt: 'soon', epoch: -1 }),
    ],
    [
      'the user holds __proto__ and constructor keys',
      () =>
        localStorage.setItem(
          KEY,
          '{"state":{"accessToken":null,"refreshToken":null,"user":{"id":"u1","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}},"retryAt":null,"epoch":0},"version":1}',
        ),
    ],
  ];

  it.each(starts)('starts signed out with a warning when %s', async (_name, breakStorage) => {
    breakStorage();
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError });
    renderWithKit(<LogoutButton />, { backend: wemasy(), store });
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    const { accessToken, refreshToken, retryAt, epoch, user } = store.getState();
    expect({ accessToken, refreshToken, retryAt, epoch }).toEqual({
      accessToken: null,
      refreshToken: null,
      retryAt: null,
      epoch: 0,
    });
    expect(user === null || Object.getPrototypeOf(user) === Object.prototype).toBe(true);
    expect(Object.hasOwn(user ?? {}, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(onStorageError).toHaveBeenCalled();
    counter.count('starts');
  });
});

describe('a session stored by another version of the kit', () => {
  it('migrates a version 0 session ({ token, user }) and logs it out with that token', async () => {
    const log = serveWemasy();
    const { accessToken: token, user } = wemasySession();
    storeValue({ token, user }, 0);
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError });
    expect(store.getState()).toMatchObject({
      accessToken: token,
      refreshToken: null,
      user,
      epoch: 0,
    });
    expect(onStorageError).not.toHaveBeenCalled();
    const result = await logoutSession(store, wemasy(), policy);
    expect(result.outcome).toBe('signed-out');
    expect(log.entries()[0]?.requestHeaders.authorization).toMatch(/^Bearer \d+\|/);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({
      version: 1,
      state: { accessToken: null, user: null },
    });
    counter.count('migrates');
  });

  it('reads what it understands of a session from a newer version, with a warning', () => {
    const session = wemasySession();
    storeValue({ ...session, retryAt: null, epoch: 3, deviceId: 'new-field' }, 7);
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError });
    expect(store.getState()).toMatchObject({ accessToken: session.accessToken, epoch: 3 });
    expect(store.getState()).not.toHaveProperty('deviceId');
    expect(onStorageError).toHaveBeenCalledWith(
      expect.stringMatching(/is from a newer kit \(version 7\)/),
      undefined,
    );
    counter.count('migrates');
  });
});

describe('a logout when storage refuses writes', () => {
  it('removes the stale session from a full storage and empties memory', async () => {
    serveWemasy();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError: () => {} });
    store.getState().setSession(wemasySession());
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const result = await logoutSession(store, wemasy(), policy);
    expect(result).not.toHaveProperty('storageCleared');
    expect(store.getState().accessToken).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
    counter.count('logout');
  });

  it('says storageCleared: false when storage can be neither written nor cleared', async () => {
    serveWemasy();
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError });
    const session = wemasySession();
    store.getState().setSession(session);
    for (const method of ['setItem', 'removeItem'] as const) {
      vi.spyOn(Storage.prototype, method).mockImplementation(() => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      });
    }
    const result = await logoutSession(store, wemasy(), policy);
    expect(result).toMatchObject({ outcome: 'signed-out', storageCleared: false });
    expect(store.getState()).toMatchObject({ accessToken: null, user: null });
    expect(onStorageError).toHaveBeenCalledWith(
      expect.stringMatching(/could not write/),
      expect.any(DOMException),
    );
    for (const [message] of onStorageError.mock.calls) {
      expect(String(message)).not.toContain(session.accessToken);
    }
    counter.count('logout');
  });

  it('says storageCleared: false for a no-session logout too, and sends nothing', async () => {
    const log = serveWemasy();
    const store = createSessionStore({ persist: { name: KEY }, onStorageError: () => {} });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const result = await logoutSession(store, wemasy(), policy);
    expect(result).toMatchObject({ outcome: 'no-session', storageCleared: false });
    expect(log.count()).toBe(0);
    counter.count('logout');
  });
});
