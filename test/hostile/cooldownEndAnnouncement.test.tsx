import { act, screen } from '@testing-library/react';
import { createSessionStore, LogoutButton, type SessionStore } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

// README: "With `autoRetry`, the end announces the retry (`Logging out…`), never "You can log out
// again.", even while the retry waits for its Web Lock or runs in another tab."
//
// The fault (found by trying to break the kit): the button decides what to say when the cooldown ends from `willRetry()`, which is false
// as soon as the store holds no access token. When the cooldown ends because the session ended
// (another tab's retry got there first: a background tab's timers run late, by a second or, after
// five hidden minutes, a minute; or the app's own clearSession() on a 401 elsewhere), the live
// region says "You can log out again." to a customer who is already signed out.
// Expected: with autoRetry on, that end is announced as the retry (the logout happened, in another
// tab) or not at all; never as "You can log out again.".

const server = setupMockServer();

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Everything the live region says, in order. */
function listen(region: HTMLElement) {
  const said: string[] = [];
  const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

const endings: Array<[string, (store: SessionStore, otherTab: SessionStore) => Promise<void>]> = [
  [
    "another tab's retry signed the customer out before this tab's timer fired",
    async (store, otherTab) => {
      // The other tab's automatic retry was answered 204 and it ended the session; this tab's
      // timers are late (a background tab), so the outcome arrives before this tab's own end.
      act(() => otherTab.getState().clearSession());
      await act(() => vi.waitFor(() => expect(store.getState().accessToken).toBeNull()));
    },
  ],
  [
    "the app's own clearSession() ended the session",
    async (store) => {
      act(() => store.getState().clearSession());
    },
  ],
];

describe('the end of a cooldown that ends with the session, with autoRetry on', () => {
  it.each(endings)('is not announced as "You can log out again." when %s', async (_, end) => {
    serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
    const otherTab = createSessionStore({ name: 'shop' });
    onTestFinished(otherTab.subscribe(() => {}));
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: wemasyCase.backend(),
      storeOptions: { name: 'shop' },
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 30 s' });
    const said = listen(screen.getByRole('status'));

    await advance(29_500);
    await end(store, otherTab);
    await advance(1_500);

    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
    expect(said).not.toContain('You can log out again.');
  });
});
