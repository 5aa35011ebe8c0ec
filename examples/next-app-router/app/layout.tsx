import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { readSession, toInitialSession } from 'storefront-auth-kit/server';
import { SESSION_COOKIE } from '../lib/session';
import { Providers } from './providers';
import { SiteHeader } from './SiteHeader';
import './globals.css';

export const metadata: Metadata = { title: 'Demo store' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The customer, their cooldown and the epoch, without the tokens: everything handed to a client
  // component is written into the page.
  const initialSession = toInitialSession(readSession(await cookies(), SESSION_COOKIE));
  return (
    <html lang="en">
      <body>
        <Providers initialSession={initialSession}>
          <SiteHeader />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
