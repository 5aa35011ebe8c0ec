import type { LogoutBackend } from '../core/backend.js';
import { applyFromOtherTab } from '../core/crossTab.js';
import { sendLogout } from '../core/request.js';
import { parseRetryAfter } from '../core/retryAfter.js';
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

/** Resolves after `ms` milliseconds. */
const wait = (ms: number) => new Promise((resolve) => later(ms, () => resolve(undefined)));

/**
 * Joins the vendor's Commerce Engine SDK and the kit into one session: pass what it returns as the
 * `session` of the SDK's `createStorefront({ ..., session })`. The kit's store then *is* the SDK's
 * token storage, and the SDK refreshes through the kit:
 *
 * - **One pair at a time.** The SDK writes a refreshed pair in two calls; the store takes both at
 *   once, so no subscriber, stored value or other tab sees a torn pair. An access token of another
 *   session written alone (`sdk.setTokens(access)`) goes in with no refresh token.
 * - **The profile follows the token.** Tokens of another identity (read from the JWT's `ulid`,
 *   `customer_id`, `anonymous_id` and `is_anonymous` claims, as the SDK reads them) replace `user`
 *   with what the token says, and end the previous session (the epoch moves on, the cache goes,
 *   every tab follows), as the SDK's own `auth.logout()` does.
 * - **No token of the same customer left behind.** A new pair of the same customer that the
 *   connector's refresh did not hand over (a second sign-in, a password change, the SDK's own
 *   `auth.refreshToken()`) goes on with the same session, and the customer token it replaced is
 *   revoked; a logout on the wire meanwhile is sent again with the new token.
 * - **No resurrection.** A refresh that started before a logout (in this tab, or in another one,
 *   read from storage before the refreshed pair is written) cannot bring the customer back: its
 *   result is discarded, the fresh customer token it minted is revoked, and the SDK goes on with
 *   the session the logout left (the adopted anonymous session). A revocation that meets a 429 is
 *   sent again when its `Retry-After` says; after a 5xx or a network failure, a few times more.
 * - **The live token is the one revoked.** A logout that meets a token a refresh has just replaced
 *   is sent again with the current one (the kit does that for every backend).
 * - **A refresh that fails for a moment** (a 5xx, a 429, no answer within 10 s, an unreadable
 *   body) keeps the session: the SDK goes on with the tokens it has and refreshes on a later call.
 * - **A refresh token the server refuses** (any other 4xx) ends the session: its access token is
 *   revoked, and the SDK clears its tokens, which empties the store, consistently. What the SDK
 *   logs then is the kit's own error, which holds no part of a token.
 * - **One refresh of a pair at a time** across the tabs of a named store (a Web Lock); where Web
 *   Locks are missing or refuse (an opaque-origin frame), each tab refreshes on its own.
 *
 * The refresh request carries the backend's `headers` and goes through its `fetch`. The SDK is
 * not imported at runtime: only its options' shape is used.
 *
 * @throws TypeError when `backend` is not what `commerceEngine()` returns (its refresh endpoint
 *   is found next to its logout URL, and no other API may be sent a refresh token).
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
  // The refresh endpoint is found next to the logout's: another API's tokens must not go there.
  const root = /^(.*)\/auth\/logout$/.exec(backend?.logoutUrl)?.[1];
  if (backend?.name !== 'Commerce Engine' || root === undefined) {
    throw new TypeError('commerceEngineSdkSession() needs a commerceEngine() backend');
  }
  /** The half of a pair the SDK has written and not yet completed, and how to stop waiting. */
  let pending: { accessToken: string; cancel: () => void } | null = null;
  /** Tokens a refresh handed the SDK, and the epoch of the session it refreshed. */
  const refreshed = new Map<string, number>();

  /**
   * Revokes a customer token that must not outlive the session it was minted for. After a 429 it
   * is sent again when the `Retry-After` says, after a 5xx or a network failure a little later;
   * four times at most (the token expires on its own in the end).
   */
  const revoke = (token: string | null, attempt = 0): void => {
    if (token === null || claimsOf(token)?.is_anonymous === true) return;
    const again = (ms: number) => {
      if (attempt < 4) later(ms, () => revoke(token, attempt + 1));
    };
    const backOff = () => again(2000 * 2 ** attempt);
    sendLogout(backend, token, 10_000).then(({ response: { status, headers } }) => {
      if (status === 429)
        again(Math.max(1000, parseRetryAfter(headers.get('Retry-After')) ?? 30_000));
      else if (status >= 500) backOff();
    }, backOff);
  };

  /**
   * Writes a whole pair: one update of the store, however the SDK split it. `refreshToken` is
   * `undefined` when the SDK wrote the access token alone; `fromRefresh` when a refresh of the
   * session the store holds minted the pair.
   */
  const commit = (accessToken: string, refreshToken?: string | null, fromRefresh = false) => {
    pending = null;
    const state = store.getState();
    const epoch = refreshed.get(accessToken);
    refreshed.delete(accessToken);
    // A refresh that started before the session ended: its tokens must not come back.
    if (epoch !== undefined && epoch !== state.epoch) return revoke(accessToken);
    // Already there (the refresh wrote it before handing it to the SDK): nothing changes.
    if (accessToken === state.accessToken && refreshToken === state.refreshToken) return;
    const claims = claimsOf(accessToken);
    const replaced = claimsOf(state.accessToken);
    const sameIdentity = state.accessToken !== null && identityOf(claims) === identityOf(replaced);
    if (sameIdentity) {
      // The same customer or guest: a refresh, a refresh the app ran through the SDK itself, or
      // the same customer signed in again, which no token tells apart. The session goes on (its
      // epoch, and the profile, which an app may have filled in); a customer token a pair not
      // minted by the connector's refresh replaced must not live on (one a refresh replaced is
      // dead already, and its revocation is answered 401). A logout on the wire meanwhile is sent
      // again with the new token (the kit does that for every backend).
      // (The token held, written again with another refresh token or none, replaced nothing.)
      if (!fromRefresh && accessToken !== state.accessToken) revoke(state.accessToken);
      store.setState({
        accessToken,
        refreshToken: refreshToken === undefined ? state.refreshToken : refreshToken,
        user: state.user ?? userOf(claims),
      });
      return;
    }
    // Another identity: a sign-in, the SDK's own logout. The profile is what the token says, and a
    // session that was there has ended.
    store.setState({
      accessToken,
      // An access token alone is never paired with the refresh token of another session.
      refreshToken: refreshToken ?? null,
      user: userOf(claims),
      retryAt: null,
      epoch: state.accessToken === null ? state.epoch : state.epoch + 1,
    });
  };

  /** Writes the half-written pair as it stands: the access token, without a refresh token yet. */
  const flush = () => {
    if (pending === null) return;
    pending.cancel();
    commit(pending.accessToken);
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
      // A refresh token the server refused, the SDK's own clear: the session is over, if there was one.
      if (store.getState().accessToken !== null) store.getState().clearSession();
    },
  };

  /** The session the store holds now, for the SDK to go on with. */
  const current = (): SdkTokens => {
    const { accessToken, refreshToken } = store.getState();
    if (accessToken === null || refreshToken === null) {
      // Nothing to go on with: the SDK clears its tokens and starts a guest session itself.
      throw new Error('The session ended during the token refresh');
    }
    return { access_token: accessToken, refresh_token: refreshToken };
  };

  /**
   * Reads what another tab stored (a memory store hears of it over its channel), applied as a
   * change from another tab: a logout there is `onSessionEnded('other-tab')` here.
   */
  const readStored = () => applyFromOtherTab(store, () => store.persist?.rehydrate());

  /** Whether the session ended (a logout, here or in another tab) or another tab rotated the pair. */
  const moved = (epoch: number, refreshToken: string) => {
    readStored();
    const state = store.getState();
    return state.epoch !== epoch || state.refreshToken !== refreshToken;
  };

  const refresh = async (refreshToken: string): Promise<SdkTokens> => {
    const { epoch, accessToken } = store.getState();
    if (moved(epoch, refreshToken)) return current();
    // As long as a logout may take by default: a refresh that never ends would stall the SDK. The
    // timer stops a fetch that ignores the signal too, and a body that never arrives.
    const controller = new AbortController();
    // Set when the promise below is made (its executor runs at once).
    let stopTimer = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stopTimer = later(10_000, () => {
        controller.abort();
        reject();
      });
    });
    let status = 0;
    let tokens: SdkTokens | null = null;
    try {
      const response = await Promise.race([
        (backend.fetch ?? fetch)(`${root}/auth/refresh-token`, {
          method: 'POST',
          headers: {
            Accept: 'application/json',
            ...backend.headers,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ refresh_token: refreshToken }),
          signal: controller.signal,
        }),
        aborted,
      ]);
      status = response.status;
      const body: unknown = response.ok && (await Promise.race([response.json(), aborted]));
      const content = isRecord(body) ? body.content : null;
      if (
        isRecord(content) &&
        typeof content.access_token === 'string' &&
        typeof content.refresh_token === 'string'
      ) {
        tokens = { access_token: content.access_token, refresh_token: content.refresh_token };
      }
    } catch {
      // Not reached, not answered in time, or a body that is not JSON: a passing failure. What
      // was thrown is dropped: a fetch wrapper's error may hold the request, refresh token and all.
    } finally {
      stopTimer();
    }
    if (tokens === null) {
      // A logout (here or in another tab) ended the session meanwhile, or another tab rotated
      // the pair (its message may be a moment behind): that is what the SDK goes on with.
      if (!moved(epoch, refreshToken)) await wait(250);
      if (moved(epoch, refreshToken)) return current();
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        // The refresh token was refused: the session is over. Its access token may live on for
        // minutes, so it is revoked; the SDK then clears its tokens, and logs this error.
        revoke(accessToken);
        throw new Error(`The token refresh was answered with HTTP ${status}`);
      }
      // A passing failure: the session stays, the SDK goes on with it and refreshes again later.
      return current();
    }
    // What another tab stored meanwhile (its logout) is read before the pair is written.
    if (moved(epoch, refreshToken)) {
      // The session this refresh belonged to ended while it ran (or another tab rotated the pair
      // too): the customer token it minted must not live on, and the SDK goes on with the
      // session the store holds (the one the logout left).
      revoke(tokens.access_token);
      return current();
    }
    // Into the store now, while this tab still holds the refresh lock, so a tab that waited for
    // it finds the pair rotated. The SDK writes the same pair again, and only if no logout came
    // first: a write after one is discarded.
    commit(tokens.access_token, tokens.refresh_token, true);
    refreshed.set(tokens.access_token, epoch);
    // Other tabs read a persisted store's new pair at once; a memory store's goes over its
    // channel, so the lock is kept a moment for the message to arrive before the next tab's turn.
    if (!store.persist) await wait(50);
    return tokens;
  };

  return {
    tokenStorage,
    refreshTokenFn: (refreshToken) => {
      // One tab refreshes a pair at a time: the others wait, then find it rotated and take it up.
      const locks = globalThis.navigator?.locks;
      const name = storeNames.get(store);
      if (!locks || name === undefined) return refresh(refreshToken);
      let ran = false;
      return locks
        .request(`storefront-auth-kit:${name}:refresh`, () => {
          ran = true;
          return refresh(refreshToken);
        })
        .catch((error: unknown) => {
          // Refused (an opaque-origin frame: SecurityError): no tab can coordinate here, so this one
          // refreshes on its own, as where Web Locks are missing. Never a second time.
          if (ran) throw error;
          return refresh(refreshToken);
        });
    },
  };
}
