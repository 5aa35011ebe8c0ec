import { act, waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton } from '../../src/index.js';
import {
  commerceEngineCase,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from '../react/kit.js';

// Two apps on one origin that both call their store "shop": one keeps it in memory
// (`createSessionStore({ name: 'shop' })`), the other in localStorage (`persist: { name: 'shop' }`).
// They never sync, as they should not (a memory store talks over a BroadcastChannel, a localStorage
// store over `storage` events: crossTab.test.ts "keeps ... a memory store apart from a persisted
// one"), yet both take the Web Lock `storefront-auth-kit:shop` when a cooldown ends. The one that
// finds it taken skips its automatic retry, waiting for an outcome through tab sync that never
// comes: its cooldown ends with nothing sent. The lock is held a second past each retry, so any
// two cooldowns that end within about a second of each other collide.
// docs/reliability.md: "A store syncs only with the same store in other tabs ... The Web Lock of the
// cooldown retry is named after the store too".
// Expected: stores that do not sync with each other never share a lock: each app retries its own
// logout.

const server = setupMockServer();

/** A LockManager with the one behaviour the kit uses: `ifAvailable` grants a free lock or null. */
function installWebLocks() {
  const held = new Set<string>();
  const locks = {
    async request(
      name: string,
      _options: { ifAvailable: boolean },
      callback: (lock: { name: string } | null) => unknown,
    ) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return () => void Reflect.deleteProperty(navigator, 'locks');
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

it.fails('lets a memory store and a persisted store of the same name each retry its own logout', async () => {
  onTestFinished(installWebLocks());
  const wemasyLog = serve(server, wemasyCase, { scenario: 'ok' });
  const commerceLog = serve(server, commerceEngineCase, { scenario: 'ok' });
  const retryAt = Date.now() + 5_000;
  const apps = [
    { backendCase: wemasyCase, store: createSessionStore({ name: 'shop' }) },
    {
      backendCase: commerceEngineCase,
      store: createSessionStore({ persist: { name: 'shop' } }),
    },
  ];
  for (const { backendCase, store } of apps) {
    store.getState().setSession(backendCase.session());
    store.setState({ retryAt });
    renderWithKit(<LogoutButton />, { backend: backendCase.backend(), store });
  }

  await act(() => vi.advanceTimersByTimeAsync(5_000));
  await act(() => vi.advanceTimersByTimeAsync(2_000));

  await waitFor(() => expect(wemasyLog.count({ endpoint: 'logout', status: 200 })).toBe(1));
  await waitFor(() => expect(commerceLog.count({ endpoint: 'logout', status: 200 })).toBe(1));
});
