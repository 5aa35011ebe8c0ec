// Part 2: requests per logout, this kit against the Commerce Engine SDK, on the same msw handlers.
// The measuring runs in bench/measure/requests.measure.tsx (vitest, jsdom).
import { runMeasure } from './vitest.mjs';

export async function measureRequests() {
  const result = runMeasure('requests.measure.tsx', 'requests.json');
  if (result.error) return result;
  return {
    ...result,
    notes: [
      "Both clients talk to the same msw handlers, the kit's own `commerceEngineHandlers`",
      '(`src/testing`), through `msw/node`; every request that reaches msw is counted with',
      "`server.events.on('request:start')`. The kit runs as a storefront uses it (`useLogout` under",
      '`AuthKitProvider` with `commerceEngine`); the SDK as its README recommends for a browser',
      'storefront: `createStorefront({ session: { tokenStorage } })`, with the tokens already in its',
      "storage as on a returning visitor's page, then `storefront.session().auth.logout()`.",
      '"Expired token" is a customer access token past its `exp` with a live refresh token.',
      '',
      'Where the kit sends fewer requests it also ends differently: with an expired token it asks the',
      'server once, gets 401 and empties the session (`already-signed-out`), leaving the next',
      'anonymous session to be made when the storefront needs one; the SDK refreshes the dead',
      'session first, logs that out and stores the anonymous session the logout returns. With no',
      'token the kit sends nothing; the SDK mints an anonymous session only to log it out.',
    ],
  };
}
