import { act, screen } from '@testing-library/react';
import { parseCookies } from '../../src/core/cookies.js';
import {
  cookieStorage,
  createSessionStore,
  type SessionEndReason,
  useSession,
} from '../../src/index.js';
import { readSession, toInitialSession } from '../../src/server/index.js';
import { wemasySession } from '../../src/testing/index.js';
import { renderWithKit, setupMockServer, wemasyCase } from '../react/kit.js';

setupMockServer();

const NAME = 'shop-session';
const cookieStore = (initialSession?: ReturnType<typeof toInitialSession>) =>
  createSessionStore({ persist: { name: NAME, storage: cookieStorage() }, initialSession });

function Header() {
  const name = useSession((session) => session.user?.first_name ?? null);
  return <p>{name ? `Hi ${name}` : 'Sign in'}</p>;
}

/** Subscriptions of the running test, ended after it even when it failed half way. */
const watching: Array<() => void> = [];

afterEach(() => {
  for (const stop of watching.splice(0)) stop();
  for (const name of parseCookies(document.cookie).keys()) {
    // biome-ignore lint/suspicious/noDocumentCookie: the test empties the jar as a browser user would
    document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
});

describe('a page the server rendered for a session that ended before it hydrated', () => {
  // What I did: a Next storefront on the README's cookie store, with
  // `onSessionEnded={() => router.refresh()}` so server-rendered account content follows the
  // session. Tab B is requested while Maya is signed in: the server renders her account page (her
  // orders, in Server Components) and hands `toInitialSession(...)` with `user: Maya` to the
  // client. Before B's bundle has run and created its store, Maya logs out in tab A (the cookie
  // now holds only the logout's epoch).
  // What happened: B's store reads the epoch-only cookie when it is created and starts signed
  // out; the provider's controller is made from that state, so it "held no session" and says
  // nothing: no onSessionEnded, no router.refresh(). The header turns to "Sign in", but the
  // server-rendered account page with Maya's orders stays on screen in tab B.
  // Promised instead (docs/reliability.md: "a logout another tab made while nothing watched shows
  // at once, the provider drops its cache and tells onSessionEnded('other-tab')"; README
  // `onSessionEnded`: 'other-tab' for "a cookie another tab or the server changed", and only "a
  // tab opened after a logout elsewhere" hears of no ending). This tab was rendered before it.
  it("tells onSessionEnded('other-tab') when the session it was rendered with ended before hydration", async () => {
    const tabA = cookieStore();
    watching.push(tabA.subscribe(() => {}));
    tabA.getState().setSession(wemasySession());
    const rendered = toInitialSession(readSession(document.cookie, NAME));
    expect(rendered.user?.first_name).toBe('Maya');
    act(() => tabA.getState().clearSession());

    const heard: SessionEndReason[] = [];
    renderWithKit(<Header />, {
      backend: wemasyCase.backend(),
      store: cookieStore(rendered),
      provider: { onSessionEnded: (reason) => heard.push(reason) },
    });
    expect(await screen.findByText('Sign in')).toBeInTheDocument();
    expect(heard).toEqual(['other-tab']);
  });
});
