import { act, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { createSessionStore, LogoutButton, useLogout } from '../../src/index.js';
import { backendCases, holdLogout, renderWithKit, serve, setupMockServer } from './kit.js';

const server = setupMockServer();

/** A page that signs the customer out as soon as it mounts. */
function SignOutPage({ onSuccess }: { onSuccess: () => void }) {
  const { logout, status } = useLogout({ onSuccess });
  useEffect(() => logout(), [logout]);
  return <p>{status}</p>;
}

describe.each(backendCases)('one request per logout in flight ($name)', (backend) => {
  it('sends one request for a double click', async () => {
    const log = serve(server, backend, { scenario: 'ok' });
    const held = holdLogout(server, backend.backend().logoutUrl);
    const { store, user } = renderWithKit(<LogoutButton />, { backend: backend.backend() });
    act(() => void store.getState().setSession(backend.session()));
    await user.dblClick(screen.getByRole('button', { name: 'Log out' }));
    expect(screen.getByRole('button')).toHaveAccessibleName('Logging out…');
    expect(screen.getByRole('button')).toHaveAttribute('aria-disabled', 'true');
    held.release();
    await screen.findByRole('button', { name: 'Log out' });
    expect(log.count({ endpoint: 'logout' })).toBe(1);
  });

  it('shows one pending state in two buttons and sends one request when both are clicked', async () => {
    const log = serve(server, backend, { scenario: 'ok' });
    const held = holdLogout(server, backend.backend().logoutUrl);
    const { store, user } = renderWithKit(
      <>
        <LogoutButton aria-label="Log out (header)" />
        <LogoutButton aria-label="Log out (menu)" />
      </>,
      { backend: backend.backend() },
    );
    act(() => void store.getState().setSession(backend.session()));
    await user.click(screen.getByRole('button', { name: 'Log out (header)' }));
    const menu = screen.getByRole('button', { name: 'Log out (menu)' });
    expect(menu).toHaveTextContent('Logging out…');
    expect(menu).toHaveAttribute('aria-disabled', 'true');
    await user.click(menu);
    held.release();
    await waitFor(() => expect(menu).toHaveTextContent('Log out'));
    expect(log.count({ endpoint: 'logout' })).toBe(1);
  });

  it('sends one request for a logout started on mount under StrictMode', async () => {
    const log = serve(server, backend, { scenario: 'ok' });
    const onSuccess = vi.fn();
    const signedInStore = createSessionStore();
    signedInStore.getState().setSession(backend.session());
    const { store } = renderWithKit(<SignOutPage onSuccess={onSuccess} />, {
      backend: backend.backend(),
      store: signedInStore,
    });
    await screen.findByText('success');
    expect(log.count({ endpoint: 'logout' })).toBe(1);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(store.getState().user?.is_anonymous ?? null).toBe(
      backend.adoptsAnonymousSession ? true : null,
    );
  });
});
