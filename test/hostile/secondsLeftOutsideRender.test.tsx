import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { useLogout } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

// `secondsLeft` is a getter that starts the once-a-second ticking only for components that read
// it during render (README: "a component that does not read it never re-renders for the
// countdown"). But the value it returns is computed from the `now` of the component's last
// render: a component that reads it outside render, in a click handler (a toast "wait 10 s"), gets
// the seconds left at its last render, however long ago that was.
// CONTRACT: "`secondsLeft` is the whole seconds until `retryAt`, rounded up", whenever it is read;
// `status`, `retryAt` and `secondsLeft` must agree with the store and the clock.
// Expected: read at any moment, secondsLeft says the whole seconds left at that moment.

const server = setupMockServer();

/** A menu entry that shows no countdown, and says how long to wait when clicked during one. */
function MenuLogout() {
  const state = useLogout();
  const [toast, setToast] = useState<string | null>(null);
  const onClick = () => {
    if (state.status === 'rate-limited') setToast(`Please wait ${state.secondsLeft} s`);
    else state.logout();
  };
  return (
    <>
      <button type="button" onClick={onClick}>
        Sign out
      </button>
      {toast && <p role="alert">{toast}</p>}
    </>
  );
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

it('tells the seconds left at the moment it is read in a click handler', async () => {
  serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
  const { store, user } = renderWithKit(<MenuLogout />, { backend: wemasyCase.backend() });
  act(() => void store.getState().setSession(wemasyCase.session()));
  await user.click(screen.getByRole('button', { name: 'Sign out' }));
  await act(() => vi.waitFor(() => expect(store.getState().retryAt).not.toBeNull()));

  await act(() => vi.advanceTimersByTimeAsync(20_000));
  await user.click(screen.getByRole('button', { name: 'Sign out' }));

  expect(screen.getByRole('alert')).toHaveTextContent('Please wait 10 s');
});
