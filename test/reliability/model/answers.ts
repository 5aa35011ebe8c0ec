// Every class of answer a logout endpoint can give, as data the model can reason about and msw can
// serve.
import fc from 'fast-check';
import type { LogoutErrorKind, RateLimit } from '../../../src/index.js';

export type RetryAfter =
  | { type: 'none' }
  | { type: 'junk'; text: string }
  | { type: 'seconds'; seconds: number }
  /** An HTTP-date `seconds` after the answer (second precision, as the header has it). */
  | { type: 'date'; seconds: number };

export type Answer =
  | { verdict: 'signed-out'; status: 200 | 201 | 202 | 204; body: Body; headers: RateHeaders }
  | { verdict: 'already-signed-out'; status: 401 | 403 | 404; headers: RateHeaders }
  | { verdict: 'rate-limited'; retryAfter: RetryAfter; headers: RateHeaders }
  | { verdict: 'rejected'; status: 400 | 405 | 409 | 418 | 422; headers: RateHeaders }
  | { verdict: 'server'; status: 500 | 502 | 503 | 504; headers: RateHeaders }
  | { verdict: 'invalid-response'; status: 302 | 303 | 307; headers: RateHeaders }
  | { verdict: 'network' };

/** A 2xx body: for Commerce Engine, `valid` hands over an anonymous session; the rest cannot. */
export type Body = 'valid' | 'refused' | 'no-refresh-token' | 'user-without-id' | 'html' | 'empty';

export interface RateHeaders {
  limit?: string;
  remaining?: string;
}

const rateHeaders: fc.Arbitrary<RateHeaders> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record(
    {
      limit: fc.constantFrom('60', '5', 'lots', ''),
      remaining: fc.constantFrom('0', '4', '-1', '1e3'),
    },
    { requiredKeys: [] },
  ),
);

export const retryAfterArb: fc.Arbitrary<RetryAfter> = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.constantFrom('soon', '1.5', '-5', '', '12abc', 'Tomorrow').map((text) => ({
    type: 'junk' as const,
    text,
  })),
  {
    weight: 3,
    arbitrary: fc
      .integer({ min: 0, max: 5 })
      .map((seconds) => ({ type: 'seconds' as const, seconds })),
  },
  fc.integer({ min: 6, max: 180 }).map((seconds) => ({ type: 'seconds' as const, seconds })),
  // Huge: far beyond what a timer holds (2^31-1 ms is under 25 days).
  fc
    .constantFrom(3_000_000, 100_000_000_000, 10 ** 20)
    .map((seconds) => ({ type: 'seconds' as const, seconds })),
  fc.integer({ min: -30, max: 120 }).map((seconds) => ({ type: 'date' as const, seconds })),
);

export const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      verdict: fc.constant('signed-out' as const),
      status: fc.constantFrom(200 as const, 201 as const, 202 as const, 204 as const),
      body: fc.oneof(
        { weight: 4, arbitrary: fc.constant('valid' as const) },
        fc.constantFrom(
          'refused' as const,
          'no-refresh-token' as const,
          'user-without-id' as const,
          'html' as const,
          'empty' as const,
        ),
      ),
      headers: rateHeaders,
    }),
  },
  fc.record({
    verdict: fc.constant('already-signed-out' as const),
    status: fc.constantFrom(401 as const, 403 as const, 404 as const),
    headers: rateHeaders,
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      verdict: fc.constant('rate-limited' as const),
      retryAfter: retryAfterArb,
      headers: rateHeaders,
    }),
  },
  fc.record({
    verdict: fc.constant('rejected' as const),
    status: fc.constantFrom(400 as const, 405 as const, 409 as const, 418 as const, 422 as const),
    headers: rateHeaders,
  }),
  fc.record({
    verdict: fc.constant('server' as const),
    status: fc.constantFrom(500 as const, 502 as const, 503 as const, 504 as const),
    headers: rateHeaders,
  }),
  fc.record({
    verdict: fc.constant('invalid-response' as const),
    status: fc.constantFrom(302 as const, 303 as const, 307 as const),
    headers: rateHeaders,
  }),
  fc.constant({ verdict: 'network' as const }),
);

export function describeAnswer(answer: Answer): string {
  switch (answer.verdict) {
    case 'signed-out':
      return `${answer.status} (${answer.body} body)${headerText(answer.headers)}`;
    case 'rate-limited':
      return `429 Retry-After ${retryAfterText(answer.retryAfter)}${headerText(answer.headers)}`;
    case 'network':
      return 'a network failure';
    default:
      return `${answer.status}${headerText(answer.headers)}`;
  }
}

function headerText(headers: RateHeaders): string {
  const parts = Object.entries(headers).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
  return parts.length > 0 ? ` with X-RateLimit ${parts.join(', ')}` : '';
}

function retryAfterText(retryAfter: RetryAfter): string {
  switch (retryAfter.type) {
    case 'none':
      return 'missing';
    case 'junk':
      return JSON.stringify(retryAfter.text);
    case 'seconds':
      return String(retryAfter.seconds);
    case 'date':
      return `date ${retryAfter.seconds} s ahead`;
  }
}

/** What the kit must read from `X-RateLimit-*`: plain non-negative integers, else nothing. */
export function expectedRateLimit(answer: Answer): RateLimit | null {
  if (answer.verdict === 'network') return null;
  const count = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
  const limit = count(answer.headers.limit);
  const remaining = count(answer.headers.remaining);
  return limit === null && remaining === null ? null : { limit, remaining };
}

/** The error kind an answer that does not end the session stands for. */
export function kindOf(answer: Answer): LogoutErrorKind | null {
  switch (answer.verdict) {
    case 'signed-out':
    case 'already-signed-out':
      return null;
    default:
      return answer.verdict;
  }
}

/** The moment an HTTP-date `Retry-After` names, for an answer built at `now` (second precision). */
export function retryDate(retryAfter: { seconds: number }, now: number): number {
  return Math.floor(now / 1000) * 1000 + retryAfter.seconds * 1000;
}

/**
 * The cooldown the contract asks for after a 429 read at `now`: `Retry-After` in seconds or as a
 * date, else `cooldownMs`, and never under one second.
 */
export function expectedWait(
  retryAfter: RetryAfter,
  cooldownMs: number,
  now: number,
  builtAt: number,
): number {
  let wait: number | undefined;
  if (retryAfter.type === 'seconds')
    wait = Math.min(retryAfter.seconds * 1000, Number.MAX_SAFE_INTEGER);
  if (retryAfter.type === 'date') wait = Math.max(0, retryDate(retryAfter, builtAt) - now);
  return Math.max(1000, wait ?? cooldownMs);
}

export interface AnonymousSession {
  accessToken: string;
  refreshToken: string;
  user: string;
}

/** The Response msw serves for `answer`; `anonymous` is the session a valid body hands over. */
export function toResponse(
  answer: Answer,
  backend: 'commerce-engine' | 'wemasy',
  now: number,
  anonymous: AnonymousSession | null,
): Response {
  if (answer.verdict === 'network') return Response.error();
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (answer.headers.limit !== undefined) headers.set('X-RateLimit-Limit', answer.headers.limit);
  if (answer.headers.remaining !== undefined)
    headers.set('X-RateLimit-Remaining', answer.headers.remaining);
  switch (answer.verdict) {
    case 'signed-out': {
      if (answer.status === 204) return new Response(null, { status: 204, headers });
      return new Response(bodyText(answer.body, backend, anonymous), {
        status: answer.status,
        headers,
      });
    }
    case 'rate-limited': {
      const { retryAfter } = answer;
      if (retryAfter.type === 'junk') headers.set('Retry-After', retryAfter.text);
      if (retryAfter.type === 'seconds')
        headers.set('Retry-After', BigInt(retryAfter.seconds).toString());
      if (retryAfter.type === 'date')
        headers.set('Retry-After', new Date(retryDate(retryAfter, now)).toUTCString());
      return new Response(JSON.stringify({ message: 'Too Many Attempts.' }), {
        status: 429,
        headers,
      });
    }
    case 'invalid-response':
      headers.set('Location', 'https://login.example/');
      return new Response(null, { status: answer.status, headers });
    default:
      return new Response(JSON.stringify({ message: 'No.', success: false }), {
        status: answer.status,
        headers,
      });
  }
}

function bodyText(
  body: Body,
  backend: 'commerce-engine' | 'wemasy',
  anonymous: AnonymousSession | null,
): string {
  if (backend === 'wemasy') {
    return body === 'valid' ? JSON.stringify({ error: false, message: 'Logged out.' }) : '<html>';
  }
  const user = { id: anonymous?.user ?? 'anonymous', is_anonymous: true, is_logged_in: false };
  const content = {
    access_token: anonymous?.accessToken ?? 'anonymous-access',
    refresh_token: anonymous?.refreshToken ?? 'anonymous-refresh',
    user,
  };
  switch (body) {
    case 'valid':
      return JSON.stringify({ success: true, message: 'Logged out', content });
    case 'refused':
      return JSON.stringify({ success: false, message: 'Logged out', content });
    case 'no-refresh-token':
      return JSON.stringify({ success: true, content: { ...content, refresh_token: '' } });
    case 'user-without-id':
      return JSON.stringify({ success: true, content: { ...content, user: { id: 7 } } });
    case 'html':
      return '<!doctype html><title>Signed out</title>';
    case 'empty':
      return '';
  }
}

/** Whether a Commerce Engine 2xx with this body hands over its anonymous session. */
export function handsOverSession(answer: Answer, backend: 'commerce-engine' | 'wemasy'): boolean {
  return (
    backend === 'commerce-engine' &&
    answer.verdict === 'signed-out' &&
    answer.status !== 204 &&
    answer.body === 'valid'
  );
}
