import { act, render, renderHook, screen } from '@testing-library/react';
import { useState } from 'react';
import { LogoutButton, useLogout, useSession, useSessionReady } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from './kit.js';

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
