'use client';
// The benchmark's localStorage variant of the example: the README's earlier recipe, with no
// session read on the server.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { AuthKitProvider, createSessionStore } from 'storefront-auth-kit';
import { backend } from '../lib/backend';

export function Providers({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [queryClient] = useState(() => new QueryClient());
  const [session] = useState(() => createSessionStore({ persist: { name: 'shop-session' } }));
  return (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={backend} store={session} onSessionEnded={() => router.refresh()}>
        {children}
      </AuthKitProvider>
    </QueryClientProvider>
  );
}
