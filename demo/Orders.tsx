'use client';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../src/index.js';
import { ORDERS_PATH } from './mocks.js';
import { type DemoSdk, listOrdersWithSdk, type OrderRow } from './sdk.js';

/** Wemasy mode's orders, from the demo's own route. */
async function fetchOrders(token: string): Promise<OrderRow[]> {
  const response = await fetch(ORDERS_PATH, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Orders could not be loaded (HTTP ${response.status})`);
  const body = (await response.json()) as { orders: OrderRow[] };
  return body.orders;
}

/**
 * The orders query exists only while a customer is signed in, so a guest leaves no cache entry.
 * With the SDK, the SDK sends it with whatever token the session holds when it goes out.
 */
function OrdersTable({
  token,
  customerId,
  sdk,
}: {
  token: string;
  customerId: string;
  sdk: DemoSdk | null;
}) {
  const orders = useQuery({
    queryKey: ['orders', customerId],
    queryFn: () => (sdk === null ? fetchOrders(token) : listOrdersWithSdk(sdk)),
  });
  if (orders.isPending) return <p className="muted">Loading your orders…</p>;
  if (orders.isError) return <p className="muted">Your orders could not be loaded.</p>;
  return (
    <table className="orders">
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Placed</th>
          <th scope="col">Items</th>
          <th scope="col">Total</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {orders.data.map((order) => (
          <tr key={order.number}>
            <td>{order.number}</td>
            <td>{order.placedAt}</td>
            <td>{order.items}</td>
            <td>{order.total}</td>
            <td>
              <span className={`pill pill-${order.status.toLowerCase()}`}>{order.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The customer's orders, loaded with TanStack Query (through the vendor SDK in Commerce Engine
 * mode); the developer panel shows them cached.
 */
export function Orders({ sdk }: { sdk: DemoSdk | null }) {
  const token = useSession((session) => session.accessToken);
  const user = useSession((session) => session.user);
  const isCustomer = token !== null && user !== null && user.is_anonymous !== true;
  return (
    <section className="card" aria-labelledby="orders-title">
      <h2 id="orders-title">Your orders</h2>
      {isCustomer ? (
        <OrdersTable token={token} customerId={user.id} sdk={sdk} />
      ) : (
        <p className="muted">Sign in to see your orders.</p>
      )}
    </section>
  );
}
