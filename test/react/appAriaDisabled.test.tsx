import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import {
  AuthKitProvider,
  cookieStorage,
  createSessionStore,
  LogoutButton,
  type LogoutButtonProps,
  type SessionStore,
  wemasy,
} from '../../src/index.js';
import { readSession, toInitialSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';
import { hydrate, unmountHydrated } from './hydrate.js';
import {
  holdLogout,
  recordSent,
  renderWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from './kit.js';

const server = setupMockServer();

/** Lets a logout a click may have started reach the network before a test counts requests. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));

/** A signed-in customer's button with `props`, its requests recorded. */
function signedInButton(props: LogoutButtonProps, strict = true) {
  serve(server, wemasyCase, { scenario: 'ok' });
  const sent = recordSent(server);
  const view = renderWithKit(<LogoutButton {...props} />, {
    backend: wemasyCase.backend(),
    strict,
  });
  act(() => void view.store.getState().setSession(wemasyCase.session()));
  return { ...view, sent };
}

describe('an aria-disabled the app passes, from the keyboard', () => {
  it.each([
    [true, '{Enter}'],
    [true, ' '],
    ['true', '{Enter}'],
    ['true', ' '],
  ] as const)(
    'aria-disabled %j: %j sends nothing, and the app’s onClick still runs',
    async (ariaDisabled, key) => {
      const onClick = vi.fn();
      const { store, user, sent } = signedInButton({ 'aria-disabled': ariaDisabled, onClick });
      await user.tab();
      expect(screen.getByRole('button', { name: 'Log out' })).toHaveFocus();
      await user.keyboard(key);
      await settle();
      expect(onClick).toHaveBeenCalledTimes(1);
      expect(sent).toEqual([]);
      expect(store.getState().accessToken).not.toBeNull();
      expect(screen.getByRole('button', { name: 'Log out' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
    },
  );

  it.each([
    [false, '{Enter}'],
    ['false', ' '],
    ['' as never, '{Enter}'],
    [undefined, ' '],
  ] as const)('aria-disabled %j: %j logs out', async (ariaDisabled, key) => {
    const { store, user, sent } = signedInButton({ 'aria-disabled': ariaDisabled });
    await user.tab();
    await user.keyboard(key);
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(sent).toHaveLength(1);
  });
});

describe('an aria-disabled the app changes between renders', () => {
  it('logs out on the first click after the app drops its aria-disabled, not before', async () => {
    const { store, user, sent, rerender } = signedInButton({ 'aria-disabled': 'true' });
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await settle();
    expect(sent).toEqual([]);

    rerender(<LogoutButton aria-disabled="false" />);
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveAttribute(
      'aria-disabled',
      'false',
    );
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(store.getState().accessToken).toBeNull());
    expect(sent).toHaveLength(1);
  });

  it('ignores a click once the app sets aria-disabled, under StrictMode or not', async () => {
    for (const strict of [true, false]) {
      const { store, user, sent, rerender, unmount } = signedInButton({}, strict);
      rerender(<LogoutButton aria-disabled />);
      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await settle();
      expect(sent).toEqual([]);
      expect(store.getState().accessToken).not.toBeNull();
      unmount();
    }
  });
});

describe('what the button shows while the app passes aria-disabled', () => {
  it.each([
    ['no children', undefined, 'Log out'],
    ['a node', 'Sign out', 'Sign out'],
    [
      'a function of the state',
      ({ status }: { status: string }) => `state ${status}`,
      'state idle',
    ],
    ['0', 0, '0'],
    ['null', null, ''],
    ['an empty string', '', ''],
    ['false', false, ''],
  ] as const)('children as %s: the same content as without it', (_, children, name) => {
    const { rerender } = signedInButton({ 'aria-disabled': 'true', children });
    expect(screen.getByRole('button')).toHaveAccessibleName(name);
    expect(screen.getByRole('button')).toHaveAttribute('aria-disabled', 'true');
    rerender(<LogoutButton>{children}</LogoutButton>);
    expect(screen.getByRole('button')).toHaveAccessibleName(name);
    expect(screen.getByRole('button')).not.toHaveAttribute('aria-disabled');
  });

  it('keeps the default of every label given as undefined', () => {
    signedInButton({
      'aria-disabled': true,
      labels: { idle: undefined, pending: undefined, coolingDown: undefined },
    });
    expect(screen.getByRole('button')).toHaveAccessibleName('Log out');
  });

  it('drops an empty aria-disabled as it did before, and keeps "mixed" verbatim', () => {
    const { rerender } = signedInButton({ 'aria-disabled': '' as never });
    expect(screen.getByRole('button')).not.toHaveAttribute('aria-disabled');
    rerender(<LogoutButton aria-disabled={'mixed' as never} />);
    expect(screen.getByRole('button')).toHaveAttribute('aria-disabled', 'mixed');
  });
});

describe('the kit’s own aria-disabled wins over an app’s false', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => vi.useRealTimers());

  it.each([false, 'false'] as const)(
    'while pending and cooling down with aria-disabled %j: aria-disabled="true", its words, no second request',
    async (ariaDisabled) => {
      serve(server, wemasyCase, { scenario: 'rate-limited', retryAfter: 30 });
      const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
      const sent = recordSent(server);
      const { store, user } = renderWithKit(
        <LogoutButton aria-disabled={ariaDisabled} labels={{ pending: undefined }} />,
        { backend: wemasyCase.backend(), provider: { autoRetry: false } },
      );
      act(() => void store.getState().setSession(wemasyCase.session()));
      const button = screen.getByRole('button', { name: 'Log out' });
      await user.click(button);
      expect(button).toHaveAccessibleName('Logging out…');
      expect(button).toHaveAttribute('aria-disabled', 'true');
      await user.click(button);
      await user.keyboard('{Enter}');

      release();
      await screen.findByRole('button', { name: 'Try again in 30 s' });
      expect(button).toHaveAttribute('aria-disabled', 'true');
      await user.click(button);
      await user.keyboard(' ');
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(sent).toHaveLength(1);

      await act(() => vi.advanceTimersByTimeAsync(30_000));
      expect(button).toHaveAccessibleName('Log out');
      // Back to what the app passed: false drops the attribute, 'false' keeps it.
      if (ariaDisabled === 'false') expect(button).toHaveAttribute('aria-disabled', 'false');
      else expect(button).not.toHaveAttribute('aria-disabled');
    },
  );
});

// No automatic retry: a cooldown that outlives the page ends by the provider's autoRetry, and
// that retry is no click.
function App({ store, ariaDisabled }: { store: SessionStore; ariaDisabled: boolean | 'true' }) {
  return (
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <AuthKitProvider backend={wemasy()} store={store} autoRetry={false}>
          <LogoutButton aria-disabled={ariaDisabled} />
        </AuthKitProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

describe('a server-rendered page whose button the app keeps aria-disabled', () => {
  const NAME = 'shop-session';
  const START = Date.UTC(2026, 10, 29, 12, 0, 0);

  const cookieStore = (initialSession: ReturnType<typeof toInitialSession>) =>
    createSessionStore({ persist: { name: NAME, storage: cookieStorage() }, initialSession });

  function serverPage(retryAt: number | null, ariaDisabled: boolean | 'true') {
    const session = commerceEngineSession({ user: sampleCustomer });
    cookieStorage().setItem(
      NAME,
      JSON.stringify({ state: { ...session, retryAt, epoch: 1 }, version: 1 }),
    );
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(
      <App store={cookieStore(initialSession)} ariaDisabled={ariaDisabled} />,
    );
    return { html, initialSession };
  }

  function hydratePage(
    html: string,
    initialSession: ReturnType<typeof toInitialSession>,
    ariaDisabled: boolean | 'true',
  ) {
    const store = cookieStore(initialSession);
    const { problems } = hydrate(html, <App store={store} ariaDisabled={ariaDisabled} />);
    return { problems, store };
  }

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(START);
  });
  afterEach(() => {
    unmountHydrated();
    cookieStorage().removeItem(NAME);
    vi.useRealTimers();
  });

  it.each([true, 'true'] as const)(
    'aria-disabled %j: renders and hydrates it without a mismatch, and a click after sends nothing',
    async (ariaDisabled) => {
      const sent = recordSent(server);
      const { html, initialSession } = serverPage(null, ariaDisabled);
      expect(html).toContain('aria-disabled="true"');
      vi.setSystemTime(START + 2_500);
      const { problems, store } = hydratePage(html, initialSession, ariaDisabled);
      expect(problems).toEqual([]);
      const button = screen.getByRole('button', { name: 'Log out' });
      expect(button).toHaveAttribute('aria-disabled', 'true');
      act(() => button.click());
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(sent).toEqual([]);
      expect(store.getState().accessToken).not.toBeNull();
    },
  );

  it('aria-disabled true over a cooldown the server rendered: the countdown hydrates, and the app’s aria-disabled holds after it', async () => {
    const sent = recordSent(server);
    const { html, initialSession } = serverPage(START + 3_400, true);
    expect(html).toContain('Try again in 4 s');
    vi.setSystemTime(START + 1_000);
    const { problems } = hydratePage(html, initialSession, true);
    expect(problems).toEqual([]);
    const button = screen.getByRole('button', { name: 'Try again in 3 s' });
    expect(button).toHaveAttribute('aria-disabled', 'true');

    await act(() => vi.advanceTimersByTimeAsync(3_000));
    expect(button).toHaveAccessibleName('Log out');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    act(() => button.click());
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(sent).toEqual([]);
  });
});

describe('the idle words after a logout ended', () => {
  it.each([
    ['an error', 'server-error'],
    ['a rejection', 'bad-request'],
  ] as const)(
    'shows the idle label after %s, not the pending one, under an app’s aria-disabled "false"',
    async (_, scenario) => {
      serve(server, wemasyCase, { scenario });
      const { store, user } = renderWithKit(
        <LogoutButton
          aria-disabled="false"
          labels={{ idle: 'Bye', pending: 'Wait', coolingDown: undefined }}
        />,
        { backend: wemasyCase.backend() },
      );
      act(() => void store.getState().setSession(wemasyCase.session()));
      await user.click(screen.getByRole('button', { name: 'Bye' }));
      const button = await screen.findByRole('button', { name: 'Bye' });
      expect(button).toHaveAttribute('aria-disabled', 'false');
      expect(store.getState().accessToken).not.toBeNull();
    },
  );
});

describe('the rest of the click path is as before', () => {
  it('a caller’s preventDefault still cancels when aria-disabled is "false"', async () => {
    const onClick = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const { user, sent, store } = signedInButton({ 'aria-disabled': 'false', onClick });
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await settle();
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([]);
    expect(store.getState().accessToken).not.toBeNull();
  });

  it('a native disabled button neither runs onClick nor logs out, whatever its aria-disabled', async () => {
    const onClick = vi.fn();
    const { user, sent } = signedInButton({ disabled: true, 'aria-disabled': false, onClick });
    const button = screen.getByRole('button', { name: 'Log out' });
    expect(button).toBeDisabled();
    expect(button).not.toHaveAttribute('aria-disabled');
    await user.click(button);
    await settle();
    expect(onClick).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
