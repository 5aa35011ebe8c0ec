import { createSessionStore } from '../../src/index.js';

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};
const stored = (state: { epoch: number } & Record<string, unknown>) =>
  JSON.stringify({ state: { ...state, retryAt: null, epoch: state.epoch }, version: 1 });

it('never goes back to an older epoch when the key changed again before the event arrived', () => {
  const key = 'event-race';
  const store = createSessionStore({ persist: { name: key }, onStorageError: () => {} });
  const stop = store.subscribe(() => {});
  store.getState().setSession(customer);
  store.getState().clearSession();
  // Another tab logs out once more (epoch 2); before its storage event arrives here, a tab that
  // missed both logouts writes its old session (epoch 0) under the key.
  const newer = stored({ accessToken: null, refreshToken: null, user: null, epoch: 2 });
  localStorage.setItem(key, stored({ ...customer, epoch: 0 }));
  window.dispatchEvent(
    new StorageEvent('storage', {
      key,
      oldValue: null,
      newValue: newer,
      storageArea: localStorage,
    }),
  );
  expect(store.getState().accessToken).toBeNull();
  expect(store.getState().epoch).toBeGreaterThanOrEqual(1);
  stop();
  localStorage.clear();
});
