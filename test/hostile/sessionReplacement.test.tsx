import { act, screen } from '@testing-library/react';
import { LogoutButton, type SessionEndReason, useSession } from '../../src/index.js';
import { wemasyHandlers, wemasySession } from '../../src/testing/index.js';
import { recordSent, renderWithKit, setupMockServer, wemasyCase } from '../react/kit.js';

const server = setupMockServer();

function Greeting() {
  const name = useSession((state) => state.user?.first_name ?? null);
  return <p>{name ? `Hi ${name}` : 'Signed out'}</p>;
}

describe('setSession with a user replaces only someone else', () => {
  // What I did: a Wemasy storefront signs Maya in with the kit's own `wemasySession()` shape
  // (`user.is_anonymous: false`); the account page then loads her profile from the API and writes
  // it with `setSession({ user })`, mapped by the app without an `is_anonymous` field (Wemasy
  // customers have none; `SessionUser.is_anonymous` is optional). Then she clicks "Log out".
  // What happened: the store compares users as `${id} ${is_anonymous}`, so "1042 false" and
  // "1042 undefined" are two people: the profile write ends her session (epoch + 1,
  // onSessionEnded('cleared'), her cached orders dropped) and wipes both tokens while "Hi Maya"
  // stays on screen. The logout then sends nothing (`no-session`), and her Sanctum token stays live
  // on the server (no request goes out) while the page says she logged out.
  // Promised instead (README `createSessionStore`, CHANGELOG [Unreleased] "Changed"): only "a
  // `user` who is someone else (another `id`, or a customer over a guest)" replaces the session;
  // `setSession` otherwise "merges tokens or a user into the session". Same id, no guest involved.
  it("keeps the tokens when the same customer's profile comes without is_anonymous", async () => {
    server.use(...wemasyHandlers());
    const sent = recordSent(server);
    const heard: SessionEndReason[] = [];
    const { store, queryClient, user } = renderWithKit(
      <>
        <Greeting />
        <LogoutButton />
      </>,
      {
        backend: wemasyCase.backend(),
        provider: { onSessionEnded: (reason) => heard.push(reason) },
      },
    );
    const signedIn = wemasySession();
    act(() => void store.getState().setSession(signedIn));
    queryClient.setQueryData(['orders'], ['order-1']);

    act(
      () =>
        void store.getState().setSession({
          user: { id: signedIn.user.id, first_name: 'Maya', email: signedIn.user.email },
        }),
    );
    expect(heard).toEqual([]);
    expect(queryClient.getQueryData(['orders'])).toEqual(['order-1']);

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByText('Signed out');
    // Her token was sent to be revoked: the logout did not end as `no-session`.
    expect(sent).toEqual([wemasyCase.backend().logoutUrl]);
  });
});
