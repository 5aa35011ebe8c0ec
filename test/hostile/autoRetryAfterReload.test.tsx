import { act, screen } from '@testing-library/react';
import { createSessionStore, LogoutButton } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

// A storefront that wants no automatic retry on its button (`<LogoutButton autoRetry={false} />`,
// say because a logout must always be the customer's own click) gets one anyway after a reload:
// the cooldown survives the reload (by design), but the wish of the button that started the
// logout does not, and the provider of the reloaded page, whose `lastCaller` is nobody, falls back
// to its own default `autoRetry: true`. The same happens in a second tab of the same storefront
// (its provider never saw the click), whenever its end-of-cooldown timer fires before the first
// tab's "no retry" reaches it: the logout is sent automatically although every button of the app
// says autoRetry={false}.
// CONTRACT: `autoRetry` "overrides the provider's"; "When a cooldown ends without an automatic
// retry, `status` returns to `idle`". README: a cooldown "survives reloads and tabs".
// Expected: the same page, reloaded, ends the same cooldown the same way: nothing is sent, the
// button reads "Log out" again, and the customer is still signed in.

const server = setupMockServer();

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

it.fails('keeps a button’s autoRetry={false} for a cooldown that survived a reload', async () => {
  const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 5 });
  const storeOptions = { persist: { name: 'shop-session' } };
  const page = renderWithKit(<LogoutButton autoRetry={false} />, {
    backend: wemasyCase.backend(),
    storeOptions,
  });
  act(() => void page.store.getState().setSession(wemasyCase.session()));
  await page.user.click(screen.getByRole('button', { name: 'Log out' }));
  await screen.findByRole('button', { name: 'Try again in 5 s' });

  // The customer reloads: the same app, a new store read from localStorage, a new provider.
  page.unmount();
  renderWithKit(<LogoutButton autoRetry={false} />, {
    backend: wemasyCase.backend(),
    store: createSessionStore(storeOptions),
  });
  await screen.findByRole('button', { name: /^Try again in/ });
  await advance(5_000);
  await advance(1_000);

  expect(log.count({ endpoint: 'logout' })).toBe(1);
  expect(screen.getByRole('button', { name: 'Log out' })).not.toHaveAttribute('aria-disabled');
});
