import { act, screen } from '@testing-library/react';
import { parseCookies } from '../../src/core/cookies.js';
import {
  cookieStorage,
  createSessionStore,
  LogoutButton,
  type SessionEndReason,
  useSession,
} from '../../src/index.js';
import { readSession } from '../../src/server/index.js';
import { anonymousUser, commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';
import { commerceEngineCase, renderWithKit, setupMockServer, wemasyCase } from '../react/kit.js';

setupMockServer();

const NAME = 'shop-session';

const cookieStore = () => createSessionStore({ persist: { name: NAME, storage: cookieStorage() } });

function Greeting() {
  const name = useSession((state) => state.user?.first_name ?? null);
  return <p>{name ? `Hi ${name}` : 'Signed out'}</p>;
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

describe('onSessionEnded hears of an ending once, and only of an ending', () => {
  // What I did: a Wemasy storefront with the README's cookie store and
  // `onSessionEnded={() => router.refresh()}`. The customer logs out in tab A (the logout deletes
  // the cookie: Wemasy leaves no anonymous session) and keeps that tab open; later they open the
  // shop in a new tab C (or reload a tab), signed out.
  // What happened: C starts at epoch 0 (the server read no cookie, and the cookie that carried
  // epoch 1 is gone). Its provider's channel says hello, A answers with its empty session of epoch
  // 1, and C takes that up as "the session ended in another tab": onSessionEnded('other-tab') fires
  // on a fresh page load where nothing ended, the app's cached queries are dropped, and the README
  // recipe sends a router.refresh() — on every new tab or reload for as long as A stays open.
  // Promised instead (README AuthKitProvider `onSessionEnded`: "called in every tab whenever the
  // session ends or is replaced"; issue 11 §4: the callback is for a logout "in another tab" so an
  // open account page can be re-rendered): a tab that never held a session hears of no ending.
  it('is not called when a new tab opens after another tab logged out earlier', async () => {
    const tabA = cookieStore();
    const stopA = tabA.subscribe(() => {});
    watching.push(stopA);
    tabA.getState().setSession(wemasyCase.session());
    tabA.getState().clearSession();
    // The cookie keeps only the logout's epoch: no session for a server to read.
    expect(readSession(document.cookie, NAME)).toBeNull();

    const heard: SessionEndReason[] = [];
    const tabC = renderWithKit(<Greeting />, {
      backend: wemasyCase.backend(),
      store: cookieStore(),
      provider: { onSessionEnded: (reason) => heard.push(reason) },
    });
    tabC.queryClient.setQueryData(['catalog'], ['product-1']);
    expect(screen.getByText('Signed out')).toBeInTheDocument();

    // Once tab C has heard from tab A (it ends up in A's epoch, whichever way it gets there).
    await vi.waitFor(() => expect(tabC.store.getState().epoch).toBe(1));
    expect(heard).toEqual([]);
    expect(tabC.queryClient.getQueryData(['catalog'])).toEqual(['product-1']);
  });

  // What I did: a sign-in page that clears whatever is left before signing in (a common defensive
  // `clearSession()`), or an app that calls `clearSession()` on a 401 from its own API, while no
  // one is signed in.
  // What happened: clearSession() on an empty store still moves the epoch on, so onSessionEnded
  // fires 'cleared' here (and 'other-tab' in every other tab): router.refresh() in every tab and
  // every cache dropped, for a session that never existed.
  // Promised instead (README: "called in every tab whenever the session ends or is replaced";
  // the brief's "exactly once per tab per ending"): no session, no ending, no callback.
  it('is not called when clearSession() runs with no session', () => {
    const onSessionEnded = vi.fn();
    const { store, queryClient } = renderWithKit(<Greeting />, {
      backend: wemasyCase.backend(),
      provider: { onSessionEnded },
    });
    queryClient.setQueryData(['catalog'], ['product-1']);
    act(() => store.getState().clearSession());
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(queryClient.getQueryData(['catalog'])).toEqual(['product-1']);
  });

  // What I did: a Commerce Engine storefront where the customer browses as a guest (the anonymous
  // session Commerce Engine hands out, which the store holds after a logout), then signs in on the
  // sign-in page, which stores the new session with `setSession`, as the README's and the Next
  // example's sign-in do.
  // What happened: nothing: setSession writes the customer over the guest without moving the
  // epoch, so onSessionEnded is never called, the guest's cached queries stay, and other tabs'
  // server-rendered pages (an account page saying "Sign in to see your orders") are not refreshed.
  // Promised instead (README AuthKitProvider `onSessionEnded`: "'cleared' (clearSession(), the
  // SDK's own logout, a sign-in replacing a guest session)"): one 'cleared', after the guest's
  // cached queries are dropped.
  it("says 'cleared' once when a sign-in replaces a guest session", () => {
    const heard: SessionEndReason[] = [];
    const { store, queryClient } = renderWithKit(<Greeting />, {
      backend: commerceEngineCase.backend(),
      provider: { onSessionEnded: (reason) => heard.push(reason) },
    });
    act(() => void store.getState().setSession(commerceEngineSession({ user: anonymousUser() })));
    queryClient.setQueryData(['cart'], { items: ['guest item'] });

    act(() => void store.getState().setSession(commerceEngineSession({ user: sampleCustomer })));
    expect(screen.getByText('Hi Maya')).toBeInTheDocument();
    expect(heard).toEqual(['cleared']);
    expect(queryClient.getQueryData(['cart'])).toBeUndefined();
  });

  // What I did: Maya is signed in (her orders are in the query cache; another tab shows her
  // server-rendered account page). On the shared family computer Noah opens the sign-in page and
  // signs in as himself, without logging Maya out first: `setSession` with Noah's session.
  // What happened: the session is replaced without the epoch moving, so onSessionEnded is not
  // called and the provider does not drop the cache: Maya's cached orders stay in Noah's session,
  // and the other tab keeps showing Maya's account page (no router.refresh()).
  // Promised instead (README AuthKitProvider `onSessionEnded`: "called in every tab whenever the
  // session ends or is replaced, after the cached queries are dropped"; docs/reliability.md: "Every
  // provider drops its TanStack Query cache when the session ends, whoever ended it"): replacing
  // one customer by another ends the first one's session: cache dropped, callback called.
  it('ends the session when a sign-in replaces another customer: cache dropped, callback called', () => {
    const onSessionEnded = vi.fn();
    const { store, queryClient } = renderWithKit(<LogoutButton />, {
      backend: commerceEngineCase.backend(),
      provider: { onSessionEnded },
    });
    act(() => void store.getState().setSession(commerceEngineSession({ user: sampleCustomer })));
    queryClient.setQueryData(['orders'], ['SO-10482 (Maya)']);

    const noah = { ...sampleCustomer, id: '01JD6Q8Z4N7YV3K2M5T9R0NOAH', first_name: 'Noah' };
    act(() => void store.getState().setSession(commerceEngineSession({ user: noah })));
    expect(queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });
});
