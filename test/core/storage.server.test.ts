// @vitest-environment node
import { createSessionStore } from '../../src/core/sessionStore.js';
import { createSafeStorage } from '../../src/core/storage.js';

/** A runtime's own localStorage, as Node 25, Deno and Bun have one shared by every request. */
function serverLocalStorage() {
  const texts = new Map<string, string>();
  const storage = {
    getItem: vi.fn((name: string) => texts.get(name) ?? null),
    setItem: vi.fn((name: string, text: string) => void texts.set(name, text)),
    removeItem: vi.fn((name: string) => void texts.delete(name)),
  };
  vi.stubGlobal('localStorage', storage);
  return { storage, texts };
}

afterEach(() => vi.unstubAllGlobals());

describe('a persisted session on a server (no document)', () => {
  it("never reads or writes the runtime's localStorage, so requests cannot share a session", () => {
    const { storage, texts } = serverLocalStorage();
    texts.set('shop-session', JSON.stringify({ state: { accessToken: 'other' }, version: 1 }));
    const onStorageError = vi.fn();
    const requestA = createSessionStore({ persist: { name: 'shop-session' }, onStorageError });
    requestA.getState().setSession({ accessToken: 'customer-a', refreshToken: null, user: null });
    const requestB = createSessionStore({ persist: { name: 'shop-session' }, onStorageError });
    expect(requestA.getState().accessToken).toBe('customer-a');
    expect(requestB.getState().accessToken).toBeNull();
    expect(storage.getItem).not.toHaveBeenCalled();
    expect(storage.setItem).not.toHaveBeenCalled();
    expect(onStorageError).not.toHaveBeenCalled();
  });

  it('reads nothing and keeps nothing through the safe storage itself', () => {
    const { storage } = serverLocalStorage();
    const onProblem = vi.fn();
    const safe = createSafeStorage<unknown>('local', onProblem);
    expect(safe.getItem('shop-session')).toBeNull();
    safe.setItem('shop-session', { state: {}, version: 1 });
    safe.removeItem('shop-session');
    expect(storage.getItem).not.toHaveBeenCalled();
    expect(storage.setItem).not.toHaveBeenCalled();
    expect(storage.removeItem).not.toHaveBeenCalled();
    expect(onProblem).not.toHaveBeenCalled();
  });
});
