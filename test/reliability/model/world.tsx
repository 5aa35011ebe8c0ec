// The real system the model drives: one storefront (one or two tabs, each a store, a provider, a
// LogoutButton and two readers of useLogout), optionally a second shop on the same origin, the
// backends behind msw, and the browser stand-ins of ./browser.ts.
import { onlineManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { setupServer } from 'msw/node';
import { StrictMode } from 'react';
import { warned } from '../../../src/core/answer.js';
import {
  AuthKitProvider,
  commerceEngine,
  createSessionStore,
  type LogoutBackend,
  LogoutButton,
  type LogoutButtonLabelOverrides,
  type LogoutButtonLabels,
  localFirst,
  type SessionStore,
  type SessionStoreOptions,
  type UseLogoutResult,
  useLogout,
  wemasy,
} from '../../../src/index.js';
import { Channels, installWebLocks, Network, StorageEvents, type TabId } from './browser.js';

export type { TabId };
export type BackendKind = 'commerce-engine' | 'wemasy';
/** How the storefront's store is made: a memory store (unnamed or named) or a persisted one. */
export type StoreKind = 'memory' | 'named' | 'local' | 'session';
export type Strategy = 'confirm' | 'local-first';

export interface TabConfig {
  strategy: Strategy;
  localFirst: { maxAttempts?: number | undefined; retryDelayMs?: number | undefined };
  /** Provider props; `undefined` is passed as such and must mean the default. */
  timeoutMs: number | undefined;
  cooldownMs: number | undefined;
  autoRetry: boolean | undefined;
  /** The LogoutButton's own `autoRetry` prop. */
  buttonAutoRetry: boolean | undefined;
  /** Labels passed to the LogoutButton, some of them `undefined`. */
  labels: Partial<Record<keyof LogoutButtonLabels, 'custom' | undefined>> | undefined;
}

export interface WorldConfig {
  backend: BackendKind;
  store: StoreKind;
  /** The storefront's tabs: A alone, or A and B (two stores on one storage). */
  tabs: { A: TabConfig; B?: TabConfig | undefined };
  /** A second, unrelated shop on the same origin (an unnamed memory store, its own backend). */
  other?: { backend: BackendKind; tab: TabConfig } | undefined;
  webLocks: boolean;
}

export const STORE_NAME = 'shop-session';
const OTHER_STORE_ID = 'second-shop';

/** Custom labels, told apart from the defaults by their brackets. */
export const customLabels: LogoutButtonLabels = {
  idle: '[sign out]',
  pending: '[signing out]',
  coolingDown: (seconds) => `[wait ${seconds}]`,
  cooldownStarted: (seconds) => `[cooling down for ${seconds}]`,
  cooldownEnded: '[ready]',
};

/** A request as it reached the msw boundary. */
export interface SentRequest {
  /** The tab's request number (the tab's `fetch` numbers each call it makes). */
  id: number;
  url: string;
  tab: TabId | null;
  authorization: string | null;
  keepalive: boolean;
  at: number;
  state: 'held' | 'answered' | 'aborted' | 'failed-offline' | 'unexpected';
}

/** A call of a tab's `fetch`, in the kit's own turn (so `at` is when its timers started). */
export interface FetchCall {
  id: number;
  token: string | null;
  at: number;
}

export interface RenderedLogout {
  status: UseLogoutResult['status'];
  isPending: boolean;
  error: UseLogoutResult['error'];
  retryAt: number | null;
  secondsLeft: number;
  rateLimit: UseLogoutResult['rateLimit'];
  revocation: UseLogoutResult['revocation'];
  /** The clock when the values were read. */
  at: number;
}

export interface Shop {
  key: 'main' | 'other';
  backend: BackendKind;
  logoutUrl: string;
  /** Every token the model handed this shop: the only ones its logout URL may see. */
  tokens: Set<string>;
  make(fetch: typeof globalThis.fetch): LogoutBackend;
}

function shopOf(key: 'main' | 'other', backend: BackendKind): Shop {
  const make =
    backend === 'commerce-engine'
      ? (fetch: typeof globalThis.fetch) =>
          commerceEngine({ storeId: key === 'main' ? 'demo-store' : OTHER_STORE_ID, fetch })
      : (fetch: typeof globalThis.fetch) =>
          wemasy(key === 'main' ? { fetch } : { baseUrl: 'https://other-shop.example/api', fetch });
  return { key, backend, logoutUrl: make(fetch).logoutUrl, tokens: new Set(), make };
}

export class Tab {
  readonly id: TabId;
  readonly shop: Shop;
  readonly config: TabConfig;
  readonly store: SessionStore;
  readonly queryClient: QueryClient;
  readonly backend: LogoutBackend;
  view: { container: HTMLElement; unmount(): void } | null = null;
  /** What the reader of every field saw in its last render, and the hook result it got. */
  rendered: RenderedLogout | null = null;
  result: UseLogoutResult | null = null;
  /** What the reader of `status` alone saw in its last render. */
  statusRead: { status: UseLogoutResult['status']; at: number } | null = null;
  statusResult: UseLogoutResult | null = null;
  calls: FetchCall[] = [];
  /** Bumped by every mount: a new provider, a new logout controller. */
  generation = 0;

  constructor(
    readonly world: World,
    id: TabId,
    shop: Shop,
    config: TabConfig,
    storeOptions: SessionStoreOptions,
  ) {
    this.id = id;
    this.shop = shop;
    this.config = config;
    this.store = createSessionStore(storeOptions);
    // Storage events go to the tab whose store listens: attribute every subscription to this tab.
    const subscribe = this.store.subscribe;
    this.store.subscribe = (listener) =>
      world.storageEvents.as(id, () => {
        const unsubscribe = subscribe(listener);
        return () => world.storageEvents.as(id, unsubscribe);
      });
    this.queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
    });
    const tabFetch: typeof fetch = (input, init) => {
      const id = ++world.requestCount;
      const headers = new Headers(init?.headers);
      this.calls.push({ id, token: bearer(headers.get('authorization')), at: Date.now() });
      headers.set('x-model-request', `${this.id}:${id}`);
      return fetch(input, { ...init, headers });
    };
    this.backend = shop.make(tabFetch);
  }

  get mounted(): boolean {
    return this.view !== null;
  }

  mount() {
    this.generation += 1;
    this.rendered = null;
    this.result = null;
    this.statusRead = null;
    this.statusResult = null;
    const { config } = this;
    // Options and labels given as `undefined` stay `undefined`: each must mean its default.
    const labels: LogoutButtonLabelOverrides | undefined =
      config.labels &&
      Object.fromEntries(
        Object.entries(config.labels).map(([key, use]) => [
          key,
          use === 'custom' ? customLabels[key as keyof LogoutButtonLabels] : undefined,
        ]),
      );
    const strategy =
      config.strategy === 'local-first'
        ? localFirst({
            maxAttempts: config.localFirst.maxAttempts,
            retryDelayMs: config.localFirst.retryDelayMs,
          })
        : 'confirm';
    const container = document.createElement('section');
    container.setAttribute('aria-label', `tab ${this.id}`);
    document.body.append(container);
    this.view = render(
      <StrictMode>
        <QueryClientProvider client={this.queryClient}>
          <AuthKitProvider
            backend={this.backend}
            store={this.store}
            strategy={strategy}
            timeoutMs={config.timeoutMs}
            cooldownMs={config.cooldownMs}
            autoRetry={config.autoRetry}
          >
            <LogoutButton autoRetry={config.buttonAutoRetry} labels={labels} />
            <EveryField tab={this} />
            <StatusOnly tab={this} />
          </AuthKitProvider>
        </QueryClientProvider>
      </StrictMode>,
      { container },
    );
  }

  unmount() {
    const view = this.view;
    this.view = null;
    if (!view) return;
    view.unmount();
    view.container.remove();
  }

  button(): HTMLElement | null {
    return this.view ? within(this.view.container).queryByRole('button') : null;
  }

  announcement(): string | null {
    return this.view
      ? (within(this.view.container).queryByRole('status')?.textContent ?? null)
      : null;
  }
}

/** Reads every field of useLogout during render. */
function EveryField({ tab }: { tab: Tab }) {
  const state = useLogout();
  tab.rendered = {
    status: state.status,
    isPending: state.isPending,
    error: state.error,
    retryAt: state.retryAt,
    secondsLeft: state.secondsLeft,
    rateLimit: state.rateLimit,
    revocation: state.revocation,
    at: Date.now(),
  };
  tab.result = state;
  return null;
}

/** Reads `status` alone, as a component that never shows the countdown. */
function StatusOnly({ tab }: { tab: Tab }) {
  const state = useLogout();
  tab.statusRead = { status: state.status, at: Date.now() };
  tab.statusResult = state;
  return null;
}

export function bearer(authorization: string | null): string | null {
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null;
}

/** One answer the model gives a held request. */
export interface Held {
  request: SentRequest;
  answer(response: Response): void;
}

export class World {
  readonly channels = new Channels();
  readonly network = new Network();
  readonly storageEvents: StorageEvents;
  readonly shops: { main: Shop; other?: Shop };
  readonly tabs = new Map<TabId, Tab>();
  readonly requests: SentRequest[] = [];
  readonly held = new Map<string, Held>();
  readonly logs: string[] = [];
  /** What the stores reported through onStorageError (junk another tab wrote, say). */
  readonly storageProblems: string[] = [];
  requestCount = 0;
  private locks: ReturnType<typeof installWebLocks> | null = null;
  private readonly undo: Array<() => void> = [];
  private readonly mintCount = new Map<string, number>();

  constructor(
    readonly config: WorldConfig,
    private readonly server: ReturnType<typeof setupServer>,
  ) {
    this.storageEvents = new StorageEvents((key, value) => this.writerOf(key, value));
    this.shops = { main: shopOf('main', config.backend) };
    if (config.other) this.shops.other = shopOf('other', config.other.backend);
  }

  start() {
    // Each run is a page: the kit's once-a-page development warnings start afresh.
    warned.unreadable = false;
    this.captureConsole();
    this.undo.push(this.channels.install(), this.storageEvents.install(), this.network.install());
    if (this.config.webLocks) {
      this.locks = installWebLocks();
      this.undo.push(() => this.locks?.uninstall());
    }
    this.serve();
    const storeOptions = this.storeOptions();
    this.tabs.set('A', new Tab(this, 'A', this.shops.main, this.config.tabs.A, storeOptions));
    if (this.config.tabs.B) {
      this.tabs.set('B', new Tab(this, 'B', this.shops.main, this.config.tabs.B, storeOptions));
    }
    if (this.config.other && this.shops.other) {
      this.tabs.set('X', new Tab(this, 'X', this.shops.other, this.config.other.tab, {}));
    }
    for (const tab of this.tabs.values()) tab.mount();
  }

  /** Unmounts everything and puts the browser back, so the next run starts clean. */
  async stop() {
    // Back online while TanStack still listens, or the next run would start offline for it.
    act(() => this.network.set(true));
    for (const tab of this.tabs.values()) tab.unmount();
    onlineManager.setOnline(true);
    // Answer what is still held, so nothing waits on this run's handlers.
    await act(async () => {
      for (const held of this.held.values()) held.answer(HttpResponse.error());
      this.held.clear();
      await vi.advanceTimersByTimeAsync(0);
    });
    vi.clearAllTimers();
    while (this.undo.length > 0) this.undo.pop()?.();
    localStorage.clear();
    sessionStorage.clear();
    this.server.resetHandlers();
    this.server.events.removeAllListeners();
  }

  private readonly storageProblem = (message: string) => {
    this.storageProblems.push(message);
  };

  private storeOptions(): SessionStoreOptions {
    switch (this.config.store) {
      case 'memory':
        return {};
      case 'named':
        return { name: STORE_NAME };
      case 'local':
        return { persist: { name: STORE_NAME }, onStorageError: this.storageProblem };
      case 'session':
        return {
          persist: { name: STORE_NAME, storage: 'session' },
          onStorageError: this.storageProblem,
        };
    }
  }

  /** What the storefront's storage holds under its key (persisted stores only), as a session. */
  stored(): {
    accessToken: string | null;
    refreshToken: string | null;
    user: string | null;
    retryAt: number | null;
    epoch: number;
  } | null {
    const area =
      this.config.store === 'local'
        ? localStorage
        : this.config.store === 'session'
          ? sessionStorage
          : null;
    const text = area?.getItem(STORE_NAME);
    if (!text) return null;
    try {
      const state = JSON.parse(text)?.state;
      return state ? (persisted(state) as ReturnType<World['stored']>) : null;
    } catch {
      return null;
    }
  }

  requestsOf(tab: TabId): SentRequest[] {
    return this.requests.filter((request) => request.tab === tab);
  }

  tab(id: TabId): Tab {
    const tab = this.tabs.get(id);
    if (!tab) throw new Error(`no tab ${id} in this world`);
    return tab;
  }

  /** A fresh token of `shop`; `odd` puts a character in it that no HTTP header may carry. */
  mint(shop: Shop, what: string, odd?: string): string {
    const key = `${shop.key}-${what}`;
    const n = (this.mintCount.get(key) ?? 0) + 1;
    this.mintCount.set(key, n);
    const token = odd === undefined ? `${key}-${n}` : `${key}${odd}${n}`;
    shop.tokens.add(token);
    return token;
  }

  /** The tab whose store holds what was just written under `key` (the writer). */
  private writerOf(key: string, value: string | null): TabId | 'several' | null {
    if (key !== STORE_NAME || value === null) return null;
    let state: unknown;
    try {
      state = JSON.parse(value)?.state;
    } catch {
      return null;
    }
    const written = JSON.stringify(persisted(state));
    const writers = [...this.tabs.values()].filter(
      (tab) =>
        tab.shop.key === 'main' && JSON.stringify(persisted(tab.store.getState())) === written,
    );
    if (writers.length > 1) return 'several';
    return writers[0]?.id ?? null;
  }

  private serve() {
    this.server.events.on('request:start', ({ request }) => {
      const tag = request.headers.get('x-model-request');
      const [tab, id] = tag ? tag.split(':') : [null, '0'];
      this.requests.push({
        id: Number(id),
        url: request.url,
        tab: (tab as TabId | null) ?? null,
        authorization: request.headers.get('authorization'),
        keepalive: request.keepalive,
        at: Date.now(),
        state: 'unexpected',
      });
    });
    // Anything else a page could send: recorded above, refused here (handlers used later win).
    this.server.use(http.all('*', () => HttpResponse.error()));
    const logoutUrls = new Set([this.shops.main.logoutUrl, this.shops.other?.logoutUrl]);
    for (const url of logoutUrls) {
      if (!url) continue;
      this.server.use(
        http.post(url, ({ request }) => {
          const tag = request.headers.get('x-model-request') ?? '';
          const sent = this.requests.findLast(
            (entry) => `${entry.tab}:${entry.id}` === tag && entry.url === request.url,
          );
          if (!sent) return HttpResponse.error();
          // A browser that knows it is offline fails the request at once.
          if (!this.network.online) {
            sent.state = 'failed-offline';
            return HttpResponse.error();
          }
          sent.state = 'held';
          return new Promise<Response>((resolve) => {
            const key = `${sent.tab}:${sent.id}`;
            request.signal.addEventListener(
              'abort',
              () => {
                if (sent.state === 'held') sent.state = 'aborted';
                this.held.delete(key);
              },
              { once: true },
            );
            this.held.set(key, {
              request: sent,
              answer: (response) => {
                if (sent.state === 'held') sent.state = 'answered';
                this.held.delete(key);
                resolve(response);
              },
            });
          });
        }),
      );
    }
  }

  private captureConsole() {
    for (const level of ['error', 'warn', 'log', 'info', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        this.logs.push(`console.${level}: ${args.map(printed).join(' ')}`);
      };
      this.undo.push(() => {
        console[level] = original;
      });
    }
  }
}

function printed(value: unknown): string {
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return `${value.name}: ${value.message}${cause === undefined ? '' : ` (cause: ${printed(cause)})`}`;
  }
  return typeof value === 'string' ? value : String(value);
}

/** The fields a store keeps, in a fixed order, to compare two stores or a store with storage. */
export function persisted(state: unknown) {
  const record = (state ?? {}) as Record<string, unknown>;
  const user = record.user as { id?: unknown } | null | undefined;
  return {
    accessToken: record.accessToken ?? null,
    refreshToken: record.refreshToken ?? null,
    user: user?.id ?? null,
    retryAt: record.retryAt ?? null,
    epoch: record.epoch ?? 0,
  };
}
