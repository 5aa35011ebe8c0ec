import { act, screen, waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton } from '../../src/index.js';
import {
  commerceEngineCase,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const counter = reliabilityCounter('cooldownTabs.test.tsx', {
  retry: {
    failure: 'two tabs whose shared 429 cooldown ends at the same moment',
    held: 'with Web Locks one logout request is sent and both tabs end signed out; without them each tab still ends signed out',
  },
});

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
  return () => Reflect.deleteProperty(navigator, 'locks');
}

/** Two tabs of one storefront: two stores holding the same session and the same cooldown. */
function openTwoTabs(retryAt: number) {
  const session = wemasyCase.session();
  const tabs = [createSessionStore({ name: 'shop' }), createSessionStore({ name: 'shop' })].map(
    (store) => {
      store.getState().setSession(session);
      store.setState({ retryAt });
      return renderWithKit(<LogoutButton />, { backend: wemasyCase.backend(), store });
    },
  );
  return tabs.map((tab) => tab.store);
}

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

it('retries from one tab only when a shared cooldown ends, and the other tab follows', async () => {
  const uninstall = installWebLocks();
  const log = serve(server, wemasyCase, { scenario: 'ok' });
  const [tabA, tabB] = openTwoTabs(Date.now() + 5_000);
  expect(screen.getAllByRole('button', { name: 'Try again in 5 s' })).toHaveLength(2);
  await act(() => vi.advanceTimersByTimeAsync(5_000));
  await waitFor(() => expect(tabA?.getState().accessToken ?? null).toBeNull());
  await waitFor(() => expect(tabB?.getState().accessToken ?? null).toBeNull());
  expect(log.count({ endpoint: 'logout' })).toBe(1);
  uninstall();
  counter.count('retry');
});

it('retries again after a second 429 with Retry-After: 0, from one tab', async () => {
  const uninstall = installWebLocks();
  const log = serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 0 });
  const [tabA, tabB] = openTwoTabs(Date.now() + 5_000);
  // The first retry meets a 429 with Retry-After: 0 (now): one tab retries again at once.
  await act(() => vi.advanceTimersByTimeAsync(5_000));
  await act(() => vi.advanceTimersByTimeAsync(1_000));
  await waitFor(() => expect(tabA?.getState().accessToken ?? null).toBeNull());
  await waitFor(() => expect(tabB?.getState().accessToken ?? null).toBeNull());
  expect(log.count({ endpoint: 'logout' })).toBe(2);
  uninstall();
  counter.count('retry');
});

it('still retries where Web Locks are missing (each tab once; the later one meets a dead token)', async () => {
  const log = serve(server, wemasyCase, { scenario: 'ok' });
  const [tabA, tabB] = openTwoTabs(Date.now() + 5_000);
  await act(() => vi.advanceTimersByTimeAsync(5_000));
  await waitFor(() => expect(tabA?.getState().accessToken ?? null).toBeNull());
  await waitFor(() => expect(tabB?.getState().accessToken ?? null).toBeNull());
  expect(log.count({ endpoint: 'logout' })).toBeGreaterThanOrEqual(1);
  expect(log.count({ endpoint: 'logout' })).toBeLessThanOrEqual(2);
  counter.count('retry');
});

it('lets two shops on one origin, whose cooldowns end together, each retry its own logout', async () => {
  const uninstall = installWebLocks();
  const wemasyLog = serve(server, wemasyCase, { scenario: 'ok' });
  const commerceLog = serve(server, commerceEngineCase, { scenario: 'ok' });
  const retryAt = Date.now() + 5_000;
  const shops = [wemasyCase, commerceEngineCase].map((backendCase) => {
    const store = createSessionStore();
    store.getState().setSession(backendCase.session());
    store.setState({ retryAt });
    renderWithKit(<LogoutButton />, { backend: backendCase.backend(), store });
    return store;
  });
  await act(() => vi.advanceTimersByTimeAsync(5_000));
  await waitFor(() => expect(wemasyLog.count({ endpoint: 'logout', status: 200 })).toBe(1));
  await waitFor(() => expect(commerceLog.count({ endpoint: 'logout', status: 200 })).toBe(1));
  expect(shops[0]?.getState().user).toBeNull();
  expect(shops[1]?.getState().user?.is_anonymous).toBe(true);
  uninstall();
  counter.count('retry');
});
