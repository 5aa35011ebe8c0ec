// @vitest-environment node
import { createSessionStore } from '../../src/index.js';

it('never opens a channel on a server (no document), so requests cannot share a session', () => {
  const opened = vi.spyOn(globalThis, 'BroadcastChannel');
  const requestA = createSessionStore();
  const requestB = createSessionStore();
  const stops = [requestA.subscribe(() => {}), requestB.subscribe(() => {})];
  requestA
    .getState()
    .setSession({ accessToken: 'customer-a', refreshToken: null, user: { id: 'a' } });
  expect(opened).not.toHaveBeenCalled();
  expect(requestB.getState().accessToken).toBeNull();
  for (const stop of stops) stop();
});
