'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { type SessionState, type SessionStore, useLogout, useSession } from '../src/index.js';
import { type MockRequestRecord, maskToken } from '../src/testing/index.js';
import { type DemoBackend, sessionKey } from './config.js';
import { requestLog } from './mocks.js';
import { tokenNames } from './tokenNames.js';

const time = (epochMs: number) => new Date(epochMs).toLocaleTimeString('en-GB');

/** A session with both tokens masked: the demo never shows a whole token. */
function masked(state: unknown): unknown {
  if (typeof state !== 'object' || state === null) return state;
  const record = state as Record<string, unknown>;
  const user = record.user as Record<string, unknown> | null | undefined;
  return {
    accessToken: maskToken(record.accessToken as string | null),
    refreshToken: maskToken(record.refreshToken as string | null),
    user:
      user === null || user === undefined
        ? null
        : {
            id: user.id,
            first_name: user.first_name ?? null,
            email: user.email ?? null,
            is_anonymous: user.is_anonymous ?? null,
            is_logged_in: user.is_logged_in ?? null,
          },
    retryAt: record.retryAt ?? null,
    epoch: record.epoch,
  };
}

function readStored(backend: DemoBackend): string {
  try {
    const text = localStorage.getItem(sessionKey(backend));
    if (text === null) return '(nothing stored)';
    const stored = JSON.parse(text) as { state?: unknown };
    return JSON.stringify(masked(stored.state), null, 2);
  } catch {
    return '(unreadable)';
  }
}

/** The session store, live, and what localStorage holds under its key. */
export function SessionView({ backend, store }: { backend: DemoBackend; store: SessionStore }) {
  const state = useSession((session: SessionState) => session);
  const [stored, setStored] = useState(() => readStored(backend));
  useSyncExternalStore(tokenNames.subscribe, tokenNames.all);
  const tokenName = state.accessToken === null ? undefined : tokenNames.nameOf(state.accessToken);
  useEffect(() => {
    // The persist middleware writes right after the store changes; read once it has.
    const read = () => setTimeout(() => setStored(readStored(backend)), 0);
    const unsubscribe = store.subscribe(read);
    window.addEventListener('storage', read);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', read);
    };
  }, [backend, store]);
  return (
    <section className="dev-section" aria-labelledby="dev-session">
      <h3 id="dev-session">Session store</h3>
      {tokenName === undefined ? null : (
        <p className="dev-hint">
          Holds <strong>{tokenName}</strong>
        </p>
      )}
      <pre className="code">{JSON.stringify(masked(state), null, 2)}</pre>
      <h4>
        localStorage <code>{sessionKey(backend)}</code>
      </h4>
      <pre className="code">{stored}</pre>
    </section>
  );
}

/** The logout state of the hook: status, the rate-limit figures and the countdown. */
export function RateLimitView() {
  const { status, rateLimit, retryAt, secondsLeft, error } = useLogout();
  return (
    <section className="dev-section" aria-labelledby="dev-rate">
      <h3 id="dev-rate">Logout state and rate limit</h3>
      <dl className="facts">
        <dt>status</dt>
        <dd>{status}</dd>
        <dt>error</dt>
        <dd>{error ? `${error.kind}${error.status ? ` (HTTP ${error.status})` : ''}` : '–'}</dd>
        <dt>X-RateLimit-Limit</dt>
        <dd>{rateLimit?.limit ?? '–'}</dd>
        <dt>X-RateLimit-Remaining</dt>
        <dd>{rateLimit?.remaining ?? '–'}</dd>
        <dt>retryAt</dt>
        <dd>{retryAt === null ? '–' : time(retryAt)}</dd>
        <dt>secondsLeft</dt>
        <dd>{secondsLeft}</dd>
      </dl>
    </section>
  );
}

/** The queries TanStack Query holds: the orders are there while signed in, gone after a logout. */
export function QueryCacheView() {
  const cache = useQueryClient().getQueryCache();
  const snapshot = useSyncExternalStore(
    // A query is added to the cache while the component using it renders: tell React afterwards.
    (onChange) => cache.subscribe(() => queueMicrotask(onChange)),
    () =>
      JSON.stringify(
        cache.getAll().map((query) => ({
          key: query.queryKey,
          status: query.state.status,
          rows: Array.isArray(query.state.data) ? query.state.data.length : null,
        })),
      ),
  );
  const queries = JSON.parse(snapshot) as { key: unknown; status: string; rows: number | null }[];
  return (
    <section className="dev-section" aria-labelledby="dev-cache">
      <h3 id="dev-cache">Query cache</h3>
      {queries.length === 0 ? (
        <p className="muted">Empty.</p>
      ) : (
        <ul className="plain">
          {queries.map((query) => (
            <li key={JSON.stringify(query.key)}>
              <code>{JSON.stringify(query.key)}</code> {query.status}
              {query.rows === null ? '' : `, ${query.rows} rows`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Headers({
  sent,
  answered,
}: {
  sent: Record<string, string>;
  answered: Record<string, string>;
}) {
  const rows = [
    ...Object.entries(sent).map(([name, value]) => ['→', name, value]),
    ...Object.entries(answered).map(([name, value]) => ['←', name, value]),
  ];
  return (
    <dl className="headers">
      {rows.map(([direction, name, value]) => (
        <div key={`${direction}${name}`}>
          <dt>
            <span aria-hidden="true">{direction}</span>
            <span className="sr-only">{direction === '→' ? 'sent' : 'answered'}</span> {name}
          </dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Who sent a Commerce Engine request in the demo: the kit sends the logout (and, as the SDK's
 * `refreshTokenFn`, the token refresh); the SDK sends everything else. The demo itself calls no
 * Commerce Engine endpoint by hand.
 */
function senderOf(entry: MockRequestRecord): string | null {
  if (entry.backend !== 'commerce-engine') return null;
  if (entry.endpoint === 'logout') return 'the kit';
  if (entry.endpoint === 'refresh-token') return 'the kit, as the SDK’s refreshTokenFn';
  return 'the SDK';
}

/** Which request went out by whom, and with which of the page's tokens. */
function Carried({ entry }: { entry: MockRequestRecord }) {
  useSyncExternalStore(tokenNames.subscribe, tokenNames.all);
  const sender = senderOf(entry);
  if (sender === null) return null;
  const masked = /^Bearer (.+)$/.exec(entry.requestHeaders.authorization ?? '')?.[1];
  const token =
    masked === undefined
      ? 'no bearer token'
      : (tokenNames.nameOf(masked) ?? 'a token this page has not seen');
  return (
    <p className="log-who">
      Sent by {sender}, with {token}
    </p>
  );
}

/** Every request the mocks answered, newest first, with the bearer token masked. */
export function RequestLogView() {
  const entries = useSyncExternalStore(requestLog.subscribe, requestLog.entries);
  return (
    <section className="dev-section" aria-labelledby="dev-log">
      <h3 id="dev-log">Request log</h3>
      {entries.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        // Scrollable, so it takes keyboard focus to be scrolled without a mouse.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable (WCAG 2.1.1)
        <ol className="log" reversed tabIndex={0} aria-label="Requests, newest first">
          {[...entries]
            .reverse()
            .slice(0, 25)
            .map((entry) => (
              <li key={entry.id} className="log-entry">
                <div className="log-line">
                  <span>
                    <strong>{entry.method}</strong> {entry.endpoint}
                  </span>
                  <span className={entry.status === null || entry.status >= 400 ? 'bad' : 'good'}>
                    {entry.status ?? 'network error'}
                  </span>
                  <span className="muted">{time(entry.time)}</span>
                </div>
                <code className="path">
                  {new URL(entry.url).host}
                  {entry.path}
                </code>
                <Carried entry={entry} />
                <Headers sent={entry.requestHeaders} answered={entry.responseHeaders} />
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
