import { createSessionStore, type SessionStore } from '../../src/index.js';

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};

const signedOut = { accessToken: null, refreshToken: null, user: null, retryAt: null };

/** Subscribes as a mounted provider would; returns the unsubscribe function. */
const watch = (store: SessionStore) => store.subscribe(() => {});

/**
 * Another tab on the store's channel, as the kit's wire format has it: what it hears, in order,
 * and a way to post. Closed when the test ends.
 */
function otherTab(name: string) {
  const channel = new BroadcastChannel(`storefront-auth-kit:${name}`);
  const heard: unknown[] = [];
  channel.onmessage = ({ data }) => heard.push(data);
  onTestFinished(() => channel.close());
  return { heard, post: (data: unknown) => channel.postMessage(data) };
}

/** The StorageEvent another tab's write (or localStorage.clear(), key null) fires here. */
function storageEvent(key: string | null, newValue: string | null, storageArea: Storage) {
  window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea }));
}

const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null')?.state;

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('tab sync: the channel between tabs', () => {
  it('says hello to the open tabs once when its sync starts, however many subscribe', async () => {
    const tab = otherTab('hello-once');
    const store = createSessionStore({ name: 'hello-once' });
    const stops = [watch(store), watch(store)];
    store.getState().setSession(customer);
    await vi.waitFor(() => expect(tab.heard).toHaveLength(2));
    expect(tab.heard).toEqual(['hello', { ...customer, retryAt: null, epoch: 0 }]);
    for (const stop of stops) stop();
  });

  it('answers a new tab with its session', async () => {
    const store = createSessionStore({ name: 'answer' });
    const stop = watch(store);
    store.getState().setSession(customer);
    const tab = otherTab('answer');
    tab.post('hello');
    await vi.waitFor(() => expect(tab.heard).toEqual([{ ...customer, retryAt: null, epoch: 0 }]));
    stop();
  });

  it('answers an older session with its own, newer one, and keeps it', async () => {
    const store = createSessionStore({ name: 'older' });
    const stop = watch(store);
    store.getState().setSession(customer);
    store.getState().clearSession();
    const tab = otherTab('older');
    tab.post({ ...customer, retryAt: null, epoch: 0 });
    await vi.waitFor(() => expect(tab.heard).toEqual([{ ...signedOut, epoch: 1 }]));
    expect(store.getState()).toMatchObject({ ...signedOut, epoch: 1 });
    stop();
  });

  it('takes up a newer epoch, even one without a session (a logout), and does not send it back', async () => {
    const store = createSessionStore({ name: 'newer' });
    const stop = watch(store);
    store.getState().setSession(customer);
    const tab = otherTab('newer');
    tab.post({ ...signedOut, epoch: 1 });
    await vi.waitFor(() => expect(store.getState().epoch).toBe(1));
    expect(store.getState().accessToken).toBeNull();
    // A change of this tab's own is sent; had the logout been sent back, it would come first.
    store.getState().setSession({ accessToken: 'next-customer' });
    await vi.waitFor(() => expect(tab.heard.length).toBeGreaterThan(0));
    expect(tab.heard).toEqual([{ ...signedOut, accessToken: 'next-customer', epoch: 1 }]);
    stop();
  });

  it('takes up a session of the same epoch (a sign-in elsewhere), but not an empty one', async () => {
    const store = createSessionStore({ name: 'same-epoch' });
    const stop = watch(store);
    const tab = otherTab('same-epoch');
    tab.post({ ...customer, retryAt: null, epoch: 0 });
    await vi.waitFor(() => expect(store.getState().accessToken).toBe('customer-access'));
    tab.post({ ...signedOut, epoch: 0 });
    // A later message of the same tab arrives after the empty one.
    tab.post({ ...customer, accessToken: 'refreshed', retryAt: null, epoch: 0 });
    await vi.waitFor(() => expect(store.getState().accessToken).toBe('refreshed'));
    expect(store.getState().user).toEqual({ id: 'c1' });
    stop();
  });

  it('ignores a message without a numeric epoch, and answers none', async () => {
    const store = createSessionStore({ name: 'no-epoch' });
    const stop = watch(store);
    const tab = otherTab('no-epoch');
    store.getState().setSession(customer);
    store.getState().clearSession();
    store.getState().setSession(customer);
    await vi.waitFor(() => expect(tab.heard).toHaveLength(3));
    const tokens: (string | null)[] = [];
    const stopRecording = store.subscribe((state) => void tokens.push(state.accessToken));
    tab.post({ ...customer, accessToken: 'stranger', epoch: '1' });
    tab.post(null);
    tab.post({ ...customer, accessToken: 'refreshed', retryAt: null, epoch: 1 });
    await vi.waitFor(() => expect(store.getState().accessToken).toBe('refreshed'));
    expect(tokens).toEqual(['refreshed']);
    // A change of this tab's own is sent; an answer to the junk would have come first.
    store.getState().clearSession();
    await vi.waitFor(() => expect(tab.heard).toHaveLength(4));
    expect(tab.heard.at(-1)).toEqual({ ...signedOut, epoch: 2 });
    stopRecording();
    stop();
  });

  it('goes on when the session cannot be sent (a user object that cannot be cloned)', async () => {
    const store = createSessionStore({ name: 'uncloneable' });
    const twin = createSessionStore({ name: 'uncloneable' });
    const stops = [watch(store), watch(twin)];
    const user = { id: 'c1', greet: () => 'hi' };
    expect(() => store.getState().setSession({ ...customer, user })).not.toThrow();
    expect(store.getState().user).toBe(user);
    // The next change that can be sent still reaches the other tab.
    store.getState().clearSession();
    await vi.waitFor(() => expect(twin.getState().epoch).toBe(1));
    for (const stop of stops) stop();
  });

  it('stops hearing the other tabs when its last subscriber leaves, even after a second call to one unsubscribe', async () => {
    const store = createSessionStore({ name: 'stop' });
    const first = watch(store);
    const second = watch(store);
    first();
    first();
    const tab = otherTab('stop');
    tab.post({ ...signedOut, epoch: 3 });
    await vi.waitFor(() => expect(store.getState().epoch).toBe(3));
    second();
    const listener = createSessionStore({ name: 'stop' });
    const stopListener = watch(listener);
    tab.post({ ...signedOut, epoch: 4 });
    await vi.waitFor(() => expect(listener.getState().epoch).toBe(4));
    expect(store.getState().epoch).toBe(3);
    stopListener();
  });

  it('works with a browser BroadcastChannel, which has no unref()', async () => {
    const NodeChannel = BroadcastChannel;
    class BrowserChannel extends NodeChannel {
      unref = undefined;
    }
    vi.stubGlobal('BroadcastChannel', BrowserChannel);
    onTestFinished(() => void vi.unstubAllGlobals());
    const store = createSessionStore({ name: 'browser-channel' });
    const stop = watch(store);
    store.getState().setSession(customer);
    vi.unstubAllGlobals();
    const tab = otherTab('browser-channel');
    tab.post('hello');
    await vi.waitFor(() => expect(tab.heard).toHaveLength(1));
    stop();
  });

  it('keeps each tab to itself where the browser has no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    onTestFinished(() => void vi.unstubAllGlobals());
    const store = createSessionStore({ name: 'no-channel' });
    const stop = watch(store);
    store.getState().setSession(customer);
    expect(store.getState().accessToken).toBe('customer-access');
    stop();
  });
});

describe('tab sync: storage events of a localStorage store', () => {
  it("stores its session again after another script's localStorage.clear()", () => {
    const store = createSessionStore({ persist: { name: 'cleared' } });
    const stop = watch(store);
    store.getState().setSession(customer);
    localStorage.clear();
    storageEvent(null, null, localStorage);
    expect(stored('cleared')).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
    stop();
  });

  // Another tab's logout is in localStorage already, its event not yet here (events come later,
  // one at a time); an event of something else comes first. Taken for the store's own key, it
  // would write the old session over the logout.
  it.each([
    ['another key of localStorage', 'other-key', () => localStorage],
    ['the same key of sessionStorage', 'late-event', () => sessionStorage],
  ])('lets an event of %s change nothing before the logout arrives', (_, key, area) => {
    const store = createSessionStore({ persist: { name: 'late-event' } });
    const stop = watch(store);
    store.getState().setSession(customer);
    const logout = JSON.stringify({ state: { ...signedOut, epoch: 1 }, version: 1 });
    localStorage.setItem('late-event', logout);
    area().removeItem(key);
    storageEvent(key, null, area());
    expect(stored('late-event')).toMatchObject({ accessToken: null, epoch: 1 });
    storageEvent('late-event', logout, localStorage);
    expect(store.getState()).toMatchObject({ accessToken: null, epoch: 1 });
    stop();
  });

  it('follows a write of the same epoch (a cooldown, a refreshed token) by reading the key', () => {
    const store = createSessionStore({ persist: { name: 'same' } });
    const stop = watch(store);
    store.getState().setSession(customer);
    const text = JSON.stringify({
      state: { ...customer, accessToken: 'refreshed', retryAt: null, epoch: 0 },
      version: 1,
    });
    localStorage.setItem('same', text);
    storageEvent('same', text, localStorage);
    expect(store.getState().accessToken).toBe('refreshed');
    stop();
  });
});
