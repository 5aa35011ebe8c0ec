import { inspect } from 'node:util';
import { act } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { isLogoutError, useLogout, wemasy } from '../../src/index.js';
import { wemasySession } from '../../src/testing/index.js';
import { renderHookWithKit, setupMockServer } from '../react/kit.js';

// The README: "no error, error `cause`, message or log line ever holds any part of a token,
// whatever the token looks like (a `network` error drops a `cause` from a `fetch` wrapper that
// quotes the request)". The kit keeps a network error's `cause` unless `String(cause)` contains
// the whole token, so a cause that holds the token anywhere else, or quotes only part of it, goes
// through to `error.cause`, to `console.error(error)` and to any error reporter the storefront runs.

const server = setupMockServer();
const LOGOUT_URL = wemasy().logoutUrl;

/** A Sanctum token, `id|secret`: the secret is what must never show. */
const session = wemasySession();
const TOKEN = session.accessToken;
const SECRET = TOKEN.slice(TOKEN.indexOf('|') + 1);

/** What `console.error(error)` prints in Node, and what a browser console shows once expanded. */
const printed = (value: unknown) => inspect(value, { depth: Number.POSITIVE_INFINITY });

/** The `Authorization` header the kit handed to the storefront's fetch wrapper. */
const authorization = (init: RequestInit) => new Headers(init.headers).get('authorization') ?? '';

/**
 * Logs out through a backend whose `fetch` is the storefront's own wrapper around the real fetch,
 * which turns the browser's network failure into `wrap(...)`, and returns what logoutAsync rejected with.
 */
async function logoutThrough(wrap: (failure: unknown, url: string, init: RequestInit) => unknown) {
  server.use(http.post(LOGOUT_URL, () => HttpResponse.error()));
  const wrapped = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    try {
      return await fetch(input, init);
    } catch (failure) {
      throw wrap(failure, String(input), init);
    }
  }) as typeof fetch;
  const { result, store } = renderHookWithKit(() => useLogout(), {
    backend: wemasy({ fetch: wrapped }),
    storeOptions: { syncTabs: false },
  });
  act(() => void store.getState().setSession(session));
  let rejected: unknown;
  await act(() =>
    result.current.logoutAsync().catch((error: unknown) => {
      rejected = error;
    }),
  );
  return rejected;
}

describe('a network error of a fetch wrapper never carries the token', () => {
  // The fault (found by trying to break the kit): the wrapper's error says only "Request failed", so String(cause) lacks the token and the
  // kit keeps it, with the wrapper's own cause, which quotes the Authorization header, one level
  // down. Node prints `[cause]: ... Bearer <token>`; a browser console shows it on expanding.
  // Expected: no part of the token anywhere in the LogoutError, its cause chain included.
  it('drops a cause whose own cause quotes the Authorization header', async () => {
    const error = await logoutThrough(
      (failure, url, init) =>
        new Error('Request failed', {
          cause: new Error(`POST ${url} (${authorization(init)}): ${String(failure)}`),
        }),
    );
    expect(isLogoutError(error) && error.kind).toBe('network');
    expect(printed(error)).not.toContain(SECRET);
  });

  // The fault (found by trying to break the kit): ky's and ofetch's errors keep the request they failed (`error.request`,
  // `error.options.headers`) and say only "Request timed out: POST <url>". The kit keeps that cause,
  // and with it a Request whose headers hold `Authorization: Bearer <token>`: console.error(error)
  // prints the header in full, an error reporter serializes it.
  // Expected: the token is not reachable from the LogoutError.
  it('drops a cause that holds the request it failed, as ky and ofetch errors do', async () => {
    const error = await logoutThrough((_, url, init) =>
      Object.assign(new Error(`Request timed out: POST ${url}`), {
        request: new Request(url, init),
        options: { method: 'POST', headers: Object.fromEntries(new Headers(init.headers)) },
      }),
    );
    expect(isLogoutError(error) && error.kind).toBe('network');
    expect(printed(error)).not.toContain(SECRET);
  });

  // The fault (found by trying to break the kit): a wrapper (or a logger) that shortens long header values quotes the first 24 characters
  // of the header: `Bearer 12|AbCdEfGhIjKlMn…`. That is not the whole token, so the kit keeps it,
  // and part of the secret shows in error.cause.message.
  // Expected: "any part of a token" never shows, so this cause goes as well.
  it('drops a cause that quotes the start of the token, cut short', async () => {
    const error = await logoutThrough(
      (_, url, init) =>
        new TypeError(`Failed to fetch ${url} (${authorization(init).slice(0, 24)}…)`),
    );
    expect(isLogoutError(error) && error.kind).toBe('network');
    expect(printed(error)).not.toContain(SECRET.slice(0, 12));
  });
});

describe('a fetch that rejects with something other than an Error', () => {
  // The fault (found by trying to break the kit): the kit reads the rejection with a template string (`${cause}`) to look for the token,
  // and a Symbol or an object without a prototype cannot be turned into a string: that TypeError
  // escapes instead of the LogoutError, so logoutAsync rejects with "Cannot convert a Symbol value
  // to a string", error.kind is undefined and onError receives something that is not a LogoutError.
  // Expected (CONTRACT: logoutAsync "rejects with the LogoutError otherwise"; README, Bad answers:
  // "only LogoutErrors"): a LogoutError of kind 'network', as for a thrown string or null.
  it.each([
    ['a Symbol', Symbol('offline')],
    ['an object without a prototype', Object.create(null) as object],
  ])('still rejects with a network LogoutError when it rejects with %s', async (_, thrown) => {
    const error = await logoutThrough(() => thrown);
    expect(isLogoutError(error) && error.kind).toBe('network');
  });
});
