import { act, screen, waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton, type SessionEndReason } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from './kit.js';

const server = setupMockServer();

describe('onSessionEnded on AuthKitProvider', () => {
  it("says 'logout' in the tab that logged out and 'other-tab' in every other tab", async () => {
    serve(server, wemasyCase);
    const session = wemasyCase.session();
    const heard: Array<[string, SessionEndReason]> = [];
    const tabs = ['A', 'B'].map((tab) => {
      const store = createSessionStore({ name: 'shop' });
      store.getState().setSession(session);
      return renderWithKit(<LogoutButton aria-label={`Log out in ${tab}`} />, {
        backend: wemasyCase.backend(),
        store,
        provider: { onSessionEnded: (reason) => heard.push([tab, reason]) },
      });
    });

    await tabs[0]?.user.click(screen.getByRole('button', { name: 'Log out in A' }));

    await waitFor(() => expect(tabs[1]?.store.getState().accessToken).toBeNull());
    expect(heard).toEqual([
      ['A', 'logout'],
      ['B', 'other-tab'],
    ]);
  });

  it("says 'cleared' when the app clears the session itself, after the cache is dropped", () => {
    const seen: Array<{ reason: SessionEndReason; cached: number }> = [];
    const { store, queryClient } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      provider: {
        onSessionEnded: (reason) =>
          seen.push({ reason, cached: queryClient.getQueryCache().getAll().length }),
      },
    });
    queryClient.setQueryData(['orders'], ['order-1']);
    act(() => void store.getState().setSession(wemasyCase.session()));
    act(() => store.getState().clearSession());
    expect(seen).toEqual([{ reason: 'cleared', cached: 0 }]);
  });

  it('is not called in a tab that opens after another tab logged out: it held no session', async () => {
    const tabA = createSessionStore({ name: 'shop' });
    const stopA = tabA.subscribe(() => {});
    tabA.getState().setSession(wemasyCase.session());
    tabA.getState().clearSession();

    const onSessionEnded = vi.fn();
    const tabB = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      store: createSessionStore({ name: 'shop' }),
      provider: { onSessionEnded },
    });
    tabB.queryClient.setQueryData(['catalog'], ['product-1']);
    // Tab A answers the new tab's hello with its empty session of epoch 1.
    await waitFor(() => expect(tabB.store.getState().epoch).toBe(1));
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(tabB.queryClient.getQueryData(['catalog'])).toEqual(['product-1']);
    stopA();
  });

  it("keeps the session when another tab's late message of the same epoch holds none", async () => {
    const onSessionEnded = vi.fn();
    const store = createSessionStore({ name: 'shop' });
    const { queryClient } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      store,
      provider: { onSessionEnded },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    queryClient.setQueryData(['orders'], ['order-1']);
    // Another tab's message, written before this tab's sign-in and delivered after it; then one
    // that is news (a logout there), so the test knows the first one was read.
    const other = new BroadcastChannel('storefront-auth-kit:shop');
    const empty = { accessToken: null, refreshToken: null, user: null, retryAt: null };
    other.postMessage({ ...empty, epoch: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState().accessToken).not.toBeNull();
    expect(queryClient.getQueryData(['orders'])).toEqual(['order-1']);
    other.postMessage({ ...empty, epoch: 1 });
    other.close();
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(onSessionEnded).toHaveBeenCalledExactlyOnceWith('other-tab');
  });

  it("drops the cache and says 'cleared' when the app empties the session without a new epoch", () => {
    const onSessionEnded = vi.fn();
    const { store, queryClient } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      provider: { onSessionEnded },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    queryClient.setQueryData(['orders'], ['order-1']);
    act(
      () => void store.getState().setSession({ accessToken: null, refreshToken: null, user: null }),
    );
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(onSessionEnded).toHaveBeenCalledExactlyOnceWith('cleared');
  });

  it('is not called for a sign-in, a token refresh or a 429', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const onSessionEnded = vi.fn();
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      provider: { onSessionEnded, autoRetry: false },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    act(() => void store.getState().setSession({ accessToken: 'refreshed-token' }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 30 s' });
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('still logs out when the callback throws, and reports the error', async () => {
    serve(server, wemasyCase);
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      provider: {
        onSessionEnded: () => {
          throw new Error('router gone');
        },
      },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'router gone' }));
    expect(screen.getByRole('button', { name: 'Log out' })).not.toHaveAttribute('aria-disabled');
  });
});
