// Part 5: the vendor SDK's token refresh racing the kit's logout, the kit's connector
// (`commerceEngineSdkSession`) against hand-made sync. The measuring runs in
// bench/measure/races.measure.tsx (vitest, jsdom).
import { runMeasure } from './vitest.mjs';

export async function measureRaces() {
  const result = runMeasure('races.measure.tsx', 'races.json');
  if (result.error) return result;
  return {
    ...result,
    notes: [
      "The customer signs in through the real SDK (0.15.0), against the kit's faithful Commerce",
      'Engine handlers (`commerceEngineHandlers`: a refresh rotates the pair and kills the old access',
      'token; a logout kills the token it carries, and the refresh token of its pair only when told',
      'to). The storefront logs out with `useLogout` under `AuthKitProvider`. The SDK refreshes when',
      'its access token is within 30 s of expiry, on its next call (`cart.getWishlist()`).',
      '"Hand-made sync" is what a storefront writes without the connector: the SDK keeps its own',
      "tokens (`MemoryTokenStorage`), its `onTokensUpdated` writes them into the kit's store, and a",
      'store subscription writes the store into `sdk.setTokens`, with a loop guard.',
      'Counted once the storefront shows signed out: logout requests sent, and the customer tokens',
      'the server still takes. A live customer refresh token where the logout keeps it is',
      "Commerce Engine's own choice (nothing in its API revokes it); what the kit controls is that",
      'no customer access token stays live and none comes back.',
    ],
  };
}
