import type { RequestHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import type { SessionData } from '../../src/index.js';
import {
  type CommerceEngineHandlerOptions,
  type CommerceEngineHandlerSet,
  type CommerceEngineOrder,
  commerceEngineHandlers,
  commerceEngineSession,
  type MockRequestRecord,
  type MockScenario,
  mintJwt,
  sampleOrders,
  wemasyHandlers,
  wemasySession,
} from '../../src/testing/index.js';

describe('storefront-auth-kit/testing types', () => {
  it('returns msw request handlers to spread into setupServer or setupWorker', () => {
    expectTypeOf(commerceEngineHandlers()).toExtend<RequestHandler[]>();
    expectTypeOf(wemasyHandlers()).toExtend<RequestHandler[]>();
  });

  it('lets a test ask the Commerce Engine handlers whether a token is still live', () => {
    expectTypeOf(commerceEngineHandlers()).toEqualTypeOf<CommerceEngineHandlerSet>();
    expectTypeOf(commerceEngineHandlers().isLive).toEqualTypeOf<(token: string) => boolean>();
    expectTypeOf(sampleOrders).toEqualTypeOf<readonly CommerceEngineOrder[]>();
  });

  it('takes the scenarios by name only', () => {
    expectTypeOf<MockScenario>().toEqualTypeOf<
      | 'ok'
      | 'unauthorized'
      | 'rate-limited'
      | 'server-error'
      | 'network-error'
      | 'slow'
      | 'malformed'
      | 'not-found'
      | 'bad-request'
    >();
    expectTypeOf<CommerceEngineHandlerOptions['environment']>().toEqualTypeOf<
      'staging' | 'production' | undefined
    >();
    // @ts-expect-error an unknown scenario does not type-check
    commerceEngineHandlers({ scenario: 'teapot' });
  });

  it('mints sessions the kit store accepts as they are', () => {
    expectTypeOf(commerceEngineSession()).toExtend<Partial<SessionData>>();
    expectTypeOf(wemasySession()).toExtend<Partial<SessionData>>();
    expectTypeOf(mintJwt).returns.toEqualTypeOf<string>();
  });

  it('reports requests with a nullable status for network errors', () => {
    expectTypeOf<MockRequestRecord['status']>().toEqualTypeOf<number | null>();
  });
});
