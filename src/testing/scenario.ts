import { delay, HttpResponse } from 'msw';
import { describeExchange, type MockBackendName, type MockRequestRecord } from './requestLog.js';

/**
 * How the mocked logout endpoint answers.
 * - `ok`: like the real server: 200 for a live bearer token, 401 for a missing, unknown or revoked one.
 * - `unauthorized`: 401, as for a token the server already forgot.
 * - `rate-limited`: the first logout (or `rateLimitedTimes` of them) gets 429 with `Retry-After` and
 *   `X-RateLimit-Remaining: 0`; later ones are answered as `ok`.
 * - `server-error`: 500. `network-error`: no answer at all (`HttpResponse.error()`).
 * - `slow`: answered as `ok` after `delayMs`. `malformed`: 200 with an HTML page instead of JSON.
 * - `not-found`: 404. `bad-request`: 400 (another 4xx, which the kit reports as rejected).
 */
export type MockScenario =
  | 'ok'
  | 'unauthorized'
  | 'rate-limited'
  | 'server-error'
  | 'network-error'
  | 'slow'
  | 'malformed'
  | 'not-found'
  | 'bad-request';

/** Every scenario, in the order a developer panel lists them. */
export const mockScenarios: readonly MockScenario[] = Object.freeze([
  'ok',
  'unauthorized',
  'rate-limited',
  'server-error',
  'network-error',
  'slow',
  'malformed',
  'not-found',
  'bad-request',
]);

/** Options both backends' handlers take. */
export interface MockHandlerOptions {
  /**
   * How the logout endpoint answers (sign-in endpoints always answer as `ok`).
   * @default 'ok'
   */
  scenario?: MockScenario;
  /**
   * The `Retry-After` value of a 429: seconds, or an HTTP-date string; `null` sends none.
   * @default 60
   */
  retryAfter?: number | string | null;
  /**
   * How many logouts the `rate-limited` scenario answers with 429 before it lets one through.
   * @default 1
   */
  rateLimitedTimes?: number;
  /**
   * How long the `slow` scenario waits before it answers, in ms.
   * @default 3000
   */
  delayMs?: number;
  /**
   * Called once for every answered request, with a record whose tokens are masked.
   * @default undefined
   */
  onRequest?: (record: MockRequestRecord) => void;
  /**
   * Decides whether a bearer token is live. The default accepts what the matching
   * `commerceEngineSession`/`wemasySession` or the mocked sign-in endpoints minted, and rejects
   * tokens these handlers have already logged out.
   * @default the backend's own token check
   */
  acceptToken?: (token: string) => boolean;
}

/** The bearer token of a request, or `null` when the header is missing or not `Bearer <token>`. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/**
 * Headers every mocked answer carries so that a page on another origin may read them, as a real
 * cross-origin API must allow (a service worker's answer is still filtered by CORS).
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, Date',
});

/** The page a misconfigured proxy or a login wall answers with instead of JSON. */
export const MALFORMED_PAGE =
  '<!DOCTYPE html><html><head><title>Please wait</title></head><body><h1>Checking your browser…</h1></body></html>';

/** How one backend phrases its logout answers; the scenario logic is shared. */
export interface LogoutAnswers {
  backend: MockBackendName;
  /** Headers every answer carries (rate-limit figures, CORS). */
  headers: (status: number) => Record<string, string>;
  ok: (request: Request) => Response;
  status: (status: 400 | 401 | 404 | 429 | 500, request: Request) => Response;
  isLive: (token: string, request: Request) => boolean;
  revoke: (token: string) => void;
}

/** Keeps the per-handler-set state a scenario needs (the 429 counter). */
export function createLogoutResolver(options: MockHandlerOptions, answers: LogoutAnswers) {
  const scenario = options.scenario ?? 'ok';
  const retryAfter = options.retryAfter === undefined ? 60 : options.retryAfter;
  let rateLimitedLeft = options.rateLimitedTimes ?? 1;
  const isLive = (token: string, request: Request) =>
    options.acceptToken ? options.acceptToken(token) : answers.isLive(token, request);

  async function answer(request: Request): Promise<Response> {
    if (scenario === 'network-error') return HttpResponse.error();
    if (scenario === 'rate-limited' && rateLimitedLeft > 0) {
      rateLimitedLeft -= 1;
      const response = answers.status(429, request);
      if (retryAfter !== null) response.headers.set('Retry-After', String(retryAfter));
      response.headers.set('X-RateLimit-Remaining', '0');
      return response;
    }
    if (scenario === 'slow') await delay(options.delayMs ?? 3000);
    if (scenario === 'unauthorized') return answers.status(401, request);
    if (scenario === 'server-error') return answers.status(500, request);
    if (scenario === 'not-found') return answers.status(404, request);
    if (scenario === 'bad-request') return answers.status(400, request);
    if (scenario === 'malformed') {
      return new HttpResponse(MALFORMED_PAGE, {
        status: 200,
        headers: { ...answers.headers(200), 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    const token = bearerToken(request);
    if (token === null || !isLive(token, request)) return answers.status(401, request);
    answers.revoke(token);
    return answers.ok(request);
  }

  return async ({ request }: { request: Request }): Promise<Response> => {
    const response = await answer(request);
    options.onRequest?.(
      describeExchange(
        { backend: answers.backend, endpoint: 'logout', scenario },
        request,
        response,
      ),
    );
    return response;
  };
}

/** Wraps a sign-in style resolver so that it reports to `onRequest` too. */
export function logged(
  options: MockHandlerOptions,
  backend: MockBackendName,
  endpoint: string,
  resolve: (request: Request) => Promise<Response> | Response,
) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const response = await resolve(request);
    options.onRequest?.(
      describeExchange(
        { backend, endpoint, scenario: options.scenario ?? 'ok' },
        request,
        response,
      ),
    );
    return response;
  };
}

/** Reads a JSON object body, or `null` when the body is not one. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
