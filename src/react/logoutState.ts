import type { MutationStatus } from '@tanstack/react-query';
import type { LogoutError } from '../core/LogoutError.js';
import { cooldownError } from '../core/logout.js';

/** Where a provider's logout stands. */
export type LogoutStatus = 'idle' | 'pending' | 'rate-limited' | 'success' | 'error';

/**
 * Derives the contract's status and error from the two facts that are stored: the TanStack
 * mutation's state and the session's `retryAt`. A cooldown that is over reads as `idle`.
 */
export function deriveLogoutState(
  mutationStatus: MutationStatus,
  mutationError: LogoutError | null,
  retryAt: number | null,
  now: number,
): { status: LogoutStatus; error: LogoutError | null } {
  if (retryAt !== null && retryAt > now) {
    const current = mutationError?.kind === 'rate-limited' ? mutationError : null;
    return { status: 'rate-limited', error: current ?? cooldownError(retryAt, now) };
  }
  if (mutationStatus === 'error' && mutationError?.kind === 'rate-limited') {
    return { status: 'idle', error: null };
  }
  return { status: mutationStatus, error: mutationStatus === 'error' ? mutationError : null };
}
