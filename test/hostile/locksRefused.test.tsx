import { act, screen } from '@testing-library/react';
import { LogoutButton } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

// In a document with an opaque origin (an iframe sandboxed without allow-same-origin, as
// storefront widgets and checkout embeds are), `navigator.locks` exists but every `request()`
// rejects with a SecurityError. The kit swallows that rejection (`.catch(() => {})` in oneTab.ts)
// and with it the automatic retry: when the cooldown ends, nothing is sent, the button goes back to
// "Log out" and the live region has said "Logging out…" for a logout that never happens.
// README: "Where Web Locks are missing (very old browsers), each tab retries"; CONTRACT: "with
// `autoRetry` (on by default) the logout is sent again when it reaches 0".
// Expected: a lock that cannot be taken for another reason than "another tab holds it" is treated
// as missing Web Locks: the retry goes out.

const server = setupMockServer();

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Web Locks as an opaque-origin document has them: present, and refusing every request. */
function installRefusingLocks() {
  const locks = {
    request: () =>
      Promise.reject(
        new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'),
      ),
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return () => void Reflect.deleteProperty(navigator, 'locks');
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

it('retries by itself when the cooldown ends, even where Web Locks refuse every request', async () => {
  onTestFinished(installRefusingLocks());
  serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 2 });
  const { store, user } = renderWithKit(<LogoutButton />, {
    backend: wemasyCase.backend(),
    storeOptions: { name: 'shop' },
  });
  act(() => void store.getState().setSession(wemasyCase.session()));
  await user.click(screen.getByRole('button', { name: 'Log out' }));
  await screen.findByRole('button', { name: 'Try again in 2 s' });
  const retries = serve(server, wemasyCase, { scenario: 'ok' });

  await advance(2_000);
  await advance(1_000);

  expect(retries.count({ endpoint: 'logout' })).toBe(1);
  expect(store.getState().accessToken).toBeNull();
});
