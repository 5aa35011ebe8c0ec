// Part 4 of `npm run bench`: a storefront header in Chromium. msw (service worker) answers the
// logout with the kit's Commerce Engine handlers; the handler marks `logout-response` when it
// answers, a MutationObserver marks `customer-gone` when the customer's name leaves the DOM, and the
// next animation frame marks `customer-gone-frame`. bench/parts/browser.mjs drives it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { createRoot } from 'react-dom/client';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  LogoutButton,
  useSession,
} from '../../src/index.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  sampleCustomer,
} from '../../src/testing/index.js';

const STORE_ID = 'bench-store';
const CUSTOMER_NAME = `${sampleCustomer.first_name} ${sampleCustomer.last_name}`;

interface Sample {
  responseToGone: number;
  responseToFrame: number;
}

declare global {
  interface Window {
    benchPage: {
      ready: Promise<void>;
      signIn: () => void;
      samples: Sample[];
      frameMs: () => Promise<number>;
    };
  }
}

const worker = setupWorker(
  ...commerceEngineHandlers({
    storeId: STORE_ID,
    onRequest: (record) => {
      if (record.endpoint === 'logout') performance.mark('logout-response');
    },
  }),
);

const store = createSessionStore();
const queryClient = new QueryClient();
const samples: Sample[] = [];

function CustomerName() {
  const user = useSession((session) => session.user);
  if (!user || user.is_anonymous) return <span>Guest</span>;
  return <span data-testid="customer">{`${user.first_name} ${user.last_name}`}</span>;
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
const showsCustomer = () => root.textContent?.includes(CUSTOMER_NAME) ?? false;

new MutationObserver(() => {
  if (showsCustomer() || performance.getEntriesByName('logout-response').length === 0) return;
  if (performance.getEntriesByName('customer-gone').length > 0) return;
  const gone = performance.mark('customer-gone');
  requestAnimationFrame(() => {
    const frame = performance.mark('customer-gone-frame');
    const response = performance.getEntriesByName('logout-response')[0];
    if (!response) return;
    samples.push({
      responseToGone: gone.startTime - response.startTime,
      responseToFrame: frame.startTime - response.startTime,
    });
  });
}).observe(root, { childList: true, subtree: true, characterData: true });

/** The median time between animation frames: what "one frame" is on this machine. */
function frameMs(): Promise<number> {
  return new Promise((resolve) => {
    const times: number[] = [];
    const step = (time: number) => {
      times.push(time);
      if (times.length < 61) {
        requestAnimationFrame(step);
        return;
      }
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
      gaps.sort((a, b) => a - b);
      resolve(gaps[Math.floor(gaps.length / 2)] ?? 0);
    };
    requestAnimationFrame(step);
  });
}

window.benchPage = {
  ready: worker.start({ onUnhandledRequest: 'bypass', quiet: true }).then(() => undefined),
  signIn: () => {
    performance.clearMarks();
    store.getState().setSession(commerceEngineSession({ storeId: STORE_ID }));
  },
  samples,
  frameMs,
};

createRoot(root).render(
  <QueryClientProvider client={queryClient}>
    <AuthKitProvider backend={commerceEngine({ storeId: STORE_ID })} store={store}>
      <header>
        <CustomerName />
        <LogoutButton />
      </header>
    </AuthKitProvider>
  </QueryClientProvider>,
);
