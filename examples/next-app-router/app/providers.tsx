'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { AuthKitProvider, createSessionStore } from 'storefront-auth-kit';
import { backend } from '../lib/backend';

export function Providers({ children }: { children: ReactNode }) {
  // One client and one store per browser tab (and per server request), never module-wide: a
  // module-level store on the server would be shared by every customer's request.
  const [queryClient] = useState(() => new QueryClient());
  const [session] = useState(() => createSessionStore({ persist: { name: 'shop-session' } }));
  return (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={backend} store={session}>
        {children}
      </AuthKitProvider>
    </QueryClientProvider>
  );
}
