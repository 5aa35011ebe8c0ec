// Retry-After = HTTP-date / delay-seconds (RFC 9110 §10.2.3). An HTTP-date is an IMF-fixdate or one
// of the two obsolete forms every recipient must still read (RFC 9110 §5.6.7). Anything else is
// unreadable: a lenient `Date.parse` would turn "1.5" into a year and retry at once.

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
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

// Each form's pattern checks what `readFixdate` cannot: the day name, and how an obsolete form's
// parts fit into an IMF-fixdate. readFixdate checks the rest, exactly.
/** IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`: the form `Date#toUTCString` writes. */
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), /;
/** rfc850-date, `Sunday, 06-Nov-94 08:49:37 GMT`: day, month, two-digit year, time. */
const RFC_850_DATE =
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-(\w{3})-(\d\d) (\S+) GMT$/;
/** asctime-date, `Sun Nov  6 08:49:37 1994`: month, space-padded day, time, year. */
const ASCTIME_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) ( \d|\d\d) (\S+) (\d{4})$/;

/**
 * Reads an IMF-fixdate whose shape is already checked. ECMAScript guarantees `Date.parse` reads
 * what `toUTCString` writes, which is this form with the right day name; V8, JavaScriptCore and
 * SpiderMonkey also read it with any other day name, which the obsolete forms below rely on.
 * Writing the instant back must give the same text (the day name aside: the date decides): that
 * rejects a 31 Feb or an hour 24, which Date would roll over, so an engine that reads a text its
 * own way can only make it unreadable (the caller then falls back to its cooldown), never a wrong
 * instant.
 */
function readFixdate(date: string): number | undefined {
  // Date has no second 60: a leap second is read as second 59, plus one second.
  const text = date.replace(':60 GMT', ':59 GMT');
  const time = Date.parse(text);
  if (new Date(time).toUTCString().slice(5) !== text.slice(5)) return undefined;
  return text === date ? time : time + 1000;
}

/** Reads an HTTP-date in any of its three forms to epoch milliseconds, or `undefined`. */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  if (IMF_FIXDATE.test(value)) return readFixdate(value);
  // The obsolete forms are rewritten as an IMF-fixdate, with a stand-in day name, and read as one.
  const asctime = ASCTIME_DATE.exec(value);
  if (asctime) {
    const [, month, day, time, year] = asctime;
    // Every group is there when the pattern matched.
    return readFixdate(`Mon, ${(day as string).replace(' ', '0')} ${month} ${year} ${time} GMT`);
  }
  const rfc850 = RFC_850_DATE.exec(value);
  if (!rfc850) return undefined;
  const [, day, month, twoDigitYear, time] = rfc850;
  const read = (fullYear: number) => readFixdate(`Mon, ${day} ${month} ${fullYear} ${time} GMT`);
  const today = new Date(now);
  const year = today.getUTCFullYear();
  const thisCentury = year - (year % 100) + Number(twoDigitYear);
  const fiftyYearsAhead = today.setUTCFullYear(year + 50);
  // RFC 9110 §5.6.7: a two-digit year that puts the date more than 50 years in the future means
  // the most recent past year with those digits (compared to the instant, not just the year).
  // An unreadable date (undefined) compares as false and stays unreadable.
  const date = read(thisCentury);
  return (date as number) > fiftyYearsAhead ? read(thisCentury - 100) : date;
}
