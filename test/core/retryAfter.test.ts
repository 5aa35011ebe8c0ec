import { parseHttpDate, parseRetryAfter } from '../../src/core/retryAfter.js';

// A fixed clock: Saturday 21 November 2026, 05:00:00 UTC.
const NOW = Date.UTC(2026, 10, 21, 5, 0, 0);
const SECOND = 1000;

describe('parseRetryAfter reads delta-seconds', () => {
  it.each([
    ['0', 0],
    ['1', 1 * SECOND],
    ['30', 30 * SECOND],
    ['120', 120 * SECOND],
    ['007', 7 * SECOND],
    ['4000000', 4_000_000 * SECOND],
  ])('reads %j as that many seconds', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('keeps a delay beyond what setTimeout holds instead of wrapping it', () => {
    const delay = parseRetryAfter('4000000', NOW);
    expect(delay).toBeGreaterThan(2 ** 31 - 1);
  });

  it('caps an absurdly long delay at a safe integer rather than Infinity', () => {
    const delay = parseRetryAfter('9'.repeat(400), NOW);
    expect(delay).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('ignores whitespace around the value, as header parsing strips it', () => {
    expect(parseRetryAfter(' 30 ', NOW)).toBe(30 * SECOND);
    expect(parseRetryAfter('\t45', NOW)).toBe(45 * SECOND);
  });
});

describe('parseRetryAfter reads the IMF-fixdate form', () => {
  it('reads a future date as the milliseconds until it', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 05:01:00 GMT', NOW)).toBe(60 * SECOND);
    expect(parseRetryAfter('Tue, 01 Dec 2026 05:00:00 GMT', NOW)).toBe(10 * 24 * 3600 * SECOND);
  });

  it('reads what Date#toUTCString writes', () => {
    const at = NOW + 90 * SECOND;
    expect(parseRetryAfter(new Date(at).toUTCString(), NOW)).toBe(90 * SECOND);
  });

  it('reads a past date, or now itself, as 0, never negative', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 04:59:59 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 05:00:00 GMT', NOW)).toBe(0);
  });

  it('reads the exact instant of the date', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseHttpDate('Tue, 29 Feb 2028 00:00:00 GMT')).toBe(Date.UTC(2028, 1, 29));
    expect(parseHttpDate('Mon, 29 Feb 2027 00:00:00 GMT')).toBeUndefined();
  });

  it('accepts a leap second (second 60) as the first instant of the next minute', () => {
    const lastMinute = Date.UTC(2026, 11, 31, 23, 59, 0);
    expect(parseRetryAfter('Thu, 31 Dec 2026 23:59:60 GMT', lastMinute)).toBe(60 * SECOND);
    expect(parseHttpDate('Thu, 31 Dec 2026 23:59:60 GMT')).toBe(Date.UTC(2027, 0, 1, 0, 0, 0));
    expect(parseHttpDate('Sat, 21 Nov 2026 05:30:60 GMT')).toBe(Date.UTC(2026, 10, 21, 5, 31, 0));
  });

  it.each([
    ['31 February', 'Sat, 31 Feb 2026 05:00:00 GMT'],
    ['31 November', 'Mon, 31 Nov 2026 05:00:00 GMT'],
    ['day 00', 'Sat, 00 Nov 2026 05:00:00 GMT'],
    ['day 32', 'Sat, 32 Dec 2026 05:00:00 GMT'],
    ['hour 24', 'Sat, 21 Nov 2026 24:00:00 GMT'],
    ['minute 60', 'Sat, 21 Nov 2026 05:60:00 GMT'],
    ['second 61', 'Sat, 21 Nov 2026 05:00:61 GMT'],
  ])('rejects an impossible date (%s) rather than rolling it over', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter reads the obsolete RFC 850 form', () => {
  it('reads a future date as the milliseconds until it', () => {
    expect(parseRetryAfter('Saturday, 21-Nov-26 05:01:00 GMT', NOW)).toBe(60 * SECOND);
  });

  it('reads a two-digit year up to 50 years ahead in this century', () => {
    expect(parseHttpDate('Friday, 21-Nov-70 05:00:00 GMT', NOW)).toBe(Date.UTC(2070, 10, 21, 5));
    expect(parseRetryAfter('Friday, 21-Nov-70 05:00:00 GMT', NOW)).toBe(
      Date.UTC(2070, 10, 21, 5) - NOW,
    );
  });

  it('reads a two-digit year more than 50 years ahead as the previous century', () => {
    expect(parseHttpDate('Sunday, 21-Nov-77 05:00:00 GMT', NOW)).toBe(Date.UTC(1977, 10, 21, 5));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(
      Date.UTC(1994, 10, 6, 8, 49, 37),
    );
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(0);
  });

  it('compares with the exact instant 50 years from now, not just the year', () => {
    // Now is 21 Nov 2026 05:00 UTC: 50 years ahead is 21 Nov 2076 05:00 UTC.
    expect(parseHttpDate('Saturday, 21-Nov-76 04:59:59 GMT', NOW)).toBe(
      Date.UTC(2076, 10, 21, 4, 59, 59),
    );
    expect(parseHttpDate('Tuesday, 22-Dec-76 00:00:00 GMT', NOW)).toBe(Date.UTC(1976, 11, 22));
    expect(parseRetryAfter('Tuesday, 22-Dec-76 00:00:00 GMT', NOW)).toBe(0);
  });

  it('keeps a date exactly 50 years ahead in this century: only more than 50 years goes back', () => {
    expect(parseHttpDate('Saturday, 21-Nov-76 05:00:00 GMT', NOW)).toBe(Date.UTC(2076, 10, 21, 5));
    expect(parseHttpDate('Saturday, 21-Nov-76 05:00:01 GMT', NOW)).toBe(
      Date.UTC(1976, 10, 21, 5, 0, 1),
    );
  });

  it('places the two-digit year relative to now, not to a fixed century', () => {
    const in2060 = Date.UTC(2060, 0, 1);
    expect(parseHttpDate('Saturday, 06-Nov-94 08:49:37 GMT', in2060)).toBe(
      Date.UTC(2094, 10, 6, 8, 49, 37),
    );
  });

  it('rejects an RFC 850 date with a short day name or a four-digit year', () => {
    expect(parseRetryAfter('Sat, 21-Nov-26 05:01:00 GMT', NOW)).toBeUndefined();
    expect(parseRetryAfter('Saturday, 21-Nov-2026 05:01:00 GMT', NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter reads the obsolete asctime form', () => {
  it('reads a two-digit day', () => {
    expect(parseRetryAfter('Sat Nov 21 05:01:00 2026', NOW)).toBe(60 * SECOND);
  });

  it('reads a space-padded one-digit day', () => {
    expect(parseRetryAfter('Tue Dec  1 05:00:00 2026', NOW)).toBe(10 * 24 * 3600 * SECOND);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('reads a past asctime date as 0', () => {
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', NOW)).toBe(0);
  });

  it('rejects an asctime date with a GMT suffix or an unpadded day', () => {
    expect(parseRetryAfter('Sat Nov 21 05:01:00 2026 GMT', NOW)).toBeUndefined();
    expect(parseRetryAfter('Tue Dec 1 05:00:00 2026', NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter refuses what RFC 9110 does not allow', () => {
  it.each([
    ['a fraction', '1.5'],
    ['a negative number', '-5'],
    ['a signed number', '+30'],
    ['digits then letters', '12abc'],
    ['a unit', '30 s'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['full-width digits', '３０'],
    ['an empty string', ''],
    ['a blank string', ' '],
    ['a word', 'soon'],
    ['a date without GMT', 'Wed, 21 Oct 2015 07:28:00'],
    ['a date in UTC instead of GMT', 'Sat, 21 Nov 2026 05:01:00 UTC'],
    ['a date with a numeric offset', 'Sat, 21 Nov 2026 05:01:00 +0000'],
    ['a lowercase month', 'Sat, 21 nov 2026 05:01:00 GMT'],
    ['a lowercase day name', 'sat, 21 Nov 2026 05:01:00 GMT'],
    ['an uppercase month', 'Sat, 21 NOV 2026 05:01:00 GMT'],
    ['a full day name in IMF-fixdate', 'Saturday, 21 Nov 2026 05:01:00 GMT'],
    ['a one-digit day in IMF-fixdate', 'Tue, 1 Dec 2026 05:00:00 GMT'],
    ['an ISO 8601 date', '2026-11-21T05:01:00Z'],
    ['a loose date', 'Nov 21 2026 05:01:00'],
    ['text before an IMF-fixdate', 'xSat, 21 Nov 2026 05:01:00 GMT'],
    ['text after an IMF-fixdate', 'Sat, 21 Nov 2026 05:01:00 GMT+0100'],
    ['text before an RFC 850 date', 'xSaturday, 21-Nov-26 05:01:00 GMT'],
    ['text after an RFC 850 date', 'Saturday, 21-Nov-26 05:01:00 GMT+0100'],
    ['text before an asctime date', 'On Sat Nov 21 05:01:00 2026'],
  ])('returns undefined for %s (%j)', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('returns undefined for a missing header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter without an explicit now', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('measures a date from the current clock', () => {
    vi.useFakeTimers({ shouldAdvanceTime: false, now: NOW });
    expect(parseRetryAfter('Sat, 21 Nov 2026 05:02:00 GMT')).toBe(120 * SECOND);
  });
});
