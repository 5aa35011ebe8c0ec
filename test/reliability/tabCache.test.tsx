import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { createSessionStore, LogoutButton, localFirst, useSession } from '../../src/index.js';
import { renderWithKit, serve, setupMockServer, wemasyCase } from '../react/kit.js';
import { reliabilityCounter } from './counts.js';

const server = setupMockServer();
const counter = reliabilityCounter('tabCache.test.tsx', {
  cache: {
    failure:
      'a logout in another tab (both strategies) while this tab shows the customer and their cached orders',
    held: "this tab's profile and TanStack Query cache are gone too, without a request of its own",
  },
});

function Orders({ tab }: { tab: string }) {
  const name = useSession((state) => state.user?.first_name ?? 'nobody');
  // Orders load only for a signed-in customer, as on a storefront's account page.
  const orders = useQuery({
    queryKey: ['orders'],
    queryFn: () => ['SO-1', 'SO-2'],
    enabled: name !== 'nobody',
  });
  return (
    <p>
      {tab}: {name}, {orders.data?.length ?? 0} orders
    </p>
  );
}

it.each(['confirm', 'local-first'] as const)(
  'empties the other tab and its query cache after a %s logout',
  async (strategy) => {
    const log = serve(server, wemasyCase, { scenario: 'ok' });
    const session = wemasyCase.session();
    const tabs = ['A', 'B'].map((tab) => {
      const store = createSessionStore({ name: 'shop' });
      store.getState().setSession(session);
      return renderWithKit(
        <>
          <Orders tab={tab} />
          <LogoutButton aria-label={`Log out in ${tab}`} />
        </>,
        {
          backend: wemasyCase.backend(),
          store,
          provider: strategy === 'local-first' ? { strategy: localFirst() } : {},
        },
      );
    });
    const [tabA, tabB] = tabs;
    await screen.findByText('B: Maya, 2 orders');
    await tabA?.user.click(screen.getByRole('button', { name: 'Log out in A' }));
    await screen.findByText('B: nobody, 0 orders');
    expect(tabB?.queryClient.getQueryData(['orders'])).toBeUndefined();
    expect(tabB?.store.getState().accessToken).toBeNull();
    await waitFor(() => expect(log.count({ endpoint: 'logout' })).toBe(1));
    counter.count('cache');
  },
);
