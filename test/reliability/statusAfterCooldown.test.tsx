import { act, screen } from '@testing-library/react';
import { createSessionStore, useLogout } from '../../src/index.js';
import { holdLogout, renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';
import { installWebLocks } from './model/browser.js';

const server = setupMockServer();

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

function Status({ tab }: { tab: string }) {
  const { status } = useLogout();
  return (
    <p>
      tab {tab}: {status}
    </p>
  );
}

it('ends the cooldown in a component that reads only status, in the tab that leaves the retry to another', async () => {
  const locks = installWebLocks();
  serve(server, wemasyCase, { scenario: 'ok' });
  const { release } = holdLogout(server, wemasyCase.backend().logoutUrl);
  const retryAt = Date.now() + 5_000;
  for (const tab of ['A', 'B']) {
    // One store name, one Web Lock; no tab sync, so only the lock ties the tabs together.
    const store = createSessionStore({ name: 'shop', syncTabs: false });
    store.getState().setSession(wemasyCase.session());
    store.setState({ retryAt });
    renderWithKit(<Status tab={tab} />, { backend: wemasyCase.backend(), store });
  }
  expect(screen.getByText('tab B: rate-limited')).toBeInTheDocument();
  await act(() => vi.advanceTimersByTimeAsync(5_010));
  expect(screen.getByText('tab A: pending')).toBeInTheDocument();
  // Tab B's cooldown is over: it must not go on saying rate-limited.
  expect(screen.queryByText('tab B: rate-limited')).not.toBeInTheDocument();
  release();
  locks.uninstall();
});
