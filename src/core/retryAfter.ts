// Retry-After = HTTP-date / delay-seconds (RFC 9110 §10.2.3). An HTTP-date is an IMF-fixdate or one
// of the two obsolete forms every recipient must still read (RFC 9110 §5.6.7). Anything else is
// unreadable: a lenient `Date.parse` would turn "1.5" into a year and retry at once.

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(?<month>${MONTHS.join('|')})`;
const TIME = '(?<hours>\\d{2}):(?<minutes>\\d{2}):(?<seconds>\\d{2})';

const HTTP_DATE_FORMS = [
  // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
  new RegExp(`^${DAY}, (?<day>\\d{2}) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`),
  // rfc850-date: `Sunday, 06-Nov-94 08:49:37 GMT`
  new RegExp(`^${LONG_DAY}, (?<day>\\d{2})-${MONTH}-(?<year>\\d{2}) ${TIME} GMT$`),
  // asctime-date: `Sun Nov  6 08:49:37 1994`
  new RegExp(`^${DAY} ${MONTH} (?<day> \\d|\\d{2}) ${TIME} (?<year>\\d{4})$`),
];
const DELAY_SECONDS = /^\d+$/;

/** The instant 50 years after `now`: an rfc850-date beyond it is read in the previous century. */
function fiftyYearsFrom(now: number): number {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 50);
  return limit.getTime();
}

function toEpoch(parts: Record<string, string | undefined>, now: number): number | undefined {
  const { year = '', month = '', day = '', hours = '', minutes = '', seconds = '' } = parts;
  const d = Number(day);
  const h = Number(hours);
  const min = Number(minutes);
  // 60 allows a leap second, which Date folds into the next minute.
  const s = Number(seconds);
  if (h > 23 || min > 59 || s > 60 || d < 1) return undefined;
  const current = new Date(now).getUTCFullYear();
  const y = year.length === 2 ? current - (current % 100) + Number(year) : Number(year);
  const at = (fullYear: number) => Date.UTC(fullYear, MONTHS.indexOf(month), d, h, min, s);
  let time = at(y);
  // RFC 9110 §5.6.7: a two-digit year that puts the date more than 50 years in the future means
  // the most recent past year with those digits (compared to the instant, not just the year).
  if (year.length === 2 && time > fiftyYearsFrom(now)) time = at(y - 100);
  // Reject a 31 Feb rather than let Date roll it into March.
  if (new Date(time - (s === 60 ? 1000 : 0)).getUTCDate() !== d) return undefined;
  return time;
}

/** Reads an HTTP-date in any of its three forms to epoch milliseconds, or `undefined`. */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  for (const form of HTTP_DATE_FORMS) {
    const parts = form.exec(value)?.groups;
    if (parts) return toEpoch(parts, now);
  }
  return undefined;
}

/**
 * Reads a `Retry-After` header value, delta-seconds or an HTTP-date (RFC 9110 §10.2.3), into the
 * milliseconds to wait from `now`. Never negative: a date in the past means "now". Returns
 * `undefined` for a missing or unreadable value, so the caller can fall back to a cooldown of its own.
 *
 * @example
 * parseRetryAfter('120') // 120000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60000
 * parseRetryAfter('1.5') // undefined
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (typeof value !== 'string') return undefined;
  // Fetch's Headers already strip surrounding whitespace; a raw string may not have.
  const text = value.trim();
  if (DELAY_SECONDS.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}
