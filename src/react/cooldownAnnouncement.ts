'use client';
import { type CSSProperties, useEffect, useState } from 'react';
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
 * Announces a cooldown when it starts and when it ends, never once a second. An automatic retry
 * at the end is not announced as "you can log out again": the button says it is logging out.
 */
export function useCooldownAnnouncement(
  state: UseLogoutResult,
  labels: LogoutButtonLabels,
): string {
  const coolingDown = state.status === 'rate-limited';
  const [seen, setSeen] = useState({ coolingDown, message: '' });
  if (seen.coolingDown !== coolingDown) {
    let message = '';
    if (coolingDown) message = labels.cooldownStarted(state.secondsLeft);
    else if (state.status !== 'pending') message = labels.cooldownEnded;
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
