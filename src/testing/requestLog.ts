import { maskToken } from './fixtures.js';

/** Which mocked backend answered. */
export type MockBackendName = 'commerce-engine' | 'wemasy';

/** One request the mocks answered, with secrets masked: safe to render or log. */
export interface MockRequestRecord {
  /** Counts up from 1 across every handler set of this page or test file. */
  id: number;
  backend: MockBackendName;
  /** The endpoint, such as `'logout'`, `'login/password'` or `'demo-sign-in'`. */
  endpoint: string;
  method: string;
  url: string;
  /** The URL's pathname. */
  path: string;
  /** The status sent, or `null` when the scenario answered with a network error. */
  status: number | null;
  /** `Authorization` (bearer masked), `Accept`, `Content-Type` and `X-Api-Key` (masked), as sent. */
  requestHeaders: Record<string, string>;
  /** `Retry-After`, `X-RateLimit-*` and `Content-Type`, as answered. */
  responseHeaders: Record<string, string>;
  /** The scenario the handlers ran. */
  scenario: string;
  /** When the answer was sent, epoch ms. */
  time: number;
}

let nextId = 1;

const SENT = ['accept', 'content-type'];
const ANSWERED = ['content-type', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'];

/** Builds the record of one answered request. */
export function describeExchange(
  base: Pick<MockRequestRecord, 'backend' | 'endpoint' | 'scenario'>,
  request: Request,
  response: Response | null,
): MockRequestRecord {
  const requestHeaders: Record<string, string> = {};
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const [scheme, ...rest] = authorization.split(' ');
    requestHeaders.authorization = `${scheme} ${maskToken(rest.join(' '))}`;
  }
  const apiKey = request.headers.get('x-api-key');
  if (apiKey !== null) requestHeaders['x-api-key'] = maskToken(apiKey);
  for (const name of SENT) {
    const value = request.headers.get(name);
    if (value !== null) requestHeaders[name] = value;
  }
  const responseHeaders: Record<string, string> = {};
  for (const name of ANSWERED) {
    const value = response?.headers.get(name) ?? null;
    if (value !== null) responseHeaders[name] = value;
  }
  const url = new URL(request.url);
  return {
    ...base,
    id: nextId++,
    method: request.method,
    url: request.url,
    path: url.pathname,
    status: response === null || response.type === 'error' ? null : response.status,
    requestHeaders,
    responseHeaders,
    time: Date.now(),
  };
}

/** A list of answered requests to count in tests or show in a UI. */
export interface RequestLog {
  /** Pass this as the handlers' `onRequest`. */
  readonly record: (entry: MockRequestRecord) => void;
  /** Every record so far, oldest first (a new array after each change). */
  readonly entries: () => readonly MockRequestRecord[];
  /** How many records match every given field, such as `{ endpoint: 'logout' }`. */
  readonly count: (match?: Partial<MockRequestRecord>) => number;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
  readonly clear: () => void;
}

/**
 * A request log for the mocks' `onRequest`, with the subscribe/snapshot pair React's
 * `useSyncExternalStore` wants.
 *
 * @example
 * const log = createRequestLog()
 * server.use(...wemasyHandlers({ onRequest: log.record }))
 * // ... log out ...
 * expect(log.count({ endpoint: 'logout' })).toBe(1)
 */
export function createRequestLog(): RequestLog {
  let entries: readonly MockRequestRecord[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  return {
    record: (entry) => {
      entries = [...entries, entry];
      changed();
    },
    entries: () => entries,
    count: (match = {}) =>
      entries.filter((entry) =>
        Object.entries(match).every(
          ([key, value]) => entry[key as keyof MockRequestRecord] === value,
        ),
      ).length,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => {
      entries = [];
      changed();
    },
  };
}
