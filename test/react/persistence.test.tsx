import { act, screen } from '@testing-library/react';
import { LogoutButton } from '../../src/index.js';
import { backendCases, renderWithKit, serve, setupMockServer } from './kit.js';

const server = setupMockServer();

function storedText(): string {
  const texts: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key !== null) texts.push(storage.getItem(key) ?? '');
    }
  }
  return texts.join('\n');
}

describe.each(backendCases)('a persisted $name session after logout', (backend) => {
  describe.each(['local', 'session'] as const)('in %sStorage', (storage) => {
    beforeEach(() => {
      localStorage.clear();
      sessionStorage.clear();
    });

    it('leaves nothing of the customer, only what the backend handed back', async () => {
      serve(server, backend, { scenario: 'ok' });
      const customer = backend.session();
      const { store, user } = renderWithKit(<LogoutButton />, {
        backend: backend.backend(),
        storeOptions: { persist: { name: 'shop-session', storage } },
      });
      act(() => void store.getState().setSession(customer));
      expect(storedText()).toContain(customer.accessToken);

      await user.click(screen.getByRole('button', { name: 'Log out' }));
      await vi.waitFor(() => expect(store.getState().accessToken).not.toBe(customer.accessToken));

      const text = storedText();
      expect(text).not.toContain(customer.accessToken);
      if (customer.refreshToken) expect(text).not.toContain(customer.refreshToken);
      expect(text).not.toContain(customer.user.id);
      expect(text).not.toContain('maya.jansen@example.com');
      const stored = JSON.parse(
        (storage === 'local' ? localStorage : sessionStorage).getItem('shop-session') ?? 'null',
      );
      if (backend.adoptsAnonymousSession) {
        expect(stored.state.user).toMatchObject({ is_anonymous: true, is_logged_in: false });
        expect(stored.state.accessToken).toBe(store.getState().accessToken);
        expect(stored.state.accessToken).toEqual(expect.any(String));
      } else {
        expect(stored.state).toMatchObject({ accessToken: null, refreshToken: null, user: null });
      }
    });
  });
});
