/**
 * Calls `callback` once `ms` milliseconds have passed, never earlier, however long: a delay beyond
 * {@link MAX_TIMEOUT_MS} is waited out in steps. It counts time passing, not the wall clock, so a
 * device clock set back or forth meanwhile does not stretch or cut the wait. `Infinity` never
 * calls back; `NaN` or a negative delay calls back at once, so a misconfigured wait cannot hang.
 * Returns a function that cancels the wait.
 */
export function later(ms: number, callback: () => void): () => void {
  let handle: ReturnType<typeof setTimeout>;
  const arm = (left: number) => {
    handle =
      left > MAX_TIMEOUT_MS
        ? setTimeout(() => arm(left - MAX_TIMEOUT_MS), MAX_TIMEOUT_MS)
        : setTimeout(callback, left);
  };
  arm(ms);
  return () => clearTimeout(handle);
}

/** The longest delay `setTimeout` holds; a longer one overflows and fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Calls `callback` at `time` (epoch ms) as the clock reads now: {@link later} the time left. */
export const scheduleAt = (time: number, callback: () => void): (() => void) =>
  later(time - Date.now(), callback);

/**
 * A configured number of milliseconds (or attempts): `value` when it is a number from 0 to `max`,
 * else `fallback`, so a missing or mistyped setting (`undefined`, `NaN`, `-1`) takes the default.
 */
export const orDefault = (value: number | undefined, fallback: number, max = Infinity): number =>
  (value as number) >= 0 && (value as number) <= max ? (value as number) : fallback;

/** Whole seconds from `now` until `time`, rounded up; `0` when `time` is `null` or past. */
export function secondsUntil(time: number | null, now: number = Date.now()): number {
  if (time === null || time <= now) return 0;
  return Math.ceil((time - now) / 1000);
}
