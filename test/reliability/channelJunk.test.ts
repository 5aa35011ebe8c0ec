import { createSessionStore } from '../../src/index.js';

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};

it('keeps the session when a message on its channel is not a session', async () => {
  const store = createSessionStore({ persist: { name: 'channel-junk', storage: 'session' } });
  const stop = store.subscribe(() => {});
  store.getState().setSession(customer);
  const other = new BroadcastChannel('storefront-auth-kit:channel-junk');
  const replies: unknown[] = [];
  other.onmessage = ({ data }) => replies.push(data);
  // A message of another version of the kit, say; then a hello, which the store answers after it.
  other.postMessage({ kind: 'goodbye' });
  other.postMessage('hello');
  // Either the store answers the hello (it read the first message and went on) or it dropped the session.
  await vi.waitFor(() =>
    expect(replies.length > 0 || store.getState().accessToken === null).toBe(true),
  );
  expect(store.getState()).toMatchObject({ accessToken: 'customer-access', epoch: 0 });
  other.close();
  stop();
  sessionStorage.clear();
});
