import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import {
  AuthKitProvider,
  type AuthKitProviderProps,
  createSessionStore,
  LOGOUT_MUTATION_KEY,
  LogoutButton,
  type SessionStore,
} from '../../src/index.js';
import { bearerToken } from '../../src/testing/index.js';
import { createTestQueryClient, serve, setupMockServer, wemasyCase } from './kit.js';

const server = setupMockServer();

type ShopProps = { store: SessionStore; queryClient: QueryClient } & Partial<
  Omit<AuthKitProviderProps, 'store' | 'children'>
>;

/** A storefront whose provider props come from its own render, as an app's do. */
function Shop({ store, queryClient, ...provider }: ShopProps) {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AuthKitProvider backend={wemasyCase.backend()} store={store} {...provider}>
          <LogoutButton />
        </AuthKitProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

/** A store that already holds a signed-in customer's session, and that session. */
function signedInStore() {
  const store = createSessionStore();
  const session = wemasyCase.session();
  store.getState().setSession(session);
  return { store, token: session.accessToken };
}

/** The bearer token of every logout the page sent, in order. */
function sentTokens(): Array<string | null> {
  const tokens: Array<string | null> = [];
  const logoutUrl = wemasyCase.backend().logoutUrl;
  server.events.on('request:start', ({ request }) => {
    if (request.url === logoutUrl) tokens.push(bearerToken(request));
  });
  return tokens;
}

function openShop(props: ShopProps) {
  const user = userEvent.setup({
    advanceTimers: (ms) => (vi.isFakeTimers() ? vi.advanceTimersByTime(ms) : undefined),
  });
  return { ...render(<Shop {...props} />), user };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a provider given another store', () => {
  it('logs out the new store’s session with its token from the button already on screen, and leaves the first store’s alone', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const tokens = sentTokens();
    const first = signedInStore();
    const second = signedInStore();
    const queryClient = createTestQueryClient();
    const { user, rerender } = openShop({ store: first.store, queryClient });
    const button = screen.getByRole('button', { name: 'Log out' });

    rerender(<Shop store={second.store} queryClient={queryClient} />);
    // The same button, still mounted, now serves the second store.
    expect(screen.getByRole('button', { name: 'Log out' })).toBe(button);
    await user.click(button);
    await waitFor(() => expect(second.store.getState().accessToken).toBeNull());
    expect(tokens).toEqual([second.token]);
    expect(first.store.getState().accessToken).toBe(first.token);
  });

  it('sends the retry when a cooldown met on the new store ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const tokens = sentTokens();
    const first = signedInStore();
    const second = signedInStore();
    const queryClient = createTestQueryClient();
    const { user, rerender } = openShop({ store: first.store, queryClient });

    rerender(<Shop store={second.store} queryClient={queryClient} />);
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 2 s' });
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(second.store.getState().accessToken).toBeNull());
    expect(tokens).toEqual([second.token, second.token]);
    expect(second.store.getState().retryAt).toBeNull();
    expect(first.store.getState().accessToken).toBe(first.token);
  });

  it('drops the cached queries and tells the app when the new store’s session ends', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const first = signedInStore();
    const second = signedInStore();
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['orders'], ['#1001 · 2 items']);
    const onSessionEnded = vi.fn();
    const { user, rerender } = openShop({ store: first.store, queryClient, onSessionEnded });

    rerender(
      <Shop store={second.store} queryClient={queryClient} onSessionEnded={onSessionEnded} />,
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(onSessionEnded).toHaveBeenCalledExactlyOnceWith('logout'));
    expect(second.store.getState().accessToken).toBeNull();
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
  });

  it('announces a cooldown met on the new store in the button’s status region', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const first = signedInStore();
    const second = signedInStore();
    const queryClient = createTestQueryClient();
    const { user, rerender } = openShop({ store: first.store, queryClient, autoRetry: false });

    rerender(<Shop store={second.store} queryClient={queryClient} autoRetry={false} />);
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 30 s' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Too many attempts. You can log out again in 30 seconds.',
    );
  });
});

describe('a provider under a QueryClientProvider given another client', () => {
  it('runs the logout in the new client and drops the new client’s queries', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const { store } = signedInStore();
    const firstClient = createTestQueryClient();
    const secondClient = createTestQueryClient();
    secondClient.setQueryData(['orders'], ['#1001 · 2 items']);
    const { user, rerender } = openShop({ store, queryClient: firstClient });

    rerender(<Shop store={store} queryClient={secondClient} />);
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    await waitFor(() => expect(secondClient.getQueryData(['orders'])).toBeUndefined());
    // The logout shows in the new client, where the app's devtools and useIsMutating look.
    expect(
      secondClient.getMutationCache().findAll({ mutationKey: LOGOUT_MUTATION_KEY }),
    ).toHaveLength(1);
    expect(firstClient.getMutationCache().getAll()).toEqual([]);
  });
});

describe('a provider re-rendered with other props', () => {
  it('calls the onSessionEnded of its latest render', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const { store } = signedInStore();
    const queryClient = createTestQueryClient();
    const heard: string[] = [];
    const { user, rerender } = openShop({
      store,
      queryClient,
      onSessionEnded: (reason) => heard.push(`first render: ${reason}`),
    });

    // An inline callback, made anew on each render of the app (it closes over the app's router).
    rerender(
      <Shop
        store={store}
        queryClient={queryClient}
        onSessionEnded={(reason) => heard.push(`latest render: ${reason}`)}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(heard).toEqual(['latest render: logout']));
  });

  it('drops only the queries its latest clearQueries names', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const { store } = signedInStore();
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['orders'], ['#1001 · 2 items']);
    queryClient.setQueryData(['catalog'], ['Linen shirt']);
    const onSessionEnded = vi.fn();
    const { user, rerender } = openShop({ store, queryClient, onSessionEnded });

    rerender(
      <Shop
        store={store}
        queryClient={queryClient}
        onSessionEnded={onSessionEnded}
        clearQueries={{ queryKey: ['orders'] }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(onSessionEnded).toHaveBeenCalledExactlyOnceWith('logout'));
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(queryClient.getQueryData(['catalog'])).toEqual(['Linen shirt']);
  });
});
