import { createSessionStore } from '../../src/index.js';

const customer = {
  accessToken: 'customer-access',
  refreshToken: 'customer-refresh',
  user: { id: 'c1' },
};

it('catches up with a logout another tab stored while nothing watched the store', () => {
  const key = 'late-tab';
  const store = createSessionStore({ persist: { name: key } });
  let stop = store.subscribe(() => {});
  store.getState().setSession(customer);
  // The provider unmounts (the app shows a page without it); meanwhile another tab logs out.
  stop();
  const loggedOut = JSON.stringify({
    state: { accessToken: null, refreshToken: null, user: null, retryAt: null, epoch: 1 },
    version: 1,
  });
  const oldValue = localStorage.getItem(key);
  localStorage.setItem(key, loggedOut);
  window.dispatchEvent(
    new StorageEvent('storage', { key, oldValue, newValue: loggedOut, storageArea: localStorage }),
  );
  // The provider mounts again: the store must not go on showing (and sending) the ended session.
  stop = store.subscribe(() => {});
  expect(store.getState()).toMatchObject({ accessToken: null, epoch: 1 });
  stop();
  localStorage.clear();
});
