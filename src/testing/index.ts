/**
 * `storefront-auth-kit/testing`: msw handlers that answer like Commerce Engine and Wemasy, with
 * scenarios for every outcome a logout can meet, Commerce Engine's session endpoints that the
 * vendor SDK calls, plus fixtures and token helpers. Use them with
 * `setupServer` (msw/node) in component tests or `setupWorker` (msw/browser) in a demo.
 * The kit's main entry never imports this module or msw.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { commerceEngineHandlers, commerceEngineSession, createRequestLog } from 'storefront-auth-kit/testing'
 *
 * const log = createRequestLog()
 * const server = setupServer(...commerceEngineHandlers({ storeId: 'demo-store', onRequest: log.record }))
 * store.getState().setSession(commerceEngineSession({ storeId: 'demo-store' }))
 */
export {
  type CommerceEngineHandlerOptions,
  type CommerceEngineHandlerSet,
  commerceEngineHandlers,
  commerceEngineRoot,
} from './commerceEngine.js';
export { type CommerceEngineOrder, sampleOrders } from './commerceEngineAccount.js';
export {
  anonymousUser,
  type CommerceEngineSessionOptions,
  type CommerceEngineUser,
  commerceEngineSession,
  type MockSession,
  maskToken,
  mintSanctumToken,
  randomId,
  sampleCustomer,
  sampleWemasyCustomer,
  type WemasyCustomer,
  wemasySession,
  wemasySessionUser,
} from './fixtures.js';
export { decodeJwt, isJwtLive, type JwtPayload, type MintJwtOptions, mintJwt } from './jwt.js';
export {
  createRequestLog,
  type MockBackendName,
  type MockRequestRecord,
  type RequestLog,
} from './requestLog.js';
export {
  bearerToken,
  MALFORMED_PAGE,
  type MockHandlerOptions,
  type MockScenario,
  mockScenarios,
} from './scenario.js';
export { WEMASY_DEMO_SIGN_IN_PATH, type WemasyHandlerOptions, wemasyHandlers } from './wemasy.js';
