import { act, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { LogoutButton, localFirst, useLogout, wemasy } from '../../src/index.js';
import { wemasySession } from '../../src/testing/index.js';
import { expectDevWarnings } from '../devWarnings.js';
import { recordSent, renderWithKit, setupMockServer } from '../react/kit.js';

// Durations read from configuration arrive as NaN when a variable is missing or mistyped
// (`Number(import.meta.env.VITE_LOGOUT_TIMEOUT)`), and the device clock can be set back while a
// logout waits (NTP, a user fixing the time). `scheduleAt` returns a no-op for NaN and measures
// every wait against Date.now(), so in both cases the kit's timers never fire.

const server = setupMockServer();
const LOGOUT_URL = wemasy().logoutUrl;
const HOUR = 3_600_000;

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function Status() {
  const { status, error, revocation } = useLogout();
  return (
    <p>
      status: {status}, error: {error?.kind ?? 'none'}, revocation: {revocation}
    </p>
  );
}

/** A captive portal: the request is neither refused nor answered. */
const hangs = () => server.use(http.post(LOGOUT_URL, () => new Promise<Response>(() => {})));

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

describe("'confirm' is always bounded by timeoutMs", () => {
  // The fault (found by trying to break the kit): with timeoutMs NaN the request timer is never armed (scheduleAt ignores NaN), so a
  // logout whose answer never comes stays `pending` for good, logoutAsync never settles, and every
  // later click joins it. docs/reliability.md: "`timeoutMs` bounds a request that hangs"; README:
  // `timeoutMs` "gives up on an answer after this long", "`Infinity` means no timeout"; CONTRACT:
  // "`undefined` in any option or label means the default".
  // Expected: a timeoutMs that is not a number of milliseconds (NaN) is read as the default
  // 10 000 ms (or refused loudly), never as "no timeout", which only Infinity means.
  it('gives up after the default 10 s when timeoutMs is NaN', async () => {
    hangs();
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { timeoutMs: Number.NaN } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await advance(10_000);
    expect(screen.getByText(/^status:/)).toHaveTextContent('status: error, error: timeout');
  });

  // The fault (found by trying to break the kit): the request timer waits until Date.now() reaches "sent + timeoutMs". When the device
  // clock is set back an hour while the answer is awaited, the 10 s timer fires, finds the wall
  // clock short of its target and waits again, for another hour: the logout stays `pending` and
  // the button "Logging out…" far past timeoutMs. (The Web Lock hold after a retry waits the same
  // way, so a clock set back then keeps the lock, and every tab's next automatic retry skips.)
  // Expected: timeoutMs is a duration ("gives up on an answer after this long"): the logout ends
  // as `timeout` 10 s after it was sent, whatever the wall clock does meanwhile.
  it('times out after timeoutMs even when the device clock is set back meanwhile', async () => {
    hangs();
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { timeoutMs: 10_000 } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await advance(1_000);
    vi.setSystemTime(Date.now() - HOUR);
    await advance(9_500);
    expect(screen.getByText(/^status:/)).toHaveTextContent('status: error, error: timeout');
  });
});

describe('a cooldown always ends', () => {
  // The fault (found by trying to break the kit): cooldownMs NaN makes retryAt NaN (Math.max(1000, NaN) is NaN). The button reads
  // "Try again in NaN s", the live region "You can log out again in NaN seconds.", status stays
  // `rate-limited` for good (NaN is never <= now), the end-of-cooldown timer is never armed, so
  // neither the automatic retry nor a click ever sends the logout again on this page: the customer
  // cannot log out until a reload (storage drops the NaN).
  // Expected: a cooldownMs that is not a number is read as the default 60 000 ms (CONTRACT: "a
  // missing or unreadable header falls back to a configurable cooldown, 60 s by default", and
  // "`undefined` in any option or label means the default"); the countdown shows whole seconds and
  // the logout is retried when it ends.
  it('counts down the default 60 s, and retries, when cooldownMs is NaN', async () => {
    expectDevWarnings();
    const answers = [
      () => new HttpResponse(null, { status: 429 }),
      () => HttpResponse.json({ error: false, message: 'Logged out.', data: [] }),
    ];
    let sent = 0;
    server.use(http.post(LOGOUT_URL, () => (answers[sent++] ?? answers[1])?.()));
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { cooldownMs: Number.NaN } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText(/status: rate-limited/);
    expect(screen.getByRole('button')).not.toHaveAccessibleName(/NaN/);
    await advance(HOUR);
    expect(store.getState().accessToken).toBeNull();
    expect(sent).toBe(2);
  });
});

describe("localFirst()'s revocation always ends", () => {
  // The fault (found by trying to break the kit): with retryDelayMs NaN the backoff after a 5xx is NaN, scheduleAt ignores it, and the
  // revocation is never sent again nor counted as failed: `revocation` stays `pending` forever and
  // the token stays valid on the server without the app ever hearing `failed`.
  // Expected: NaN is read as the default 2 000 ms (CONTRACT: "`undefined` in any option or label
  // means the default"; a NaN must not mean "never"), so the revocation is retried and ends `done`.
  it('retries after a 5xx when retryDelayMs is NaN, and ends done', async () => {
    const answers = [
      () => HttpResponse.json({ error: true }, { status: 503 }),
      () => HttpResponse.json({ error: false, message: 'Logged out.', data: [] }),
    ];
    let answered = 0;
    server.use(http.post(LOGOUT_URL, () => (answers[answered++] ?? answers[1])?.()));
    const sent = recordSent(server);
    const { store, user } = renderWithKit(
      <>
        <LogoutButton />
        <Status />
      </>,
      { backend: wemasy(), provider: { strategy: localFirst({ retryDelayMs: Number.NaN }) } },
    );
    act(() => void store.getState().setSession(wemasySession()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await advance(HOUR);
    expect(sent).toHaveLength(2);
    expect(screen.getByText(/^status:/)).toHaveTextContent('revocation: done');
  });
});
