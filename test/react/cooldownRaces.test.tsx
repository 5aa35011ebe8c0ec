import { act, screen, waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton, useLogout } from '../../src/index.js';
import type { MockScenario } from '../../src/testing/index.js';
import {
  holdLogout,
  installBrowserLocks,
  recordSent,
  renderHookWithKit,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from './kit.js';

const server = setupMockServer();

const START = Date.UTC(2026, 10, 21, 12, 0, 0);
const LOGOUT_URL = wemasyCase.backend().logoutUrl;

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** The answers a logout meets that are neither a success nor a 429. */
const failures: Array<[string, MockScenario, string]> = [
  ['a 500', 'server-error', 'server'],
  ['a network error', 'network-error', 'network'],
];

describe('a cooldown whose automatic retry waits for its Web Lock', () => {
  let locks: ReturnType<typeof installBrowserLocks>;
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(START);
    // A named store takes the lock before it retries; the browser grants it when the test says.
    locks = installBrowserLocks({ heldBack: true });
  });
  afterEach(() => {
    locks.uninstall();
    vi.useRealTimers();
  });

  /** A customer of a named store met a 2 s cooldown; it has just ended and the retry awaits its lock. */
  async function retryAwaitingLock() {
    const onSuccess = vi.fn();
    const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const sent = recordSent(server);
    const view = renderHookWithKit(() => useLogout({ onSuccess }), {
      backend: wemasyCase.backend(),
      storeOptions: { name: 'shop' },
    });
    const customer = wemasyCase.session();
    act(() => void view.store.getState().setSession(customer));
    await act(() => view.result.current.logoutAsync().catch(() => {}));
    expect(view.result.current.status).toBe('rate-limited');
    await advance(2_000);
    expect(locks.waiting).toBe(1);
    expect(sent).toHaveLength(1);
    /** The browser grants the lock, and the tab does what it then does. */
    const grant = async () => {
      await act(async () => locks.grant());
      await advance(500);
    };
    return { ...view, onSuccess, log, sent, customer, grant };
  }

  it('counts down a new cooldown that arrives while the retry waits, and sends nothing yet', async () => {
    const onLoggedOut = vi.fn();
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const sent = recordSent(server);
    const { store, user } = renderWithKit(<LogoutButton onLoggedOut={onLoggedOut} />, {
      backend: wemasyCase.backend(),
      storeOptions: { name: 'shop' },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 2 s' });
    await advance(2_000);
    expect(locks.waiting).toBe(1);

    // Another tab's logout met a 429 meanwhile; its cooldown reaches this tab through tab sync.
    act(() => store.setState({ retryAt: Date.now() + 30_000 }));
    await act(async () => locks.grant());
    await advance(500);

    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 30 s');
    expect(sent).toHaveLength(1);
    expect(onLoggedOut).not.toHaveBeenCalled();
    expect(store.getState().accessToken).not.toBeNull();
  });

  it('sends nothing and reports no success when the session ends while the retry waits', async () => {
    const { result, store, onSuccess, sent, grant } = await retryAwaitingLock();
    // Another tab's logout, or the app's own clearSession().
    act(() => store.getState().clearSession());
    await grant();

    expect(sent).toHaveLength(1);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(result.current.status).not.toBe('success');
    expect(result.current.status).toBe('idle');
  });

  it('keeps the customer signed in when the access token goes while the retry waits', async () => {
    const { result, store, onSuccess, sent, customer, grant } = await retryAwaitingLock();
    // The app dropped an expired token and keeps the customer while it gets a new one.
    act(() => void store.getState().setSession({ accessToken: null }));
    await grant();

    expect(sent).toHaveLength(1);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(result.current.status).toBe('idle');
    expect(store.getState().user).toEqual(customer.user);
  });

  it('retries once the lock is granted when nothing changed meanwhile', async () => {
    const { result, store, onSuccess, log, grant } = await retryAwaitingLock();
    await grant();
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(log.count({ endpoint: 'logout' })).toBe(2);
    expect(onSuccess).toHaveBeenCalledOnce();
    expect(store.getState()).toMatchObject({ accessToken: null, user: null, retryAt: null });
  });
});

describe('the automatic retry at the end of a cooldown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it.each(failures)(
    'ends the cooldown in the store as it goes out, and keeps it ended after %s',
    async (_, scenario, kind) => {
      const onLogoutError = vi.fn();
      serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
      const { store, user } = renderWithKit(<LogoutButton onLogoutError={onLogoutError} />, {
        backend: wemasyCase.backend(),
      });
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await screen.findByRole('button', { name: 'Try again in 2 s' });
      // The retry meets `scenario`, once its answer is let through.
      serve(server, wemasyCase, { scenario });
      const { release } = holdLogout(server, LOGOUT_URL);

      await advance(2_000);
      await screen.findByRole('button', { name: 'Logging out…' });
      expect(store.getState().retryAt).toBeNull();

      release();
      await waitFor(() =>
        expect(onLogoutError).toHaveBeenLastCalledWith(expect.objectContaining({ kind })),
      );
      expect(store.getState().retryAt).toBeNull();
      expect(screen.getByRole('button')).toHaveAccessibleName('Log out');
    },
  );
});

describe('onRateLimited', () => {
  it.each(failures)(
    'is not called for %s, even when a cooldown landed while the logout was in flight',
    async (_, scenario, kind) => {
      const onRateLimited = vi.fn();
      const onError = vi.fn();
      serve(server, wemasyCase, { scenario });
      const { release } = holdLogout(server, LOGOUT_URL);
      const { result, store } = renderHookWithKit(
        () => useLogout({ onRateLimited, onError, autoRetry: false }),
        { backend: wemasyCase.backend() },
      );
      act(() => void store.getState().setSession(wemasyCase.session()));
      act(() => result.current.logout());
      await waitFor(() => expect(result.current.status).toBe('pending'));
      // Another tab's 429 reaches this one while its own request is out.
      act(() => store.setState({ retryAt: Date.now() + 30_000 }));

      release();
      await waitFor(() => expect(onError).toHaveBeenCalledOnce());
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind }));
      expect(onRateLimited).not.toHaveBeenCalled();
    },
  );

  it('is not called for a 429 that came after the session ended, which leaves no cooldown', async () => {
    const onRateLimited = vi.fn();
    const onError = vi.fn();
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { release } = holdLogout(server, LOGOUT_URL);
    const { result, store } = renderHookWithKit(() => useLogout({ onRateLimited, onError }), {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    act(() => result.current.logout());
    await waitFor(() => expect(result.current.status).toBe('pending'));
    // Another tab's logout (or the app's clearSession()) ends the session while the request is out.
    act(() => store.getState().clearSession());

    release();
    await waitFor(() => expect(onError).toHaveBeenCalledOnce());
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'rate-limited' }));
    expect(store.getState().retryAt).toBeNull();
    expect(onRateLimited).not.toHaveBeenCalled();
  });
});

describe('the end of a cooldown', () => {
  afterEach(() => vi.useRealTimers());

  it('reads a cooldown as over at the very millisecond it ends', async () => {
    // Only the clock is fake, and it stands still: the cooldown's timer never fires here.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { result, rerender, store } = renderHookWithKit(() => useLogout({ autoRetry: false }), {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await act(() => result.current.logoutAsync().catch(() => {}));
    expect(result.current).toMatchObject({ status: 'rate-limited', retryAt: START + 30_000 });

    vi.setSystemTime(START + 30_000);
    rerender();
    expect(result.current).toMatchObject({
      status: 'idle',
      error: null,
      retryAt: null,
      secondsLeft: 0,
    });
  });

  it('announces no retry when the session is cleared during a cooldown that would have retried', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { store, user } = renderWithKit(<LogoutButton />, { backend: wemasyCase.backend() });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 30 s' });
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('Too many attempts. You can log out again in 30 seconds.');

    act(() => store.getState().clearSession());

    expect(screen.getByRole('button')).toHaveAccessibleName('Log out');
    expect(region).not.toHaveTextContent('Logging out…');
    expect(region).not.toHaveTextContent('You can log out again.');
    expect(region).toHaveTextContent(/^$/);
  });
});

describe('onSessionEnded', () => {
  it("says 'cleared' when the app clears a session the store held before the provider mounted", () => {
    const onSessionEnded = vi.fn();
    const store = createSessionStore();
    store.getState().setSession(wemasyCase.session());
    renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      store,
      provider: { onSessionEnded },
    });

    act(() => store.getState().clearSession());

    expect(onSessionEnded).toHaveBeenCalledExactlyOnceWith('cleared');
  });
});
