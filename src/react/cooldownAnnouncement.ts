'use client';
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useAuthKit } from './AuthKitProvider.js';
import type { LogoutButtonLabels } from './labels.js';
import type { UseLogoutResult } from './useLogout.js';

/** Visually hidden, still read by assistive technology. */
export const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * Announces a cooldown when it starts and when it ends, never once a second. The end of a cooldown
 * that is retried automatically announces the retry (`pending`), never an invitation to click,
 * even while the retry waits for its lock or runs in another tab.
 */
export function useCooldownAnnouncement(
  state: UseLogoutResult,
  labels: LogoutButtonLabels,
): ReactNode {
  const { willRetry } = useAuthKit('LogoutButton');
  const coolingDown = state.status === 'rate-limited';
  const [seen, setSeen] = useState<{ coolingDown: boolean; message: ReactNode }>({
    coolingDown,
    message: '',
  });
  if (seen.coolingDown !== coolingDown) {
    let message: ReactNode = '';
    if (coolingDown) message = labels.cooldownStarted(state.secondsLeft);
    else if (state.status === 'pending' || willRetry()) message = labels.pending;
    else message = labels.cooldownEnded;
    setSeen({ coolingDown, message });
  }
  return seen.message;
}

/** Whether this button is the first mounted under its provider, the one that announces. */
export function useIsAnnouncer(): boolean {
  const { announcers } = useAuthKit('LogoutButton');
  const [self] = useState(() => ({}));
  useEffect(() => {
    announcers.setState((list) => [...list, self], true);
    return () => announcers.setState((list) => list.filter((entry) => entry !== self), true);
  }, [announcers, self]);
  return useStore(announcers, (list) => list[0] === self);
}
