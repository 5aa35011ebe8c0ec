'use client';
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { serverRendered } from '../core/sessionStore.js';
import { secondsUntil } from '../core/timers.js';
import { useAuthKit } from './AuthKitProvider.js';
import type { UseLogoutResult } from './useLogout.js';

const subscribeToNothing = () => () => {};

/** `true` on the server and in the hydration render, `false` in every client render after. */
export const useHydrating = (): boolean =>
  useSyncExternalStore(
    subscribeToNothing,
    () => false,
    () => true,
  );

/**
 * The logout state a button shows (and hands to its `children` function): while hydrating a page
 * the server rendered with the store's `initialSession`, the cooldown counted from the instant the
 * server rendered (not the client's now, a second or more later), so the text and `aria-disabled`
 * hydrate without a mismatch however late hydration comes; from the next render on, `state`.
 */
export function useHydratedLogoutState(state: UseLogoutResult): UseLogoutResult {
  const { store } = useAuthKit('LogoutButton');
  const hydrating = useHydrating();
  // The server snapshot while hydrating: the retryAt the server rendered.
  const retryAt = useStore(store, (session) => session.retryAt);
  const renderedAt = hydrating ? serverRendered.get(store) : undefined;
  if (renderedAt === undefined) return state;
  const secondsLeft = secondsUntil(retryAt, renderedAt);
  const status = secondsLeft > 0 ? 'rate-limited' : 'idle';
  return {
    ...state,
    status,
    isPending: false,
    secondsLeft,
    retryAt: secondsLeft > 0 ? retryAt : null,
  };
}
