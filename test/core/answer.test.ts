import { cooldownError, MIN_COOLDOWN_MS, retryAfterMs, verdictOf } from '../../src/core/answer.js';
import { expectDevWarnings, UNREADABLE_RETRY_AFTER } from '../devWarnings.js';

/** An answer with any status, as a network response can carry one (the constructor allows 200–599). */
function answer(status: number, headers: Record<string, string> = {}): Response {
  const response = new Response(null, { status: 200, headers });
  Object.defineProperty(response, 'status', { value: status });
  Object.defineProperty(response, 'ok', { value: status >= 200 && status <= 299 });
  return response;
}

describe('verdictOf reads a logout answer by the contract’s table', () => {
  it.each([
    [200, 'signed-out'],
    [204, 'signed-out'],
    [401, 'already-signed-out'],
    [403, 'already-signed-out'],
    [404, 'already-signed-out'],
    [429, 'rate-limited'],
    [400, 'rejected'],
    [499, 'rejected'],
    [500, 'server'],
    [599, 'server'],
    [0, 'invalid-response'],
    [302, 'invalid-response'],
  ])('reads HTTP %i as %s', (status, verdict) => {
    expect(verdictOf(answer(status))).toBe(verdict);
  });

  it.each([600, 999])(
    'reads HTTP %i, which servers may send and fetch passes on, as an invalid response, not a server error',
    (status) => {
      expect(verdictOf(answer(status))).toBe('invalid-response');
    },
  );
});

describe('retryAfterMs', () => {
  const NOW = Date.UTC(2026, 10, 21, 5, 0, 0);
  const policy = { cooldownMs: 60_000 };

  it('waits as long as Retry-After says, and the policy’s cooldown when it says nothing', () => {
    const warn = expectDevWarnings();
    expect(retryAfterMs(answer(429, { 'Retry-After': '30' }), policy, NOW)).toBe(30_000);
    expect(warn).not.toHaveBeenCalled();
    expect(retryAfterMs(answer(429), policy, NOW)).toBe(60_000);
    expect(warn.mock.calls[0]?.[0]).toMatch(UNREADABLE_RETRY_AFTER);
  });

  it('measures an HTTP-date on the device clock when the answer has no Date header', () => {
    const retryAfter = new Date(NOW + 45_000).toUTCString();
    expect(retryAfterMs(answer(429, { 'Retry-After': retryAfter }), policy, NOW)).toBe(45_000);
  });

  it(`never waits less than ${MIN_COOLDOWN_MS} ms, so a retry cannot loop`, () => {
    expect(retryAfterMs(answer(429, { 'Retry-After': '0' }), policy, NOW)).toBe(MIN_COOLDOWN_MS);
  });
});

describe('cooldownError', () => {
  const NOW = Date.UTC(2026, 10, 21, 5, 0, 0);

  it('is null without a cooldown, or once it is over', () => {
    expect(cooldownError(null, NOW)).toBeNull();
    expect(cooldownError(NOW, NOW)).toBeNull();
    expect(cooldownError(NOW - 1, NOW)).toBeNull();
  });

  it('is the rate-limited error of a cooldown still running, with the wait left', () => {
    const error = cooldownError(NOW + 4_500, NOW);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 4_500 });
    expect(error?.message).toBe('Too many logout attempts; try again in 5 s');
  });
});
