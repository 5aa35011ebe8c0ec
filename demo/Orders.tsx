'use client';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../src/index.js';
import { ORDERS_PATH, type Order } from './mocks.js';

async function fetchOrders(token: string): Promise<Order[]> {
  const response = await fetch(ORDERS_PATH, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Orders could not be loaded (HTTP ${response.status})`);
  const body = (await response.json()) as { orders: Order[] };
  return body.orders;
}

/** The orders query exists only while a customer is signed in, so a guest leaves no cache entry. */
function OrdersTable({ token, customerId }: { token: string; customerId: string }) {
  const orders = useQuery({
    queryKey: ['orders', customerId],
    queryFn: () => fetchOrders(token),
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

/** The customer's orders, loaded with TanStack Query; the developer panel shows them cached. */
export function Orders() {
  const token = useSession((session) => session.accessToken);
  const user = useSession((session) => session.user);
  const isCustomer = token !== null && user !== null && user.is_anonymous !== true;
  return (
    <section className="card" aria-labelledby="orders-title">
      <h2 id="orders-title">Your orders</h2>
      {isCustomer ? (
        <OrdersTable token={token} customerId={user.id} />
      ) : (
        <p className="muted">Sign in to see your orders.</p>
      )}
    </section>
  );
}
