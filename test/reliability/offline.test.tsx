import { act, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { LogoutButton, localFirst, useLogout, wemasy } from '../../src/index.js';
import { wemasySession } from '../../src/testing/index.js';
import { goOffline, goOnline } from '../core/helpers/network.js';
import { recordSent, renderWithKit, setupMockServer } from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const server = setupMockServer();
const counter = reliabilityCounter('offline.test.tsx', {
  offline: {
    failure:
      'the browser says it is offline when the customer logs out (both strategies), then comes back',
    held: "'confirm' sends at once and ends in the browser's own answer (a network error, or a timeout within timeoutMs); localFirst() signs out on the device at once, its revocation waits for the online event (or goes with keepalive on pagehide) and shows pending until then",
  },
});

const LOGOUT_URL = wemasy().logoutUrl;

/** A browser without a network: every request fails at once, as fetch does offline. */
function unreachable() {
  server.use(http.post(LOGOUT_URL, () => HttpResponse.error()));
}

function Status() {
  const { status, error, revocation } = useLogout();
  return (
    <p>
      status: {status}, error: {error?.kind ?? 'none'}, revocation: {revocation}
    </p>
  );
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach((context) => {
  goOnline();
  vi.useRealTimers();
  if (context.task.result?.state === 'pass') counter.count('offline');
});

describe('a logout while the browser is offline', () => {
  it("sends the 'confirm' logout at once and reports the browser's network error", async () => {
    unreachable();
    const sent = recordSent(server);
    const session = wemasySession();
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy() },
    );
    act(() => void store.getState().setSession(session));
    // After the QueryClient mounted, as a customer's connection drops while the page is open.
    act(() => goOffline());

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await screen.findByText('status: error, error: network, revocation: idle');
    expect(sent).toEqual([LOGOUT_URL]);
    // The session is kept, as after any failed logout: the customer can try again.
    expect(store.getState().accessToken).toBe(session.accessToken);
    expect(screen.getByRole('button', { name: 'Log out' })).not.toHaveAttribute('aria-disabled');
  });

  it('bounds a request that hangs offline by timeoutMs', async () => {
    // A captive portal or a dead Wi-Fi: the request is neither refused nor answered.
    server.use(http.post(LOGOUT_URL, () => new Promise<Response>(() => {})));
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { timeoutMs: 300 } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    // After the QueryClient mounted, as a customer's connection drops while the page is open.
    act(() => goOffline());

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await act(() => vi.advanceTimersByTimeAsync(300));

    await screen.findByText('status: error, error: timeout, revocation: idle');
    expect(store.getState().accessToken).not.toBeNull();
  });

  it('signs out on the device at once with localFirst(), and revokes once back online', async () => {
    const seen: Array<{ keepalive: boolean }> = [];
    server.use(
      http.post(LOGOUT_URL, ({ request }) => {
        seen.push({ keepalive: request.keepalive });
        return navigator.onLine === false
          ? HttpResponse.error()
          : HttpResponse.json({ error: false, message: 'Logged out.', data: [] });
      }),
    );
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { strategy: localFirst({ retryDelayMs: 1_000 }) } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    // After the QueryClient mounted, as a customer's connection drops while the page is open.
    act(() => goOffline());

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await screen.findByText('status: success, error: none, revocation: pending');
    expect(store.getState()).toMatchObject({ accessToken: null, user: null });
    // However long the browser stays offline, nothing is spent on a request that cannot go out.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(seen).toEqual([]);
    expect(screen.getByText(/revocation: pending/)).toBeInTheDocument();

    act(() => goOnline());
    await screen.findByText('status: success, error: none, revocation: done');
    expect(seen).toEqual([{ keepalive: false }]);
  });

  it('still sends the revocation with keepalive when the page goes away offline', async () => {
    const seen: Array<{ keepalive: boolean }> = [];
    server.use(
      http.post(LOGOUT_URL, ({ request }) => {
        seen.push({ keepalive: request.keepalive });
        return HttpResponse.json({ error: false, message: 'Logged out.', data: [] });
      }),
    );
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: wemasy(),
      provider: { strategy: localFirst() },
    });
    act(() => void store.getState().setSession(wemasySession()));
    // After the QueryClient mounted, as a customer's connection drops while the page is open.
    act(() => goOffline());
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(store.getState().accessToken).toBeNull());

    act(() => void window.dispatchEvent(new Event('pagehide')));

    await waitFor(() => expect(seen).toEqual([{ keepalive: true }]));
  });
});
