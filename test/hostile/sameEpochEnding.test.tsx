import { act, screen } from '@testing-library/react';
import { createSessionStore, LogoutButton, useSession } from '../../src/index.js';
import { renderWithKit, setupMockServer, wemasyCase } from '../react/kit.js';

setupMockServer();

function Greeting({ tab }: { tab: string }) {
  const name = useSession((state) => state.user?.first_name ?? null);
  return <p>{name ? `${tab}: Hi ${name}` : `${tab}: Signed out`}</p>;
}

/** One tab of the storefront: a named memory store (the README's tab sync over a channel). */
function openTab(tab: string) {
  const onSessionEnded = vi.fn();
  const rendered = renderWithKit(
    <>
      <Greeting tab={tab} />
      <LogoutButton aria-label={`Log out in ${tab}`} />
    </>,
    {
      backend: wemasyCase.backend(),
      store: createSessionStore({ name: 'shop' }),
      provider: { onSessionEnded },
    },
  );
  return { ...rendered, onSessionEnded };
}

/** Lets the tabs' channel messages arrive, inside act so React's updates are flushed. */
const letMessagesArrive = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('a session emptied without a new epoch, across tabs', () => {
  // What I did: a Wemasy storefront with a named memory store (tab sync over a BroadcastChannel),
  // open in tabs A and B, Maya signed in. The app's own code in tab A forgets the session the way
  // docs/reliability.md names: `setSession({ accessToken: null, user: null })` (an API client's
  // 401 handler, say).
  // What happened: tab A is signed out, its cache dropped and onSessionEnded('cleared') told, as
  // promised; tab B never hears of it: an empty session of the same epoch is "no news" to the
  // channel (crossTab.ts ignores it), so B keeps greeting Maya with her token and cached orders.
  // With a localStorage store, B follows (followStored rehydrates a same-epoch value).
  // Promised instead (docs/reliability.md: "A session that is gone without a new epoch all the
  // same (your own `setSession({ accessToken: null, user: null })`) ends for the providers too:
  // the cache goes and `onSessionEnded` is told"; README Reliability: "Every tab signs out
  // together ... each provider drops its query cache when the session ends anywhere").
  it('signs the other tab out too, dropping its cache and telling onSessionEnded', async () => {
    const tabA = openTab('A');
    const tabB = openTab('B');
    act(() => void tabA.store.getState().setSession(wemasyCase.session()));
    await screen.findByText('B: Hi Maya');
    tabB.queryClient.setQueryData(['orders'], ['SO-10482']);

    act(() => void tabA.store.getState().setSession({ accessToken: null, user: null }));
    expect(screen.getByText('A: Signed out')).toBeInTheDocument();
    expect(tabA.onSessionEnded).toHaveBeenCalledExactlyOnceWith('cleared');

    await screen.findByText('B: Signed out');
    expect(tabB.store.getState().accessToken).toBeNull();
    expect(tabB.queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(tabB.onSessionEnded).toHaveBeenCalledExactlyOnceWith('other-tab');
  });

  // What I did: as above, tab A's own code empties Maya's session without a new epoch, and A's
  // provider tells the app (onSessionEnded('cleared'): the app leaves the account page). Tab B,
  // which never heard of it, then refreshes Maya's token the way docs/reliability.md recommends
  // (`setSession(tokens, { epoch })` with the epoch read before the refresh: it returns true,
  // since no epoch moved).
  // What happened: B's refresh goes over the channel as a session of the same epoch, which is
  // news to A ("or it holds a session"), so tab A, signed out a moment ago, greets Maya again with
  // the new token: the ended session came back, and no callback told the app of it.
  // Promised instead (docs/reliability.md: "nothing brings an ended session back"; the ending in A
  // "ends for the providers too").
  it('does not bring the ended session back when the other tab refreshes its token', async () => {
    const tabA = openTab('A');
    const tabB = openTab('B');
    act(() => void tabA.store.getState().setSession(wemasyCase.session()));
    await screen.findByText('B: Hi Maya');

    // B's refresh starts before the ending (it reads the epoch first) and answers after it.
    const { epoch } = tabB.store.getState();
    act(() => void tabA.store.getState().setSession({ accessToken: null, user: null }));
    expect(tabA.onSessionEnded).toHaveBeenCalledExactlyOnceWith('cleared');
    await letMessagesArrive();

    let written = true;
    act(() => {
      written = tabB.store.getState().setSession({ accessToken: '5|refreshed' }, { epoch });
    });
    await letMessagesArrive();
    expect(written).toBe(false);
    expect(screen.getByText('A: Signed out')).toBeInTheDocument();
    expect(tabA.store.getState().accessToken).toBeNull();
  });
});
