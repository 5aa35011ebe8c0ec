'use client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import {
  AuthKitProvider,
  type LogoutBackend,
  type LogoutResult,
  type SessionStore,
} from '../src/index.js';
import { AccountMenu } from './AccountMenu.js';
import { backendLabels, type DemoConfig } from './config.js';
import { DevPanel } from './DevPanel.js';
import { LogoutFeedback } from './LogoutFeedback.js';
import { Orders } from './Orders.js';
import type { DemoSdk } from './sdk.js';
import { TryIt } from './TryIt.js';

export interface AppProps {
  config: DemoConfig;
  store: SessionStore;
  /** The backend the kit logs out of (the SDK's connector revokes through it too). */
  backend: LogoutBackend;
  /** The vendor SDK on the kit's store, in Commerce Engine mode; `null` for Wemasy. */
  sdk: DemoSdk | null;
  /** Whether the mocked Commerce Engine still accepts a token, for the developer panel. */
  isLive: (token: string) => boolean;
  queryClient: QueryClient;
}

/** The demo storefront: a shop header, the orders panel and the developer panel. */
export function App({ config, store, backend, sdk, isLive, queryClient }: AppProps) {
  // The outcome of the last logout, for the message under the header; cleared by a new sign-in.
  const [lastResult, setLastResult] = useState<LogoutResult | null>(null);

  return (
    <QueryClientProvider client={queryClient}>
      <AuthKitProvider backend={backend} store={store}>
        <header className="site-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              L
            </span>
            <span>
              <span className="brand-name">Linden &amp; Loom</span>
              <span className="brand-sub">Demo storefront on {backendLabels[config.backend]}</span>
            </span>
          </div>
          <AccountMenu
            config={config}
            store={store}
            sdk={sdk}
            onLoggedOut={setLastResult}
            onSignedIn={() => setLastResult(null)}
          />
        </header>
        <div className="layout">
          <main className="shop">
            <LogoutFeedback config={config} lastResult={lastResult} onLoggedOut={setLastResult} />
            <Orders sdk={sdk} />
            <TryIt config={config} />
          </main>
          <DevPanel config={config} store={store} sdk={sdk} isLive={isLive} />
        </div>
      </AuthKitProvider>
    </QueryClientProvider>
  );
}
