import { createStorefront, Environment } from '@commercengine/storefront-sdk';
import {
  commerceEngine,
  commerceEngineSdkSession,
  type SessionStore,
  useSession,
} from '../../src/index.js';
import { commerceEngineRoot } from '../../src/testing/index.js';

/** The staging shop the SDK tests sign in to, through the kit's Commerce Engine handlers. */
export const STORE_ID = 'demo-store';
export const ROOT = commerceEngineRoot({ storeId: STORE_ID, environment: 'staging' });
export const backend = () => commerceEngine({ storeId: STORE_ID, environment: 'staging' });
/** Maya's credentials, which the handlers' sign-in accepts. */
export const SIGN_IN = { email: 'maya.jansen@example.com', password: 'x' };

/** The vendor SDK, sharing the kit's store through the connector. */
export function sdkFor(store: SessionStore) {
  return createStorefront({
    storeId: STORE_ID,
    environment: Environment.Staging,
    apiKey: 'demo-api-key',
    session: commerceEngineSdkSession(store, backend()),
  }).session();
}

/** The storefront's header: the customer's name, or "Signed out" for a guest or nobody. */
export function Header() {
  const user = useSession((session) => session.user);
  return <p>{user && !user.is_anonymous ? `Hi ${user.first_name}` : 'Signed out'}</p>;
}
