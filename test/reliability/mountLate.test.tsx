import { waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton, type SessionEndReason } from '../../src/index.js';
import { createTestQueryClient, renderWithKit, wemasyCase } from '../react/kit.js';

it('drops the query cache, and tells the app, when the store learns on mount that another tab logged out', async () => {
  const key = 'mount-after-logout';
  const store = createSessionStore({ persist: { name: key } });
  store.getState().setSession(wemasyCase.session());
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(['orders'], ['order-1']);
  // Another tab logs out while no provider of this tab is mounted.
  localStorage.setItem(
    key,
    JSON.stringify({
      state: { accessToken: null, refreshToken: null, user: null, retryAt: null, epoch: 1 },
      version: 1,
    }),
  );
  const heard: SessionEndReason[] = [];
  renderWithKit(<LogoutButton />, {
    backend: wemasyCase.backend(),
    store,
    queryClient,
    provider: { onSessionEnded: (reason) => heard.push(reason) },
  });
  // Right after the provider mounted (the store reads its storage again once everyone watches).
  await waitFor(() => expect(store.getState()).toMatchObject({ accessToken: null, epoch: 1 }));
  expect(heard).toEqual(['other-tab']);
  expect(queryClient.getQueryData(['orders'])).toBeUndefined();
  localStorage.clear();
});
