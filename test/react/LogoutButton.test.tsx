import { act, render, screen, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { LogoutButton } from '../../src/index.js';
import {
  holdLogout,
  recordSent,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from './kit.js';

const server = setupMockServer();

/** A signed-in button whose logout answer waits for `release()`. */
function signedIn() {
  const log = serve(server, wemasyCase, { scenario: 'ok' });
  const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
  const view = renderWithKit(<LogoutButton />, { backend: wemasyCase.backend() });
  act(() => void view.store.getState().setSession(wemasyCase.session()));
  return { ...view, log, release };
}

describe('LogoutButton', () => {
  it('is one native button of type button named Log out', () => {
    signedIn();
    const button = screen.getByRole('button', { name: 'Log out' });
    expect(button.tagName).toBe('BUTTON');
    expect(button).toHaveAttribute('type', 'button');
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });

  it('stays focusable while pending: aria-disabled, not disabled', async () => {
    const { user, release } = signedIn();
    const button = screen.getByRole('button');
    await user.click(button);
    expect(button).toHaveAccessibleName('Logging out…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).not.toBeDisabled();
    expect(button).toHaveFocus();
    release();
    await screen.findByRole('button', { name: 'Log out' });
  });

  it('logs out from the keyboard', async () => {
    const { user, store, release } = signedIn();
    release();
    await user.tab();
    expect(screen.getByRole('button')).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
  });

  it('runs the caller’s onClick as well, and lets it cancel with preventDefault', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const onClick = vi.fn();
    const cancel = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const { store, user, rerender } = renderWithKit(<LogoutButton onClick={cancel} />, {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button'));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(store.getState().accessToken).not.toBeNull();

    rerender(<LogoutButton onClick={onClick} />);
    await user.click(screen.getByRole('button'));
    expect(onClick).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
  });

  it('passes every other prop and the ref to the button', () => {
    serve(server, wemasyCase);
    const ref = createRef<HTMLButtonElement>();
    renderWithKit(
      <LogoutButton ref={ref} className="header-link" data-testid="logout" title="Sign out" />,
      {
        backend: wemasyCase.backend(),
      },
    );
    const button = screen.getByRole('button', { name: 'Log out' });
    expect(button).toHaveClass('header-link');
    expect(button).toHaveAttribute('title', 'Sign out');
    expect(button).toHaveAttribute('data-testid', 'logout');
    expect(ref.current).toBe(button);
  });

  it('keeps the aria-disabled the app passes, as it would on a plain button', () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const { store, rerender } = renderWithKit(<LogoutButton aria-disabled />, {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    rerender(<LogoutButton aria-disabled="true" />);
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    rerender(<LogoutButton />);
    expect(screen.getByRole('button', { name: 'Log out' })).not.toHaveAttribute('aria-disabled');
  });

  it.each([true, 'true'] as const)(
    'sends no logout on a click while the app keeps it aria-disabled (%s)',
    async (disabled) => {
      const log = serve(server, wemasyCase, { scenario: 'ok' });
      const sent = recordSent(server);
      const { store, user } = renderWithKit(<LogoutButton aria-disabled={disabled} />, {
        backend: wemasyCase.backend(),
      });
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      // Let a logout the click started run to its end before looking.
      await waitFor(() => expect(screen.getByRole('button')).toHaveAccessibleName('Log out'));
      await waitFor(() => expect(sent.length).toBe(log.count()));
      expect(sent).toEqual([]);
      expect(store.getState().accessToken).not.toBeNull();
    },
  );

  it.each([false, 'false'] as const)(
    'logs out on a click when the app says aria-disabled is %s',
    async (disabled) => {
      serve(server, wemasyCase, { scenario: 'ok' });
      const { store, user } = renderWithKit(<LogoutButton aria-disabled={disabled} />, {
        backend: wemasyCase.backend(),
      });
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await waitFor(() => expect(store.getState().accessToken).toBeNull());
    },
  );

  it('renders children as a node or as a function of the logout state', async () => {
    const { user, rerender, store, release } = signedIn();
    rerender(<LogoutButton>Sign out</LogoutButton>);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    rerender(<LogoutButton>{({ status }) => `Sign out (${status})`}</LogoutButton>);
    await user.click(screen.getByRole('button', { name: 'Sign out (idle)' }));
    expect(screen.getByRole('button')).toHaveAccessibleName('Sign out (pending)');
    release();
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(screen.getByRole('button')).toHaveAccessibleName('Sign out (success)');
  });

  it('takes its words in another language', async () => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const { store, user } = renderWithKit(
      <LogoutButton
        autoRetry={false}
        labels={{
          idle: 'Afmelden',
          pending: 'Bezig met afmelden…',
          coolingDown: (seconds) => `Opnieuw over ${seconds} s`,
          cooldownStarted: (seconds) =>
            `Te veel pogingen. Probeer het over ${seconds} seconden opnieuw.`,
        }}
      />,
      { backend: wemasyCase.backend() },
    );
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Afmelden' }));
    await screen.findByRole('button', { name: 'Opnieuw over 30 s' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Te veel pogingen. Probeer het over 30 seconden opnieuw.',
    );
  });
});

describe('labels passed straight from a translation table', () => {
  it('keeps the default of every label given as undefined, through a 429 and its end', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    // A missing key in the app's translations arrives as undefined.
    const translations: Record<string, string | undefined> = { idle: 'Afmelden' };
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
    const { store, user } = renderWithKit(
      <LogoutButton
        autoRetry={false}
        labels={{
          idle: translations.idle,
          pending: translations.pending,
          coolingDown: undefined,
          cooldownStarted: undefined,
          cooldownEnded: translations.cooldownEnded,
        }}
      />,
      { backend: wemasyCase.backend() },
    );
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Afmelden' }));
    await screen.findByRole('button', { name: 'Try again in 2 s' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Too many attempts. You can log out again in 2 seconds.',
    );
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await screen.findByRole('button', { name: 'Afmelden' });
    expect(screen.getByRole('status')).toHaveTextContent('You can log out again.');
    vi.useRealTimers();
  });
});

describe('outside AuthKitProvider', () => {
  it('throws a sentence that says what to wrap the app in', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<LogoutButton />)).toThrow(
      "useLogout must be used inside <AuthKitProvider>, itself inside TanStack's <QueryClientProvider>.",
    );
  });
});
