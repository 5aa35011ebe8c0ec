'use client';
import Link from 'next/link';
import { LogoutButton, useSession } from 'storefront-auth-kit';

export function SiteHeader() {
  const user = useSession((state) => state.user);
  // After a Commerce Engine logout the store holds the anonymous guest session: a guest.
  const customer = user && !user.is_anonymous ? user : null;
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Demo store
      </Link>
      <nav aria-label="Main">
        <Link href="/account">Account</Link>
      </nav>
      <div className="session">
        {customer ? (
          <>
            <span>Hi {customer.first_name ?? customer.email}</span>
            <LogoutButton />
          </>
        ) : (
          <Link href="/sign-in">Sign in</Link>
        )}
      </div>
    </header>
  );
}
