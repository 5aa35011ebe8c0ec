'use client';
// The benchmark's localStorage variant with useSessionReady: a placeholder of the same size stands
// where the greeting or "Sign in" goes until the stored session has been read.
import Link from 'next/link';
import { LogoutButton, useSession, useSessionReady } from 'storefront-auth-kit';

export function SiteHeader() {
  const ready = useSessionReady();
  const user = useSession((state) => state.user);
  const customer = user && !user.is_anonymous ? user : null;
  let session = <span className="placeholder" aria-hidden="true" />;
  if (ready && customer) {
    session = (
      <>
        <span>Hi {customer.first_name ?? customer.email}</span>
        <LogoutButton />
      </>
    );
  } else if (ready) {
    session = <Link href="/sign-in">Sign in</Link>;
  }
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Demo store
      </Link>
      <nav aria-label="Main">
        <Link href="/account">Account</Link>
      </nav>
      <div className="session">{session}</div>
    </header>
  );
}
