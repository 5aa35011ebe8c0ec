import { readRateLimit } from '../../src/core/rateLimit.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('readRateLimit', () => {
  it('reads both X-RateLimit figures', () => {
    expect(
      readRateLimit(headers({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0' })),
    ).toEqual({ limit: 60, remaining: 0 });
  });

  it('reads one figure alone and leaves the other null', () => {
    expect(readRateLimit(headers({ 'X-RateLimit-Limit': '60' }))).toEqual({
      limit: 60,
      remaining: null,
    });
    expect(readRateLimit(headers({ 'X-RateLimit-Remaining': '59' }))).toEqual({
      limit: null,
      remaining: 59,
    });
  });

  it('is null for an answer without rate-limit headers', () => {
    expect(readRateLimit(headers({ 'Retry-After': '30' }))).toBeNull();
  });

  it.each([
    ['digits then letters', '57abc'],
    ['a negative number', '-1'],
    ['an exponent', '1e3'],
    ['a fraction', '1.5'],
    ['an empty value', ''],
  ])('reads %s (%j) as no figure', (_label, value) => {
    expect(
      readRateLimit(headers({ 'X-RateLimit-Limit': value, 'X-RateLimit-Remaining': '3' })),
    ).toEqual({ limit: null, remaining: 3 });
  });

  it('reads a figure padded with white space that Headers keep (a no-break space, a form feed)', () => {
    // Headers strip only spaces and tabs around a value; a custom fetch may hand over these.
    expect(
      readRateLimit(
        headers({ 'X-RateLimit-Limit': '\u00a060\u00a0', 'X-RateLimit-Remaining': '\f7' }),
      ),
    ).toEqual({ limit: 60, remaining: 7 });
  });
});
