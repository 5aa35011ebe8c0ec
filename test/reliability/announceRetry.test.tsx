import { act, screen } from '@testing-library/react';
import { LogoutButton } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

const server = setupMockServer();

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

it('does not invite a click when an automatic retry ended the session before the next render', async () => {
  serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 1 });
  const view = renderWithKit(<LogoutButton />, { backend: wemasyCase.backend() });
  act(() => void view.store.getState().setSession(wemasyCase.session()));
  await view.user.click(screen.getByRole('button', { name: 'Log out' }));
  await screen.findByRole('button', { name: /^Try again in/ });
  // A token no header can carry arrives during the cooldown: the retry ends as no-session at once.
  act(() => void view.store.getState().setSession({ accessToken: 'refreshed\r\ntoken' }));
  await act(() => vi.advanceTimersByTimeAsync(1_000));
  expect(view.store.getState().accessToken).toBeNull();
  expect(screen.getByRole('status')).not.toHaveTextContent('You can log out again.');
});
