'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import {
  AuthKitProvider,
  cookieStorage,
  createSessionStore,
  type InitialSession,
} from 'storefront-auth-kit';
import { backend } from '../lib/backend';
import { SESSION_COOKIE } from '../lib/session';

interface ProvidersProps {
  /** The session the server rendered with, from `toInitialSession()`: no tokens. */
  initialSession: InitialSession;
  children: ReactNode;
}

export function Providers({ initialSession, children }: ProvidersProps) {
  const router = useRouter();
  // One client and one store per browser tab (and per server request), never module-wide: a
  // module-level store on the server would be shared by every customer's request. The store reads
  // the tokens from the cookie itself; `initialSession` only makes its first render match the
  // server's.
  const [queryClient] = useState(() => new QueryClient());
  const [session] = useState(() =>
    createSessionStore({
      persist: { name: SESSION_COOKIE, storage: cookieStorage() },
      initialSession,
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider
        backend={backend}
        store={session}
        // The server rendered pages for the customer who just left (here or in another tab):
        // render them again, and drop the router's cached pages.
        onSessionEnded={() => router.refresh()}
      >
        {children}
      </AuthKitProvider>
    </QueryClientProvider>
  );
}
