'use client';
import { type QueryFilters, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';
import type { LogoutBackend } from '../core/backend.js';
import type { LogoutStrategy } from '../core/logout.js';
import type { SessionStore } from '../core/sessionStore.js';
import { createLogoutController, type LogoutController } from './logoutController.js';

/** Props of {@link AuthKitProvider}. An option given as `undefined` takes its default. */
export interface AuthKitProviderProps {
  /** The storefront API to log out of: `commerceEngine(…)`, `wemasy(…)` or one of your own. */
  backend: LogoutBackend;
  /** The session store from `createSessionStore`. */
  store: SessionStore;
  /**
   * Gives up on the logout answer after this many milliseconds (`LogoutError` kind `timeout`).
   * `Infinity` means no timeout; any length is waited out in full, however long.
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /**
   * The cooldown after a 429 whose `Retry-After` is missing or unreadable, in milliseconds.
   * @default 60000
   */
  cooldownMs?: number | undefined;
  /**
   * Which cached queries of the surrounding QueryClient to cancel and remove when the session
   * ends: `true` for all, `false` for none, or TanStack `QueryFilters`.
   * @default true
   */
  clearQueries?: boolean | QueryFilters | undefined;
  /**
   * Sends the logout again when a rate-limit cooldown ends. `useLogout({ autoRetry })` overrides it.
   * @default true
   */
  autoRetry?: boolean | undefined;
  /**
   * `'confirm'` signs the customer out once the server confirmed it (the contract's table).
   * `localFirst()` signs out on this device at once and revokes on the server in the background;
   * `useLogout().revocation` shows its progress. See the README on when each is right.
   * @default 'confirm'
   */
  strategy?: 'confirm' | LogoutStrategy | undefined;
  /**
   * Called in every tab whenever the session ends or is replaced (the epoch moves on), after the
   * cached queries are dropped: `'logout'` for a logout of this provider, `'other-tab'` when the
   * change came from another tab (or a cookie another tab or the server changed), `'cleared'` for
   * anything else (`clearSession()`, the vendor SDK's own logout). Server-rendered content is not
   * in the store: call `router.refresh()` here, or leave an account page.
   * @default undefined
   */
  onSessionEnded?: ((reason: SessionEndReason) => void) | undefined;
  children?: ReactNode;
}

/** Why a session ended, as `onSessionEnded` hears it. */
export type SessionEndReason = 'logout' | 'other-tab' | 'cleared';

const AuthKitContext = createContext<LogoutController | undefined>(undefined);

/** The nearest provider's logout controller; throws a sentence that says what to wrap the app in. */
export function useAuthKit(hook: string): LogoutController {
  const controller = useContext(AuthKitContext);
  if (!controller) {
    throw new Error(
      process.env.NODE_ENV === 'production'
        ? `${hook} needs <AuthKitProvider>`
        : `${hook} must be used inside <AuthKitProvider>, itself inside TanStack's <QueryClientProvider>.`,
    );
  }
  return controller;
}

/**
 * Gives every `useLogout`, `useSession` and `LogoutButton` below it one shared logout state. It
 * must sit inside TanStack's `QueryClientProvider`.
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <AuthKitProvider backend={wemasy()} store={session}>
 *     <App />
 *   </AuthKitProvider>
 * </QueryClientProvider>
 */
export function AuthKitProvider(props: AuthKitProviderProps) {
  const store = props.store;
  const queryClient = useQueryClient();
  const create = () => createLogoutController(queryClient, store, props);
  // State, not a memo: React may drop a memo, and with it the logout in flight.
  const [owned, setOwned] = useState(create);
  let controller = owned;
  if (owned.queryClient !== queryClient || owned.store !== store) {
    controller = create();
    setOwned(controller);
  }
  // The controller reads its props when it needs them, and applies their defaults there, so
  // changing one never rebuilds it. Only the current controller follows them: one the provider
  // replaced (it was given another store) keeps the backend it came with, so a logout it still
  // runs (a retry waiting for its lock, a logout captured earlier) goes to that store's backend.
  useEffect(() => {
    controller.props = props;
  });
  // While mounted: one timer ends each cooldown, and the cached queries go when the session ends.
  useEffect(() => controller.mount(), [controller]);
  // createElement, not JSX: the hooks' import from 'react' serves, with no jsx-runtime import.
  return createElement(AuthKitContext.Provider, { value: controller }, props.children);
}

// Bundlers replace `process.env.NODE_ENV` in the storefront's build, as React and TanStack rely on.
declare const process: { env: { NODE_ENV?: string } };
