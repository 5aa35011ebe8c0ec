import { act, screen } from '@testing-library/react';
import { createSessionStore, LogoutButton, useLogout } from '../../src/index.js';
import { expectDevWarnings, UNREADABLE_RETRY_AFTER } from '../devWarnings.js';
import {
  commerceEngineCase,
  holdLogout,
  installBrowserLocks,
  renderHookWithKit,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from './kit.js';

const server = setupMockServer();

const START = Date.UTC(2026, 10, 21, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

async function rateLimitedButton(
  retryAfter: number | string | null,
  provider: Parameters<typeof renderWithKit>[1]['provider'] = {},
) {
  const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter });
  const view = renderWithKit(<LogoutButton />, { backend: wemasyCase.backend(), provider });
  const customer = wemasyCase.session();
  act(() => void view.store.getState().setSession(customer));
  await view.user.click(screen.getByRole('button', { name: 'Log out' }));
  await screen.findByRole('button', { name: /^Try again in/ });
  return { ...view, log, customer };
}

describe('the 429 countdown', () => {
  it('keeps the session on 429 and counts down 30 → 20 → 0 once a second', async () => {
    const { store, log, customer } = await rateLimitedButton(30, { autoRetry: false });
    const button = screen.getByRole('button');
    expect(button).toHaveAccessibleName('Try again in 30 s');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(store.getState().accessToken).toBe(customer.accessToken);

    await advance(10_000);
    expect(button).toHaveAccessibleName('Try again in 20 s');
    await advance(9_000);
    expect(button).toHaveAccessibleName('Try again in 11 s');
    await advance(11_000);
    expect(button).toHaveAccessibleName('Log out');
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    expect(store.getState()).toMatchObject({ accessToken: customer.accessToken, retryAt: null });
  });

  it('reads an HTTP-date Retry-After', async () => {
    await rateLimitedButton(new Date(START + 45_000).toUTCString(), { autoRetry: false });
    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 45 s');
  });

  it('falls back to the default 60 s cooldown when Retry-After is missing', async () => {
    const warn = expectDevWarnings();
    await rateLimitedButton(null, { autoRetry: false });
    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 60 s');
    expect(warn.mock.calls[0]?.[0]).toMatch(UNREADABLE_RETRY_AFTER);
  });

  it('falls back to the configured cooldown when Retry-After cannot be read', async () => {
    const warn = expectDevWarnings();
    await rateLimitedButton('soon', { autoRetry: false, cooldownMs: 15_000 });
    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 15 s');
    expect(warn.mock.calls[0]?.[0]).toMatch(UNREADABLE_RETRY_AFTER);
  });

  it('ignores clicks while cooling down and sends nothing', async () => {
    const { user, log } = await rateLimitedButton(30, { autoRetry: false });
    await user.click(screen.getByRole('button'));
    await user.click(screen.getByRole('button'));
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    expect(screen.getByRole('button')).toHaveAccessibleName(/^Try again in/);
  });

  it('retries by itself when the countdown reaches zero, and not a moment before', async () => {
    const { store, log } = await rateLimitedButton(5);
    const retryAt = store.getState().retryAt ?? 0;
    expect(retryAt).toBeGreaterThan(Date.now());
    // Fake time also moves with real time here, so stop a safe half second short of retryAt.
    await advance(retryAt - Date.now() - 500);
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 1 s');
    await advance(600);
    await screen.findByRole('button', { name: 'Log out' });
    expect(log.count({ endpoint: 'logout' })).toBe(2);
    expect(store.getState()).toMatchObject({ accessToken: null, user: null, retryAt: null });
  });

  it('lets one button opt out of the automatic retry', async () => {
    const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 5 });
    const { store, user } = renderWithKit(<LogoutButton autoRetry={false} />, {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 5 s' });
    await advance(6_000);
    expect(screen.getByRole('button')).toHaveAccessibleName('Log out');
    expect(log.count({ endpoint: 'logout' })).toBe(1);
  });

  it('announces the cooldown politely when it starts and when it ends, not every second', async () => {
    await rateLimitedButton(3, { autoRetry: false });
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('Too many attempts. You can log out again in 3 seconds.');
    await advance(1_000);
    expect(region).toHaveTextContent('Too many attempts. You can log out again in 3 seconds.');
    await advance(2_000);
    expect(region).toHaveTextContent('You can log out again.');
  });

  it('never retries early however long the Retry-After, even past what setTimeout holds', async () => {
    const log = serve(server, commerceEngineCase, {
      scenario: 'rate-limited',
      retryAfter: 4_000_000,
    });
    const { result, store } = renderHookWithKit(() => useLogout(), {
      backend: commerceEngineCase.backend(),
    });
    act(() => void store.getState().setSession(commerceEngineCase.session()));
    await act(() => result.current.logoutAsync().catch(() => {}));
    expect(result.current.status).toBe('rate-limited');
    expect(result.current.retryAt).toBe(START + 4_000_000_000);

    await advance(2 ** 31); // one past the longest setTimeout: a naive timer would have fired at once
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    await advance(4_000_000_000 - 2 ** 31 - 1_000);
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    expect(result.current.status).toBe('rate-limited');
    await advance(1_000);
    await vi.waitFor(() => expect(log.count({ endpoint: 'logout' })).toBe(2));
    await vi.waitFor(() => expect(result.current.status).toBe('success'));
  });

  it('rejects logoutAsync during a cooldown with the current rate-limited error', async () => {
    const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { result, store } = renderHookWithKit(() => useLogout({ autoRetry: false }), {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    const first = await act(() => result.current.logoutAsync().catch((error: unknown) => error));
    await advance(10_000);
    const second = await act(() => result.current.logoutAsync().catch((error: unknown) => error));
    expect(second).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(second).toBe(first);
    expect(result.current.error).toBe(first);
    expect(log.count({ endpoint: 'logout' })).toBe(1);
  });

  it('shows the same countdown after a reload and sends nothing before it ends', async () => {
    const name = 'countdown-reload';
    localStorage.clear();
    const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 20 });
    const first = await (async () => {
      const view = renderWithKit(<LogoutButton />, {
        backend: wemasyCase.backend(),
        storeOptions: { persist: { name } },
      });
      act(() => void view.store.getState().setSession(wemasyCase.session()));
      await view.user.click(screen.getByRole('button', { name: 'Log out' }));
      await screen.findByRole('button', { name: 'Try again in 20 s' });
      return view;
    })();
    await advance(5_000);
    first.unmount();

    // A reload: a new store reads the same storage, a new provider renders.
    const reloaded = createSessionStore({ persist: { name } });
    renderWithKit(<LogoutButton />, { backend: wemasyCase.backend(), store: reloaded });
    expect(screen.getByRole('button')).toHaveAccessibleName('Try again in 15 s');
    await advance(14_000);
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    await advance(1_000);
    await screen.findByRole('button', { name: 'Log out' });
    expect(log.count({ endpoint: 'logout' })).toBe(2);
    expect(reloaded.getState().accessToken).toBeNull();
    expect(JSON.parse(localStorage.getItem(name) ?? '{}').state).toMatchObject({
      accessToken: null,
      retryAt: null,
    });
  });
});

const renders = { countdown: 0, statusOnly: 0 };

function Countdown() {
  renders.countdown += 1;
  const { secondsLeft } = useLogout();
  return <p>{secondsLeft}</p>;
}

function StatusOnly() {
  renders.statusOnly += 1;
  const { status, logout } = useLogout({ autoRetry: false });
  return (
    <button type="button" onClick={logout}>
      {status}
    </button>
  );
}

describe('re-renders during a cooldown', () => {
  it('ticks once a second only in the components that read secondsLeft', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 10 });
    renders.countdown = 0;
    renders.statusOnly = 0;
    const { store, user } = renderWithKit(
      <>
        <Countdown />
        <StatusOnly />
      </>,
      { backend: wemasyCase.backend(), strict: false },
    );
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'idle' }));
    await screen.findByRole('button', { name: 'rate-limited' });
    const before = { ...renders };
    // act() flushes renders when its callback ends, so step through the seconds one by one.
    for (let second = 0; second < 5; second += 1) await advance(1_000);
    expect(renders.countdown - before.countdown).toBe(5);
    expect(renders.statusOnly - before.statusOnly).toBe(0);
  });

  it('drops each second the moment it passes, when the cooldown does not end on a whole second', async () => {
    const store = createSessionStore();
    store.getState().setSession(wemasyCase.session());
    // A cooldown met elsewhere half a second into its first second (another tab, before a reload).
    store.setState({ retryAt: Date.now() + 2_500 });
    renderWithKit(<Countdown />, { backend: wemasyCase.backend(), store, strict: false });
    expect(screen.getByText('3')).toBeInTheDocument();

    await advance(600);
    expect(screen.getByText('2')).toBeInTheDocument();
    await advance(1_000);
    expect(screen.getByText('1')).toBeInTheDocument();
  });
});

describe('the cooldown announcement', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  it('is made once however many buttons show the countdown', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { store, user } = renderWithKit(
      <>
        <LogoutButton aria-label="Log out (header)" />
        <LogoutButton aria-label="Log out (menu)" />
      </>,
      { backend: wemasyCase.backend() },
    );
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out (header)' }));
    await screen.findByText('Too many attempts. You can log out again in 30 seconds.');
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });

  it('does not say "you can log out again" when the retry starts by itself', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const { store, user } = renderWithKit(<LogoutButton />, { backend: wemasyCase.backend() });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 2 s' });
    // Hold the automatic retry's answer, so the button stays pending while we listen.
    const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
    await advance(2_000);
    await screen.findByRole('button', { name: 'Logging out…' });
    expect(screen.getByRole('status')).not.toHaveTextContent('You can log out again.');
    release();
    await screen.findByRole('button', { name: 'Log out' });
  });

  /** Everything the live region says, in order. */
  function listen(region: HTMLElement) {
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    return said;
  }

  it.each([
    ['waits for its Web Lock', new Set<string>()],
    ['is sent by another tab that holds the lock', new Set(['storefront-auth-kit:shop'])],
  ])(
    'announces the automatic retry, not "you can log out again", when the retry %s',
    async (_, taken) => {
      const locks = installBrowserLocks({ taken });
      serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
      const { store, user } = renderWithKit(<LogoutButton />, {
        backend: wemasyCase.backend(),
        storeOptions: { name: 'shop' },
      });
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await screen.findByRole('button', { name: 'Try again in 2 s' });
      const said = listen(screen.getByRole('status'));

      await advance(2_000);
      await advance(1_000);

      expect(said).not.toContain('You can log out again.');
      expect(said).toContain('Logging out…');
      locks.uninstall();
    },
  );
});
