import type { QueryFilters } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import type { StoreApi } from 'zustand';
import {
  type AuthKitProvider,
  type CookieStorageOptions,
  commerceEngine,
  cookieStorage,
  createSessionStore,
  type InitialSession,
  type LogoutBackend,
  type LogoutButton,
  type LogoutError,
  type LogoutResult,
  localFirst,
  type PersistedSession,
  parseRetryAfter,
  type SessionEndReason,
  type SessionPersistApi,
  type SessionState,
  type SessionStore,
  type SessionUser,
  useLogout,
  useSession,
  useSessionReady,
  wemasy,
} from '../../src/index.js';
import { readSession, toInitialSession } from '../../src/server/index.js';

describe('the public API', () => {
  it('creates a zustand store with the session and its actions', () => {
    const store = createSessionStore({ persist: { name: 'shop', storage: 'session' } });
    expectTypeOf(store).toExtend<StoreApi<SessionState>>();
    expectTypeOf(store.getState().accessToken).toEqualTypeOf<string | null>();
    expectTypeOf(store.getState().refreshToken).toEqualTypeOf<string | null>();
    expectTypeOf(store.getState().user).toEqualTypeOf<SessionUser | null>();
    expectTypeOf(store.getState().clearSession).toEqualTypeOf<() => void>();
    // @ts-expect-error storage is 'local' or 'session'
    createSessionStore({ persist: { name: 'shop', storage: 'indexeddb' } });
  });

  it('builds backends from their options', () => {
    expectTypeOf(
      commerceEngine({ storeId: 's', environment: 'staging' }),
    ).toEqualTypeOf<LogoutBackend>();
    expectTypeOf(wemasy()).toEqualTypeOf<LogoutBackend>();
    // A baseUrl names the store itself: no storeId needed then.
    expectTypeOf(commerceEngine({ baseUrl: '/api/storefront' })).toEqualTypeOf<LogoutBackend>();
    // @ts-expect-error storeId is required
    commerceEngine({});
    // @ts-expect-error only staging or production
    commerceEngine({ storeId: 's', environment: 'test' });
  });

  it('gives useLogout the contract’s shape', () => {
    type Result = ReturnType<typeof useLogout>;
    expectTypeOf<Result['logout']>().toEqualTypeOf<() => void>();
    expectTypeOf<Result['logoutAsync']>().toEqualTypeOf<() => Promise<LogoutResult>>();
    expectTypeOf<Result['status']>().toEqualTypeOf<
      'idle' | 'pending' | 'rate-limited' | 'success' | 'error'
    >();
    expectTypeOf<Result['error']>().toEqualTypeOf<LogoutError | null>();
    expectTypeOf<Result['retryAt']>().toEqualTypeOf<number | null>();
    expectTypeOf<Result['secondsLeft']>().toEqualTypeOf<number>();
    expectTypeOf<Result['rateLimit']>().toEqualTypeOf<{
      limit: number | null;
      remaining: number | null;
    } | null>();
    expectTypeOf<LogoutResult['outcome']>().toEqualTypeOf<
      'signed-out' | 'already-signed-out' | 'no-session'
    >();
    expectTypeOf<LogoutResult['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<LogoutResult['adoptedAnonymousSession']>().toEqualTypeOf<boolean>();
    expectTypeOf<LogoutResult['unusableBody']>().toEqualTypeOf<boolean>();
    expectTypeOf<Result['isPending']>().toEqualTypeOf<boolean>();
    expectTypeOf<Result['reset']>().toEqualTypeOf<() => void>();
    // Every option may be `undefined`, so a component passes its own optional props through.
    expectTypeOf(useLogout).parameter(0).toEqualTypeOf<
      | {
          onSuccess?: ((result: LogoutResult) => void) | undefined;
          onError?: ((error: LogoutError) => void) | undefined;
          onRateLimited?: ((retryAt: number) => void) | undefined;
          autoRetry?: boolean | undefined;
        }
      | undefined
    >();
  });

  it('types useSession by its selector', () => {
    expectTypeOf(useSession((state) => state.user?.first_name)).toEqualTypeOf<
      string | null | undefined
    >();
  });

  it('gives LogoutError a kind union and optional status', () => {
    expectTypeOf<LogoutError['kind']>().toEqualTypeOf<
      'rate-limited' | 'rejected' | 'server' | 'network' | 'timeout' | 'invalid-response'
    >();
    expectTypeOf<LogoutError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<LogoutError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<LogoutError>().toExtend<Error>();
  });

  it('reads Retry-After into milliseconds or undefined', () => {
    expectTypeOf(parseRetryAfter).returns.toEqualTypeOf<number | undefined>();
  });

  it('takes the provider’s policy options', () => {
    type Props = ComponentProps<typeof AuthKitProvider>;
    expectTypeOf<Props['clearQueries']>().toEqualTypeOf<boolean | QueryFilters | undefined>();
    expectTypeOf<Props['timeoutMs']>().toEqualTypeOf<number | undefined>();
  });

  it('passes button props through and types the children function', () => {
    type Props = ComponentProps<typeof LogoutButton>;
    expectTypeOf<Props>().toHaveProperty('className');
    expectTypeOf<Props['onLoggedOut']>().toEqualTypeOf<
      ((result: LogoutResult) => void) | undefined
    >();
    // @ts-expect-error the type is always "button"
    const props: Props = { type: 'submit' };
    expectTypeOf(props).not.toBeAny();
  });

  it('takes undefined for every option and label, as its default', () => {
    // Options passed straight through from an app's own optional props or translations.
    createSessionStore({
      persist: { name: 'shop', storage: undefined },
      name: undefined,
      onStorageError: undefined,
      syncTabs: undefined,
    });
    createSessionStore({ persist: undefined });
    commerceEngine({ storeId: 's', environment: undefined, baseUrl: undefined, fetch: undefined });
    wemasy({ baseUrl: undefined, fetch: undefined });
    localFirst({ maxAttempts: undefined, retryDelayMs: undefined });
    const props: Omit<ComponentProps<typeof AuthKitProvider>, 'backend' | 'store'> = {
      timeoutMs: undefined,
      cooldownMs: undefined,
      clearQueries: undefined,
      autoRetry: undefined,
      strategy: undefined,
    };
    const button: ComponentProps<typeof LogoutButton> = {
      autoRetry: undefined,
      onLoggedOut: undefined,
      onLogoutError: undefined,
      labels: {
        idle: undefined,
        pending: undefined,
        coolingDown: undefined,
        cooldownStarted: undefined,
        cooldownEnded: undefined,
      },
    };
    expectTypeOf(props).not.toBeNever();
    expectTypeOf(button).not.toBeNever();
  });

  it('shows the persist API of a persisted store, and types the server-rendering additions', () => {
    const persisted = createSessionStore({ persist: { name: 'shop', storage: cookieStorage() } });
    expectTypeOf(persisted.persist.hasHydrated).toEqualTypeOf<() => boolean>();
    expectTypeOf(persisted).toExtend<SessionStore>();
    const memory = createSessionStore();
    expectTypeOf(memory.persist).toEqualTypeOf<SessionPersistApi | undefined>();
    expectTypeOf(cookieStorage).parameter(0).toEqualTypeOf<CookieStorageOptions | undefined>();
    expectTypeOf<CookieStorageOptions['sameSite']>().toEqualTypeOf<
      'lax' | 'strict' | 'none' | undefined
    >();
    expectTypeOf(useSessionReady).returns.toEqualTypeOf<boolean>();
    expectTypeOf<InitialSession>().not.toHaveProperty('accessToken');
    expectTypeOf(toInitialSession).returns.toEqualTypeOf<InitialSession>();
    // Built by hand, an initialSession with a cooldown must say when the server rendered it:
    // without that no client can count the countdown the server painted, and hydration mismatches.
    const cooldown = { user: null, retryAt: (Date.now() + 30_000) as number | null, epoch: 1 };
    // @ts-expect-error renderedAt is required with a cooldown
    const withoutRenderedAt: InitialSession = cooldown;
    const withRenderedAt: InitialSession = { ...cooldown, renderedAt: Date.now() };
    const noCooldown: InitialSession = { user: null, retryAt: null, epoch: 1 };
    expectTypeOf([
      withoutRenderedAt,
      withRenderedAt,
      noCooldown,
    ]).items.toEqualTypeOf<InitialSession>();
    expectTypeOf(readSession).returns.toEqualTypeOf<PersistedSession | null>();
    readSession('a=b', 'shop');
    readSession({ get: () => ({ value: 'x' }) }, 'shop');
    readSession(undefined, 'shop');
    expectTypeOf<NonNullable<ComponentProps<typeof AuthKitProvider>['onSessionEnded']>>()
      .parameter(0)
      .toEqualTypeOf<SessionEndReason>();
    expectTypeOf<SessionEndReason>().toEqualTypeOf<'logout' | 'other-tab' | 'cleared'>();
  });
});
