import { useQuery } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { LogoutButton, useSession } from '../../src/index.js';
import {
  backendCases,
  createTestQueryClient,
  holdLogout,
  renderWithKit,
  serve,
  setupMockServer,
} from './kit.js';

const server = setupMockServer();

function Orders() {
  const token = useSession((session) => session.accessToken);
  const orders = useQuery({
    queryKey: ['orders', token],
    queryFn: async () => ['#1001 · 2 items'],
    enabled: token !== null,
  });
  return <p>{orders.data?.join(', ') ?? 'no orders'}</p>;
}

/** Orders under one fixed key, as many storefronts write them (the key does not name the customer). */
function FixedKeyOrders() {
  const orders = useQuery({ queryKey: ['orders'], queryFn: async () => ['#1001 · 2 items'] });
  return <p>{orders.data?.join(', ') ?? 'no orders'}</p>;
}

describe.each(backendCases)('the query cache after a logout ($name)', (backend) => {
  it('stops showing the last customer’s data in components still on screen', async () => {
    serve(server, backend, { scenario: 'ok' });
    const queryClient = createTestQueryClient();
    const { store, user } = renderWithKit(
      <>
        <FixedKeyOrders />
        <LogoutButton />
      </>,
      { backend: backend.backend(), queryClient },
    );
    act(() => void store.getState().setSession(backend.session()));
    await screen.findByText('#1001 · 2 items');
    const shown = queryClient.getQueryCache().find({ queryKey: ['orders'] });

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Log out' });
    expect(shown?.state.data).toBeUndefined();
    expect(queryClient.getQueryCache().getAll()).not.toContain(shown);
  });

  it('cancels and removes every query when the session ends', async () => {
    serve(server, backend, { scenario: 'ok' });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['profile'], { email: 'maya.jansen@example.com' });
    const { store, user } = renderWithKit(
      <>
        <Orders />
        <LogoutButton />
      </>,
      { backend: backend.backend(), queryClient },
    );
    const customer = backend.session();
    act(() => void store.getState().setSession(customer));
    await screen.findByText('#1001 · 2 items');
    expect(queryClient.getQueryData(['orders', customer.accessToken])).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await vi.waitFor(() => expect(queryClient.getQueryData(['profile'])).toBeUndefined());
    expect(queryClient.getQueryData(['orders', customer.accessToken])).toBeUndefined();
  });

  it('drops the cache once per logout while the provider is mounted', async () => {
    serve(server, backend, { scenario: 'ok' });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['profile'], { email: 'maya.jansen@example.com' });
    const removeQueries = vi.spyOn(queryClient, 'removeQueries');
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: backend.backend(),
      queryClient,
    });
    act(() => void store.getState().setSession(backend.session()));

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await vi.waitFor(() => expect(queryClient.getQueryData(['profile'])).toBeUndefined());
    await screen.findByRole('button', { name: 'Log out' });
    expect(removeQueries).toHaveBeenCalledTimes(1);
  });

  it('keeps the cache with clearQueries: false and clears only matching queries with filters', async () => {
    serve(server, backend, { scenario: 'unauthorized' });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['orders'], ['#1001']);
    queryClient.setQueryData(['catalog'], ['shoes']);
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: backend.backend(),
      queryClient,
      provider: { clearQueries: { queryKey: ['orders'] } },
    });
    act(() => void store.getState().setSession(backend.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await vi.waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(queryClient.getQueryData(['catalog'])).toEqual(['shoes']);
  });

  it('leaves the cache alone when the logout fails and the session stays', async () => {
    serve(server, backend, { scenario: 'server-error' });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(['orders'], ['#1001']);
    const onLogoutError = vi.fn();
    const { store, user } = renderWithKit(<LogoutButton onLogoutError={onLogoutError} />, {
      backend: backend.backend(),
      queryClient,
    });
    act(() => void store.getState().setSession(backend.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await vi.waitFor(() => expect(onLogoutError).toHaveBeenCalled());
    expect(queryClient.getQueryData(['orders'])).toEqual(['#1001']);
  });
});

it('keeps every query with clearQueries: false', async () => {
  const [backend] = backendCases;
  if (!backend) throw new Error('no backend');
  serve(server, backend, { scenario: 'ok' });
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(['orders'], ['#1001']);
  const { store, user } = renderWithKit(<LogoutButton />, {
    backend: backend.backend(),
    queryClient,
    provider: { clearQueries: false },
  });
  act(() => void store.getState().setSession(backend.session()));
  await user.click(screen.getByRole('button', { name: 'Log out' }));
  await vi.waitFor(() => expect(store.getState().user?.is_anonymous).toBe(true));
  expect(queryClient.getQueryData(['orders'])).toEqual(['#1001']);
});

it('drops the cache whenever the session ends elsewhere: clearSession() or another tab', async () => {
  const [backend] = backendCases;
  if (!backend) throw new Error('no backend');
  serve(server, backend, { scenario: 'ok' });
  const queryClient = createTestQueryClient();
  const { store } = renderWithKit(<Orders />, { backend: backend.backend(), queryClient });
  const customer = backend.session();
  act(() => void store.getState().setSession(customer));
  await screen.findByText('#1001 · 2 items');

  // What tab sync does when another tab logged out: the stored session moves to a later epoch.
  act(() => store.setState({ accessToken: null, refreshToken: null, user: null, epoch: 5 }));
  expect(queryClient.getQueryData(['orders', customer.accessToken])).toBeUndefined();

  act(() => void store.getState().setSession(customer));
  await screen.findByText('#1001 · 2 items');
  act(() => store.getState().clearSession());
  expect(queryClient.getQueryData(['orders', customer.accessToken])).toBeUndefined();
});

it('drops the cache even when the provider unmounts while the logout is out', async () => {
  const [backend] = backendCases;
  if (!backend) throw new Error('no backend');
  serve(server, backend, { scenario: 'ok' });
  const { release } = holdLogout(server, backend.backend().logoutUrl);
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(['orders'], ['#1001']);
  const { store, user, unmount } = renderWithKit(<LogoutButton />, {
    backend: backend.backend(),
    queryClient,
  });
  act(() => void store.getState().setSession(backend.session()));
  await user.click(screen.getByRole('button', { name: 'Log out' }));
  unmount();
  release();
  await waitFor(() => expect(store.getState().user?.is_anonymous).toBe(true));
  expect(queryClient.getQueryData(['orders'])).toBeUndefined();
});
