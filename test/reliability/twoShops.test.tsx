import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import {
  AuthKitProvider,
  createSessionStore,
  LogoutButton,
  type SessionStore,
} from '../../src/index.js';
import { bearerToken } from '../../src/testing/index.js';
import {
  type BackendCase,
  commerceEngineCase,
  createTestQueryClient,
  serve,
  setupMockServer,
  wemasyCase,
} from '../react/kit.js';

const server = setupMockServer();

/** Every bearer token the page sent, with the URL it went to. */
function recordBearers() {
  const sent: { url: string; token: string | null }[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push({ url: request.url, token: bearerToken(request) });
  });
  return sent;
}

function Shop({
  label,
  store,
  backendCase,
}: {
  label: string;
  store: SessionStore;
  backendCase: BackendCase;
}) {
  return (
    <section aria-label={label}>
      <QueryClientProvider client={createTestQueryClient()}>
        <AuthKitProvider backend={backendCase.backend()} store={store}>
          <LogoutButton />
        </AuthKitProvider>
      </QueryClientProvider>
    </section>
  );
}

it('keeps two shops on one page apart: a token only ever goes to its own backend', async () => {
  serve(server, wemasyCase);
  serve(server, commerceEngineCase);
  const sent = recordBearers();
  // Two apps on one origin, each with a memory store of its own and no name.
  const wemasyStore = createSessionStore();
  const commerceStore = createSessionStore();
  const wemasySession = wemasyCase.session();
  wemasyStore.getState().setSession(wemasySession);
  render(
    <StrictMode>
      <Shop label="Wemasy shop" store={wemasyStore} backendCase={wemasyCase} />
      <Shop label="Commerce Engine shop" store={commerceStore} backendCase={commerceEngineCase} />
    </StrictMode>,
  );

  const commerceShop = within(screen.getByRole('region', { name: 'Commerce Engine shop' }));
  await userEvent.click(commerceShop.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(commerceStore.getState().epoch).toBe(1));
  // The empty shop had no session to send: nothing went out, and the other shop kept its customer.
  expect(sent).toEqual([]);
  expect(wemasyStore.getState()).toMatchObject({
    accessToken: wemasySession.accessToken,
    epoch: 0,
  });

  const wemasyShop = within(screen.getByRole('region', { name: 'Wemasy shop' }));
  await userEvent.click(wemasyShop.getByRole('button', { name: 'Log out' }));
  await waitFor(() => expect(wemasyStore.getState().accessToken).toBeNull());
  expect(sent).toEqual([{ url: wemasyCase.backend().logoutUrl, token: wemasySession.accessToken }]);
  expect(commerceStore.getState()).toMatchObject({ accessToken: null, epoch: 1 });
});
