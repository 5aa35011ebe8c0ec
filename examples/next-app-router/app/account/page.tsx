import { cookies } from 'next/headers';
import Link from 'next/link';
import { readSession } from 'storefront-auth-kit/server';
import { fetchOrders } from '../../lib/orders';
import { SESSION_COOKIE } from '../../lib/session';

export default async function AccountPage() {
  const session = readSession(await cookies(), SESSION_COOKIE);
  const customer = session?.user && !session.user.is_anonymous ? session.user : null;
  const orders = customer && session?.accessToken ? await fetchOrders(session.accessToken) : null;
  if (!customer || orders === null) {
    return (
      <>
        <h1>Your account</h1>
        <p>
          Sign in to see your orders. <Link href="/sign-in">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Your account</h1>
      <p>Signed in as {customer.email}</p>
      <table>
        <caption>Your orders</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.order_number}>
              <td>{order.order_number}</td>
              <td>{order.placed_at}</td>
              <td>{order.status}</td>
              <td>{order.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
