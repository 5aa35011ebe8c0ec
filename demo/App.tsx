'use client';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { AuthKitProvider, type LogoutResult, type SessionStore } from '../src/index.js';
import { AccountMenu } from './AccountMenu.js';
import { backendLabels, type DemoConfig } from './config.js';
import { DevPanel } from './DevPanel.js';
import { LogoutFeedback } from './LogoutFeedback.js';
import { Orders } from './Orders.js';
import { demoBackend } from './session.js';
import { TryIt } from './TryIt.js';

export interface AppProps {
  config: DemoConfig;
  store: SessionStore;
  queryClient: QueryClient;
}

/** The demo storefront: a shop header, the orders panel and the developer panel. */
export function App({ config, store, queryClient }: AppProps) {
  const backend = useMemo(() => demoBackend(config.backend), [config.backend]);
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
            onLoggedOut={setLastResult}
            onSignedIn={() => setLastResult(null)}
          />
        </header>
        <div className="layout">
          <main className="shop">
            <LogoutFeedback config={config} lastResult={lastResult} onLoggedOut={setLastResult} />
            <Orders />
            <TryIt config={config} />
          </main>
          <DevPanel config={config} store={store} />
        </div>
      </AuthKitProvider>
    </QueryClientProvider>
  );
}
