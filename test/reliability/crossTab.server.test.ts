// @vitest-environment node
import { createSessionStore } from '../../src/index.js';

it('never opens a channel on a server (no document), so requests cannot share a session', () => {
  const opened = vi.spyOn(globalThis, 'BroadcastChannel');
  onTestFinished(() => opened.mockRestore());
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

it('keeps two requests apart even when their stores share a name (no channel, no hello)', async () => {
  const heard: unknown[] = [];
  const listener = new BroadcastChannel('storefront-auth-kit:shop');
  listener.onmessage = ({ data }) => void heard.push(data);
  const requestA = createSessionStore({ name: 'shop' });
  const requestB = createSessionStore({ name: 'shop' });
  const stops = [requestA.subscribe(() => {}), requestB.subscribe(() => {})];
  requestA
    .getState()
    .setSession({ accessToken: 'customer-a', refreshToken: null, user: { id: 'a' } });
  // A message posted now arrives after anything the stores posted before it.
  const probe = new BroadcastChannel('storefront-auth-kit:shop');
  probe.postMessage('probe');
  await vi.waitFor(() => expect(heard).toContain('probe'));
  expect(heard).toEqual(['probe']);
  expect(requestB.getState().accessToken).toBeNull();
  for (const stop of stops) stop();
  probe.close();
  listener.close();
});
