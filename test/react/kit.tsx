import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RenderOptions, render, renderHook } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { type ReactNode, StrictMode } from 'react';
import {
  AuthKitProvider,
  type AuthKitProviderProps,
  commerceEngine,
  createSessionStore,
  type LogoutBackend,
  type SessionStore,
  type SessionStoreOptions,
  wemasy,
} from '../../src/index.js';
import {
  commerceEngineHandlers,
  commerceEngineSession,
  createRequestLog,
  type MockHandlerOptions,
  type RequestLog,
  wemasyHandlers,
  wemasySession,
} from '../../src/testing/index.js';

/** One msw server per test file, answering like the real backends. */
export function setupMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
  });
  afterAll(() => server.close());
  return server;
}

/** What a test needs to know of a backend to run the contract's table against it. */
export interface BackendCase {
  name: string;
  backend: () => LogoutBackend;
  handlers: (options: MockHandlerOptions) => RequestHandler[];
  session: () => { accessToken: string; refreshToken: string | null; user: { id: string } };
  /** Whether a successful logout leaves an anonymous session behind. */
  adoptsAnonymousSession: boolean;
  /** Answers the logout with `status` and a JSON body, for statuses the scenarios don't cover. */
  answer: (status: number, headers?: Record<string, string>) => RequestHandler;
}

const STORE_ID = 'demo-store';

export const commerceEngineCase: BackendCase = {
  name: 'Commerce Engine',
  backend: () => commerceEngine({ storeId: STORE_ID }),
  handlers: (options) => commerceEngineHandlers({ storeId: STORE_ID, ...options }),
  session: () => commerceEngineSession({ storeId: STORE_ID }),
  adoptsAnonymousSession: true,
  answer: (status, headers) =>
    http.post(commerceEngine({ storeId: STORE_ID }).logoutUrl, () =>
      HttpResponse.json(
        { message: 'Forbidden', success: false, code: 'forbidden' },
        { status, headers: headers ?? {} },
      ),
    ),
};

export const wemasyCase: BackendCase = {
  name: 'Wemasy',
  backend: () => wemasy(),
  handlers: (options) => wemasyHandlers(options),
  session: () => wemasySession(),
  adoptsAnonymousSession: false,
  answer: (status, headers) =>
    http.post(wemasy().logoutUrl, () =>
      HttpResponse.json(
        { error: true, message: 'This action is unauthorized.' },
        { status, headers: headers ?? {} },
      ),
    ),
};

export const backendCases = [commerceEngineCase, wemasyCase];

export interface KitOptions {
  backend: LogoutBackend;
  store?: SessionStore;
  storeOptions?: SessionStoreOptions;
  provider?: Partial<Omit<AuthKitProviderProps, 'backend' | 'store' | 'children'>>;
  /** Renders under React's StrictMode, as the kit's users' apps do in development. @default true */
  strict?: boolean;
  queryClient?: QueryClient;
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/** A wrapper with QueryClientProvider and AuthKitProvider, under StrictMode by default. */
export function kitWrapper(options: KitOptions) {
  const store = options.store ?? createSessionStore(options.storeOptions);
  const queryClient = options.queryClient ?? createTestQueryClient();
  // biome-ignore lint/correctness/noComponentHookFactories: one wrapper per test tree, made once and kept for its whole life
  function Wrapper({ children }: { children: ReactNode }) {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <AuthKitProvider backend={options.backend} store={store} {...options.provider}>
          {children}
        </AuthKitProvider>
      </QueryClientProvider>
    );
    return options.strict === false ? tree : <StrictMode>{tree}</StrictMode>;
  }
  return { Wrapper, store, queryClient };
}

/** Renders `ui` inside the kit's providers; `user` works with fake timers too. */
export function renderWithKit(ui: ReactNode, options: KitOptions, renderOptions?: RenderOptions) {
  const { Wrapper, store, queryClient } = kitWrapper(options);
  const user = userEvent.setup({
    advanceTimers: (ms) => (vi.isFakeTimers() ? vi.advanceTimersByTime(ms) : undefined),
  });
  return { ...render(ui, { wrapper: Wrapper, ...renderOptions }), store, queryClient, user };
}

/** Renders `useLogout` (or any hook) inside the kit's providers. */
export function renderHookWithKit<T>(hook: () => T, options: KitOptions) {
  const { Wrapper, store, queryClient } = kitWrapper(options);
  return { ...renderHook(hook, { wrapper: Wrapper }), store, queryClient };
}

/**
 * The URLs of every request the page sent, answered or not (a network error, a timeout, a
 * request no handler logs): the way to count requests that cannot be double-sent unseen.
 */
export function recordSent(server: ReturnType<typeof setupServer>): string[] {
  const sent: string[] = [];
  server.events.on('request:start', ({ request }) => {
    sent.push(request.url);
  });
  return sent;
}

/**
 * Holds every logout answer for `url` back until `release()`, so a test can act while the logout
 * is in flight. Answering nothing lets the request fall through to the handlers served before:
 * call it after `serve()`, as msw asks the handlers used last first.
 */
export function holdLogout(server: ReturnType<typeof setupServer>, url: string) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  server.use(http.post(url, () => gate));
  return { release };
}

/** Serves `backendCase`'s handlers with `options` and returns the log of what they answered. */
export function serve(
  server: ReturnType<typeof setupServer>,
  backendCase: BackendCase,
  options: MockHandlerOptions = {},
  ...extra: RequestHandler[]
): RequestLog {
  const log = createRequestLog();
  server.use(...extra, ...backendCase.handlers({ ...options, onRequest: log.record }));
  return log;
}

/**
 * Web Locks as a browser grants them: a request's callback runs in a later task (50 ms on), and
 * gets `null` when its lock is one of `taken` (held by another tab). With `heldBack`, requests
 * wait until `grant()`, so a test can act while a tab waits for its lock. Call `uninstall()` after.
 */
export function installBrowserLocks({
  taken = new Set<string>(),
  heldBack = false,
}: {
  taken?: Set<string>;
  heldBack?: boolean;
} = {}) {
  const waiting: Array<() => void> = [];
  const locks = {
    request: (name: string, _: unknown, callback: (lock: object | null) => unknown) =>
      new Promise<void>((resolve) => {
        if (heldBack) waiting.push(resolve);
        else setTimeout(resolve, 50);
      }).then(() => callback(taken.has(name) ? null : { name })),
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return {
    /** How many requests wait for `grant()`. */
    get waiting() {
      return waiting.length;
    },
    /** Grants every request waiting. */
    grant() {
      for (const resolve of waiting.splice(0)) resolve();
    },
    uninstall: () => Reflect.deleteProperty(navigator, 'locks'),
  };
}
