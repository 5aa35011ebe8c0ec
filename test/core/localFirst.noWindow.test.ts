// @vitest-environment node
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { localFirst } from '../../src/core/localFirst.js';
import type { RevocationStatus } from '../../src/core/logout.js';
import { createSessionStore } from '../../src/core/sessionStore.js';
import { testPolicy, WEMASY_URL, wemasyCase } from './helpers/backends.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

// A web worker or a native app has fetch but no window: no pagehide, no online event.
it('revokes in the background where there is no window, retrying and then ending', async () => {
  const statuses = [503, 200];
  const seen: number[] = [];
  server.use(
    http.post(WEMASY_URL, () => {
      const status = statuses[seen.length] ?? 200;
      seen.push(status);
      return status === 200
        ? HttpResponse.json({ error: false, message: 'Logged out.', data: [] })
        : HttpResponse.json({ error: true }, { status });
    }),
  );
  expect(globalThis.window).toBeUndefined();
  const store = createSessionStore();
  store.getState().setSession(wemasyCase.session());
  const told: RevocationStatus[] = [];
  const result = await localFirst({ retryDelayMs: 1_000 })(
    store,
    wemasyCase.backend(),
    testPolicy({ onRevocation: (status) => void told.push(status) }),
  );
  expect(result.outcome).toBe('signed-out');
  expect(store.getState().accessToken).toBeNull();
  await vi.waitFor(() => expect(seen).toEqual([503]));
  await vi.advanceTimersByTimeAsync(1_000);
  await vi.waitFor(() => expect(told).toEqual(['pending', 'done']));
  expect(seen).toEqual([503, 200]);
});
