import { toPersistedSession } from '../../src/core/sanitize.js';

const session = { accessToken: 'access-1', refreshToken: 'refresh-1', user: { id: 'customer-1' } };

describe('toPersistedSession', () => {
  it('keeps a cooldown that ends at a time, and an epoch that counts logouts', () => {
    const retryAt = Date.UTC(2026, 10, 21, 5, 1, 0);
    expect(toPersistedSession({ ...session, retryAt, epoch: 3 })).toEqual({
      ...session,
      retryAt,
      epoch: 3,
    });
  });

  it.each([
    ['0', 0],
    ['a negative number', -1],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a string of digits', '1795237260000'],
    ['true', true],
  ])('reads a retryAt of %s as no cooldown', (_label, retryAt) => {
    expect(toPersistedSession({ ...session, retryAt }).retryAt).toBeNull();
  });

  it.each([
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a number beyond the safe integers', 2 ** 53],
    ['a string of digits', '4'],
  ])('reads an epoch of %s as 0', (_label, epoch) => {
    expect(toPersistedSession({ ...session, epoch }).epoch).toBe(0);
  });
});
