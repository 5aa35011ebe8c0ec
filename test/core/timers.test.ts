import {
  later,
  MAX_TIMEOUT_MS,
  orDefault,
  scheduleAt,
  secondsUntil,
} from '../../src/core/timers.js';

const SECOND = 1000;

describe('scheduleAt', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls back once the clock reaches the time, and not before', async () => {
    const callback = vi.fn();
    scheduleAt(Date.now() + 30 * SECOND, callback);
    await vi.advanceTimersByTimeAsync(29 * SECOND);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * SECOND);
    expect(callback).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('never fires early when the delay exceeds what setTimeout holds (2^31-1 ms)', async () => {
    const callback = vi.fn();
    const delay = 4_000_000 * SECOND; // a Retry-After of 4,000,000 s, about 46 days
    expect(delay).toBeGreaterThan(MAX_TIMEOUT_MS);
    scheduleAt(Date.now() + delay, callback);

    await vi.advanceTimersByTimeAsync(SECOND);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(MAX_TIMEOUT_MS);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(delay - MAX_TIMEOUT_MS - 3 * SECOND);
    expect(callback).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(4 * SECOND);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('waits out a delay of several times 2^31-1 ms', async () => {
    const callback = vi.fn();
    const delay = 3 * MAX_TIMEOUT_MS + 5 * SECOND;
    scheduleAt(Date.now() + delay, callback);
    await vi.advanceTimersByTimeAsync(delay - 2 * SECOND);
    expect(callback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(3 * SECOND);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('calls back promptly for a time already past', async () => {
    const callback = vi.fn();
    scheduleAt(Date.now() - 5 * SECOND, callback);
    await vi.advanceTimersByTimeAsync(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('never calls back once cancelled', async () => {
    const callback = vi.fn();
    const cancel = scheduleAt(Date.now() + 10 * SECOND, callback);
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    cancel();
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(callback).not.toHaveBeenCalled();
  });

  it('can be cancelled after it has waited out a first 2^31-1 ms step', async () => {
    const callback = vi.fn();
    const cancel = scheduleAt(Date.now() + 2 * MAX_TIMEOUT_MS, callback);
    await vi.advanceTimersByTimeAsync(MAX_TIMEOUT_MS + SECOND);
    cancel();
    await vi.advanceTimersByTimeAsync(2 * MAX_TIMEOUT_MS);
    expect(callback).not.toHaveBeenCalled();
  });

  it('leaves no timer behind once cancelled', async () => {
    const cancel = scheduleAt(Date.now() + 4_000_000 * SECOND, () => {});
    expect(vi.getTimerCount()).toBe(1);
    cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('secondsUntil', () => {
  const now = Date.UTC(2026, 10, 21, 5, 0, 0);

  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [29_001, 30],
    [30_000, 30],
    [4_000_000_000, 4_000_000],
  ])('rounds %i ms up to %i whole seconds', (ms, seconds) => {
    expect(secondsUntil(now + ms, now)).toBe(seconds);
  });

  it('is 0 when there is no time, or the time has come or passed', () => {
    expect(secondsUntil(null, now)).toBe(0);
    expect(secondsUntil(now, now)).toBe(0);
    expect(secondsUntil(now - 5000, now)).toBe(0);
  });

  it('measures from the current clock by default', () => {
    vi.useFakeTimers({ now });
    try {
      expect(secondsUntil(now + 2500)).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('scheduleAt with a time that is not a number', () => {
  it('calls back at once instead of never: a misconfigured wait cannot hang', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const callback = vi.fn();
    scheduleAt(Number.NaN, callback);
    await vi.advanceTimersByTimeAsync(1);
    expect(callback).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('later', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('counts time passing, not the wall clock: setting the clock back does not stretch the wait', async () => {
    const callback = vi.fn();
    later(10 * SECOND, callback);
    await vi.advanceTimersByTimeAsync(4 * SECOND);
    vi.setSystemTime(Date.now() - 3_600_000);
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('never calls back for Infinity', async () => {
    const callback = vi.fn();
    later(Number.POSITIVE_INFINITY, callback);
    await vi.advanceTimersByTimeAsync(5 * MAX_TIMEOUT_MS);
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('orDefault', () => {
  it.each([
    [undefined, 10],
    [Number.NaN, 10],
    [-1, 10],
    [0, 0],
    [250, 250],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
  ])('reads %s as %s', (value, expected) => {
    expect(orDefault(value, 10)).toBe(expected);
  });

  it('takes the default above the largest value allowed', () => {
    expect(orDefault(Number.POSITIVE_INFINITY, 10, Number.MAX_SAFE_INTEGER)).toBe(10);
  });
});
