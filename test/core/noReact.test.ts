import { setupServer } from 'msw/node';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  createRequestLog,
  wemasyHandlers,
  wemasySession,
} from '../../src/testing/index.js';

// React is mocked away, not the kit: any import of React by the core fails loudly.
vi.mock('react', () => {
  throw new Error('core must not import React');
});
vi.mock('react-dom', () => {
  throw new Error('core must not import react-dom');
});
vi.mock('react-dom/client', () => {
  throw new Error('core must not import react-dom');
});
vi.mock('react/jsx-runtime', () => {
  throw new Error('core must not import React');
});
vi.mock('@tanstack/react-query', () => {
  throw new Error('core must not import @tanstack/react-query');
});
vi.mock('zustand', () => {
  throw new Error('core must use zustand/vanilla, not the React binding');
});

const CORE_MODULES = import.meta.glob([
  '../../src/core/*.ts',
  '../../src/backends/*.ts',
  '../../src/server/*.ts',
]);

const log = createRequestLog();
const server = setupServer(
  ...commerceEngineHandlers({ storeId: 'demo-store', onRequest: log.record }),
  ...wemasyHandlers({ onRequest: log.record }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the core without React', () => {
  it('really has React mocked away in this file', async () => {
    await expect(import('react')).rejects.toThrow();
    await expect(import('@tanstack/react-query')).rejects.toThrow();
  });

  it('loads every module of src/core, src/backends and src/server', async () => {
    const paths = Object.keys(CORE_MODULES);
    expect(paths).toEqual(
      expect.arrayContaining([
        '../../src/core/logout.ts',
        '../../src/core/sessionStore.ts',
        '../../src/core/retryAfter.ts',
        '../../src/backends/commerceEngine.ts',
        '../../src/backends/wemasy.ts',
        '../../src/core/cookieStorage.ts',
        '../../src/server/index.ts',
      ]),
    );
    for (const path of paths) {
      await expect(CORE_MODULES[path]?.(), path).resolves.toBeTypeOf('object');
    }
  });

  it('logs a Commerce Engine customer out and adopts the anonymous session', async () => {
    const { createSessionStore } = await import('../../src/core/sessionStore.js');
    const { logoutSession } = await import('../../src/core/logout.js');
    const { commerceEngine } = await import('../../src/backends/commerceEngine.js');
    const store = createSessionStore();
    const customer = commerceEngineSession({ storeId: 'demo-store' });
    store.getState().setSession(customer);

    const result = await logoutSession(store, commerceEngine({ storeId: 'demo-store' }), {
      timeoutMs: 10_000,
      cooldownMs: 60_000,
    });

    expect(result).toMatchObject({ outcome: 'signed-out', adoptedAnonymousSession: true });
    expect(store.getState().accessToken).not.toBe(customer.accessToken);
    expect(store.getState().user?.is_anonymous).toBe(true);
    expect(log.count({ backend: 'commerce-engine', endpoint: 'logout' })).toBe(1);
  });

  it('logs a Wemasy customer out and rate-limits with a persisted store', async () => {
    const { createSessionStore } = await import('../../src/core/sessionStore.js');
    const { logoutSession } = await import('../../src/core/logout.js');
    const { isLogoutError } = await import('../../src/core/LogoutError.js');
    const { wemasy } = await import('../../src/backends/wemasy.js');
    server.use(...wemasyHandlers({ scenario: 'rate-limited', retryAfter: 30 }));
    const store = createSessionStore({ persist: { name: 'no-react-session' } });
    store.getState().setSession(wemasySession());
    const policy = { timeoutMs: 10_000, cooldownMs: 60_000 };

    const error = await logoutSession(store, wemasy(), policy).catch((caught: unknown) => caught);
    expect(isLogoutError(error) && error.kind).toBe('rate-limited');
    expect(store.getState().retryAt).toBeGreaterThan(Date.now());
    expect(localStorage.getItem('no-react-session')).toContain('"retryAt":');
  });
});
