import { QueryClient } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { readConfig } from './config.js';
import { demoHandlers } from './mocks.js';
import { demoSessionStore } from './session.js';
import './styles.css';

async function start() {
  const config = readConfig(window.location.search);
  // The service worker must answer before the first request the app sends, so React waits for it.
  const worker = setupWorker(...demoHandlers(config));
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  const store = demoSessionStore(config.backend);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App config={config} store={store} queryClient={queryClient} />
    </StrictMode>,
  );
}

void start();
