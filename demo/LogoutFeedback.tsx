'use client';
import { type LogoutError, type LogoutResult, useLogout } from '../src/index.js';
import type { DemoConfig } from './config.js';

/** What went wrong, in words a shopper understands; the session is kept, so they are still in. */
export function shopperMessage(error: LogoutError): string {
  switch (error.kind) {
    case 'network':
      return 'We could not reach the shop, so you are still signed in. Check your internet connection and try again.';
    case 'timeout':
      return 'The shop took too long to answer, so you are still signed in. Please try again.';
    case 'server':
      return 'Something went wrong on our side, so you are still signed in. Please try again in a moment.';
    case 'rejected':
      return 'The shop could not sign you out, so you are still signed in. Please try again.';
    case 'rate-limited':
      return 'Too many sign-out attempts. Please wait a moment and try again.';
    default:
      return 'The shop gave an answer we did not expect, so you are still signed in. Please try again.';
  }
}

function successMessage(result: LogoutResult, config: DemoConfig): string {
  if (result.outcome === 'already-signed-out') {
    return 'You were already signed out on the server, so this device has now forgotten you too.';
  }
  if (result.outcome === 'no-session') return 'You are signed out.';
  if (result.adoptedAnonymousSession) {
    return 'You are signed out. Your orders are hidden; you can keep shopping as a guest.';
  }
  return config.backend === 'wemasy'
    ? 'You are signed out on this device. Your other devices stay signed in.'
    : 'You are signed out.';
}

interface LogoutFeedbackProps {
  config: DemoConfig;
  lastResult: LogoutResult | null;
  onLoggedOut: (result: LogoutResult) => void;
}

/** The message under the header: progress, success, or a failure with a way to try again. */
export function LogoutFeedback({ config, lastResult, onLoggedOut }: LogoutFeedbackProps) {
  const { status, error, logout, secondsLeft } = useLogout({ onSuccess: onLoggedOut });
  let polite: string | null = null;
  if (status === 'pending') polite = 'Signing you out…';
  if (status === 'success' && lastResult !== null) polite = successMessage(lastResult, config);

  return (
    <div className="feedback">
      {/* Always in the page, so screen readers announce what is written into it. */}
      <p role="status" className={polite === null ? 'notice notice-empty' : 'notice notice-ok'}>
        {polite}
      </p>
      {status === 'rate-limited' ? (
        <p className="notice notice-wait">
          The shop is busy: too many sign-out attempts. We will sign you out automatically in{' '}
          {secondsLeft} s. Until then you are still signed in.
        </p>
      ) : null}
      {status === 'error' && error !== null ? (
        <div role="alert" className="notice notice-error">
          <p>{shopperMessage(error)}</p>
          <button type="button" className="button" onClick={logout}>
            Try again
          </button>
        </div>
      ) : null}
    </div>
  );
}
