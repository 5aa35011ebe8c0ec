import {
  type AuthKitProviderProps,
  type LogoutResult,
  type LogoutStrategy,
  localFirst,
  type RevocationStatus,
  type SessionStoreOptions,
  type UseLogoutResult,
} from '../../src/index.js';

describe('the reliability additions to the public API', () => {
  it('offers the local-first strategy as an import, next to the default string', () => {
    expectTypeOf(localFirst)
      .parameter(0)
      .toEqualTypeOf<
        { maxAttempts?: number | undefined; retryDelayMs?: number | undefined } | undefined
      >();
    expectTypeOf(localFirst()).toEqualTypeOf<LogoutStrategy>();
    expectTypeOf<AuthKitProviderProps['strategy']>().toEqualTypeOf<
      'confirm' | LogoutStrategy | undefined
    >();
  });

  it('shows the revocation in useLogout and the storage outcome in the result', () => {
    expectTypeOf<UseLogoutResult['revocation']>().toEqualTypeOf<RevocationStatus>();
    expectTypeOf<RevocationStatus>().toEqualTypeOf<'idle' | 'pending' | 'done' | 'failed'>();
    expectTypeOf<LogoutResult['storageCleared']>().toEqualTypeOf<false | undefined>();
  });

  it('lets a store opt out of tab sync', () => {
    expectTypeOf<SessionStoreOptions['syncTabs']>().toEqualTypeOf<boolean | undefined>();
  });
});
