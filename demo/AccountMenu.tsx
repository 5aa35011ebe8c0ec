'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import {
  LogoutButton,
  type LogoutResult,
  type SessionStore,
  useLogout,
  useSession,
} from '../src/index.js';
import type { DemoConfig } from './config.js';
import type { DemoSdk } from './sdk.js';
import { signInSampleCustomer } from './session.js';

interface AccountMenuProps {
  config: DemoConfig;
  store: SessionStore;
  sdk: DemoSdk | null;
  onLoggedOut: (result: LogoutResult) => void;
  onSignedIn: () => void;
}

/** Who is signed in, with the kit's LogoutButton, or a way to sign the sample customer back in. */
export function AccountMenu({ config, store, sdk, onLoggedOut, onSignedIn }: AccountMenuProps) {
  const user = useSession((session) => session.user);
  const hasToken = useSession((session) => session.accessToken !== null);
  const { reset } = useLogout();
  // When the customer logs out from the keyboard, focus moves on to "Sign in again" instead of
  // falling back to the page's start with the button that held it.
  const logoutHadFocus = useRef(false);
  const signInButton = useRef<HTMLButtonElement>(null);
  const signedIn = hasToken && user !== null && user.is_anonymous !== true;
  useEffect(() => {
    if (!signedIn && logoutHadFocus.current) signInButton.current?.focus();
    logoutHadFocus.current = false;
  }, [signedIn]);
  const signIn = useMutation({
    mutationFn: () => signInSampleCustomer(config.backend, store, sdk),
    onSuccess: () => {
      reset();
      onSignedIn();
    },
  });

  if (signedIn) {
    return (
      <div className="account">
        <div className="who">
          <span className="who-name">Hi, {user.first_name ?? 'there'}</span>
          <span className="who-sub">{user.email}</span>
        </div>
        <LogoutButton
          className="button button-primary"
          onLoggedOut={onLoggedOut}
          onFocus={() => {
            logoutHadFocus.current = true;
          }}
          onBlur={() => {
            logoutHadFocus.current = false;
          }}
        />
      </div>
    );
  }

  const guest = hasToken && user?.is_anonymous === true;
  return (
    <div className="account">
      <div className="who">
        <span className="who-name">{guest ? 'Guest' : 'Signed out'}</span>
        <span className="who-sub">
          {guest ? 'Shopping with an anonymous session' : 'No session'}
        </span>
      </div>
      <button
        ref={signInButton}
        type="button"
        className="button button-primary"
        aria-disabled={signIn.isPending || undefined}
        onClick={() => {
          if (!signIn.isPending) signIn.mutate();
        }}
      >
        {signIn.isPending ? 'Signing in…' : 'Sign in again'}
      </button>
      {signIn.isError ? (
        <p role="alert" className="account-error">
          Signing in did not work. Please try again.
        </p>
      ) : null}
    </div>
  );
}
