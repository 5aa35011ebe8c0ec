export type { CommerceEngineOptions } from './backends/commerceEngine.js';
export { commerceEngine } from './backends/commerceEngine.js';
export type {
  CommerceEngineSdkSession,
  SdkTokenStorage,
  SdkTokens,
} from './backends/commerceEngineSdkSession.js';
export { commerceEngineSdkSession } from './backends/commerceEngineSdkSession.js';
export type { WemasyOptions } from './backends/wemasy.js';
export { wemasy } from './backends/wemasy.js';
export type { LogoutBackend } from './core/backend.js';
// Opt-in capabilities, each its own import that tree-shakes away when unused.
export type { CookieStorageOptions } from './core/cookieStorage.js';
export { cookieStorage } from './core/cookieStorage.js';
export type { LogoutErrorKind, LogoutErrorOptions } from './core/LogoutError.js';
export { isLogoutError, LogoutError } from './core/LogoutError.js';
export type { LocalFirstOptions } from './core/localFirst.js';
export { localFirst } from './core/localFirst.js';
export type { LogoutStrategy, RevocationStatus } from './core/logout.js';
export { parseRetryAfter } from './core/retryAfter.js';
export type {
  InitialSession,
  PersistedSession,
  PersistedSessionStore,
  PersistOption,
  SessionPersistApi,
  SessionState,
  SessionStore,
  SessionStoreOptions,
  SetSessionOptions,
} from './core/sessionStore.js';
export { createSessionStore } from './core/sessionStore.js';
export type { SessionStorageArea, StorageKind, StorageProblem } from './core/storage.js';
export type {
  LogoutOutcome,
  LogoutResult,
  RateLimit,
  SessionData,
  SessionUser,
} from './core/types.js';
export type { AuthKitProviderProps, SessionEndReason } from './react/AuthKitProvider.js';
export { AuthKitProvider } from './react/AuthKitProvider.js';
export type { LogoutButtonProps } from './react/LogoutButton.js';
export { LogoutButton } from './react/LogoutButton.js';
export type { LogoutButtonLabelOverrides, LogoutButtonLabels } from './react/labels.js';
export { defaultLogoutButtonLabels } from './react/labels.js';
export { LOGOUT_MUTATION_KEY } from './react/logoutController.js';
export type { LogoutStatus, UseLogoutOptions, UseLogoutResult } from './react/useLogout.js';
export { useLogout } from './react/useLogout.js';
export { useSession } from './react/useSession.js';
export { useSessionReady } from './react/useSessionReady.js';
