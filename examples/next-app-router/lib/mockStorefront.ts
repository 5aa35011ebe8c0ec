// The example's stand-in for the Commerce Engine storefront API, served by the route handler in
// app/api/storefront/[...path]/route.ts. It answers like the real API (docs/BACKENDS.md of the kit):
// the same paths, envelopes, status codes and real-looking JWTs. Server code only.
import { randomBytes, randomUUID } from 'node:crypto';

export const STORE_ID = 'demo-store';

/** A Commerce Engine user, as the API returns it (the fields the example uses). */
export interface StorefrontUser {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  is_email_verified: boolean;
  phone: string | null;
  is_anonymous: boolean;
  is_logged_in: boolean;
  created_at: string;
  modified_at: string;
}

export interface Order {
  order_number: string;
  placed_at: string;
  status: string;
  total: string;
}

interface Person {
  first_name: string;
  last_name: string;
  orders: Order[];
  /** More claims in the customer's tokens, as a business account's carry. */
  claims?: Record<string, unknown>;
}

/**
 * The customers the mock knows. Any `name+tag@example.com` signs in as that person with an id of
 * its own, so tests running side by side never share a session or a rate limit.
 */
const PEOPLE: Record<string, Person> = {
  maya: {
    first_name: 'Maya',
    last_name: 'Jansen',
    orders: [
      { order_number: 'SO-10482', placed_at: '2026-10-02', status: 'Delivered', total: '€ 84.90' },
      { order_number: 'SO-10517', placed_at: '2026-11-12', status: 'Shipped', total: '€ 23.50' },
    ],
  },
  noah: {
    first_name: 'Noah',
    last_name: 'Bakker',
    orders: [
      { order_number: 'SO-20931', placed_at: '2026-09-21', status: 'Delivered', total: '€ 12.00' },
    ],
  },
  // A business customer whose tokens carry her permissions: her session needs two cookies.
  lena: {
    first_name: 'Lena',
    last_name: 'Vermeulen',
    orders: [
      {
        order_number: 'SO-31207',
        placed_at: '2026-11-03',
        status: 'Processing',
        total: '€ 1,240.00',
      },
    ],
    claims: {
      customer_group_id: '01JB2C3D4E5F6G7H8J9K0M1N2P',
      permissions: Array.from(
        { length: 40 },
        (_, index) => `catalog:price-list:${1000 + index}:read`,
      ),
    },
  },
};

export const PASSWORD = 'storefront';

interface Grant {
  kind: 'access' | 'refresh';
  user: StorefrontUser;
  /** The other token of the pair, so a logout ends both. */
  pair: string;
}

interface RateLimit {
  times: number;
  retryAfterSeconds: number;
}

interface MockState {
  /** Every live token. */
  grants: Map<string, Grant>;
  /** Each email signs in as the same customer every time. */
  customers: Map<string, StorefrontUser>;
  /** Logouts to answer 429, by the customer's email. */
  rateLimits: Map<string, RateLimit>;
  /** Logout requests received, by the customer's email. */
  logouts: Map<string, number>;
}

// On globalThis so that the state survives module reloads (`next dev`) and is shared by every
// route that imports this module.
const global = globalThis as typeof globalThis & { __storefrontMock?: MockState };
global.__storefrontMock ??= {
  grants: new Map(),
  customers: new Map(),
  rateLimits: new Map(),
  logouts: new Map(),
};
const state: MockState = global.__storefrontMock;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function ulid(): string {
  return Array.from(randomBytes(26), (byte) => CROCKFORD[byte % 32]).join('');
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned, real-looking JWT with the claims Commerce Engine puts in its tokens. */
function mintJwt(user: StorefrontUser, kind: Grant['kind']): string {
  const person = user.email ? personOf(user.email) : undefined;
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    token_type: kind,
    ulid: ulid(),
    jti: randomUUID(),
    store_id: STORE_ID,
    ...(user.is_anonymous
      ? { anonymous_id: user.id }
      : {
          customer_id: user.id,
          email: user.email,
          first_name: user.first_name,
          last_name: user.last_name,
          ...person?.claims,
        }),
    is_anonymous: user.is_anonymous,
    is_logged_in: user.is_logged_in,
    iat,
    exp: iat + (kind === 'access' ? 3600 : 30 * 86400),
  };
  const signature = randomBytes(256).toString('base64url');
  return `${base64url({ alg: 'RS256', typ: 'JWT', kid: ulid() })}.${base64url(payload)}.${signature}`;
}

function stamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function anonymousUser(): StorefrontUser {
  const now = stamp();
  return {
    id: ulid(),
    first_name: null,
    last_name: null,
    email: null,
    is_email_verified: false,
    phone: null,
    is_anonymous: true,
    is_logged_in: false,
    created_at: now,
    modified_at: now,
  };
}

/** A fresh token pair for `user`: `{ access_token, refresh_token, user }`, as the API hands it out. */
function grant(user: StorefrontUser) {
  const access = mintJwt(user, 'access');
  const refresh = mintJwt(user, 'refresh');
  state.grants.set(access, { kind: 'access', user, pair: refresh });
  state.grants.set(refresh, { kind: 'refresh', user, pair: access });
  return { access_token: access, refresh_token: refresh, user };
}

function revoke(token: string): void {
  const found = state.grants.get(token);
  state.grants.delete(token);
  if (found) state.grants.delete(found.pair);
}

/** The user a live token of `kind` belongs to, or `undefined`. */
export function userOf(token: string | null | undefined, kind: Grant['kind'] = 'access') {
  const found = token ? state.grants.get(token) : undefined;
  return found?.kind === kind ? found.user : undefined;
}

/** `maya+e2e-1@example.com` → Maya; `undefined` for an address the mock does not know. */
function personOf(email: string): Person | undefined {
  const match = /^([a-z]+)(\+[\w.-]+)?@example\.com$/.exec(email.toLowerCase());
  return match?.[1] ? PEOPLE[match[1]] : undefined;
}

function customerFor(email: string, person: Person): StorefrontUser {
  const known = state.customers.get(email);
  if (known) return known;
  const now = stamp();
  const user: StorefrontUser = {
    id: ulid(),
    first_name: person.first_name,
    last_name: person.last_name,
    email,
    is_email_verified: true,
    phone: null,
    is_anonymous: false,
    is_logged_in: true,
    created_at: now,
    modified_at: now,
  };
  state.customers.set(email, user);
  return user;
}

/** `POST auth/login/password`: a customer session for a known email and the right password. */
export function signIn(email: unknown, password: unknown) {
  const person = typeof email === 'string' ? personOf(email) : undefined;
  if (typeof email !== 'string' || !person || password !== PASSWORD) return null;
  return grant(customerFor(email.toLowerCase(), person));
}

/** `POST auth/anonymous`: a fresh guest session. */
export function anonymousSession() {
  return grant(anonymousUser());
}

export type LogoutAnswer =
  | { status: 200; content: ReturnType<typeof grant> }
  | { status: 401 }
  | { status: 429; retryAfterSeconds: number };

/**
 * `POST auth/logout`: ends the session of a live access token and hands back a fresh anonymous
 * one; 401 for any other token; 429 while the customer's rate limit (set by the test control) lasts.
 */
export function logout(token: string | null): LogoutAnswer {
  const user = userOf(token);
  if (user?.email) {
    state.logouts.set(user.email, (state.logouts.get(user.email) ?? 0) + 1);
    const limit = state.rateLimits.get(user.email);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      return { status: 429, retryAfterSeconds: limit.retryAfterSeconds };
    }
  }
  if (!user || !token) return { status: 401 };
  revoke(token);
  return { status: 200, content: anonymousSession() };
}

/** `POST auth/refresh-token`: rotates a live refresh token's pair; the old pair dies. */
export function refresh(token: unknown) {
  const user = typeof token === 'string' ? userOf(token, 'refresh') : undefined;
  if (!user || typeof token !== 'string') return null;
  revoke(token);
  const { access_token, refresh_token } = grant(user);
  return { access_token, refresh_token };
}

/** `GET orders`: the orders of the customer a live access token belongs to. */
export function ordersOf(token: string | null): Order[] | null {
  const user = userOf(token);
  if (!user?.email || user.is_anonymous) return null;
  return personOf(user.email)?.orders ?? [];
}

/** Test control: the customer's next `times` logouts answer 429 with `Retry-After`. */
export function rateLimitLogouts(email: string, times: number, retryAfterSeconds: number): void {
  state.rateLimits.set(email.toLowerCase(), { times, retryAfterSeconds });
}

/** Test control: how many logout requests arrived with a live token of the customer. */
export function logoutsOf(email: string): number {
  return state.logouts.get(email.toLowerCase()) ?? 0;
}

/** Test control: every token of the customer dies, as when they signed out on another device. */
export function revokeAll(email: string): void {
  for (const [token, found] of state.grants) {
    if (found.user.email === email.toLowerCase()) state.grants.delete(token);
  }
}
