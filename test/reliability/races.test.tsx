import { act, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { logoutSession } from '../../src/core/logout.js';
import {
  commerceEngine,
  createSessionStore,
  LogoutButton,
  localFirst,
  type SessionStore,
} from '../../src/index.js';
import { commerceEngineRoot, commerceEngineSession } from '../../src/testing/index.js';
import {
  backendCases,
  commerceEngineCase,
  renderWithKit,
  serve,
  setupMockServer,
} from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const server = setupMockServer();
const counter = reliabilityCounter('races.test.tsx', {
  resurrection: {
    failure: 'a token refresh that started before a logout and finishes after it',
    held: 'the guarded write setSession(tokens, { epoch }) returns false and writes nothing; every logout path bumps the epoch',
  },
  unmount: {
    failure: 'the provider unmounts while a logout is in flight (both backends, both strategies)',
    held: 'no React warning or console error; the store still ends signed out (Commerce Engine: anonymous)',
  },
});

const ROOT = commerceEngineRoot({ storeId: 'demo-store' });
const backend = () => commerceEngine({ storeId: 'demo-store' });
const policy = { timeoutMs: 5_000, cooldownMs: 60_000 };

/** A gate the test opens: until then the handler holds its answer back. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** The app's own token refresh, written as the docs say: read the epoch first, write guarded. */
async function refreshTokens(store: SessionStore): Promise<boolean> {
  const { refreshToken, epoch } = store.getState();
  const response = await fetch(`${ROOT}/auth/refresh-token`, {
    method: 'POST',
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  const { content } = await response.json();
  return store
    .getState()
    .setSession(
      { accessToken: content.access_token, refreshToken: content.refresh_token },
      { epoch },
    );
}

describe('no resurrection', () => {
  it('drops a refresh that finishes after the logout', async () => {
    const refreshAnswer = gate();
    serve(server, commerceEngineCase, { scenario: 'ok' });
    server.use(
      http.post(`${ROOT}/auth/refresh-token`, async () => {
        await refreshAnswer.opened;
        const late = commerceEngineSession();
        return HttpResponse.json({
          success: true,
          content: { access_token: late.accessToken, refresh_token: late.refreshToken },
        });
      }),
    );
    const store = createSessionStore({ syncTabs: false });
    const customer = commerceEngineSession();
    store.getState().setSession(customer);

    const refreshing = refreshTokens(store);
    const result = await logoutSession(store, backend(), policy);
    expect(result.adoptedAnonymousSession).toBe(true);
    const anonymous = store.getState().accessToken;
    refreshAnswer.open();

    expect(await refreshing).toBe(false);
    expect(store.getState().accessToken).toBe(anonymous);
    expect(store.getState().user?.is_anonymous).toBe(true);
    counter.count('resurrection');
  });

  const logoutPaths: Array<[string, (store: SessionStore) => unknown]> = [
    ['clearSession()', (store) => store.getState().clearSession()],
    ['a 2xx logout', (store) => logoutSession(store, backend(), policy)],
    ['a 401 logout', (store) => logoutSession(store, backend(), policy)],
    ['a logout with no token', (store) => logoutSession(store, backend(), policy)],
    ['a local-first logout', (store) => localFirst()(store, backend(), policy)],
  ];
  it.each(logoutPaths)(
    'ends the epoch on %s, so a guarded write of the old session fails',
    async (name, logout) => {
      serve(server, commerceEngineCase, { scenario: name.includes('401') ? 'unauthorized' : 'ok' });
      const store = createSessionStore({ syncTabs: false });
      if (!name.includes('no token')) store.getState().setSession(commerceEngineSession());
      const { epoch } = store.getState();
      await logout(store);
      expect(store.getState().epoch).toBe(epoch + 1);
      expect(store.getState().setSession({ accessToken: 'late' }, { epoch })).toBe(false);
      expect(store.getState().accessToken).not.toBe('late');
      counter.count('resurrection');
    },
  );

  it('keeps the epoch on a 429, so a refresh during the cooldown still lands', async () => {
    serve(server, commerceEngineCase, { scenario: 'rate-limited', retryAfter: 30 });
    const store = createSessionStore({ syncTabs: false });
    store.getState().setSession(commerceEngineSession());
    const { epoch } = store.getState();
    await expect(logoutSession(store, backend(), policy)).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    expect(store.getState().setSession({ accessToken: 'refreshed' }, { epoch })).toBe(true);
    counter.count('resurrection');
  });
});

describe.each(backendCases)('unmounting during a logout ($name)', (backendCase) => {
  it.each(['confirm', 'local-first'] as const)(
    'leaves no warning and a signed-out store (%s)',
    async (strategy) => {
      const warnings = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
      const answer = gate();
      const log = serve(
        server,
        backendCase,
        { scenario: 'ok' },
        http.post(backendCase.backend().logoutUrl, async () => {
          await answer.opened;
          // Fall through to the backend's own handler.
          return undefined;
        }),
      );
      const view = renderWithKit(<LogoutButton />, {
        backend: backendCase.backend(),
        provider: strategy === 'local-first' ? { strategy: localFirst() } : {},
      });
      act(() => void view.store.getState().setSession(backendCase.session()));
      await view.user.click(screen.getByRole('button', { name: 'Log out' }));
      view.unmount();
      answer.open();
      await vi.waitFor(() => expect(log.count({ endpoint: 'logout', status: 200 })).toBe(1));
      await vi.waitFor(() =>
        expect(view.store.getState().user?.is_anonymous ?? null).toBe(
          backendCase.adoptsAnonymousSession ? true : null,
        ),
      );
      expect(view.store.getState().refreshToken === null).toBe(!backendCase.adoptsAnonymousSession);
      for (const spy of warnings) expect(spy).not.toHaveBeenCalled();
      counter.count('unmount');
    },
  );
});
