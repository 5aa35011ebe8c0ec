// The README's "Testing your storefront with the kit's msw handlers" recipe, as it is printed there
// (imports point at src/ instead of the package): if this test breaks, the README is wrong.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  LogoutButton,
} from '../../src/index.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  createRequestLog,
} from '../../src/testing/index.js';

const log = createRequestLog();
const server = setupServer(
  ...commerceEngineHandlers({
    storeId: 'demo-store',
    scenario: 'rate-limited',
    retryAfter: 30,
    onRequest: log.record,
  }),
);
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it('counts down after a 429 and keeps the customer signed in', async () => {
  const session = createSessionStore();
  session.getState().setSession(commerceEngineSession({ storeId: 'demo-store' }));
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuthKitProvider backend={commerceEngine({ storeId: 'demo-store' })} store={session}>
        <LogoutButton />
      </AuthKitProvider>
    </QueryClientProvider>,
  );

  await userEvent.click(screen.getByRole('button', { name: 'Log out' }));

  const button = await screen.findByRole('button', { name: 'Try again in 30 s' });
  expect(button).toHaveAttribute('aria-disabled', 'true');
  expect(log.count({ endpoint: 'logout' })).toBe(1);
  expect(session.getState().user?.first_name).toBe('Maya');
});
