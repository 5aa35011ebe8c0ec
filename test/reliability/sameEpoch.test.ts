import { createSessionStore } from '../../src/index.js';
import { Channels } from './model/browser.js';

const session = (n: number) => ({
  accessToken: `customer-access-${n}`,
  refreshToken: `customer-refresh-${n}`,
  user: { id: `c${n}` },
});

// A known limit, not yet fixed: the tabs' protocol orders sessions by epoch only, so two tabs that
// write two different sessions of one epoch at the same moment (within the channel's latency) can
// end holding each other's. The next change settles it. A logical clock in the messages would fix
// it; docs/reliability.md names the limit.
it.fails('brings two tabs to one session after both wrote one at the same epoch', () => {
  // Messages between tabs arrive when the test says: here, after both tabs have written.
  const channels = new Channels();
  const uninstall = channels.install();
  const tabA = createSessionStore({ name: 'shop' });
  const tabB = createSessionStore({ name: 'shop' });
  const stops = [tabA.subscribe(() => {}), tabB.subscribe(() => {})];
  tabA.getState().setSession(session(1));
  tabB.getState().setSession(session(2));
  while (channels.deliverOne()) {
    // every message, and every answer to one
  }
  expect(tabA.getState().accessToken).toBe(tabB.getState().accessToken);
  for (const stop of stops) stop();
  uninstall();
});
