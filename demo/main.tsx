import { QueryClient } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { readConfig } from './config.js';
import { demoHandlers } from './mocks.js';
import { demoSdk } from './sdk.js';
import { demoBackend, demoSessionStore, signInSampleCustomer } from './session.js';
import { tokenNames } from './tokenNames.js';
import './styles.css';

async function start() {
  const config = readConfig(window.location.search);
  // The service worker must answer before the first request the app sends, so React waits for it.
  const handlers = demoHandlers(config);
  const worker = setupWorker(...handlers);
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  const backend = demoBackend(config.backend);
  const { store, isNew } = demoSessionStore(config.backend);
  // Commerce Engine mode runs on the vendor SDK, whose token storage is the kit's store.
  const sdk = config.backend === 'commerce-engine' ? demoSdk(store, backend) : null;
  if (sdk !== null) {
    // Every access token the page meets gets a name for the developer panel: the ones the store
    // takes, and the ones the server hands out (a refreshed token the kit discards included).
    tokenNames.note(store.getState().accessToken);
    store.subscribe((state) => tokenNames.note(state.accessToken));
    worker.events.on('response:mocked', ({ response }) => void tokenNames.noteAnswer(response));
    // A new profile meets the sample customer signed in, through the SDK as a storefront would.
    if (isNew) {
      await signInSampleCustomer(config.backend, store, sdk).catch(() => {
        // The page shows "Sign in again" and the request log shows what the server said.
      });
    }
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App
        config={config}
        store={store}
        backend={backend}
        sdk={sdk}
        isLive={handlers.isLive}
        queryClient={queryClient}
      />
    </StrictMode>,
  );
}

void start();
