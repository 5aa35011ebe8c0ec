import { createSessionStore, type SessionStore } from '../../src/index.js';
import { reliabilityCounter } from './counts.js';

const counter = reliabilityCounter('crossTab.test.ts', {
  tabs: {
    failure:
      'two tabs (two stores in one jsdom): sign-in, logout, a late tab, a stale write, a removed key, junk under the key, other keys',
    held: 'each change shows in the other store; the newer epoch always wins, so a tab that missed the logout cannot write the session back',
  },
});

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};

/** Subscribes as a mounted provider would; returns the unsubscribe functions to call at the end. */
function watch(...stores: SessionStore[]) {
  const stops = stores.map((store) => store.subscribe(() => {}));
  return () => {
    for (const stop of stops) stop();
  };
}

/** Writes `value` under `key` as another tab would; `storageArea: null` as an app's own event may. */
function otherTabWrites(
  key: string,
  value: string | null,
  storageArea: Storage | null = localStorage,
) {
  const oldValue = localStorage.getItem(key);
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, value);
  window.dispatchEvent(
    new StorageEvent('storage', { key, oldValue, newValue: value, storageArea }),
  );
}

const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null')?.state;

afterEach((context) => {
  localStorage.clear();
  if (context.task.result?.state === 'pass') counter.count('tabs');
});

describe('tab sync over BroadcastChannel (named memory stores)', () => {
  it('shows a sign-in and a logout of one tab in the other', async () => {
    const tabA = createSessionStore({ name: 'shop' });
    const tabB = createSessionStore({ name: 'shop' });
    const stop = watch(tabA, tabB);
    tabA.getState().setSession(customer);
    await vi.waitFor(() => expect(tabB.getState().accessToken).toBe('customer-access'));
    tabA.getState().clearSession();
    await vi.waitFor(() => expect(tabB.getState().accessToken).toBeNull());
    expect(tabB.getState()).toMatchObject({ refreshToken: null, user: null, epoch: 1 });
    stop();
  });

  it('hands an open session to a tab opened later', async () => {
    const tabA = createSessionStore({ name: 'shop' });
    const stopA = watch(tabA);
    tabA.getState().setSession(customer);
    const tabB = createSessionStore({ name: 'shop' });
    const stopB = watch(tabB);
    await vi.waitFor(() => expect(tabB.getState().user).toEqual({ id: 'c1' }));
    stopA();
    stopB();
  });

  it('lets the newer epoch win: a tab that missed the logout cannot bring the session back', async () => {
    // tabB logged out twice while tabA was not listening; tabA still holds the old customer.
    const tabA = createSessionStore({ name: 'shop' });
    tabA.getState().setSession(customer);
    const tabB = createSessionStore({ name: 'shop' });
    tabB.setState({ epoch: 2 });
    const stopB = watch(tabB);
    const stop = watch(tabA);
    tabA.getState().setSession({ accessToken: 'late-refresh' });
    await vi.waitFor(() => expect(tabA.getState().epoch).toBe(2));
    expect(tabA.getState().accessToken).toBeNull();
    expect(tabB.getState().accessToken).toBeNull();
    stop();
    stopB();
  });

  it('sends nothing while nobody subscribes, nor with syncTabs: false', async () => {
    const quiet = createSessionStore({ name: 'shop' });
    const off = createSessionStore({ name: 'shop', syncTabs: false });
    const stopOff = watch(off);
    const sender = createSessionStore({ name: 'shop' });
    const stop = watch(sender);
    sender.getState().setSession(customer);
    const listener = createSessionStore({ name: 'shop' });
    const stopListener = watch(listener);
    await vi.waitFor(() => expect(listener.getState().accessToken).toBe('customer-access'));
    expect(quiet.getState().accessToken).toBeNull();
    expect(off.getState().accessToken).toBeNull();
    stop();
    stopOff();
    stopListener();
  });

  it('keeps two unnamed memory stores apart: neither adopts nor empties the other', async () => {
    const shopA = createSessionStore();
    const shopB = createSessionStore();
    const stop = watch(shopA, shopB);
    shopA.getState().setSession(customer);
    // A named store of the same page, syncing, proves messages would have had time to arrive.
    const named = createSessionStore({ name: 'probe' });
    const namedTwin = createSessionStore({ name: 'probe' });
    const stopNamed = watch(named, namedTwin);
    named.getState().setSession(customer);
    await vi.waitFor(() => expect(namedTwin.getState().accessToken).toBe('customer-access'));
    expect(shopB.getState()).toMatchObject({ accessToken: null, user: null, epoch: 0 });
    shopB.getState().clearSession();
    named.getState().clearSession();
    await vi.waitFor(() => expect(namedTwin.getState().epoch).toBe(1));
    expect(shopA.getState()).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    stop();
    stopNamed();
  });

  it('keeps stores of different names apart, and a memory store apart from a persisted one', async () => {
    const shopA = createSessionStore({ name: 'shop-a' });
    const shopB = createSessionStore({ name: 'shop-b' });
    const persisted = createSessionStore({ persist: { name: 'shop-c', storage: 'session' } });
    const twinA = createSessionStore({ name: 'shop-a' });
    const stop = watch(shopA, shopB, persisted, twinA);
    shopA.getState().setSession(customer);
    await vi.waitFor(() => expect(twinA.getState().accessToken).toBe('customer-access'));
    expect(shopB.getState().accessToken).toBeNull();
    expect(persisted.getState().accessToken).toBeNull();
    stop();
    sessionStorage.clear();
  });
});

describe('tab sync over BroadcastChannel (sessionStorage stores)', () => {
  it('shows a logout in the other tab, whose sessionStorage is its own', async () => {
    const persist = { name: 'sync-session-storage', storage: 'session' as const };
    const tabA = createSessionStore({ persist });
    const tabB = createSessionStore({ persist });
    const stop = watch(tabA, tabB);
    tabA.getState().setSession(customer);
    await vi.waitFor(() => expect(tabB.getState().accessToken).toBe('customer-access'));
    tabA.getState().clearSession();
    await vi.waitFor(() => expect(tabB.getState()).toMatchObject({ accessToken: null, epoch: 1 }));
    stop();
    sessionStorage.clear();
  });
});

describe('tab sync over storage events (localStorage stores)', () => {
  it.each([
    ['from the browser', localStorage],
    ['from an event without a storageArea (dispatched by the app)', null],
  ])('applies a logout another tab wrote under the key, %s', (_, storageArea) => {
    const key = 'sync-logout';
    const store = createSessionStore({ persist: { name: key } });
    const stop = watch(store);
    store.getState().setSession(customer);
    otherTabWrites(
      key,
      JSON.stringify({
        state: { accessToken: null, refreshToken: null, user: null, retryAt: null, epoch: 1 },
        version: 1,
      }),
      storageArea,
    );
    expect(store.getState()).toMatchObject({ accessToken: null, user: null, epoch: 1 });
    stop();
  });

  it("shows another tab's cooldown, so a reload or a second tab counts down the same", () => {
    const key = 'sync-cooldown';
    const store = createSessionStore({ persist: { name: key } });
    const stop = watch(store);
    store.getState().setSession(customer);
    const retryAt = Date.now() + 30_000;
    otherTabWrites(key, JSON.stringify({ state: { ...customer, retryAt, epoch: 0 }, version: 1 }));
    expect(store.getState().retryAt).toBe(retryAt);
    const reloaded = createSessionStore({ persist: { name: key } });
    expect(reloaded.getState().retryAt).toBe(retryAt);
    stop();
  });

  it('writes its newer session back over an older one another tab wrote late', () => {
    const key = 'sync-stale';
    const store = createSessionStore({ persist: { name: key } });
    const stop = watch(store);
    store.getState().setSession(customer);
    store.getState().clearSession();
    otherTabWrites(
      key,
      JSON.stringify({ state: { ...customer, retryAt: null, epoch: 0 }, version: 1 }),
    );
    expect(store.getState().accessToken).toBeNull();
    expect(stored(key)).toMatchObject({ accessToken: null, epoch: 1 });
    stop();
  });

  it('keeps the session, and stores it again, when the key is removed without a logout', () => {
    // A full quota or another script's localStorage.clear() loses storage; a logout writes an
    // empty session with a newer epoch instead. Signing every tab out here would leave a session
    // that still works on the server behind.
    const key = 'sync-removed';
    const store = createSessionStore({ persist: { name: key } });
    const stop = watch(store);
    store.getState().setSession(customer);
    otherTabWrites(key, null);
    expect(store.getState()).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    expect(stored(key)).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    stop();
  });

  it('keeps the session when something that is not a session is written under the key', () => {
    const key = 'sync-garbage';
    const onStorageError = vi.fn();
    const store = createSessionStore({ persist: { name: key }, onStorageError });
    const stop = watch(store);
    store.getState().setSession(customer);
    otherTabWrites(key, '{"state": {"accessToken": "cut-of');
    expect(store.getState()).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    // As after a removed key: the session is stored again, over what is not one.
    expect(stored(key)).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    expect(onStorageError).not.toHaveBeenCalled();
    stop();
  });

  it('ignores other keys and stops listening when the last subscriber leaves', () => {
    const key = 'sync-stop';
    const store = createSessionStore({ persist: { name: key } });
    const stop = watch(store);
    store.getState().setSession(customer);
    otherTabWrites('another-key', null);
    expect(store.getState().accessToken).toBe('customer-access');
    stop();
    otherTabWrites(key, null);
    expect(store.getState().accessToken).toBe('customer-access');
  });
});
