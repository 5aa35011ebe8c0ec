import {
  anonymousUser,
  type CommerceEngineUser,
  commerceEngineSession,
  type MockSession,
} from './fixtures.js';
import { decodeJwt, type JwtPayload } from './jwt.js';

/** What one set of Commerce Engine handlers knows about the tokens it has seen. */
export interface CommerceEngineTokenState {
  /** The payload of `token` when it is live (of the given type, for `storeId` when given). */
  live(token: string, type?: 'access' | 'refresh', storeId?: string): JwtPayload | null;
  /** Kills one token. */
  revoke(token: string): void;
  /** Kills the token and every token of its pair (both carry the pair's `sid` claim). */
  revokePair(token: string): void;
  /** Mints a live session for `user` and remembers the user behind its pair. */
  mint(user: CommerceEngineUser, storeId: string): MockSession<CommerceEngineUser>;
  /** The user a live token speaks for: the one minted here, else what its claims say. */
  userOf(payload: JwtPayload): CommerceEngineUser;
}

const text = (value: unknown, fallback: string | null): string | null =>
  typeof value === 'string' ? value : fallback;

/**
 * The server side of Commerce Engine's sessions, kept per handler set: revoked tokens, ended
 * pairs, and the users signed in. A token's pair is read from its `sid` claim, so a pair minted by
 * `commerceEngineSession` outside the handlers rotates and dies just like one minted inside.
 */
export function createTokenState(customer: CommerceEngineUser): CommerceEngineTokenState {
  const revoked = new Set<string>();
  const endedPairs = new Set<string>();
  // The user behind each pair minted here (by `sid`), so a refresh or the user endpoint answers
  // with the very user that signed in.
  const users = new Map<string, CommerceEngineUser>();
  const sidOf = (payload: JwtPayload | null) =>
    typeof payload?.sid === 'string' ? payload.sid : null;

  return {
    live(token, type, storeId) {
      const payload = decodeJwt(token);
      if (payload === null || revoked.has(token) || payload.exp * 1000 <= Date.now()) return null;
      const sid = sidOf(payload);
      if (sid !== null && endedPairs.has(sid)) return null;
      if (type !== undefined && payload.token_type !== undefined && payload.token_type !== type) {
        return null;
      }
      const foreign =
        storeId !== undefined && payload.store_id !== undefined && payload.store_id !== storeId;
      return foreign ? null : payload;
    },
    revoke(token) {
      revoked.add(token);
    },
    revokePair(token) {
      revoked.add(token);
      const sid = sidOf(decodeJwt(token));
      if (sid !== null) endedPairs.add(sid);
    },
    mint(user, storeId) {
      const session = commerceEngineSession({ storeId, user });
      const sid = sidOf(decodeJwt(session.accessToken));
      if (sid !== null) users.set(sid, user);
      return session;
    },
    userOf(payload) {
      const sid = sidOf(payload);
      const known = sid === null ? undefined : users.get(sid);
      if (known !== undefined) return known;
      const id = text(payload.ulid, null) ?? String(payload.customer_id ?? payload.anonymous_id);
      if (payload.is_anonymous === true) return anonymousUser(id, payload.iat * 1000);
      return {
        ...customer,
        id,
        email: text(payload.email, customer.email),
        first_name: text(payload.first_name, customer.first_name),
        last_name: text(payload.last_name, customer.last_name),
      };
    },
  };
}
