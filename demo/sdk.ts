import {
  createStorefront,
  Environment,
  type SessionStorefrontSDK,
} from '@commercengine/storefront-sdk';
import { commerceEngineSdkSession, type LogoutBackend, type SessionStore } from '../src/index.js';
import { DEMO_STORE_ID } from './config.js';

/** The vendor SDK's session client, as the demo's Commerce Engine mode uses it. */
export type DemoSdk = SessionStorefrontSDK;

/** The key the SDK sends with `auth/anonymous`; the mocks want one, any will do. */
export const DEMO_API_KEY = 'demo-api-key';

/**
 * The Commerce Engine SDK on the kit's session store: the store is the SDK's token storage and
 * the SDK refreshes through the kit (`commerceEngineSdkSession`), so there is one copy of the
 * session. `backend` is the one the `AuthKitProvider` logs out of.
 */
export function demoSdk(store: SessionStore, backend: LogoutBackend): DemoSdk {
  return createStorefront({
    storeId: DEMO_STORE_ID,
    environment: Environment.Production,
    apiKey: DEMO_API_KEY,
    session: commerceEngineSdkSession(store, backend),
  }).session();
}

/** The session manager's refresh, which its type declares private. */
interface RefreshingSession {
  refreshTokens?: () => Promise<void>;
}

/**
 * Makes the SDK refresh its token now, as it would on its own.
 *
 * The SDK (0.15.0) refreshes in one place, its session manager's `refreshTokens()`: before a call
 * when the access token is within 30 s of expiry, and after a 401 to an expired token. It has no
 * public "refresh now", and the demo's tokens live for an hour. Rather than forge a token that
 * expires soon or move the page's clock, this calls that same method on `sdk.session` (private in
 * the SDK's types, public at runtime): the very code path an expiring token takes, with its lock
 * against two refreshes at once, the kit's `refreshTokenFn` sending `auth/refresh-token`, and the
 * new pair written through the kit's store. The SDK version is pinned, and a build without the
 * method fails here with a clear error instead of refreshing some other way.
 */
export async function refreshTokenNow(sdk: DemoSdk): Promise<void> {
  const session = sdk.session as unknown as RefreshingSession;
  if (typeof session.refreshTokens !== 'function') {
    throw new Error('This SDK version has no session refresh the demo can start');
  }
  await session.refreshTokens();
}

/** Who the server says the SDK's session belongs to: a customer's name, or a guest. */
export interface ServerIdentity {
  /** The answer's HTTP status. */
  status: number;
  /** `null` when the server did not answer with a user. */
  user: { first_name?: string | null; is_anonymous?: boolean } | null;
}

/**
 * Asks the server who the SDK's session is, with the SDK's own `auth.getUserDetails`
 * (`GET auth/user/{id}`, which answers only a live token): the SDK's next call after a logout
 * shows which session it goes on with.
 */
export async function askServerWhoThisIs(sdk: DemoSdk): Promise<ServerIdentity> {
  const id = await sdk.session.ensureUserId();
  const { data, error, response } = await sdk.auth.getUserDetails({ id });
  return { status: response.status, user: error ? null : (data?.user ?? null) };
}

/** One of the customer's orders as the demo's table shows it. */
export interface OrderRow {
  number: string;
  placedAt: string;
  items: number;
  total: string;
  status: string;
}

const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Processing',
  shipped: 'Shipped',
  complete: 'Delivered',
  cancelled: 'Cancelled',
};

/** The signed-in customer's orders, listed by the SDK (`order.listOrders()`). */
export async function listOrdersWithSdk(sdk: DemoSdk): Promise<OrderRow[]> {
  const { data, error, response } = await sdk.order.listOrders();
  if (error || !data) throw new Error(`Orders could not be loaded (HTTP ${response.status})`);
  // Every field of the SDK's order type is optional: show what is there.
  return (data.orders ?? []).map((order) => ({
    number: order.order_number ?? '–',
    placedAt: order.order_date?.slice(0, 10) ?? '–',
    items: order.order_items_count ?? 0,
    total: `${order.currency?.symbol ?? ''} ${(order.grand_total ?? 0).toFixed(2)}`.trim(),
    status: STATUS_LABELS[order.status ?? ''] ?? order.status ?? '–',
  }));
}
