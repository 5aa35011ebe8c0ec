import { act, render, renderHook, screen } from '@testing-library/react';
import { useState } from 'react';
import {
  createSessionStore,
  LogoutButton,
  useLogout,
  useSession,
  useSessionReady,
} from '../../src/index.js';
import { holdLogout, renderWithKit, serve, setupMockServer, wemasyCase } from './kit.js';

const server = setupMockServer();

/** A header button and a menu button (the first one mounted), and a way to close the menu. */
function Header() {
  const [menuOpen, setMenuOpen] = useState(true);
  return (
    <>
      {menuOpen && <LogoutButton autoRetry={false} aria-label="Log out from the menu" />}
      <LogoutButton autoRetry={false} />
      <button type="button" onClick={() => setMenuOpen(false)}>
        Close the menu
      </button>
    </>
  );
}

describe('the cooldown live region', () => {
  it('is hidden from sight and still read: one pixel, clipped, on one line, out of the flow', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { store, user } = renderWithKit(<LogoutButton autoRetry={false} />, {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    const region = await screen.findByRole('status');
    expect(region).toHaveTextContent('Too many attempts. You can log out again in 30 seconds.');
    // As written on the element (jsdom's CSS object model reads neither clip nor white-space).
    expect(region.getAttribute('style')).toBe(
      'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0px); white-space: nowrap;',
    );
  });

  it('is said by the button that is left when the first of two buttons goes away', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const { store, user } = renderWithKit(<Header />, { backend: wemasyCase.backend() });
    act(() => void store.getState().setSession(wemasyCase.session()));
    // One region while both are there: the first button's.
    expect(screen.getAllByRole('status')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Close the menu' }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Too many attempts. You can log out again in 2 seconds.',
    );
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await screen.findByRole('button', { name: 'Log out' });
    expect(screen.getByRole('status')).toHaveTextContent('You can log out again.');
    vi.useRealTimers();
  });
});

describe('what the live region says', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => vi.useRealTimers());

  const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it.each([true, false])(
    'is nothing when the button of a signed-in customer appears (autoRetry: %s)',
    (autoRetry) => {
      const store = createSessionStore();
      store.getState().setSession(wemasyCase.session());
      renderWithKit(<LogoutButton autoRetry={autoRetry} />, {
        backend: wemasyCase.backend(),
        store,
      });
      expect(screen.getByRole('button', { name: 'Log out' })).toBeEnabled();
      expect(screen.getByRole('status')).toHaveTextContent(/^$/);
    },
  );

  it.each([true, false])(
    'is silent at the end of a cooldown whose session was cleared meanwhile (autoRetry: %s)',
    async (autoRetry) => {
      serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
      const { store, user } = renderWithKit(<LogoutButton autoRetry={autoRetry} />, {
        backend: wemasyCase.backend(),
      });
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      const region = await screen.findByRole('status');
      expect(region).toHaveTextContent('Too many attempts. You can log out again in 30 seconds.');

      act(() => store.getState().clearSession());

      // Nothing to log out of any more: no invitation to click, and no retry announced.
      expect(screen.getByRole('button', { name: 'Log out' })).toBeEnabled();
      expect(region).toHaveTextContent(/^$/);
    },
  );

  it('says the logout still out is under way when a cooldown met elsewhere ends, not "log out again"', async () => {
    serve(server, wemasyCase);
    const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
    const { store, user } = renderWithKit(<LogoutButton autoRetry={false} />, {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Logging out…' });
    // Another tab of the shop met a 429 meanwhile; its cooldown arrives through tab sync.
    act(() => store.setState({ retryAt: Date.now() + 2_000 }));
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('Too many attempts. You can log out again in 2 seconds.');

    await advance(2_000);

    expect(screen.getByRole('button', { name: 'Logging out…' })).toBeInTheDocument();
    expect(region).toHaveTextContent('Logging out…');
    release();
    await screen.findByRole('button', { name: 'Log out' });
    expect(store.getState().accessToken).toBeNull();
  });
});

describe('a hook used outside AuthKitProvider', () => {
  beforeEach(() => {
    // React reports the error it rethrows; the test reads the thrown one.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each<[string, () => unknown]>([
    ['useSession', () => useSession((state) => state.user)],
    ['useSessionReady', () => useSessionReady()],
    ['useLogout', () => useLogout()],
  ])('names %s and what to wrap the app in', (hook, use) => {
    expect(() => renderHook(use)).toThrow(
      `${hook} must be used inside <AuthKitProvider>, itself inside TanStack's <QueryClientProvider>.`,
    );
  });

  it('says it in fewer words in a production build', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => render(<LogoutButton />)).toThrow(/^useLogout needs <AuthKitProvider>$/);
  });
});
