import { COOKIE_BYTES } from '../../src/core/cookies.js';
import { cookieStorage, createSessionStore, type SessionStore } from '../../src/index.js';
import { readSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';
import { forbidCookies, forgetCookieWrites, jar, recordCookieWrites } from './helpers/cookieJar.js';

const NAME = 'shop-session';

function clearCookies() {
  for (const name of jar().keys()) {
    // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
    document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}

/** Subscribes as a mounted provider would, which starts tab sync. */
const watch = (...stores: SessionStore[]) => {
  const stops = stores.map((store) => store.subscribe(() => {}));
  return () => {
    for (const stop of stops) stop();
  };
};

const cookieStore = (options: Parameters<typeof cookieStorage>[0] = {}) =>
  createSessionStore({ persist: { name: NAME, storage: cookieStorage(options) } });

afterEach(() => {
  forgetCookieWrites();
  clearCookies();
});

describe('a session kept in cookies', () => {
  it('keeps a realistic Commerce Engine session (two RS256 tokens and a full profile) in one cookie', () => {
    const store = cookieStore();
    const session = commerceEngineSession({ user: sampleCustomer });
    store.getState().setSession(session);

    const cookies = jar();
    const value = cookies.get(NAME) ?? '';
    expect([...cookies.keys()]).toEqual([NAME]);
    // Measured: about 3 KiB, under the 4 KiB a browser keeps a cookie (name and value).
    expect(value.length).toBeGreaterThan(2_500);
    expect(NAME.length + 1 + value.length).toBeLessThanOrEqual(4_096);
    expect(readSession(document.cookie, NAME)).toMatchObject({
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      user: { id: sampleCustomer.id, first_name: 'Maya' },
    });
  });

  it('splits a session that does not fit one cookie over several, and reads it back whole', () => {
    const store = cookieStore();
    const bio = 'Maya writes reviews, and likes them long. '.repeat(100);
    store.getState().setSession({ ...commerceEngineSession(), user: { ...sampleCustomer, bio } });

    const names = [...jar().keys()].sort();
    expect(names).toEqual([`${NAME}|0`, `${NAME}|1`, `${NAME}|2`]);
    for (const name of names) {
      expect(`${name}=${jar().get(name)}`.length).toBeLessThanOrEqual(COOKIE_BYTES);
    }
    // A fresh store (a reload) and the server both read it whole.
    expect(cookieStore().getState().user?.bio).toBe(bio);
    expect(readSession(document.cookie, NAME)?.user?.bio).toBe(bio);
    // Each chunk decodes on its own, as a framework that decodes every cookie (Next.js) needs.
    const decoded = new Map([...jar()].map(([name, value]) => [name, decodeURIComponent(value)]));
    expect(readSession({ get: (name) => ({ value: decoded.get(name) ?? '' }) }, NAME)).toBeNull();
    const get = (name: string) =>
      decoded.has(name) ? { value: decoded.get(name) ?? '' } : undefined;
    expect(readSession({ get }, NAME)?.user?.bio).toBe(bio);

    // Back to one cookie when it fits again: no chunk is left behind.
    store.getState().setSession({ user: sampleCustomer });
    expect([...jar().keys()]).toEqual([NAME]);
  });

  it('warns, keeps the session in memory and leaves no stale cookie when it cannot fit at all', () => {
    const onStorageError = vi.fn();
    const store = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      onStorageError,
    });
    store.getState().setSession(commerceEngineSession());
    const huge = { ...sampleCustomer, notes: 'x'.repeat(3 * COOKIE_BYTES) };
    store.getState().setSession({ user: huge });

    expect(onStorageError).toHaveBeenCalledWith(
      `could not write "${NAME}"`,
      expect.objectContaining({
        message: `the cookie "${NAME}" needs more than 3 cookies of 4096 bytes; the session is kept in memory only, and the server sees no session`,
      }),
    );
    expect(store.getState().user?.notes).toBe(huge.notes);
    expect([...jar().keys()]).toEqual([]);
    expect(readSession(document.cookie, NAME)).toBeNull();
  });

  it('deletes every cookie of the session on logout, with the attributes it was set with, and keeps only its epoch', () => {
    const writes = recordCookieWrites();
    const store = cookieStore({ path: '/', sameSite: 'strict', maxAgeSeconds: 3600 });
    store.getState().setSession({
      ...commerceEngineSession(),
      user: { ...sampleCustomer, bio: 'é'.repeat(700) },
    });
    expect([...jar().keys()]).toHaveLength(2);

    store.getState().clearSession();

    // What is left is the logout's epoch, for a reload: no token, no customer, no session for the server.
    expect([...jar().keys()]).toEqual([NAME]);
    expect(JSON.parse(decodeURIComponent(jar().get(NAME) ?? '')).state).toEqual({
      accessToken: null,
      refreshToken: null,
      user: null,
      retryAt: null,
      epoch: 1,
    });
    expect(readSession(document.cookie, NAME)).toBeNull();
    const attributes = (write: string) =>
      write.split('; ').filter((part) => /^(Path|Domain|SameSite|Secure)/.test(part));
    const set = writes.filter((write) => !write.includes('Max-Age=0'));
    const deleted = writes.filter((write) => write.includes('Max-Age=0'));
    expect(deleted.map((write) => write.split('=')[0]).sort()).toEqual([`${NAME}|0`, `${NAME}|1`]);
    for (const write of [...set, ...deleted]) {
      expect(attributes(write)).toEqual(['Path=/', 'SameSite=strict']);
    }
    expect(set.every((write) => write.includes('Max-Age=3600'))).toBe(true);
  });

  it('writes a changed session over its cookies in place, deleting only those it no longer needs', () => {
    // A browser gives a cookie deleted and set again a new creation time, which moves it behind the
    // other cookies of its name: only an overwrite keeps which one is read.
    const store = cookieStore();
    const bio = 'é'.repeat(700);
    store.getState().setSession({ ...commerceEngineSession(), user: { ...sampleCustomer, bio } });
    expect([...jar().keys()]).toHaveLength(2);
    const writes = recordCookieWrites();
    store.getState().setSession({ accessToken: 'refreshed' });
    expect(writes.filter((write) => write.includes('Max-Age=0'))).toEqual([]);
    expect(writes.map((write) => write.split('=')[0])).toEqual([`${NAME}|0`, `${NAME}|1`]);
  });

  it('reads the same one of two cookies of the name as readSession does (the last one sent)', () => {
    const older = cookieStorage();
    older.setItem(
      NAME,
      JSON.stringify({
        state: { ...commerceEngineSession(), retryAt: null, epoch: 0 },
        version: 1,
      }),
    );
    const olderCookie = `${NAME}=${jar().get(NAME)}`;
    const current = commerceEngineSession();
    older.setItem(
      NAME,
      JSON.stringify({ state: { ...current, retryAt: null, epoch: 0 }, version: 1 }),
    );
    const currentCookie = `${NAME}=${jar().get(NAME)}`;
    // As a browser sends them: an older cookie of a longer Path first.
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => `${olderCookie}; ${currentCookie}`,
    });

    expect(cookieStore().getState().accessToken).toBe(current.accessToken);
    expect(readSession(document.cookie, NAME)?.accessToken).toBe(current.accessToken);
  });

  it('sets Secure on an https page unless told otherwise, and a Domain when given', () => {
    const writes = recordCookieWrites();
    const https = cookieStorage({ secure: true, domain: 'localhost' });
    https.setItem(NAME, JSON.stringify({ state: { accessToken: 'a', user: null }, version: 1 }));
    expect(writes.at(-1)).toMatch(/; Path=\/; Domain=localhost; SameSite=lax; Secure$/);
    const http = cookieStorage();
    http.setItem(NAME, JSON.stringify({ state: { accessToken: 'a', user: null }, version: 1 }));
    // jsdom serves http://localhost: no Secure by default there.
    expect(writes.at(-1)).toMatch(/; Path=\/; SameSite=lax$/);
  });

  it('reads an unusable maxAgeSeconds as the default, and caps it at the 400 days a browser keeps', () => {
    const writes = recordCookieWrites();
    const text = JSON.stringify({ state: { accessToken: 'a', user: null }, version: 1 });
    const ages = [Number.NaN, 0, -5, 0.5, Number.POSITIVE_INFINITY, 3600.7].map((maxAgeSeconds) => {
      cookieStorage({ maxAgeSeconds }).setItem(NAME, text);
      return writes.at(-1)?.match(/; Max-Age=(\d+);/)?.[1];
    });
    expect(ages).toEqual(['2592000', '2592000', '2592000', '2592000', '34560000', '3600']);
  });

  it('throws at once for sameSite none with secure: false, which no browser keeps', () => {
    expect(() => cookieStorage({ sameSite: 'none', secure: false })).toThrow(
      new TypeError("cookieStorage: sameSite 'none' needs secure"),
    );
    expect(() => cookieStorage({ sameSite: 'none' })).not.toThrow();
    expect(() => cookieStorage({ sameSite: 'none', secure: true })).not.toThrow();
    expect(() => cookieStorage({ sameSite: 'lax', secure: false })).not.toThrow();
  });

  it('says once that the browser refused the cookie, and again only after a write that worked', () => {
    let refuse = true;
    const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => native?.get?.call(document),
      set: (value: string) => refuse || native?.set?.call(document, value),
    });
    const onStorageError = vi.fn();
    const store = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      onStorageError,
    });
    store.getState().setSession(commerceEngineSession());
    store.getState().setSession(commerceEngineSession());
    expect(onStorageError).toHaveBeenCalledOnce();
    expect(onStorageError).toHaveBeenCalledWith(
      `could not write "${NAME}"`,
      expect.objectContaining({ message: expect.stringMatching(/was refused/) }),
    );

    refuse = false;
    store.getState().setSession(commerceEngineSession());
    expect(readSession(document.cookie, NAME)?.accessToken).toBe(store.getState().accessToken);
    refuse = true;
    store.getState().setSession(commerceEngineSession());
    expect(onStorageError).toHaveBeenCalledTimes(2);
  });

  it('keeps the reload rules: a newer epoch wins, and a cooldown survives a reload', () => {
    const store = cookieStore();
    const retryAt = Date.now() + 30_000;
    store.getState().setSession(commerceEngineSession());
    store.setState({ retryAt, epoch: 4 });

    const reloaded = cookieStore();
    expect(reloaded.getState()).toMatchObject({ retryAt, epoch: 4 });
    expect(reloaded.getState().accessToken).toBe(store.getState().accessToken);
    // What the server rendered in a newer epoch stays; an older one gives way to the cookie.
    const newer = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      initialSession: { user: null, epoch: 5 },
    });
    expect(newer.getState()).toMatchObject({ accessToken: null, epoch: 5 });
    const older = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      initialSession: { user: null, epoch: 3 },
    });
    expect(older.getState()).toMatchObject({ accessToken: store.getState().accessToken, epoch: 4 });
  });
});

describe('cookie stores in two tabs', () => {
  it('shows a logout of one tab in the other within a moment (over a channel named after the cookie)', async () => {
    const tabA = cookieStore();
    const tabB = cookieStore();
    const stop = watch(tabA, tabB);
    tabA.getState().setSession(commerceEngineSession());
    await vi.waitFor(() => expect(tabB.getState().accessToken).toBe(tabA.getState().accessToken));
    tabA.getState().clearSession();
    await vi.waitFor(() => expect(tabB.getState()).toMatchObject({ accessToken: null, epoch: 1 }));
    stop();
  });

  it('reads the cookie again when the tab is shown: a changed cookie is taken up, a deleted one signs out', () => {
    const tab = cookieStore({ path: '/' });
    const stop = watch(tab);
    tab.getState().setSession(commerceEngineSession());
    // Another tab (or the server) wrote a newer session while this tab was hidden.
    const other = cookieStorage();
    const newer = commerceEngineSession();
    other.setItem(
      NAME,
      JSON.stringify({ state: { ...newer, retryAt: null, epoch: 2 }, version: 1 }),
    );
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState()).toMatchObject({ accessToken: newer.accessToken, epoch: 2 });

    // An older one is answered with ours, written again.
    other.setItem(
      NAME,
      JSON.stringify({
        state: { ...commerceEngineSession(), retryAt: null, epoch: 1 },
        version: 1,
      }),
    );
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState().accessToken).toBe(newer.accessToken);
    expect(readSession(document.cookie, NAME)?.accessToken).toBe(newer.accessToken);

    // Gone: a logout elsewhere (or the server) ended it.
    other.removeItem(NAME);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState()).toMatchObject({ accessToken: null, user: null, epoch: 3 });
    stop();
  });

  it('signs out a tab whose sync starts after the cookie was deleted (by the server, or its age)', () => {
    const tab = cookieStore();
    tab.getState().setSession(commerceEngineSession());
    cookieStorage().removeItem(NAME);

    const stop = watch(tab);
    expect(tab.getState()).toMatchObject({ accessToken: null, user: null, epoch: 1 });
    stop();
  });

  it('reads the cookie again only when the tab is shown, not when it is hidden', () => {
    const tab = cookieStore();
    const stop = watch(tab);
    tab.getState().setSession(commerceEngineSession());
    cookieStorage().removeItem(NAME);
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    onTestFinished(() => void Reflect.deleteProperty(document, 'visibilityState'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState().accessToken).not.toBeNull();
    Reflect.deleteProperty(document, 'visibilityState');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState()).toMatchObject({ accessToken: null, epoch: 1 });
    stop();
  });

  it('reads the cookie when its sync starts, even in a hidden tab', () => {
    const tab = cookieStore();
    tab.getState().setSession(commerceEngineSession());
    cookieStorage().removeItem(NAME);
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' });
    onTestFinished(() => void Reflect.deleteProperty(document, 'visibilityState'));
    const stop = watch(tab);
    expect(tab.getState()).toMatchObject({ accessToken: null, epoch: 1 });
    stop();
  });

  it('ends nothing on return when a signed-out tab finds the cookie of its logout gone', () => {
    const tab = cookieStore();
    const stop = watch(tab);
    tab.getState().setSession(commerceEngineSession());
    tab.getState().clearSession();
    cookieStorage().removeItem(NAME);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState().epoch).toBe(1);
    expect(jar().size).toBe(0);
    stop();
  });

  it('ends a cooldown kept without a session when its cookie is gone', () => {
    const tab = cookieStore();
    const stop = watch(tab);
    tab.setState({ retryAt: Date.now() + 30_000 });
    cookieStorage().removeItem(NAME);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState()).toMatchObject({ retryAt: null, epoch: 1 });
    stop();
  });

  it('stops reading the cookie on return once its last subscriber leaves', () => {
    const tab = cookieStore();
    const stop = watch(tab);
    tab.getState().setSession(commerceEngineSession());
    stop();
    cookieStorage().removeItem(NAME);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState().accessToken).not.toBeNull();
  });

  it.each([
    ['finds a cookie', () => cookieStore().getState().setSession(commerceEngineSession())],
    ['may not read cookies', forbidCookies],
  ])(
    "leaves a store that keeps nothing (a memory store) as it is when an area's watch %s",
    (_, given) => {
      given();
      const memory = createSessionStore();
      let stop = () => {};
      expect(() => {
        stop = cookieStorage().watch?.(memory, NAME) ?? stop;
      }).not.toThrow();
      expect(memory.getState()).toMatchObject({ accessToken: null, epoch: 0 });
      stop();
    },
  );

  it('reports cookies the page may not read, on return, as a read that failed', () => {
    const onStorageError = vi.fn();
    const tab = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      onStorageError,
    });
    tab.getState().setSession(commerceEngineSession());
    forbidCookies();
    const stop = watch(tab);
    onStorageError.mockClear();
    document.dispatchEvent(new Event('visibilitychange'));
    expect(onStorageError.mock.calls.map(([message]) => message)).toEqual([
      `could not read "${NAME}"`,
    ]);
    expect(tab.getState().accessToken).not.toBeNull();
    stop();
  });

  it('does not sign out on return when the session was kept in memory because it did not fit', () => {
    const onStorageError = vi.fn();
    const tab = createSessionStore({
      persist: { name: NAME, storage: cookieStorage() },
      onStorageError,
    });
    const stop = watch(tab);
    tab.getState().setSession({
      ...commerceEngineSession(),
      user: { id: 'c1', notes: 'x'.repeat(3 * COOKIE_BYTES) },
    });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(tab.getState().user?.id).toBe('c1');
    stop();
  });
});
