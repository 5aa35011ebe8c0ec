import { commerceEngine, createSessionStore, type SessionStore, wemasy } from '../src/index.js';
import {
  sampleCustomer,
  type sampleWemasyCustomer,
  WEMASY_DEMO_SIGN_IN_PATH,
  wemasySession,
  wemasySessionUser,
} from '../src/testing/index.js';
import { DEMO_STORE_ID, type DemoBackend, sessionKey } from './config.js';
import type { DemoSdk } from './sdk.js';

const WEMASY_BASE = 'https://api.wemasy.nl/api';

/** The kit's backend for the chosen API, at its real URL (the service worker answers). */
export function demoBackend(backend: DemoBackend) {
  return backend === 'wemasy' ? wemasy() : commerceEngine({ storeId: DEMO_STORE_ID });
}

/**
 * The session store, persisted in localStorage, and whether this profile is new (nothing stored
 * yet): only a new profile gets the sample customer, so a reload after a logout stays signed out.
 * A new Wemasy profile is seeded here with a minted session; a new Commerce Engine profile is
 * signed in through the SDK (`signInSampleCustomer`), so its tokens are the server's own.
 */
export function demoSessionStore(backend: DemoBackend): { store: SessionStore; isNew: boolean } {
  let isNew = true;
  try {
    isNew = localStorage.getItem(sessionKey(backend)) === null;
  } catch {
    // Storage blocked: the store warns and keeps the session in memory.
  }
  const store = createSessionStore({ persist: { name: sessionKey(backend) } });
  if (isNew && backend === 'wemasy') store.getState().setSession(wemasySession());
  return { store, isNew };
}

/** The password the demo signs in with; the mocks accept any. */
const DEMO_PASSWORD = 'demo-password';

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status})`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Signs the sample customer in: on Commerce Engine through the SDK's
 * `auth.loginWithPassword`, which writes the customer's tokens into the kit's store itself (the
 * store is its token storage); on Wemasy through the demo's own sign-in route.
 */
export async function signInSampleCustomer(
  backend: DemoBackend,
  store: SessionStore,
  sdk: DemoSdk | null,
): Promise<void> {
  const credentials = { email: sampleCustomer.email ?? '', password: DEMO_PASSWORD };
  if (backend === 'commerce-engine') {
    if (sdk === null) throw new Error('Commerce Engine mode signs in through the SDK');
    const { error, response } = await sdk.auth.loginWithPassword(credentials);
    if (error) throw new Error(`Sign-in failed (HTTP ${response.status})`);
    return;
  }
  const { data } = (await post(`${WEMASY_BASE}${WEMASY_DEMO_SIGN_IN_PATH}`, credentials)) as {
    data: { token: string; customer: typeof sampleWemasyCustomer };
  };
  store.getState().setSession({
    accessToken: data.token,
    refreshToken: null,
    user: wemasySessionUser(data.customer),
  });
}
