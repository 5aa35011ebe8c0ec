import { runInNewContext } from 'node:vm';
import { isLogoutError, LogoutError } from '../../src/core/LogoutError.js';

describe('LogoutError', () => {
  it('is an Error with a name, a kind and the answer figures', () => {
    const rateLimit = { limit: 60, remaining: 0 };
    const error = new LogoutError('rate-limited', 'Wemasy is rate-limiting logouts', {
      status: 429,
      retryAfterMs: 30_000,
      rateLimit,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('LogoutError');
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toBe('Wemasy is rate-limiting logouts');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.rateLimit).toEqual(rateLimit);
    expect(String(error)).toBe('LogoutError: Wemasy is rate-limiting logouts');
  });

  it('leaves out what the answer did not give', () => {
    const error = new LogoutError('network', 'Wemasy could not be reached to log out');
    expect(error.status).toBeUndefined();
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.rateLimit).toBeNull();
    expect(error.cause).toBeUndefined();
  });

  it('passes the cause through', () => {
    const cause = new TypeError('Failed to fetch');
    expect(new LogoutError('network', 'offline', { cause }).cause).toBe(cause);
  });
});

describe('isLogoutError', () => {
  it('recognises a LogoutError of every kind', () => {
    for (const kind of [
      'rate-limited',
      'rejected',
      'server',
      'network',
      'timeout',
      'invalid-response',
    ] as const) {
      expect(isLogoutError(new LogoutError(kind, kind))).toBe(true);
    }
  });

  it('recognises a LogoutError from another realm (an iframe, another bundle copy)', () => {
    const foreign: unknown = runInNewContext(
      `const error = new Error('Wemasy failed to log out (HTTP 500)');
       error.name = 'LogoutError';
       error.kind = 'server';
       error;`,
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isLogoutError(foreign)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('Failed to fetch')],
    [
      'an Error named LogoutError without a kind',
      Object.assign(new Error('x'), { name: 'LogoutError' }),
    ],
    ['a look-alike plain object', { name: 'LogoutError', kind: 'server', message: 'x' }],
    [
      "another library's error that also has a kind",
      Object.assign(new TypeError('Failed to fetch'), { kind: 'network' }),
    ],
    ['a string', 'LogoutError'],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_label, value) => {
    expect(isLogoutError(value)).toBe(false);
  });
});

describe('LogoutError fields', () => {
  it('has no status or retryAfterMs key when there was no answer', () => {
    const error = new LogoutError('network', 'Wemasy could not be reached to log out');
    expect('status' in error).toBe(false);
    expect('retryAfterMs' in error).toBe(false);
    expect(new LogoutError('server', 'failed', { status: 503 })).toHaveProperty('status', 503);
  });
});
