import { act, screen, waitFor } from '@testing-library/react';
import type { RequestHandler } from 'msw';
import { isLogoutError, LogoutButton, type LogoutResult, useLogout } from '../../src/index.js';
import type { MockScenario } from '../../src/testing/index.js';
import {
  type BackendCase,
  backendCases,
  recordSent,
  renderHookWithKit,
  renderWithKit,
  serve,
  setupMockServer,
} from './kit.js';

const server = setupMockServer();

/** One row of the contract's table: what the server answers and what the kit must end with. */
interface Row {
  answer: string;
  scenario?: MockScenario;
  extra?: (backend: BackendCase) => RequestHandler[];
  signedIn?: boolean;
  /** What the store holds afterwards. */
  session: 'customer' | 'empty' | 'anonymous-or-empty' | 'empty-unusable';
  status: 'success' | 'rate-limited' | 'error';
  outcome?: LogoutResult['outcome'];
  kind?: string;
  requests: number;
}

const rows: Row[] = [
  {
    answer: 'a 2xx with a valid body',
    scenario: 'ok',
    session: 'anonymous-or-empty',
    status: 'success',
    outcome: 'signed-out',
    requests: 1,
  },
  {
    answer: 'a 2xx whose body is an HTML page',
    scenario: 'malformed',
    session: 'empty-unusable',
    status: 'success',
    outcome: 'signed-out',
    requests: 1,
  },
  {
    answer: '401',
    scenario: 'unauthorized',
    session: 'empty',
    status: 'success',
    outcome: 'already-signed-out',
    requests: 1,
  },
  {
    answer: '403',
    extra: (backend) => [backend.answer(403)],
    session: 'empty',
    status: 'success',
    outcome: 'already-signed-out',
    requests: 1,
  },
  {
    answer: '404',
    scenario: 'not-found',
    session: 'empty',
    status: 'success',
    outcome: 'already-signed-out',
    requests: 1,
  },
  {
    answer: '429',
    scenario: 'rate-limited',
    session: 'customer',
    status: 'rate-limited',
    kind: 'rate-limited',
    requests: 1,
  },
  {
    answer: 'another 4xx',
    scenario: 'bad-request',
    session: 'customer',
    status: 'error',
    kind: 'rejected',
    requests: 1,
  },
  {
    answer: 'a 5xx',
    scenario: 'server-error',
    session: 'customer',
    status: 'error',
    kind: 'server',
    requests: 1,
  },
  {
    answer: 'no answer (network failure)',
    scenario: 'network-error',
    session: 'customer',
    status: 'error',
    kind: 'network',
    requests: 1,
  },
  {
    answer: 'no answer in time',
    scenario: 'slow',
    session: 'customer',
    status: 'error',
    kind: 'timeout',
    requests: 1,
  },
  {
    answer: 'a 3xx redirect (not followed)',
    extra: (backend) => [backend.answer(302, { Location: 'https://login.example/sign-in' })],
    session: 'customer',
    status: 'error',
    kind: 'invalid-response',
    requests: 1,
  },
  {
    answer: 'nothing: there is no session',
    scenario: 'ok',
    signedIn: false,
    session: 'empty',
    status: 'success',
    outcome: 'no-session',
    requests: 0,
  },
];

function setUp(backend: BackendCase, row: Row) {
  const sent = recordSent(server);
  serve(
    server,
    backend,
    { scenario: row.scenario ?? 'ok', delayMs: 2_000 },
    ...(row.extra?.(backend) ?? []),
  );
  const customer = backend.session();
  const logoutsSent = () => sent.filter((url) => url === backend.backend().logoutUrl).length;
  return { logoutsSent, customer };
}

function expectSession(
  state: {
    accessToken: string | null;
    refreshToken: string | null;
    user: { id: string; is_anonymous?: boolean } | null;
  },
  row: Row,
  backend: BackendCase,
  customer: ReturnType<BackendCase['session']>,
) {
  if (row.session === 'customer') {
    expect(state.accessToken).toBe(customer.accessToken);
    expect(state.user?.id).toBe(customer.user.id);
    return;
  }
  expect(state.accessToken).not.toBe(customer.accessToken);
  expect(state.user?.id).not.toBe(customer.user.id);
  if (row.session === 'anonymous-or-empty' && backend.adoptsAnonymousSession) {
    expect(state.accessToken).toEqual(expect.any(String));
    expect(state.refreshToken).toEqual(expect.any(String));
    expect(state.user?.is_anonymous).toBe(true);
  } else {
    expect(state).toMatchObject({ accessToken: null, refreshToken: null, user: null });
  }
}

describe.each(backendCases)('a logout from $name', (backend) => {
  describe.each(rows)('when the server answers $answer', (row) => {
    it('ends with the contract’s outcome through useLogout', async () => {
      const { logoutsSent, customer } = setUp(backend, row);
      const { result, store } = renderHookWithKit(() => useLogout(), {
        backend: backend.backend(),
        provider: { timeoutMs: 200 },
      });
      if (row.signedIn !== false) act(() => void store.getState().setSession(customer));

      let settled: LogoutResult | unknown;
      await act(async () => {
        settled = await result.current.logoutAsync().catch((error: unknown) => error);
      });

      expect(result.current.status).toBe(row.status);
      if (row.outcome) {
        expect(settled).toMatchObject({ outcome: row.outcome });
        expect(result.current.error).toBeNull();
        const usable = row.session !== 'empty-unusable' || !backend.adoptsAnonymousSession;
        expect((settled as LogoutResult).unusableBody).toBe(!usable);
        expect((settled as LogoutResult).adoptedAnonymousSession).toBe(
          row.session === 'anonymous-or-empty' && backend.adoptsAnonymousSession,
        );
      } else {
        expect(isLogoutError(settled)).toBe(true);
        expect(settled).toMatchObject({ kind: row.kind });
        expect(result.current.error).toBe(settled);
      }
      expectSession(store.getState(), row, backend, customer);
      expect(logoutsSent()).toBe(row.requests);
    });

    it('ends with the contract’s outcome through LogoutButton', async () => {
      const { logoutsSent, customer } = setUp(backend, row);
      const onLoggedOut = vi.fn();
      const onLogoutError = vi.fn();
      const { store, user } = renderWithKit(
        <LogoutButton onLoggedOut={onLoggedOut} onLogoutError={onLogoutError} />,
        { backend: backend.backend(), provider: { timeoutMs: 200 } },
      );
      if (row.signedIn !== false) act(() => void store.getState().setSession(customer));

      await user.click(screen.getByRole('button', { name: 'Log out' }));

      if (row.outcome) {
        await waitFor(() => expect(onLoggedOut).toHaveBeenCalledTimes(1));
        expect(onLoggedOut.mock.calls[0]?.[0]).toMatchObject({ outcome: row.outcome });
        expect(onLogoutError).not.toHaveBeenCalled();
      } else {
        await waitFor(() => expect(onLogoutError).toHaveBeenCalledTimes(1));
        expect(onLogoutError.mock.calls[0]?.[0]).toMatchObject({ kind: row.kind });
        expect(onLoggedOut).not.toHaveBeenCalled();
      }
      const button = screen.getByRole('button');
      if (row.status === 'rate-limited') {
        expect(button).toHaveAccessibleName(/^Try again in \d+ s$/);
        expect(button).toHaveAttribute('aria-disabled', 'true');
      } else {
        await waitFor(() => expect(button).toHaveAccessibleName('Log out'));
        expect(button).not.toHaveAttribute('aria-disabled');
      }
      expectSession(store.getState(), row, backend, customer);
      expect(logoutsSent()).toBe(row.requests);
    });
  });
});
