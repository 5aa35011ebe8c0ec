'use client';
import { useState, useSyncExternalStore } from 'react';
import { type SessionStore, useSession } from '../src/index.js';
import { requestLog } from './mocks.js';
import { askServerWhoThisIs, type DemoSdk, refreshTokenNow } from './sdk.js';
import { tokenNames } from './tokenNames.js';

interface SdkToolsProps {
  sdk: DemoSdk;
  store: SessionStore;
}

const nameOf = (token: string | null) =>
  token === null ? 'no token' : (tokenNames.nameOf(token) ?? 'a token this page has not seen');

/**
 * The SDK's side of the session, by hand: a token refresh now (so that a refresh before a logout,
 * or during a slow one, can be tried) and the SDK's next call, asking the server whose session it is.
 */
export function SdkTools({ sdk, store }: SdkToolsProps) {
  const hasToken = useSession((session) => session.accessToken !== null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    try {
      setMessage(await action());
    } finally {
      setBusy(false);
    }
  };

  const refresh = () =>
    run(async () => {
      const before = nameOf(store.getState().accessToken);
      setMessage(`Refreshing ${before}…`);
      try {
        await refreshTokenNow(sdk);
      } catch {
        return 'The token refresh failed, so the SDK cleared its tokens.';
      }
      const after = nameOf(store.getState().accessToken);
      if (after === before) return `The refresh changed nothing: the session still holds ${after}.`;
      // A logout that ended the session meanwhile wins: the SDK goes on with what it left.
      if (before.startsWith('customer') && !after.startsWith('customer')) {
        return `The session ended while the refresh ran: the SDK goes on with ${after}.`;
      }
      return `Refreshed: ${before} was replaced by ${after}.`;
    });

  const ask = () =>
    run(async () => {
      setMessage('Asking the server…');
      // The SDK may refresh or start a guest session first: the request log shows what it sent.
      const { status, user } = await askServerWhoThisIs(sdk);
      if (user === null) return `The server answered ${status}: no session.`;
      return user.is_anonymous
        ? `The server answered ${status}: a guest.`
        : `The server answered ${status}: ${user.first_name ?? 'a customer'}, signed in.`;
    });

  return (
    <section className="dev-section" aria-labelledby="dev-sdk">
      <h3 id="dev-sdk">Commerce Engine SDK</h3>
      <p className="dev-hint">
        The storefront signs in and lists orders with <code>@commercengine/storefront-sdk</code>,
        whose token storage is the kit’s session store. Refresh the token before a logout, or during
        a slow one, and watch the request log.
      </p>
      <div className="dev-actions">
        <button
          type="button"
          className="button"
          aria-disabled={!hasToken || busy || undefined}
          onClick={() => {
            if (hasToken) void refresh();
          }}
        >
          Token refresh
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-disabled={busy || undefined}
          onClick={() => void ask()}
        >
          Ask the server who I am
        </button>
      </div>
      <p role="status" className="dev-hint">
        {message}
      </p>
    </section>
  );
}

/**
 * Every access token the page has seen, and whether the mocked Commerce Engine still accepts it:
 * once the storefront shows a guest, no customer token may be live.
 */
export function ServerTokensView({ isLive }: { isLive: (token: string) => boolean }) {
  const named = useSyncExternalStore(tokenNames.subscribe, tokenNames.all);
  // The server's side changes only when it answers a request: read it again after each one.
  useSyncExternalStore(requestLog.subscribe, requestLog.entries);
  return (
    <section className="dev-section" aria-labelledby="dev-server">
      <h3 id="dev-server">Access tokens on the server</h3>
      {named.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="plain">
          {named.map(({ name, token, masked }) => (
            <li key={name}>
              {name} <code>{masked}</code>: <strong>{isLive(token) ? 'live' : 'dead'}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
