import { createSessionStore } from '../../src/index.js';

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};

it('stores the session again when something that is not a session is written under the key', () => {
  const key = 'junk-again';
  const store = createSessionStore({ persist: { name: key }, onStorageError: () => {} });
  const stop = store.subscribe(() => {});
  store.getState().setSession(customer);
  const junk = '{"state": {"accessToken": "cut-of';
  const oldValue = localStorage.getItem(key);
  localStorage.setItem(key, junk);
  window.dispatchEvent(
    new StorageEvent('storage', { key, oldValue, newValue: junk, storageArea: localStorage }),
  );
  expect(store.getState().accessToken).toBe('customer-access');
  // As after a removed key: otherwise a reload, or a tab that reads the key, finds no session.
  expect(localStorage.getItem(key)).not.toBe(junk);
  expect(JSON.parse(localStorage.getItem(key) ?? 'null')?.state).toMatchObject({
    accessToken: 'customer-access',
  });
  stop();
  localStorage.clear();
});
