import { type MockScenario, mockScenarios } from '../src/testing/index.js';

/** The backends the demo can talk to. */
export type DemoBackend = 'commerce-engine' | 'wemasy';

/** What the developer panel chose; the URL carries it, so any case is a link. */
export interface DemoConfig {
  backend: DemoBackend;
  scenario: MockScenario;
  /** Seconds the `rate-limited` scenario sends as `Retry-After`. */
  retryAfter: number;
}

export const DEFAULT_CONFIG: DemoConfig = {
  backend: 'commerce-engine',
  scenario: 'ok',
  retryAfter: 5,
};

/** The Commerce Engine store the demo pretends to be. */
export const DEMO_STORE_ID = 'demo-store';

export const backendLabels: Record<DemoBackend, string> = {
  'commerce-engine': 'Commerce Engine',
  wemasy: 'Wemasy',
};

export const scenarioLabels: Record<MockScenario, string> = {
  ok: 'ok: logout succeeds',
  unauthorized: 'unauthorized: 401, token already dead',
  'rate-limited': 'rate-limited: first logout 429',
  'server-error': 'server-error: 500',
  'network-error': 'network-error: no answer',
  slow: 'slow: answers after 3 s',
  malformed: 'malformed: 200 with an HTML page',
  'not-found': 'not-found: 404',
  'bad-request': 'bad-request: 400',
};

/** Reads the configuration from a query string; anything unknown falls back to the default. */
export function readConfig(search: string): DemoConfig {
  const params = new URLSearchParams(search);
  const backend = params.get('backend');
  const scenario = params.get('scenario');
  const retryAfter = Number(params.get('retryAfter') ?? Number.NaN);
  return {
    backend:
      backend === 'wemasy' || backend === 'commerce-engine' ? backend : DEFAULT_CONFIG.backend,
    scenario: mockScenarios.find((known) => known === scenario) ?? DEFAULT_CONFIG.scenario,
    retryAfter:
      Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 86_400
        ? retryAfter
        : DEFAULT_CONFIG.retryAfter,
  };
}

/** The query string of a configuration. */
export function configSearch(config: DemoConfig): string {
  const params = new URLSearchParams({
    backend: config.backend,
    scenario: config.scenario,
    retryAfter: String(config.retryAfter),
  });
  return `?${params}`;
}

/** The localStorage key of a backend's persisted session. */
export const sessionKey = (backend: DemoBackend) => `storefront-demo:session:${backend}`;
