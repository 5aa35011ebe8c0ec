import { commerceEngine, createSessionStore, type SessionStore, wemasy } from '../src/index.js';
import {
  commerceEngineRoot,
  commerceEngineSession,
  sampleCustomer,
  type sampleWemasyCustomer,
  WEMASY_DEMO_SIGN_IN_PATH,
  wemasySession,
  wemasySessionUser,
} from '../src/testing/index.js';
import { DEMO_STORE_ID, type DemoBackend, sessionKey } from './config.js';

const WEMASY_BASE = 'https://api.wemasy.nl/api';

/** The kit's backend for the chosen API, at its real URL (the service worker answers). */
export function demoBackend(backend: DemoBackend) {
  return backend === 'wemasy' ? wemasy() : commerceEngine({ storeId: DEMO_STORE_ID });
}

/**
 * The session store, persisted in localStorage. The sample customer is seeded only into an empty
 * profile, so a reload after a logout stays signed out.
 */
export function demoSessionStore(backend: DemoBackend): SessionStore {
  let empty = true;
  try {
    empty = localStorage.getItem(sessionKey(backend)) === null;
  } catch {
    // Storage blocked: the store warns and keeps the session in memory.
  }
  const store = createSessionStore({ persist: { name: sessionKey(backend) } });
  if (empty) {
    store
      .getState()
      .setSession(
        backend === 'wemasy'
          ? wemasySession()
          : commerceEngineSession({ storeId: DEMO_STORE_ID, expiresIn: 24 * 3600 }),
      );
  }
  return store;
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
 * Signs the sample customer in again through the mocked sign-in endpoint: Commerce Engine's
 * `auth/login/password`, or the demo's own Wemasy route.
 */
export async function signInSampleCustomer(
  backend: DemoBackend,
  store: SessionStore,
): Promise<void> {
  const credentials = { email: sampleCustomer.email, password: DEMO_PASSWORD };
  if (backend === 'commerce-engine') {
    const root = commerceEngineRoot({ storeId: DEMO_STORE_ID });
    const { content } = (await post(`${root}/auth/login/password`, credentials)) as {
      content: { access_token: string; refresh_token: string; user: typeof sampleCustomer };
    };
    store.getState().setSession({
      accessToken: content.access_token,
      refreshToken: content.refresh_token,
      user: content.user,
    });
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
