// The README's "A third backend, in one file" recipe, as printed there (the import points at src/):
// test/recipes/thirdBackend.test.tsx runs the kit against it.
import type { LogoutBackend, SessionData } from '../../src/index.js';

export function acmeShop(options: { baseUrl: string; fetch?: typeof fetch }): LogoutBackend {
  return {
    name: 'Acme Shop',
    logoutUrl: `${options.baseUrl}/customer/logout`,
    // Optional: headers besides Authorization (the kit already asks for JSON) and a fetch.
    fetch: options.fetch,
    // Leave this out when a logout always ends with an empty session.
    sessionAfterLogout: (body: unknown): SessionData | null => {
      const guest = (body as { guest?: { token?: unknown; id?: unknown } } | null)?.guest;
      return typeof guest?.token === 'string' && typeof guest.id === 'string'
        ? {
            accessToken: guest.token,
            refreshToken: null,
            user: { id: guest.id, is_anonymous: true },
          }
        : null;
    },
  };
}
