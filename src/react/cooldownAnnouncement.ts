'use client';
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useAuthKit } from './AuthKitProvider.js';
import type { LabelOf } from './labels.js';
import type { LogoutController } from './logoutController.js';
import type { UseLogoutResult } from './useLogout.js';

/** Visually hidden, still read by assistive technology (a bare span has no margin or border). */
export const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/**
 * Announces a cooldown when it starts and when it ends, never once a second. The end of a cooldown
 * that is retried automatically announces the retry (`pending`), never an invitation to click,
 * even while the retry waits for its lock or runs in another tab.
 */
export function useCooldownAnnouncement(state: UseLogoutResult, label: LabelOf): ReactNode {
  const { willRetry, store } = useAuthKit('LogoutButton');
  const coolingDown = state.status === 'rate-limited';
  // What was last seen (cooling down or not) and what was said then.
  const [[wasCoolingDown, said], setSeen] = useState<[boolean, ReactNode]>([coolingDown, '']);
  if (wasCoolingDown !== coolingDown) {
    // Said only when it is true: not while the retry goes out, nor once the session has ended
    // anyway (another tab's retry, the app's clearSession()).
    let message: ReactNode = '';
    if (coolingDown) message = label('cooldownStarted')(state.secondsLeft);
    else if (state.status === 'pending' || willRetry()) message = label('pending');
    else if (store.getState().accessToken !== null) message = label('cooldownEnded');
    setSeen([coolingDown, message]);
  }
  return said;
}

/**
 * The mounted buttons of each provider that could announce a cooldown, in mounting order: only the
 * first one does, so two buttons (header and menu) do not make a screen reader say it twice. Kept
 * here, not in the controller, so a storefront without the button does not ship it.
 */
const announcersOf = new WeakMap<LogoutController, StoreApi<readonly object[]>>();

/** Whether this button is the first mounted under its provider, the one that announces. */
export function useIsAnnouncer(): boolean {
  const controller = useAuthKit('LogoutButton');
  const announcers = announcersOf.get(controller) ?? createStore<readonly object[]>(() => []);
  announcersOf.set(controller, announcers);
  const [self] = useState(() => ({}));
  useEffect(() => {
    announcers.setState((list) => [...list, self], true);
    return () => announcers.setState((list) => list.filter((entry) => entry !== self), true);
  }, [announcers, self]);
  return useStore(announcers, (list) => list[0] === self);
}
