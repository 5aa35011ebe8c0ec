import type { LogoutBackend } from '../core/backend.js';
import { sendLogout } from '../core/request.js';
import { isRecord } from '../core/sanitize.js';
import { type SessionStore, storeNames } from '../core/sessionStore.js';
import { later } from '../core/timers.js';
import type { SessionUser } from '../core/types.js';

/**
 * The token storage the Commerce Engine SDK (`@commercengine/storefront-sdk`) reads and writes its
 * tokens through: its `TokenStorage` interface, declared here so the kit needs no SDK import.
 */
export interface SdkTokenStorage {
  getAccessToken(): Promise<string | null>;
  setAccessToken(token: string): Promise<void>;
  getRefreshToken(): Promise<string | null>;
  setRefreshToken(token: string): Promise<void>;
  clearTokens(): Promise<void>;
}

/** The token pair Commerce Engine's `auth/refresh-token` hands back. */
export interface SdkTokens {
  access_token: string;
  refresh_token: string;
}

/** The `session` options of the SDK's `createStorefront({ ..., session })`. */
export interface CommerceEngineSdkSession {
  /** The kit's session store, as the SDK's token storage: one copy of the tokens. */
  tokenStorage: SdkTokenStorage;
  /** The SDK's token refresh, run so that a logout always wins over a refresh in flight. */
  refreshTokenFn: (refreshToken: string) => Promise<SdkTokens>;
}

/** The claims of a JWT's payload, as the SDK itself reads them (no signature check); `null` if none. */
function claimsOf(token: string | null): Record<string, unknown> | null {
  try {
    const part = (token ?? '').split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(json, (character) => character.charCodeAt(0))),
    );
    return isRecord(claims) ? claims : null;
  } catch {
    return null;
  }
}

/** Who a token speaks for: its user (`ulid`), as customer or guest. Tokens of one session agree. */
function identityOf(claims: Record<string, unknown> | null): string | null {
  if (claims === null) return null;
  const { ulid, customer_id, anonymous_id, is_anonymous } = claims;
  return JSON.stringify([ulid ?? customer_id ?? anonymous_id, customer_id ?? null, is_anonymous]);
}

/** The profile a token's claims describe (the fields the SDK reads), or `null` without an id. */
function userOf(claims: Record<string, unknown> | null): SessionUser | null {
  const id = claims?.ulid ?? claims?.customer_id ?? claims?.anonymous_id;
  if (claims === null || typeof id !== 'string') return null;
  const user: SessionUser = { id };
  for (const field of [
    'customer_id',
    'anonymous_id',
    'email',
    'phone',
    'first_name',
    'last_name',
    'is_anonymous',
    'is_logged_in',
  ]) {
    const value = claims[field];
    if (typeof value === 'string' || typeof value === 'boolean') user[field] = value;
  }
  return user;
}

/**
 * Joins the vendor's Commerce Engine SDK and the kit into one session: pass what it returns as the
 * `session` of the SDK's `createStorefront({ ..., session })`. The kit's store then *is* the SDK's
 * token storage, and the SDK refreshes through the kit:
 *
 * - **One pair at a time.** The SDK writes a refreshed pair in two calls; the store takes both at
 *   once, so no subscriber, stored value or other tab sees a torn pair.
 * - **The profile follows the token.** Tokens of another identity (read from the JWT's `ulid`,
 *   `customer_id`, `anonymous_id` and `is_anonymous` claims, as the SDK reads them) replace `user`
 *   with what the token says, and end the previous session (the epoch moves on, the cache goes,
 *   every tab follows), as the SDK's own `auth.logout()` does.
 * - **No resurrection.** A refresh that started before a logout cannot bring the customer back:
 *   its result is discarded, the fresh customer token it minted is revoked, and the SDK goes on
 *   with the session the logout left (the adopted anonymous session).
 * - **The live token is the one revoked.** A logout that meets a token a refresh has just replaced
 *   is sent again with the current one (the kit does that for every backend).
 * - **A refresh that fails** (the SDK clears its tokens) empties the store, consistently.
 *
 * The SDK is not imported at runtime: only its options' shape is used.
 *
 * @example
 * const session = createSessionStore({ persist: { name: 'shop-session' } })
 * const backend = commerceEngine({ storeId, environment: 'staging' })
 * const storefront = createStorefront({ storeId, environment: Environment.Staging, apiKey,
 *   session: commerceEngineSdkSession(session, backend) })
 */
export function commerceEngineSdkSession(
  store: SessionStore,
  backend: LogoutBackend,
): CommerceEngineSdkSession {
  /** The half of a pair the SDK has written and not yet completed, and how to stop waiting. */
  let pending: { accessToken: string; cancel: () => void } | null = null;
  /** Tokens a refresh handed the SDK, and the epoch of the session it refreshed. */
  const refreshed = new Map<string, number>();

  /** Revokes a customer token that must not outlive the session it was minted for. */
  const revoke = (token: string) => {
    if (claimsOf(token)?.is_anonymous !== true) {
      sendLogout(backend, token, 10_000).catch(() => {
        // Unreachable: the token expires on its own; nothing here can do better.
      });
    }
  };

  /** Writes a whole pair: one update of the store, however the SDK split it. */
  const commit = (accessToken: string, refreshToken: string | null) => {
    pending = null;
    const state = store.getState();
    const epoch = refreshed.get(accessToken);
    refreshed.delete(accessToken);
    // A refresh that started before the session ended: its tokens must not come back.
    if (epoch !== undefined && epoch !== state.epoch) return revoke(accessToken);
    // Already there (the refresh wrote it before handing it to the SDK): nothing changes.
    if (accessToken === state.accessToken && refreshToken === state.refreshToken) return;
    const claims = claimsOf(accessToken);
    if (
      state.accessToken !== null &&
      identityOf(claims) === identityOf(claimsOf(state.accessToken))
    ) {
      // The same session, refreshed: the profile stays (an app may have filled it in).
      store.setState({ accessToken, refreshToken, user: state.user ?? userOf(claims) });
      return;
    }
    // Another identity (a sign-in, the SDK's own logout): the profile is what the token says,
    // and a session that was there has ended.
    store.setState({
      accessToken,
      refreshToken,
      user: userOf(claims),
      retryAt: null,
      epoch: state.accessToken === null ? state.epoch : state.epoch + 1,
    });
  };

  /** Writes the half-written pair as it stands: the access token, with the refresh token there was. */
  const flush = () => {
    if (pending === null) return;
    pending.cancel();
    commit(pending.accessToken, store.getState().refreshToken);
  };

  const tokenStorage: SdkTokenStorage = {
    getAccessToken: async () => pending?.accessToken ?? store.getState().accessToken,
    getRefreshToken: async () => store.getState().refreshToken,
    async setAccessToken(accessToken) {
      flush();
      // The refresh token follows in the SDK's next call; when none does (setTokens(access)), the
      // access token goes in alone a moment later. Until then the SDK reads back what it wrote.
      pending = { accessToken, cancel: later(0, flush) };
    },
    async setRefreshToken(refreshToken) {
      if (pending === null) {
        store.setState({ refreshToken });
        return;
      }
      pending.cancel();
      commit(pending.accessToken, refreshToken);
    },
    async clearTokens() {
      flush();
      // A refresh that failed, the SDK's own clear: the session is over, if there was one.
      if (store.getState().accessToken !== null) store.getState().clearSession();
    },
  };

  /** The session the store holds now, for the SDK to go on with. */
  const current = (): SdkTokens => {
    const { accessToken, refreshToken } = store.getState();
    if (accessToken === null || refreshToken === null) {
      // Nothing to go on with: the SDK clears its tokens and starts a guest session itself.
      throw new Error('The session ended while the token refresh ran');
    }
    return { access_token: accessToken, refresh_token: refreshToken };
  };

  /** Whether another tab (or an earlier call) has rotated this pair since the SDK read it. */
  const rotated = (refreshToken: string) => {
    // What another tab stored is read at once; a memory store hears of it over its channel.
    store.persist?.rehydrate();
    return store.getState().refreshToken !== refreshToken;
  };

  const refresh = async (refreshToken: string): Promise<SdkTokens> => {
    const { epoch } = store.getState();
    if (rotated(refreshToken)) return current();
    const root = backend.logoutUrl.replace(/\/auth\/logout$/, '');
    let tokens: SdkTokens;
    try {
      const response = await (backend.fetch ?? fetch)(`${root}/auth/refresh-token`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
        // As long as a logout may take by default: a refresh that never ends would stall the SDK.
        signal: AbortSignal.timeout(10_000),
      });
      const content = ((await response.json()) as { content?: unknown } | null)?.content;
      if (
        !response.ok ||
        !isRecord(content) ||
        typeof content.access_token !== 'string' ||
        typeof content.refresh_token !== 'string'
      ) {
        throw new Error(`The token refresh was answered with HTTP ${response.status}`);
      }
      tokens = { access_token: content.access_token, refresh_token: content.refresh_token };
    } catch (error) {
      // A logout (here or in another tab) ended the session meanwhile, or another tab rotated
      // the pair (its message may be a moment behind): that is what the SDK goes on with.
      // Otherwise the refresh failed for real.
      if (store.getState().epoch === epoch && !rotated(refreshToken)) {
        await new Promise((resolve) => later(250, () => resolve(undefined)));
      }
      if (store.getState().epoch !== epoch || rotated(refreshToken)) return current();
      throw error;
    }
    if (store.getState().epoch !== epoch) {
      // The session this refresh belonged to ended while it ran: the customer token it minted
      // must not live on, and the SDK goes on with the session the logout left.
      revoke(tokens.access_token);
      return current();
    }
    // Into the store now, while this tab still holds the refresh lock, so a tab that waited for
    // it finds the pair rotated. The SDK writes the same pair again, and only if no logout came
    // first: a write after one is discarded.
    commit(tokens.access_token, tokens.refresh_token);
    refreshed.set(tokens.access_token, epoch);
    // Other tabs read a persisted store's new pair at once; a memory store's goes over its
    // channel, so the lock is kept a moment for the message to arrive before the next tab's turn.
    if (!store.persist) await new Promise((resolve) => later(50, () => resolve(undefined)));
    return tokens;
  };

  return {
    tokenStorage,
    refreshTokenFn: (refreshToken) => {
      // One tab refreshes a pair at a time: the others wait, then find it rotated and take it up.
      const locks = globalThis.navigator?.locks;
      const name = storeNames.get(store);
      if (!locks || name === undefined) return refresh(refreshToken);
      return locks.request(`storefront-auth-kit:${name}:refresh`, () => refresh(refreshToken));
    },
  };
}
