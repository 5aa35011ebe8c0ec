// The benchmark's localStorage variant of the example: the layout reads no cookie.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import { SiteHeader } from './SiteHeader';
import './globals.css';

export const metadata: Metadata = { title: 'Demo store' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <SiteHeader />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
