import { useQuery } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { delay, HttpResponse } from 'msw';
import { commerceEngine, localFirst, useLogout, useSession, wemasy } from '../../src/index.js';
import { commerceEngineSession, wemasySession } from '../../src/testing/index.js';
import { answerInTurn, loggedOut } from '../core/helpers/backends.js';
import { commerceEngineCase, renderWithKit, setupMockServer, wemasyCase } from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const server = setupMockServer();
const counter = reliabilityCounter('localFirst.test.tsx', {
  local: {
    failure:
      'local-first logout while the server is slow, rate-limiting (429), failing (5xx), refusing (400) or unreachable',
    held: 'signed out on this device at once (tokens, profile, query cache, storage); the revocation retries per Retry-After and backoff, ends done or failed, and sends with keepalive on pagehide',
  },
});

function Account() {
  const name = useSession((state) => state.user?.first_name ?? 'nobody');
  // Orders load only for a signed-in customer, as in a storefront's account page.
  const orders = useQuery({
    queryKey: ['orders'],
    queryFn: () => ['order-1'],
    enabled: name !== 'nobody',
  });
  const { logout, status, revocation } = useLogout();
  return (
    <>
      <p>signed in as {name}</p>
      <p>orders: {orders.data?.length ?? 0}</p>
      <p>status: {status}</p>
      <p>revocation: {revocation}</p>
      <button type="button" onClick={logout}>
        Log out
      </button>
    </>
  );
}

function renderLocalFirst(backend = wemasy(), session: { accessToken: string } = wemasySession()) {
  const view = renderWithKit(<Account />, {
    backend,
    provider: { strategy: localFirst({ maxAttempts: 3, retryDelayMs: 1_000 }) },
    storeOptions: { persist: { name: 'local-first-session' } },
  });
  act(() => void view.store.getState().setSession(session));
  return { ...view, token: session.accessToken };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe('the local-first strategy', () => {
  it('signs out on this device before the server answers, then shows the revocation done', async () => {
    let answer: () => void = () => {};
    const seen = answerInTurn(server, [
      async () => {
        await new Promise<void>((resolve) => {
          answer = resolve;
        });
        return loggedOut();
      },
    ]);
    const { user, store, queryClient, token } = renderLocalFirst();
    await screen.findByText('orders: 1');
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    expect(screen.getByText('signed in as nobody')).toBeInTheDocument();
    expect(screen.getByText('status: success')).toBeInTheDocument();
    expect(screen.getByText('revocation: pending')).toBeInTheDocument();
    expect(store.getState()).toMatchObject({ accessToken: null, refreshToken: null, user: null });
    expect(queryClient.getQueryCache().find({ queryKey: ['orders'] })?.state.data).toBeUndefined();
    expect(localStorage.getItem('local-first-session')).not.toContain(token);
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.authorization).toBe(`Bearer ${token}`);
    act(() => answer());
    await screen.findByText('revocation: done');
    counter.count('local');
  });

  it('retries a 429 when Retry-After says, not before', async () => {
    const seen = answerInTurn(server, [
      () => HttpResponse.json({ error: true }, { status: 429, headers: { 'Retry-After': '30' } }),
      loggedOut,
    ]);
    const { user } = renderLocalFirst();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    await advance(29_000);
    expect(seen).toHaveLength(1);
    expect(screen.getByText('revocation: pending')).toBeInTheDocument();
    await advance(1_000);
    await screen.findByText('revocation: done');
    expect(seen).toHaveLength(2);
    counter.count('local');
  });

  it('retries 5xx and network failures with backoff, then reports failed', async () => {
    const seen = answerInTurn(server, [
      () => HttpResponse.json({ error: true }, { status: 503 }),
      () => HttpResponse.error(),
      () => HttpResponse.json({ error: true }, { status: 500 }),
    ]);
    const { user, store } = renderLocalFirst();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    await advance(1_000);
    await waitFor(() => expect(seen).toHaveLength(2));
    await advance(2_000);
    await screen.findByText('revocation: failed');
    expect(seen).toHaveLength(3);
    expect(store.getState().accessToken).toBeNull();
    counter.count('local');
  });

  it('gives up at once on a 400, which sending again cannot fix', async () => {
    const seen = answerInTurn(server, [() => HttpResponse.json({ error: true }, { status: 400 })]);
    const { user } = renderLocalFirst();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText('revocation: failed');
    await advance(60_000);
    expect(seen).toHaveLength(1);
    counter.count('local');
  });

  it('sends the pending revocation with keepalive when the page is hidden for good', async () => {
    const seen = answerInTurn(server, [
      () => HttpResponse.json({ error: true }, { status: 503 }),
      loggedOut,
    ]);
    const { user } = renderLocalFirst();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    act(() => void window.dispatchEvent(new Event('pagehide')));
    await screen.findByText('revocation: done');
    expect(seen.map((request) => request.keepalive)).toEqual([false, true]);
    counter.count('local');
  });

  it('adopts the anonymous session Commerce Engine hands back, unless someone signed in meanwhile', async () => {
    server.use(...commerceEngineCase.handlers({ scenario: 'slow', delayMs: 100 }));
    const backend = commerceEngine({ storeId: 'demo-store' });
    const { user, store } = renderLocalFirst(backend, commerceEngineSession());
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    expect(store.getState().accessToken).toBeNull();
    await advance(100);
    await screen.findByText('revocation: done');
    expect(store.getState().user?.is_anonymous).toBe(true);

    const second = renderLocalFirst(backend, commerceEngineSession());
    await second.user.click(screen.getAllByRole('button', { name: 'Log out' })[1] as HTMLElement);
    const next = wemasyCase.session();
    act(() => void second.store.getState().setSession(next));
    await advance(100);
    await waitFor(() => expect(screen.getAllByText('revocation: done')).toHaveLength(2));
    expect(second.store.getState().accessToken).toBe(next.accessToken);
    counter.count('local');
  });

  it('keeps revoking after the provider unmounts, without React warnings', async () => {
    const errors = vi.spyOn(console, 'error');
    const seen = answerInTurn(server, [
      async () => {
        await delay(50);
        return HttpResponse.json({ error: true }, { status: 503 });
      },
      loggedOut,
    ]);
    const { user, unmount } = renderLocalFirst();
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    unmount();
    await advance(50);
    await advance(1_000);
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(errors).not.toHaveBeenCalled();
    counter.count('local');
  });
});
