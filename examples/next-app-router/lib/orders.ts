import type { Order } from './mockStorefront';

/**
 * The storefront API as the server calls it. A real storefront sets STOREFRONT_API_URL to its
 * Commerce Engine root; the example calls its own mock. Never build this from the request's Host
 * header: the customer's token would go wherever a forged Host pointed.
 */
const apiRoot = () =>
  process.env.STOREFRONT_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}/api/storefront`;

/** The customer's orders, fetched with their access token; `null` when the API refuses the token. */
export async function fetchOrders(accessToken: string): Promise<Order[] | null> {
  const response = await fetch(`${apiRoot()}/orders`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401 || response.status === 403) return null;
  if (!response.ok) throw new Error(`GET /orders answered ${response.status}`);
  const body = (await response.json()) as { content: { orders: Order[] } };
  return body.content.orders;
}
