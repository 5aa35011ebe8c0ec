import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { chunkName, toCookieValues } from '../../src/core/cookies.js';
import { readSession, toInitialSession } from '../../src/server/index.js';
import { commerceEngineSession, sampleCustomer } from '../../src/testing/index.js';

const NAME = 'shop-session';

/** The cookies `cookieStorage()` writes for `state`, as a browser sends them back. */
function sessionCookies(state: unknown, version = 1): Record<string, string> {
  const values = toCookieValues(JSON.stringify({ state, version }), 4_000);
  if (values.length === 1) return { [NAME]: values[0] ?? '' };
  return Object.fromEntries(values.map((value, index) => [chunkName(NAME, index), value]));
}

const header = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

/** Next.js's `cookies()`: `get(name)?.value`, with values already decoded. */
const nextCookies = (cookies: Record<string, string>) => ({
  get: (name: string) =>
    name in cookies ? { name, value: decodeURIComponent(cookies[name] ?? '') } : undefined,
});

const session = commerceEngineSession({ user: sampleCustomer });
const stored = { ...session, retryAt: null, epoch: 2 };

describe('readSession on the server', () => {
  it('reads the session from a Cookie header, among other cookies', () => {
    const cookies = header({ theme: 'dark', ...sessionCookies(stored), _ga: 'GA1.2.3' });
    expect(readSession(cookies, NAME)).toEqual(stored);
  });

  it("reads it from Next.js's cookies(), whose values are already decoded", () => {
    expect(readSession(nextCookies(sessionCookies(stored)), NAME)).toEqual(stored);
  });

  it('reads a session split over several cookies, from either source', () => {
    const long = { ...stored, user: { ...sampleCustomer, bio: 'Ça va. '.repeat(900) } };
    const cookies = sessionCookies(long);
    expect(Object.keys(cookies).length).toBeGreaterThan(1);
    expect(readSession(header(cookies), NAME)).toEqual(long);
    expect(readSession(nextCookies(cookies), NAME)).toEqual(long);
  });

  it('reads the last of two cookies of the name (an older Path), from a header or a source with getAll', () => {
    const older = { ...stored, accessToken: 'older-token', epoch: 1 };
    const twice = `${header(sessionCookies(older))}; ${header(sessionCookies(stored))}`;
    expect(readSession(twice, NAME)).toEqual(stored);
    // A source that keeps every cookie of a name, in the header's order.
    const all = [older, stored].map((state) => ({
      value: decodeURIComponent(sessionCookies(state)[NAME] ?? ''),
    }));
    const source = {
      get: (name: string) => (name === NAME ? all[0] : undefined),
      getAll: (name: string) => (name === NAME ? all : []),
    };
    expect(readSession(source, NAME)).toEqual(stored);
  });

  it('reads through the same sanitizer as the browser, migrations included', () => {
    const dirty = {
      accessToken: session.accessToken,
      refreshToken: '',
      user: { id: 'c1', first_name: 'Maya', ['__proto__']: { polluted: true } },
      retryAt: -5,
      epoch: 1.5,
    };
    const read = readSession(header(sessionCookies(JSON.parse(JSON.stringify(dirty)))), NAME);
    expect(read).toEqual({
      accessToken: session.accessToken,
      refreshToken: null,
      user: { id: 'c1', first_name: 'Maya' },
      retryAt: null,
      epoch: 0,
    });
    expect(Object.hasOwn(read?.user ?? {}, '__proto__')).toBe(false);
    // The kit's first stored shape, { token, user }, as the browser's store migrates it.
    const version0 = header(sessionCookies({ token: session.accessToken, user: { id: 'c1' } }, 0));
    expect(readSession(version0, NAME)?.accessToken).toBe(session.accessToken);
  });

  it('gives null for no cookie, an empty session, and anything malformed, and never throws', () => {
    expect(readSession('', NAME)).toBeNull();
    expect(readSession(undefined, NAME)).toBeNull();
    expect(readSession(null, NAME)).toBeNull();
    expect(readSession({ get: () => undefined }, NAME)).toBeNull();
    expect(readSession(header(sessionCookies({ user: null, epoch: 3 })), NAME)).toBeNull();
    expect(
      readSession(
        {
          get: () => {
            throw new Error('cookies() outside a request');
          },
        },
        NAME,
      ),
    ).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, value) => {
        const read = readSession(`${NAME}=${value}; ${name}=${value}`, NAME);
        expect(read === null || typeof read === 'object').toBe(true);
        const viaGet = readSession({ get: () => ({ value }) }, NAME);
        expect(viaGet === null || typeof viaGet === 'object').toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('hands the client the customer, cooldown and epoch, and never a token', () => {
    const now = Date.now();
    const initial = toInitialSession(readSession(header(sessionCookies(stored)), NAME));
    expect(initial).toEqual({
      user: sampleCustomer,
      retryAt: null,
      epoch: 2,
      renderedAt: expect.any(Number),
    });
    expect(initial.renderedAt).toBeGreaterThanOrEqual(now);
    expect(JSON.stringify(initial)).not.toContain(session.accessToken);
    expect(JSON.stringify(initial)).not.toContain(session.refreshToken);
    expect(toInitialSession(null)).toMatchObject({ user: null, retryAt: null, epoch: 0 });
  });

  it('is plain server code: no React, no client directive', () => {
    const source = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../src/server/index.ts'),
      'utf8',
    );
    expect(source.startsWith("'use client'")).toBe(false);
    expect(source).not.toMatch(/from '(react|react-dom|@tanstack\/react-query|zustand)'/);
  });
});
