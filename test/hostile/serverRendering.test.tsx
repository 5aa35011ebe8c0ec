import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import {
  AuthKitProvider,
  cookieStorage,
  createSessionStore,
  type InitialSession,
  LogoutButton,
  type SessionStore,
  useSession,
  wemasy,
} from '../../src/index.js';
import { readSession, toInitialSession } from '../../src/server/index.js';
import { wemasySession } from '../../src/testing/index.js';
import { hydrate, unmountHydrated } from '../react/hydrate.js';
import { setupMockServer } from '../react/kit.js';

setupMockServer();

const NAME = 'shop-session';
const START = Date.UTC(2026, 10, 29, 12, 0, 0);

function Header() {
  const name = useSession((session) => session.user?.first_name ?? null);
  return <p>{name ? `Hi ${name}` : 'Sign in'}</p>;
}

function App({ store }: { store: SessionStore }) {
  return (
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <AuthKitProvider backend={wemasy()} store={store}>
          <Header />
          <LogoutButton />
        </AuthKitProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}

/** Hydrates the page the server rendered, as the browser does. */
const hydratePage = (html: string, store: SessionStore) => hydrate(html, <App store={store} />);

/** The session cookie as the customer's browser holds it after a sign-in (Wemasy: no guest session). */
function signedInCookie(state: Record<string, unknown> = {}) {
  const session = wemasySession();
  cookieStorage().setItem(
    NAME,
    JSON.stringify({ state: { ...session, retryAt: null, epoch: 1, ...state }, version: 1 }),
  );
  return session;
}

const cookieStore = (initialSession: InitialSession) =>
  createSessionStore({ persist: { name: NAME, storage: cookieStorage() }, initialSession });

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(START);
});
afterEach(() => {
  unmountHydrated();
  cookieStorage().removeItem(NAME);
  vi.useRealTimers();
});

describe('a cookie store hydrating what the server rendered', () => {
  // What I did: the server rendered the signed-in customer from the cookie; before the browser
  // created the store (a slow bundle, a long hydration), the customer's other tab logged out of
  // the Wemasy shop and the cookie was deleted.
  // What happened: the store finds no cookie and keeps what initialSession said: after hydration
  // it holds the customer's profile with no token at all. The header goes on greeting the
  // customer and showing "Log out" for a session that ended (until the tab is hidden and shown
  // again), and anything that reads `user` to decide who is signed in is wrong.
  // Promised instead (README createSessionStore `initialSession`: the server's state is for the
  // first render, "a stored session of the same or a newer epoch takes over once read"; issue 11
  // §3: "The client reads them [the tokens] from the cookie when the store is created"; README
  // cookieStorage: "a cookie that is gone (a logout elsewhere, the server, its age) signs that tab
  // out too"): the hydration render may match the server, and after it the store is what the
  // cookie says: signed out.
  it('is signed out after hydration when the cookie is gone by the time the store is created', () => {
    signedInCookie();
    const initialSession = toInitialSession(readSession(document.cookie, NAME));
    const html = renderToString(<App store={cookieStore(initialSession)} />);
    expect(html).toContain('Hi Maya');

    cookieStorage().removeItem(NAME);
    const store = cookieStore(initialSession);
    hydratePage(html, store);

    expect(store.getState()).toMatchObject({ accessToken: null, user: null });
    expect(screen.getByText('Sign in')).toBeInTheDocument();
  });

  // What I did: the layout builds initialSession by hand in the shape issue 11 gives for it,
  // `{ user, retryAt, epoch }` ("the layout reads the session on the server ... and hands
  // `{ user, retryAt, epoch }` (no tokens) to a client Providers"). The customer reloads during a
  // 429 cooldown, and hydration comes 2.5 s after the server rendered.
  // What happened: without `renderedAt` the button counted from the client's clock while
  // hydrating, so the server's "Try again in 31 s" met the client's "Try again in 28 s": React
  // reported a hydration mismatch and re-rendered the tree on the client.
  // Now: the type requires `renderedAt` whenever `retryAt` may be a cooldown (test/types), and the
  // shape it asks for hydrates without a mismatch.
  it('hydrates the countdown without a mismatch for a hand-built { user, retryAt, epoch, renderedAt }', () => {
    signedInCookie({ retryAt: START + 30_400 });
    const session = readSession(document.cookie, NAME);
    const initialSession: InitialSession = {
      user: session?.user ?? null,
      retryAt: session?.retryAt ?? null,
      epoch: session?.epoch ?? 0,
      renderedAt: Date.now(),
    };
    const html = renderToString(<App store={cookieStore(initialSession)} />);
    expect(html).toContain('Try again in 31 s');

    vi.setSystemTime(START + 2_500);
    const { problems } = hydratePage(html, cookieStore(initialSession));
    expect(problems).toEqual([]);
  });
});
