'use client';
import { type ButtonHTMLAttributes, forwardRef, type MouseEvent, type ReactNode } from 'react';
import type { LogoutError } from '../core/LogoutError.js';
import type { LogoutResult } from '../core/types.js';
import { srOnly, useCooldownAnnouncement, useIsAnnouncer } from './cooldownAnnouncement.js';
import { useHydratedLogoutState } from './hydration.js';
import { type LogoutButtonLabelOverrides, labelsFrom } from './labels.js';
import { type UseLogoutResult, useLogout } from './useLogout.js';

/** Props of {@link LogoutButton}; every other prop goes to the `<button>`. */
export interface LogoutButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'type'> {
  /** The button's content: a node, or a function of the logout state. @default the labels */
  children?: ReactNode | ((state: UseLogoutResult) => ReactNode);
  /**
   * Overrides the provider's `autoRetry` for logouts this button starts.
   * @default the provider's `autoRetry`, itself `true` by default
   */
  autoRetry?: boolean | undefined;
  /** Called when a logout this button started signs the customer out. */
  onLoggedOut?: ((result: LogoutResult) => void) | undefined;
  /** Called with every error of a logout this button started, a 429 included. */
  onLogoutError?: ((error: LogoutError) => void) | undefined;
  /**
   * Replaces some or all of the button's words; a label given as `undefined` (a missing
   * translation) keeps its default. @default defaultLogoutButtonLabels
   */
  labels?: LogoutButtonLabelOverrides | undefined;
}

/**
 * A native `<button type="button">` that logs the customer out. While pending or cooling down it is
 * `aria-disabled` (it keeps keyboard focus) and ignores clicks, as it does while the app passes
 * `aria-disabled` itself; the countdown shows in its text.
 *
 * @example
 * <LogoutButton className="header-link" onLoggedOut={() => navigate('/')} />
 */
// Marked pure: a bundler that does not read `"sideEffects": false` can still drop an unused button.
export const LogoutButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, LogoutButtonProps>(
  function LogoutButton(
    {
      children,
      autoRetry,
      onLoggedOut,
      onLogoutError,
      labels: labelOverrides,
      onClick,
      ...buttonProps
    },
    ref,
  ) {
    const state = useHydratedLogoutState(
      useLogout({ autoRetry, onSuccess: onLoggedOut, onError: onLogoutError }),
    );
    const { status } = state;
    const label = labelsFrom(labelOverrides);
    // Unavailable while pending or cooling down, and while the app says so (true or 'true').
    const disabled =
      status === 'pending' || status === 'rate-limited' || buttonProps['aria-disabled'];
    const announcement = useCooldownAnnouncement(state, label);
    const announces = useIsAnnouncer();

    const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
      onClick?.(event);
      // A caller's handler can cancel the logout with event.preventDefault().
      if (`${disabled}` === 'true' || event.defaultPrevented) return;
      state.logout();
    };

    const content: ReactNode =
      typeof children === 'function'
        ? children(state)
        : children !== undefined
          ? children
          : status === 'rate-limited'
            ? label('coolingDown')(state.secondsLeft)
            : label(status === 'pending' ? 'pending' : 'idle');

    return (
      <>
        <button
          {...buttonProps}
          ref={ref}
          type="button"
          aria-disabled={disabled || undefined}
          onClick={handleClick}
        >
          {content}
        </button>
        {announces && (
          <span role="status" style={srOnly}>
            {announcement}
          </span>
        )}
      </>
    );
  },
);
