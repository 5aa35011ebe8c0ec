import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import {
  AuthKitProvider,
  cookieStorage,
  createSessionStore,
  LogoutButton,
  type SessionStore,
  useSession,
  useSessionReady,
  wemasy,
} from '../../src/index.js';
import { readSession, toInitialSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';
import { hydrate, unmountHydrated } from './hydrate.js';

const NAME = 'shop-session';
const START = Date.UTC(2026, 10, 29, 12, 0, 0);

function Header() {
  const ready = useSessionReady();
  const name = useSession((session) => session.user?.first_name);
  if (!ready) return <p aria-busy="true">Loading your account…</p>;
  return <p>{name ? `Hi ${name}` : 'Sign in'}</p>;
}

/** The button's text: its labels, the app's own words, or every field of the state it is handed. */
type ButtonText = 'labels' | 'own' | 'state';

function App({ store, text = 'labels' }: { store: SessionStore; text?: ButtonText }) {
  return (
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <AuthKitProvider backend={wemasy()} store={store}>
          <Header />
          {text === 'own' ? (
            <LogoutButton>
              {({ status, secondsLeft }) =>
                status === 'rate-limited' ? `Wait ${secondsLeft} s` : 'Sign out'
              }
            </LogoutButton>
          ) : text === 'state' ? (
            <LogoutButton>
              {({ status, isPending, retryAt, secondsLeft }) =>
                `${status}, pending ${isPending}, until ${retryAt}, ${secondsLeft} s`
              }
            </LogoutButton>
          ) : (
            <LogoutButton />
          )}
        </AuthKitProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

/** Hydrates the page the server rendered, as the browser does. */
const hydratePage = (html: string, store: SessionStore, text: ButtonText = 'labels') =>
  hydrate(html, <App store={store} text={text} />);

/** Writes the session cookie as the customer's browser holds it after a sign-in. */
function signedInCookie(state: Record<string, unknown> = {}) {
  const session = commerceEngineSession({ user: sampleCustomer });
  cookieStorage().setItem(
    NAME,
    JSON.stringify({ state: { ...session, retryAt: null, epoch: 1, ...state }, version: 1 }),
  );
  return session;
}

const cookieStore = (initialSession?: ReturnType<typeof toInitialSession>) =>
  createSessionStore({ persist: { name: NAME, storage: cookieStorage() }, initialSession });

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(START);
});
afterEach(() => {
  unmountHydrated();
  cookieStorage().removeItem(NAME);
  localStorage.clear();
  vi.useRealTimers();
});

describe('a cookie store with the initialSession the server rendered', () => {
  it('names the customer in the server HTML, holds no token there, and hydrates without a mismatch', () => {
    const session = signedInCookie();
    // The server: reads the cookie, renders with what it may hand to the page.
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} />);
    expect(html).toContain('Hi Maya');
    expect(html).not.toContain(session.accessToken);
    expect(html).not.toContain(session.refreshToken);

    // The browser: the same initialSession, and the tokens read from the cookie.
    const store = cookieStore(initialSession);
    expect(store.getState().accessToken).toBe(session.accessToken);
    const { problems } = hydratePage(html, store);
    expect(problems).toEqual([]);
    expect(screen.getByText('Hi Maya')).toBeInTheDocument();
    expect(screen.queryByText('Loading your account…')).toBeNull();
  });

  it('hydrates the countdown without a mismatch when seconds tick over before hydration', () => {
    signedInCookie({ retryAt: START + 30_400 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} />);
    expect(html).toContain('Try again in 31 s');
    expect(html).toContain('aria-disabled="true"');

    // The client hydrates 2.5 s later (a slow network, a big bundle): 28 s are left by then.
    vi.setSystemTime(START + 2_500);
    const { problems } = hydratePage(html, cookieStore(initialSession));
    expect(problems).toEqual([]);
    // Right after hydration the button counts from the client's clock.
    expect(screen.getByRole('button', { name: 'Try again in 28 s' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('hands the same counted state to a children function, so its own text hydrates too', () => {
    signedInCookie({ retryAt: START + 30_400 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} text="own" />);
    expect(html).toContain('Wait 31 s');
    vi.setSystemTime(START + 2_500);
    const { problems } = hydratePage(html, cookieStore(initialSession), 'own');
    expect(problems).toEqual([]);
    expect(screen.getByRole('button', { name: 'Wait 28 s' })).toBeInTheDocument();
  });

  it('hydrates an idle button when the cooldown the server rendered ended before hydration', () => {
    signedInCookie({ retryAt: START + 1_200 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} />);
    expect(html).toContain('Try again in 2 s');
    vi.setSystemTime(START + 3_000);
    const { problems } = hydratePage(html, cookieStore(initialSession));
    expect(problems).toEqual([]);
    expect(screen.getByRole('button', { name: 'Log out' })).not.toHaveAttribute('aria-disabled');
  });

  it('renders and hydrates an idle button for a cooldown the cookie still holds but that had ended', () => {
    signedInCookie({ retryAt: START - 5_000 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} text="own" />);
    expect(html).toContain('Sign out');
    expect(html).not.toContain('aria-disabled');
    const { problems } = hydratePage(html, cookieStore(initialSession), 'own');
    expect(problems).toEqual([]);
    expect(screen.getByRole('button', { name: 'Sign out' })).not.toHaveAttribute('aria-disabled');
  });

  it('hands a children function the running cooldown as the server counted it, field by field', () => {
    signedInCookie({ retryAt: START + 30_400 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} text="state" />);
    expect(html).toContain(`rate-limited, pending false, until ${START + 30_400}, 31 s`);
    // Hydrated 2.5 s later: the hydration render matches the server's text, field by field.
    vi.setSystemTime(START + 2_500);
    const { problems } = hydratePage(html, cookieStore(initialSession), 'state');
    expect(problems).toEqual([]);
    expect(
      screen.getByRole('button', {
        name: `rate-limited, pending false, until ${START + 30_400}, 28 s`,
      }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('hands a children function an idle state, no retryAt and 0 s for a cooldown over before the server rendered', () => {
    signedInCookie({ retryAt: START - 5_000 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} text="state" />);
    expect(html).toContain('idle, pending false, until null, 0 s');
    expect(html).not.toContain('aria-disabled');
    vi.setSystemTime(START + 2_500);
    const { problems } = hydratePage(html, cookieStore(initialSession), 'state');
    expect(problems).toEqual([]);
    expect(
      screen.getByRole('button', { name: 'idle, pending false, until null, 0 s' }),
    ).not.toHaveAttribute('aria-disabled');
  });

  it('hydrates a children function with the cooldown the server rendered, then hands it the idle state once that cooldown is over', () => {
    signedInCookie({ retryAt: START + 1_200 });
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} text="state" />);
    expect(html).toContain(`rate-limited, pending false, until ${START + 1_200}, 2 s`);
    // The cooldown is over on the client's clock before hydration: the hydration render still
    // shows what the server rendered, the render after it the client's idle state.
    vi.setSystemTime(START + 3_000);
    const { problems } = hydratePage(html, cookieStore(initialSession), 'state');
    expect(problems).toEqual([]);
    expect(
      screen.getByRole('button', { name: 'idle, pending false, until null, 0 s' }),
    ).not.toHaveAttribute('aria-disabled');
  });

  it('ignores tokens handed over as initialSession, with a warning in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = commerceEngineSession();
    const store = createSessionStore({
      initialSession: { ...session, retryAt: null, epoch: 0 } as never,
    });
    expect(store.getState()).toMatchObject({ accessToken: null, refreshToken: null });
    expect(store.getState().user).toEqual(session.user);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/initialSession holds tokens/));
  });

  it.each([
    ['an access token', { accessToken: 'access' }],
    ['a refresh token', { refreshToken: 'refresh' }],
  ])('warns of %s alone handed over as initialSession, and of no token', (_what, token) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createSessionStore({ initialSession: { user: null, ...token } as never });
    expect(warn).toHaveBeenCalledExactlyOnceWith(
      expect.stringMatching(/initialSession holds tokens/),
    );
    warn.mockClear();
    createSessionStore({ initialSession: { user: null, retryAt: null, epoch: 3 } });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('useSessionReady with a web-storage store', () => {
  it('is false on the server and while hydrating, then true with the stored customer', () => {
    const stored = commerceEngineSession({ user: sampleCustomer });
    localStorage.setItem(
      NAME,
      JSON.stringify({ state: { ...stored, retryAt: null, epoch: 0 }, version: 1 }),
    );
    const html = renderToString(<App store={createSessionStore({ persist: { name: NAME } })} />);
    // The server cannot read localStorage: a placeholder, never a wrong "Sign in".
    expect(html).toContain('Loading your account…');
    expect(html).not.toContain('Sign in');

    const { problems } = hydratePage(html, createSessionStore({ persist: { name: NAME } }));
    expect(problems).toEqual([]);
    expect(screen.getByText('Hi Maya')).toBeInTheDocument();
  });

  it('shows the persisted store API on the type and the store', () => {
    const store = createSessionStore({ persist: { name: NAME } });
    expect(store.persist.hasHydrated()).toBe(true);
    expect(store.persist.getOptions().name).toBe(NAME);
  });
});
