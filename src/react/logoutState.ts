import type { MutationObserverResult } from '@tanstack/react-query';
import type { LogoutError } from '../core/LogoutError.js';

/** Where a provider's logout stands. */
export type LogoutStatus = 'idle' | 'pending' | 'rate-limited' | 'success' | 'error';

/**
 * Derives the contract's status and error from the two facts that are stored: the TanStack
 * mutation's state (whose `error` is set only in status `error`) and the session's `retryAt`
 * (its running cooldown's error, or `null`). A cooldown that is over reads as `idle`.
 */
export function deriveLogoutState(
  { status, error }: Pick<MutationObserverResult<unknown, LogoutError>, 'status' | 'error'>,
  cooldown: LogoutError | null,
): { status: LogoutStatus; error: LogoutError | null } {
  if (cooldown) return { status: 'rate-limited', error: cooldown };
  if (error?.kind === 'rate-limited') return { status: 'idle', error: null };
  return { status, error };
}
