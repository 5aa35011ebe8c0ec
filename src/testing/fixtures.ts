import { mintJwt, randomBytes } from './jwt.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (26 Crockford base32 characters), as Commerce Engine's ids look. */
export function randomId(): string {
  return Array.from(randomBytes(26), (byte) => CROCKFORD[byte % 32]).join('');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Laravel Sanctum plain-text token: `{token id}|{40 random characters}`. */
export function mintSanctumToken(tokenId: number = 1 + (randomBytes(2)[0] ?? 0)): string {
  const secret = Array.from(randomBytes(40), (byte) => ALPHANUMERIC[byte % 62]).join('');
  return `${tokenId}|${secret}`;
}

/** Shows the start and end of a token and hides the rest: never log or render a whole token. */
export function maskToken(token: string | null | undefined): string {
  if (token === null || token === undefined || token === '') return '(none)';
  if (token.length <= 12) return '•'.repeat(token.length);
  return `${token.slice(0, 6)}…${token.slice(-4)}`;
}

/**
 * A Commerce Engine user object with every field of the vendor's documented response. (A type
 * alias, not an interface, so it fits the kit's `SessionUser` index signature.)
 */
export type CommerceEngineUser = {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  is_email_verified: boolean;
  phone: string | null;
  country_code: string | null;
  is_phone_verified: boolean;
  profile_image_url: string | null;
  is_anonymous: boolean;
  is_logged_in: boolean;
  login_methods: string[];
  notification_preferences: Record<
    'transactional' | 'promotional' | 'newsletter',
    { email: boolean; sms: boolean; whatsapp: boolean }
  >;
  created_at: string;
  modified_at: string;
};

const preferences = (on: boolean) => ({
  transactional: { email: true, sms: on, whatsapp: false },
  promotional: { email: on, sms: false, whatsapp: false },
  newsletter: { email: on, sms: false, whatsapp: false },
});

/** The demo's signed-in customer, as Commerce Engine returns a user. */
export const sampleCustomer: CommerceEngineUser = Object.freeze({
  id: '01JD6Q8Z4N7YV3K2M5T9R0C1XH',
  first_name: 'Maya',
  last_name: 'Jansen',
  email: 'maya.jansen@example.com',
  is_email_verified: true,
  phone: '612345678',
  country_code: '+31',
  is_phone_verified: true,
  profile_image_url: null,
  is_anonymous: false,
  is_logged_in: true,
  login_methods: ['email'],
  notification_preferences: preferences(true),
  created_at: '2025-03-14T09:26:53Z',
  modified_at: '2026-10-02T17:40:11Z',
});

/** A fresh anonymous Commerce Engine user, as logout and `auth/anonymous` return it. */
export function anonymousUser(
  id: string = randomId(),
  now: number = Date.now(),
): CommerceEngineUser {
  const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id,
    first_name: null,
    last_name: null,
    email: null,
    is_email_verified: false,
    phone: null,
    country_code: null,
    is_phone_verified: false,
    profile_image_url: null,
    is_anonymous: true,
    is_logged_in: false,
    login_methods: [],
    notification_preferences: preferences(false),
    created_at: stamp,
    modified_at: stamp,
  };
}

/** The session shape the kit's store holds (`setSession` accepts it). */
export interface MockSession<User> {
  accessToken: string;
  refreshToken: string | null;
  user: User;
}

export interface CommerceEngineSessionOptions {
  /** The store the tokens are for (their `store_id` claim). @default 'demo-store' */
  storeId?: string;
  /** The user; anonymous users get anonymous tokens. @default sampleCustomer */
  user?: CommerceEngineUser;
  /** Seconds until the access token expires (negative: already expired). @default 3600 */
  expiresIn?: number;
}

/** How long a minted refresh token lives, in seconds. */
const REFRESH_TOKEN_LIFETIME = 30 * 24 * 3600;

/**
 * The claims of a Commerce Engine token for `user`, as the vendor SDK reads them
 * (`extractUserInfoFromToken`): `ulid` is the user's id, which SDK calls such as
 * `cart.getWishlist()` put in their URLs; `customer_id` (customers) or `anonymous_id` (guests);
 * the login state; and a customer's email and name. `sid` names the pair (access and refresh
 * token share it), so the mocks know which access token a refresh token belongs to.
 */
export function commerceEngineClaims(
  user: CommerceEngineUser,
  storeId: string,
  sid: string = randomId(),
): Record<string, unknown> {
  const anonymous = user.is_anonymous;
  return {
    ulid: user.id,
    sid,
    store_id: storeId,
    is_logged_in: user.is_logged_in,
    is_anonymous: anonymous,
    customer_id: anonymous ? null : user.id,
    anonymous_id: anonymous ? user.id : null,
    ...(anonymous
      ? {}
      : { email: user.email, first_name: user.first_name, last_name: user.last_name }),
  };
}

/**
 * Mints a Commerce Engine session (access and refresh JWT plus user) that the mocks accept. The
 * tokens are RS256-shaped with a 256-byte signature, as long as real ones, and carry the claims
 * the vendor SDK reads (see `commerceEngineClaims`).
 *
 * @example
 * store.getState().setSession(commerceEngineSession({ storeId: 'demo-store' }))
 */
export function commerceEngineSession(
  options: CommerceEngineSessionOptions = {},
): MockSession<CommerceEngineUser> {
  const user = options.user ?? sampleCustomer;
  const claims = commerceEngineClaims(user, options.storeId ?? 'demo-store');
  const mint = (tokenType: 'access' | 'refresh', expiresIn: number) =>
    mintJwt({ ...claims, token_type: tokenType }, { expiresIn, algorithm: 'RS256' });
  return {
    accessToken: mint('access', options.expiresIn ?? 3600),
    refreshToken: mint('refresh', REFRESH_TOKEN_LIFETIME),
    user,
  };
}

/** A Wemasy customer, as the (demo) sign-in and register routes return it. */
export interface WemasyCustomer {
  id: number;
  project_id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
  created_at: string;
  updated_at: string;
}

/** The demo's signed-in customer, as Wemasy returns a customer. */
export const sampleWemasyCustomer: WemasyCustomer = Object.freeze({
  id: 1042,
  project_id: 7,
  firstname: 'Maya',
  lastname: 'Jansen',
  email: 'maya.jansen@example.com',
  created_at: '2025-03-14T09:26:53.000000Z',
  updated_at: '2026-10-02T17:40:11.000000Z',
});

/** The kit's `SessionUser` for a Wemasy customer (string `id`, Commerce Engine field names). */
export function wemasySessionUser(customer: WemasyCustomer = sampleWemasyCustomer) {
  return {
    id: String(customer.id),
    first_name: customer.firstname,
    last_name: customer.lastname,
    email: customer.email,
    is_anonymous: false,
    is_logged_in: true,
  };
}

/**
 * Mints a Wemasy session (a Sanctum token, no refresh token) that the mocks accept.
 *
 * @example
 * store.getState().setSession(wemasySession())
 */
export function wemasySession(
  customer: WemasyCustomer = sampleWemasyCustomer,
): MockSession<ReturnType<typeof wemasySessionUser>> {
  return { accessToken: mintSanctumToken(), refreshToken: null, user: wemasySessionUser(customer) };
}
