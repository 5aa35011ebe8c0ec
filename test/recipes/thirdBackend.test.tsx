import { act, screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { LogoutButton } from '../../src/index.js';
import { renderWithKit, setupMockServer } from '../react/kit.js';
import { acmeShop } from './acmeShop.js';

const server = setupMockServer();
const BASE = 'https://shop.acme.example/api';
const CUSTOMER = { accessToken: 'acme-customer-token', refreshToken: null, user: { id: 'c-42' } };

describe('a third backend written in one file (the README recipe)', () => {
  it('adopts the guest session its logout hands back', async () => {
    const seen: Request[] = [];
    server.use(
      http.post(`${BASE}/customer/logout`, ({ request }) => {
        seen.push(request);
        return HttpResponse.json({ guest: { token: 'acme-guest-token', id: 'g-7' } });
      }),
    );
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: acmeShop({ baseUrl: BASE }),
    });
    act(() => void store.getState().setSession(CUSTOMER));

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await vi.waitFor(() => expect(store.getState().accessToken).toBe('acme-guest-token'));
    expect(store.getState().user).toEqual({ id: 'g-7', is_anonymous: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer acme-customer-token');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
  });

  it('gets the whole outcome table for free: a 429 counts down, a 401 empties the session', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answers = [429, 401];
    server.use(
      http.post(`${BASE}/customer/logout`, () => {
        const [status = 401, ...rest] = answers;
        answers = rest;
        return HttpResponse.json({}, { status, headers: { 'Retry-After': '1' } });
      }),
    );
    const { store, user } = renderWithKit(<LogoutButton />, {
      backend: acmeShop({ baseUrl: BASE }),
    });
    act(() => void store.getState().setSession(CUSTOMER));

    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('button', { name: 'Try again in 1 s' });
    expect(store.getState().accessToken).toBe('acme-customer-token');

    // The automatic retry after one second meets the 401: the token was already dead.
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await screen.findByRole('button', { name: 'Log out' });
    expect(store.getState()).toMatchObject({ accessToken: null, user: null });
    vi.useRealTimers();
  });
});
