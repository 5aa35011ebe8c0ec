'use client';
import { createContext, useContext } from 'react';
import type { SessionStore } from '../core/sessionStore.js';
import type { LogoutController } from './logoutController.js';

export interface AuthKitContextValue {
  store: SessionStore;
  controller: LogoutController;
}

export const AuthKitContext = createContext<AuthKitContextValue | null>(null);

/** The nearest provider's kit; throws a sentence that says what to wrap the app in. */
export function useAuthKit(hook: string): AuthKitContextValue {
  const value = useContext(AuthKitContext);
  if (value === null) {
    throw new Error(
      `${hook} must be used inside <AuthKitProvider>. Wrap your app in ` +
        '<QueryClientProvider client={queryClient}><AuthKitProvider backend={…} store={…}>.',
    );
  }
  return value;
}
