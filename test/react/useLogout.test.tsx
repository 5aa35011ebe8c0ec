import { act, waitFor } from '@testing-library/react';
import { createSessionStore, useLogout } from '../../src/index.js';
import {
  commerceEngineCase,
  holdLogout,
  renderHookWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from './kit.js';

const server = setupMockServer();

function signedInHook(options: Parameters<typeof useLogout>[0] = {}, scenario = {}) {
  const view = renderHookWithKit(() => useLogout(options), { backend: wemasyCase.backend() });
  act(() => void view.store.getState().setSession(wemasyCase.session()));
  return { ...view, log: serve(server, wemasyCase, scenario) };
}

describe('useLogout', () => {
  it('keeps logout and logoutAsync referentially stable across renders and outcomes', async () => {
    const { result, rerender } = signedInHook();
    const { logout, logoutAsync, reset } = result.current;
    rerender();
    await act(() => result.current.logoutAsync());
    expect(result.current.status).toBe('success');
    expect(result.current.logout).toBe(logout);
    expect(result.current.logoutAsync).toBe(logoutAsync);
    expect(result.current.reset).toBe(reset);
  });

  it('reports isPending while the answer is out', async () => {
    const { result } = signedInHook();
    const held = holdLogout(server, wemasyCase.backend().logoutUrl);
    expect(result.current.isPending).toBe(false);
    act(() => result.current.logout());
    await waitFor(() => expect(result.current.isPending).toBe(true));
    expect(result.current.status).toBe('pending');
    held.release();
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.isPending).toBe(false);
  });

  it('reads X-RateLimit-Limit and X-RateLimit-Remaining of the answer', async () => {
    const { result } = signedInHook();
    expect(result.current.rateLimit).toBeNull();
    await act(() => result.current.logoutAsync());
    expect(result.current.rateLimit).toEqual({ limit: 60, remaining: expect.any(Number) });
    expect(result.current.rateLimit?.remaining).toBeLessThan(60);
  });

  it('has no rate-limit figures when the answer carried none', async () => {
    serve(server, commerceEngineCase, { scenario: 'ok' });
    const { result, store } = renderHookWithKit(() => useLogout(), {
      backend: commerceEngineCase.backend(),
    });
    act(() => void store.getState().setSession(commerceEngineCase.session()));
    await act(() => result.current.logoutAsync());
    expect(result.current.rateLimit).toBeNull();
  });

  it('calls onRateLimited with retryAt and onError with the 429', async () => {
    const onRateLimited = vi.fn();
    const onError = vi.fn();
    const { result, store } = signedInHook(
      { onRateLimited, onError, autoRetry: false },
      { scenario: 'rate-limited', retryAfter: 30 },
    );
    await act(() => result.current.logoutAsync().catch(() => {}));
    expect(onRateLimited).toHaveBeenCalledExactlyOnceWith(store.getState().retryAt);
    expect(onError).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ kind: 'rate-limited' }),
    );
    expect(result.current.retryAt).toBe(store.getState().retryAt);
  });

  it('calls the callbacks of the latest render', async () => {
    serve(server, wemasyCase, { scenario: 'ok' });
    const first = vi.fn();
    const latest = vi.fn();
    let onSuccess = first;
    const { result, rerender, store } = renderHookWithKit(() => useLogout({ onSuccess }), {
      backend: wemasyCase.backend(),
    });
    act(() => void store.getState().setSession(wemasyCase.session()));
    onSuccess = latest;
    rerender();
    await act(() => result.current.logoutAsync());
    expect(latest).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
  });

  it('calls onError and not onRateLimited for an answer that left no cooldown', async () => {
    const onRateLimited = vi.fn();
    const onError = vi.fn();
    const { result } = signedInHook({ onRateLimited, onError }, { scenario: 'server-error' });
    await act(() => result.current.logoutAsync().catch(() => {}));
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ kind: 'server' }));
    expect(onRateLimited).not.toHaveBeenCalled();
  });

  it('tells a hook once about a logout it joins again while it is in flight', async () => {
    const onSuccess = vi.fn();
    const { result } = signedInHook({ onSuccess });
    const held = holdLogout(server, wemasyCase.backend().logoutUrl);
    let first: Promise<unknown> = Promise.resolve();
    let second: Promise<unknown> = Promise.resolve();
    act(() => {
      first = result.current.logoutAsync();
    });
    await waitFor(() => expect(result.current.status).toBe('pending'));
    act(() => {
      second = result.current.logoutAsync();
    });
    held.release();
    await act(() => Promise.all([first, second]));
    expect(second).toBe(first);
    expect(onSuccess).toHaveBeenCalledOnce();
  });

  it('returns to idle with reset() after an error, keeping the session', async () => {
    const { result, store } = signedInHook({}, { scenario: 'server-error' });
    await act(() => result.current.logoutAsync().catch(() => {}));
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({ kind: 'server', status: 500 });
    act(() => result.current.reset());
    expect(result.current.status).toBe('idle');
    expect(result.current.error).toBeNull();
    expect(store.getState().accessToken).not.toBeNull();
  });

  it('keeps the cooldown through reset(), since the server imposes it', async () => {
    const { result } = signedInHook(
      { autoRetry: false },
      { scenario: 'rate-limited', retryAfter: 30 },
    );
    await act(() => result.current.logoutAsync().catch(() => {}));
    act(() => result.current.reset());
    expect(result.current.status).toBe('rate-limited');
    expect(result.current.secondsLeft).toBeGreaterThan(0);
  });

  describe('after a cooldown without an automatic retry', () => {
    beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
    afterEach(() => vi.useRealTimers());

    it('returns to idle, with no error and no retryAt', async () => {
      const { result, log } = signedInHook(
        { autoRetry: false },
        { scenario: 'rate-limited', retryAfter: 5 },
      );
      await act(() => result.current.logoutAsync().catch(() => {}));
      expect(result.current.status).toBe('rate-limited');
      await act(() => vi.advanceTimersByTimeAsync(6_000));
      expect(result.current).toMatchObject({
        status: 'idle',
        error: null,
        retryAt: null,
        secondsLeft: 0,
      });
      expect(log.count({ endpoint: 'logout' })).toBe(1);
    });
  });

  it('shows one stable rate-limited error during a cooldown it did not start (a reload)', async () => {
    const store = createSessionStore();
    store.getState().setSession(wemasyCase.session());
    store.setState({ retryAt: Date.now() + 30_000 });
    serve(server, wemasyCase);
    const { result, rerender } = renderHookWithKit(() => useLogout({ autoRetry: false }), {
      backend: wemasyCase.backend(),
      store,
    });
    const shown = result.current.error;
    expect(shown).toMatchObject({ kind: 'rate-limited', status: 429 });
    rerender();
    expect(result.current.error).toBe(shown);
    const rejected = await act(() => result.current.logoutAsync().catch((error: unknown) => error));
    expect(rejected).toBe(shown);
  });

  it('tells every hook that joined a logout in flight how it ended', async () => {
    serve(server, wemasyCase);
    const held = holdLogout(server, wemasyCase.backend().logoutUrl);
    const header = vi.fn();
    const menu = vi.fn();
    const { result, store } = renderHookWithKit(
      () => ({ header: useLogout({ onSuccess: header }), menu: useLogout({ onSuccess: menu }) }),
      { backend: wemasyCase.backend() },
    );
    act(() => void store.getState().setSession(wemasyCase.session()));
    act(() => result.current.header.logout());
    act(() => result.current.menu.logout());
    held.release();
    await waitFor(() => expect(result.current.menu.status).toBe('success'));
    expect(header).toHaveBeenCalledTimes(1);
    expect(menu).toHaveBeenCalledTimes(1);
  });
});
