'use client';
import { useStore } from 'zustand';
import type { SessionState } from '../core/sessionStore.js';
import { useAuthKit } from './AuthKitProvider.js';

/**
 * Reads the session of the nearest `AuthKitProvider`, like zustand's `useStore`: the component
 * re-renders only when the selected value changes.
 *
 * @example
 * const firstName = useSession((session) => session.user?.first_name)
 */
export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(useAuthKit('useSession').store, selector);
}
