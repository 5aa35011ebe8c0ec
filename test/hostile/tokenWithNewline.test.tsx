import { act } from '@testing-library/react';
import { type LogoutResult, useLogout } from '../../src/index.js';
import { bearerToken } from '../../src/testing/index.js';
import { renderHookWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';

// A token the server issued, stored with the line break that ended the text it was read from
// (a `text/plain` body read with `response.text()`, a line of a file, a value pasted from a
// terminal): `12|abc…\n`. Fetch itself strips leading and trailing whitespace from a header value
// (Fetch, "normalize"), so `Authorization: Bearer 12|abc…\n` travels as `Bearer 12|abc…`, the
// token the server knows. The kit now declares every token with a byte outside visible ASCII
// unsendable: it sends nothing, empties the store and reports `no-session`, so the customer sees
// a successful logout while the token stays valid on the server. Before the kit refused
// unsendable tokens (6b8ab0d and earlier), this logout revoked the token.
// README: "nothing is sent: an access token that cannot travel in an HTTP header ...; no server
// could have issued it": this one can travel, and a server did issue it; "a session that still
// works on the server is never silently left behind".
// Expected: whitespace around a token is not part of it: the logout sends the token without it,
// the server revokes it, and the outcome is `signed-out`.

const server = setupMockServer();

it('revokes a token stored with a trailing line break, as fetch would send it', async () => {
  const log = serve(server, wemasyCase, { scenario: 'ok' });
  const sent: Array<string | null> = [];
  server.events.on('request:start', ({ request }) => void sent.push(bearerToken(request)));
  const session = wemasyCase.session();
  const { result, store } = renderHookWithKit(() => useLogout(), {
    backend: wemasyCase.backend(),
  });
  act(
    () =>
      void store.getState().setSession({ ...session, accessToken: `${session.accessToken}\r\n` }),
  );

  let outcome: LogoutResult | undefined;
  await act(async () => {
    outcome = await result.current.logoutAsync();
  });

  expect(sent).toEqual([session.accessToken]);
  expect(log.count({ endpoint: 'logout', status: 200 })).toBe(1);
  expect(outcome?.outcome).toBe('signed-out');
});
