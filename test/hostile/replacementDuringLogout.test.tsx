import { act, screen } from '@testing-library/react';
import { LogoutButton, type SessionEndReason, useSession } from '../../src/index.js';
import { sampleWemasyCustomer, wemasySession } from '../../src/testing/index.js';
import { holdLogout, renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

const server = setupMockServer();

function Greeting() {
  const name = useSession((state) => state.user?.first_name ?? null);
  return <p>{name ? `Hi ${name}` : 'Signed out'}</p>;
}

describe('a sign-in of someone else while a logout is on the wire', () => {
  // What I did: Maya clicks "Log out" on the shared family computer; the answer is slow, and Noah,
  // on the sign-in page in the same tab, signs in meanwhile (`setSession` with his session). The
  // app tells its reasons apart: `onSessionEnded={(reason) => reason === 'logout' ?
  // navigate('/goodbye') : router.refresh()}`.
  // What happened: Noah's sign-in ends Maya's session (epoch + 1) and the logout, answered later,
  // rightly leaves Noah alone; but the provider names the ending by whether a logout is pending,
  // so it says 'logout': the app sends Noah, just signed in, to the goodbye page. The logout
  // itself ended nothing (it found Maya's session already replaced).
  // Promised instead (README `AuthKitProvider` `onSessionEnded`): 'logout' is "a logout of this
  // provider", 'cleared' is "a sign-in replacing a guest or another customer".
  it("says 'cleared', not 'logout', when the sign-in ends the session", async () => {
    serve(server, wemasyCase);
    const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
    const heard: SessionEndReason[] = [];
    const { store, user } = renderWithKit(
      <>
        <Greeting />
        <LogoutButton />
      </>,
      {
        backend: wemasyCase.backend(),
        provider: { onSessionEnded: (reason) => heard.push(reason) },
      },
    );
    act(() => void store.getState().setSession(wemasySession()));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    const noah = wemasySession({ ...sampleWemasyCustomer, id: 2001, firstname: 'Noah' });
    act(() => void store.getState().setSession(noah));
    release();

    await screen.findByRole('button', { name: 'Log out' });
    expect(screen.getByText('Hi Noah')).toBeInTheDocument();
    expect(store.getState().accessToken).toBe(noah.accessToken);
    expect(heard).toEqual(['cleared']);
  });
});
