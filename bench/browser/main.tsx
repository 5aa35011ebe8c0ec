// Part 4 of `npm run bench`: a storefront header in Chromium. msw (service worker) answers the
// logout with the kit's Commerce Engine handlers. Marks: `click` when the button is clicked,
// `logout-response` when the handler answers, `customer-gone` when a MutationObserver sees the
// customer's name leave the DOM, `customer-gone-frame` at the next animation frame.
// `?strategy=local-first` runs the provider with `localFirst()` instead of the default `confirm`.
// bench/parts/browser.mjs drives it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { createRoot } from 'react-dom/client';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  LogoutButton,
  localFirst,
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
  clickToGone: number;
  clickToResponse: number;
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

const MARKS = ['click', 'logout-response', 'customer-gone', 'customer-gone-frame'] as const;
const samples: Sample[] = [];
const markTime = (name: (typeof MARKS)[number]) =>
  performance.getEntriesByName(name, 'mark')[0]?.startTime;

/** Records a sample once the click, the answer, the removal and its frame are all marked. */
function complete() {
  const [click, response, gone, frame] = MARKS.map(markTime);
  if (click === undefined || response === undefined || gone === undefined || frame === undefined)
    return;
  samples.push({
    clickToGone: gone - click,
    clickToResponse: response - click,
    responseToGone: gone - response,
    responseToFrame: frame - response,
  });
  for (const name of MARKS) performance.clearMarks(name);
}

const worker = setupWorker(
  ...commerceEngineHandlers({
    storeId: STORE_ID,
    onRequest: (record) => {
      if (record.endpoint !== 'logout' || markTime('click') === undefined) return;
      performance.mark('logout-response');
      complete();
    },
  }),
);

const store = createSessionStore();
const queryClient = new QueryClient();
const strategy =
  new URLSearchParams(window.location.search).get('strategy') === 'local-first'
    ? localFirst()
    : 'confirm';

function CustomerName() {
  const user = useSession((session) => session.user);
  if (!user || user.is_anonymous) return <span>Guest</span>;
  return <span data-testid="customer">{`${user.first_name} ${user.last_name}`}</span>;
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
const showsCustomer = () => root.textContent?.includes(CUSTOMER_NAME) ?? false;

document.addEventListener(
  'click',
  (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('button')) return;
    for (const name of MARKS) performance.clearMarks(name);
    performance.mark('click');
  },
  { capture: true },
);

new MutationObserver(() => {
  if (markTime('click') === undefined || markTime('customer-gone') !== undefined) return;
  if (showsCustomer()) return;
  performance.mark('customer-gone');
  requestAnimationFrame(() => {
    performance.mark('customer-gone-frame');
    complete();
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
    for (const name of MARKS) performance.clearMarks(name);
    store.getState().setSession(commerceEngineSession({ storeId: STORE_ID }));
  },
  samples,
  frameMs,
};

createRoot(root).render(
  <QueryClientProvider client={queryClient}>
    <AuthKitProvider
      backend={commerceEngine({ storeId: STORE_ID })}
      store={store}
      strategy={strategy}
    >
      <header>
        <CustomerName />
        <LogoutButton />
      </header>
    </AuthKitProvider>
  </QueryClientProvider>,
);
