// A bare page for the reliability end-to-end tests: one session store, one provider, a sign-in
// button and the kit's LogoutButton. The logout endpoints are same-origin paths that the tests
// answer with Playwright's context.route, so every tab's requests reach one counting handler.
// URL parameters: persist=local|memory, backend=wemasy|commerce-engine, strategy=confirm|local-first,
// retryDelayMs=N (local-first's backoff), api=URL (another API root, such as a test's own server).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  LogoutButton,
  localFirst,
  useLogout,
  useSession,
  wemasy,
} from '../../src/index.js';

const params = new URLSearchParams(location.search);
const api = params.get('api') ?? `${location.origin}/reliability-api`;
const backend =
  params.get('backend') === 'commerce-engine'
    ? commerceEngine({ storeId: 'reliability', baseUrl: `${api}/commerce-engine` })
    : wemasy({ baseUrl: `${api}/wemasy` });
const strategy =
  params.get('strategy') === 'local-first'
    ? localFirst({ retryDelayMs: Number(params.get('retryDelayMs') ?? 2000) })
    : 'confirm';
// A memory store syncs with the same store in other tabs only by its name.
const store =
  params.get('persist') === 'memory'
    ? createSessionStore({ name: 'reliability-session' })
    : createSessionStore({ persist: { name: 'reliability-session' } });

function signIn() {
  store.getState().setSession({
    accessToken: `customer-${crypto.randomUUID()}`,
    refreshToken: 'customer-refresh',
    user: { id: 'c1', first_name: 'Maya', is_anonymous: false, is_logged_in: true },
  });
}

function Page() {
  const user = useSession((state) => state.user);
  const { revocation } = useLogout();
  let who = 'Signed out';
  if (user?.is_anonymous) who = 'Guest';
  else if (user) who = `Signed in as ${user.first_name}`;
  return (
    <main>
      <h1>Reliability</h1>
      <p>{who}</p>
      <p>Revocation: {revocation}</p>
      <button type="button" onClick={signIn}>
        Sign in
      </button>
      <LogoutButton />
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <AuthKitProvider backend={backend} store={store} strategy={strategy}>
          <Page />
        </AuthKitProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
