import { act } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import {
  commerceEngine,
  type LogoutBackend,
  type LogoutResult,
  useLogout,
  wemasy,
} from '../../src/index.js';
import { bearerToken } from '../../src/testing/index.js';
import {
  commerceEngineCase,
  renderHookWithKit,
  serve,
  setupMockServer,
  wemasyCase,
} from '../react/kit.js';

// A base URL read from the environment is '' when the variable is declared but left empty
// (`NEXT_PUBLIC_API_URL=` in .env.production): `wemasy({ baseUrl: process.env.NEXT_PUBLIC_API_URL })`.
// Only `undefined` takes the default, so '' makes the logout URL root-relative: the kit sends the
// customer's bearer token to the storefront's own origin (its Next.js or Vite server, whose access
// logs or middleware may record it). That server answers 404, which the outcome table reads as
// "already signed out": the session is emptied, `success` is shown, and the token stays valid at
// the real API. commerceEngine() already refuses a blank storeId for exactly this reason ("A blank
// id builds a URL that answers 404, which the flow reads as 'already signed out'"), but not a
// blank baseUrl. README: "The bearer token goes only to the backend's logout URL" and "a session
// that still works on the server is never silently left behind".
// Expected: a blank baseUrl is refused when the backend is created (as a blank storeId is) or read
// as the default API root; either way, no token goes to the storefront's own origin.

const server = setupMockServer();

/** The storefront's own server (jsdom's page origin): a not-found page for every unknown path. */
const ownOrigin = http.post(`${location.origin}/*`, () =>
  HttpResponse.text('<!doctype html><title>404: This page could not be found.</title>', {
    status: 404,
  }),
);

/** Every bearer token the page sent, with the URL it went to. */
function recordBearers() {
  const sent: { url: string; token: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({ url: request.url, token: bearerToken(request) });
  });
  return sent;
}

const cases: Array<[string, typeof wemasyCase, () => LogoutBackend, string]> = [
  ['wemasy', wemasyCase, () => wemasy({ baseUrl: '' }), 'https://api.wemasy.nl/'],
  [
    'commerceEngine',
    commerceEngineCase,
    () => commerceEngine({ storeId: 'demo-store', baseUrl: '' }),
    'https://prod.api.commercengine.io/',
  ],
];

describe('a blank baseUrl from an empty environment variable', () => {
  it.each(cases)(
    'never sends the token to the storefront’s own origin (%s)',
    async (_, backendCase, create, apiRoot) => {
      let backend: LogoutBackend;
      try {
        backend = create();
      } catch (error) {
        // Refusing the blank baseUrl at creation, with a TypeError that says why, is a fix.
        expect(error).toBeInstanceOf(TypeError);
        return;
      }
      serve(server, backendCase, { scenario: 'ok' }, ownOrigin);
      const sent = recordBearers();
      const { result, store } = renderHookWithKit(() => useLogout(), { backend });
      const session = backendCase.session();
      act(() => void store.getState().setSession(session));

      let outcome: LogoutResult | undefined;
      await act(async () => {
        outcome = await result.current.logoutAsync();
      });

      expect(sent.map(({ url }) => url.startsWith(apiRoot))).toEqual([true]);
      expect(outcome?.outcome).toBe('signed-out');
    },
  );
});
