import { HttpResponse, http } from 'msw';
import {
  bearerToken,
  commerceEngineHandlers,
  createRequestLog,
  decodeJwt,
  wemasyHandlers,
} from '../src/testing/index.js';
import { describeExchange } from '../src/testing/requestLog.js';
import { DEMO_STORE_ID, type DemoConfig } from './config.js';

/** Every request the mocks answer, for the developer panel's request log. */
export const requestLog = createRequestLog();

/**
 * The demo's own orders route, for Wemasy mode (neither real API is called like this); Commerce
 * Engine mode lists the orders through the vendor SDK.
 */
export const ORDERS_PATH = '/demo-api/orders';

/** One order of Wemasy mode's table. */
interface Order {
  number: string;
  placedAt: string;
  items: number;
  total: string;
  status: 'Delivered' | 'Shipped' | 'Processing';
}

const ORDERS: Order[] = [
  { number: 'SO-10482', placedAt: '2026-11-18', items: 2, total: '€ 89.90', status: 'Processing' },
  { number: 'SO-10377', placedAt: '2026-10-29', items: 1, total: '€ 34.50', status: 'Shipped' },
  { number: 'SO-10151', placedAt: '2026-09-12', items: 4, total: '€ 212.00', status: 'Delivered' },
];

/** A signed-in customer's token: a Commerce Engine JWT of a logged-in user, or a Sanctum token. */
function isCustomerToken(token: string | null): boolean {
  if (token === null) return false;
  const payload = decodeJwt(token);
  if (payload !== null) return payload.is_logged_in === true && payload.exp * 1000 > Date.now();
  return /^\d+\|[A-Za-z0-9]{40}$/.test(token);
}

const orders = (config: DemoConfig) =>
  http.get(ORDERS_PATH, ({ request }) => {
    const response = isCustomerToken(bearerToken(request))
      ? HttpResponse.json({ orders: ORDERS })
      : HttpResponse.json({ message: 'Sign in to see your orders.' }, { status: 401 });
    requestLog.record(
      describeExchange(
        { backend: config.backend, endpoint: 'orders (demo)', scenario: 'ok' },
        request,
        response,
      ),
    );
    return response;
  });

/** The demo's mocked backends: msw handlers, and a question about Commerce Engine's side. */
export type DemoHandlers = ReturnType<typeof commerceEngineHandlers>;

/**
 * The handlers of both mocked backends, the logout endpoint running the chosen scenario. Its
 * `isLive(token)` asks the mocked Commerce Engine whether it still accepts a token.
 */
export function demoHandlers(config: DemoConfig): DemoHandlers {
  const shared = {
    scenario: config.scenario,
    retryAfter: config.retryAfter,
    onRequest: requestLog.record,
  };
  const commerceEngine = commerceEngineHandlers({ ...shared, storeId: DEMO_STORE_ID });
  return Object.assign([orders(config), ...commerceEngine, ...wemasyHandlers(shared)], {
    isLive: commerceEngine.isLive,
  });
}
