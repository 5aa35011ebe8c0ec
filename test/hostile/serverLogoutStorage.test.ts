// @vitest-environment node
import { logoutSession } from '../../src/core/logout.js';
import { createSessionStore } from '../../src/index.js';

describe('a logout run on a server with a persisted store', () => {
  // What I did: a persisted store (`persist: { name }`) created where there is no document, as a
  // server action or a server-rendered page would, and a logout run on it (here with no session,
  // so nothing is sent).
  // What happened: the result says `storageCleared: false`, "web storage refused to let go of the
  // old session", although a server never reads or writes web storage (storage.ts returns null for
  // every step without a document) and nothing was ever stored. The safe storage counts the write it
  // skipped on purpose as a failed write whose removal failed too, so `stale` is true after every
  // write. What should happen: a storage the kit skips on purpose is not stale; the result has no
  // `storageCleared`, as in a browser whose storage works.
  // Known limit: no public API runs a logout on a server (useLogout's mutation runs in the browser;
  // logoutSession is internal), so no storefront meets this; a fix would grow the minimal import.
  it.fails('does not claim web storage kept the old session', async () => {
    const store = createSessionStore({ persist: { name: 'shop-session' } });
    const result = await logoutSession(
      store,
      { name: 'Shop', logoutUrl: 'https://api.shop.test/logout' },
      { timeoutMs: 5_000, cooldownMs: 60_000 },
    );
    expect(result.outcome).toBe('no-session');
    expect(result).not.toHaveProperty('storageCleared');
  });
});
