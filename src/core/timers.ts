/** The longest delay `setTimeout` holds; a longer one overflows and fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once the clock reaches `time` (epoch ms), never earlier, however far away
 * `time` is: delays beyond {@link MAX_TIMEOUT_MS} are waited out in steps, each checking the clock
 * again. Returns a function that cancels the wait.
 */
export function scheduleAt(time: number, callback: () => void): () => void {
  // NaN (a misconfigured cooldown) never comes; without this it would spin on 0 ms timers.
  if (Number.isNaN(time)) return () => {};
  let handle: ReturnType<typeof setTimeout>;
  // A negative delay runs as 0; one beyond MAX_TIMEOUT_MS is waited out in steps.
  const arm = () => {
    handle = setTimeout(wait, Math.min(time - Date.now(), MAX_TIMEOUT_MS));
  };
  const wait = () => {
    if (Date.now() >= time) callback();
    else arm();
  };
  arm();
  return () => clearTimeout(handle);
}

/** Whole seconds from `now` until `time`, rounded up; `0` when `time` is `null` or past. */
export function secondsUntil(time: number | null, now: number = Date.now()): number {
  if (time === null || time <= now) return 0;
  return Math.ceil((time - now) / 1000);
}
