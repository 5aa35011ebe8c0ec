import { inOneTab } from '../../src/core/oneTab.js';
import { createSessionStore } from '../../src/index.js';

/**
 * A LockManager as browsers have it, for what the kit uses: an `ifAvailable` request gets a free
 * lock or `null` at once; any other request waits in line until the lock is released.
 */
function installWebLocks() {
  const queues = new Map<string, (() => void)[]>();
  const requests: { name: string; options: unknown }[] = [];
  const locks = {
    async request(
      name: string,
      options: { ifAvailable?: boolean },
      callback: (lock: { name: string } | null) => unknown,
    ) {
      requests.push({ name, options });
      const queue = queues.get(name);
      if (queue && options?.ifAvailable === true) return callback(null);
      if (queue) await new Promise<void>((resolve) => queue.push(resolve));
      else queues.set(name, []);
      try {
        return await callback({ name });
      } finally {
        const next = queues.get(name)?.shift();
        if (next) next();
        else queues.delete(name);
      }
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  onTestFinished(() => void Reflect.deleteProperty(navigator, 'locks'));
  return { requests, isHeld: (name: string) => queues.has(name) };
}

/** A task that settles when the test says so, counting its runs. */
function deferredTask() {
  let finish = () => {};
  const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  return { task, finish: () => finish() };
}

const LOCK = 'storefront-auth-kit:shop';

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => vi.useRealTimers());

describe('running a task in one tab only', () => {
  it('runs the task at once where the browser has no Web Locks', () => {
    const task = vi.fn(() => undefined);
    inOneTab(createSessionStore({ name: 'shop' }), task);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs the task at once where there is no navigator at all', () => {
    vi.stubGlobal('navigator', undefined);
    onTestFinished(() => void vi.unstubAllGlobals());
    const task = vi.fn(() => undefined);
    inOneTab(createSessionStore({ name: 'shop' }), task);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs the task of an unnamed store without taking a lock (it talks to no other tab)', () => {
    const { requests } = installWebLocks();
    const task = vi.fn(() => undefined);
    inOneTab(createSessionStore(), task);
    expect(task).toHaveBeenCalledTimes(1);
    expect(requests).toEqual([]);
  });

  it("takes the lock named after the store, without waiting for another tab's", async () => {
    const { requests } = installWebLocks();
    const task = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), task);
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(1));
    expect(requests).toEqual([{ name: LOCK, options: { ifAvailable: true } }]);
  });

  it('skips the task in a tab that finds the lock taken', async () => {
    installWebLocks();
    const first = deferredTask();
    const second = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), first.task);
    await vi.waitFor(() => expect(first.task).toHaveBeenCalledTimes(1));
    inOneTab(createSessionStore({ name: 'shop' }), second);
    first.finish();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(second).not.toHaveBeenCalled();
  });

  it('lets stores of other names run their tasks meanwhile', async () => {
    installWebLocks();
    const first = deferredTask();
    const other = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), first.task);
    await vi.waitFor(() => expect(first.task).toHaveBeenCalledTimes(1));
    inOneTab(createSessionStore({ name: 'other-shop' }), other);
    await vi.waitFor(() => expect(other).toHaveBeenCalledTimes(1));
    first.finish();
  });

  it('keeps the lock a second after the task settles, so a tab whose timer fires late still skips', async () => {
    const { isHeld } = installWebLocks();
    const { task, finish } = deferredTask();
    inOneTab(createSessionStore({ name: 'shop' }), task);
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(isHeld(LOCK)).toBe(true);
    finish();
    await vi.advanceTimersByTimeAsync(400);
    const late = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), late);
    await vi.advanceTimersByTimeAsync(100);
    expect(isHeld(LOCK)).toBe(true);
    expect(late).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(isHeld(LOCK)).toBe(false);
    // Once released, the next round's task runs.
    const next = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), next);
    await vi.waitFor(() => expect(next).toHaveBeenCalledTimes(1));
  });

  it('releases the lock at once when the task ended in a new cooldown, for the next round', async () => {
    const { isHeld } = installWebLocks();
    const store = createSessionStore({ name: 'shop' });
    inOneTab(store, async () => {
      store.setState({ retryAt: Date.now() + 10_000 });
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(isHeld(LOCK)).toBe(false);
    const next = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), next);
    await vi.waitFor(() => expect(next).toHaveBeenCalledTimes(1));
  });

  it('runs the task where Web Locks refuse every request (an opaque-origin frame)', async () => {
    const request = vi.fn(() => Promise.reject(new DOMException('denied', 'SecurityError')));
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
    onTestFinished(() => void Reflect.deleteProperty(navigator, 'locks'));
    const task = vi.fn(async () => {});
    inOneTab(createSessionStore({ name: 'shop' }), task);
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledTimes(1);
  });
});
